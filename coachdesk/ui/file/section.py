"""What every tab of a participant's file shares: its services, refresh on change, safe actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.ui.shell.signals import AppSignals
from coachdesk.vault.errors import StorageError

T = TypeVar("T")


def guarded(parent: QWidget, action: Callable[[], T]) -> T | None:
    """Run a service call from a button; a problem becomes a message instead of a crash."""
    try:
        return action()
    except ValidationError as err:
        QMessageBox.warning(parent, _("Please check"), err.render())
    except (NotFoundError, StorageError) as err:
        QMessageBox.warning(parent, _("Could not save"), str(err))
    return None


def button_row(*buttons: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


class FileSection(QWidget):
    """A tab of the participant file; refreshes when a change of ``KINDS`` concerns her."""

    KINDS: tuple[ChangeKind, ...] = ()

    def __init__(
        self,
        services: Services,
        signals: AppSignals,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.signals = signals
        self.participant_id = participant_id
        signals.changed.connect(self._on_changed)

    def _on_changed(self, changes: Changes) -> None:
        if self.services.is_locked:
            return  # a change delivered after the vault was locked: nothing to read
        if not changes.concerns(*self.KINDS) or changes.caused_by(self):
            return  # not hers, or this tab's own save (it shows the result already)
        if changes.participant_ids and self.participant_id not in changes.participant_ids:
            return
        self.refresh()

    def refresh(self) -> None:
        """Reload from the services (subclasses show their list)."""

    def today(self) -> Any:
        return self.services.ctx.today()
