"""Her choices kept on this computer (QSettings) that start-up needs before any vault is open."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from coachdesk.ui.shell.idle import DEFAULT_IDLE_MINUTES, MAX_IDLE_MINUTES, MIN_IDLE_MINUTES

LANGUAGE_KEY = "language"
IDLE_KEY = "idle_minutes"


def idle_minutes(settings: QSettings) -> int:
    try:
        value = int(str(settings.value(IDLE_KEY, DEFAULT_IDLE_MINUTES)))
    except ValueError:
        value = DEFAULT_IDLE_MINUTES
    return max(MIN_IDLE_MINUTES, min(MAX_IDLE_MINUTES, value))
