"""One application-wide signal hub: services' changes and the UI language reach every view."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppSignals(QObject):
    """``changed`` carries a services ``Changes``; ``language_changed`` the new language code."""

    changed = Signal(object)
    language_changed = Signal(str)
