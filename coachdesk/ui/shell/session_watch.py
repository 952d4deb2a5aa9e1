"""Lock when the desktop locks its screen or the laptop goes to sleep, where the system says so.

On Linux the session's screen saver and logind announce this on D-Bus; Qt's D-Bus module
listens without any network access. Elsewhere (or without D-Bus) nothing is connected and
the idle timer (``idle.py``) is the safety net.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import SLOT, QObject, Signal, Slot

try:  # QtDBus is part of PySide6 on Linux; other platforms may not ship it.
    from PySide6.QtDBus import QDBusConnection
except ImportError:  # pragma: no cover - platform dependent
    QDBusConnection = None  # type: ignore[assignment,misc]

SCREEN_SAVERS = (
    ("org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("org.gnome.ScreenSaver", "/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
    ("org.mate.ScreenSaver", "/org/mate/ScreenSaver", "org.mate.ScreenSaver"),
)
LOGIN1 = ("org.freedesktop.login1", "/org/freedesktop/login1", "org.freedesktop.login1.Manager")
LOGIN1_SESSION = "org.freedesktop.login1.Session"


def _slot(signature: str) -> Any:
    """``SLOT(signature)`` as QDBusConnection.connect takes it at run time: a str. PySide6's
    stubs ask for bytes, which the call itself refuses (checked with PySide6 6.11)."""
    return SLOT(signature)


class SessionWatcher(QObject):
    """Emits ``session_locked`` when the screen locks or the system prepares to sleep."""

    session_locked = Signal()

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        session_bus: QDBusConnection | None = None,
        system_bus: QDBusConnection | None = None,
    ) -> None:
        super().__init__(parent)
        self.connected: list[str] = []
        """What is being watched (for diagnostics and tests)."""
        if QDBusConnection is None:
            return
        session = session_bus or QDBusConnection.sessionBus()
        if session.isConnected():
            for service, path, interface in SCREEN_SAVERS:
                # An empty service name matches the signal from whoever owns the name.
                if session.connect(
                    "", path, interface, "ActiveChanged", self, _slot("screen_saver_changed(bool)")
                ):
                    self.connected.append(service)
        system = system_bus or QDBusConnection.systemBus()
        if system.isConnected():
            service, path, interface = LOGIN1
            if system.connect(
                service, path, interface, "PrepareForSleep", self, _slot("prepare_for_sleep(bool)")
            ):
                self.connected.append("login1 sleep")
            # logind asks every session to lock (loginctl lock-sessions, lid close policies).
            if system.connect(service, "", LOGIN1_SESSION, "Lock", self, _slot("lock_requested()")):
                self.connected.append("login1 lock")

    @Slot(bool)
    def screen_saver_changed(self, active: bool) -> None:
        if active:
            self.session_locked.emit()

    @Slot(bool)
    def prepare_for_sleep(self, sleeping: bool) -> None:
        if sleeping:
            self.session_locked.emit()

    @Slot()
    def lock_requested(self) -> None:
        self.session_locked.emit()
