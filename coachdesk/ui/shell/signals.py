"""Application-wide signals: what changed in the vault, and the language the UI speaks."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal

from coachdesk import i18n

if TYPE_CHECKING:  # the services load after the unlock window is on screen
    from coachdesk.services.context import Changes


class AppSignals(QObject):
    """One instance per running application; every view listens here.

    ``changed`` carries the services' :class:`Changes` after each committed mutation,
    ``language_changed`` the new language code after ``i18n.set_language``.
    """

    changed = Signal(object)
    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # i18n keeps its listeners for ever; a weak reference lets this object go away.
        ref = weakref.ref(self)

        def relay(lang: str) -> None:
            target = ref()
            if target is not None and shiboken6.isValid(target):
                target.language_changed.emit(lang)

        i18n.on_language_changed(relay)

    def publish(self, changes: Changes) -> None:
        """Listener for ``Services.subscribe``."""
        self.changed.emit(changes)
