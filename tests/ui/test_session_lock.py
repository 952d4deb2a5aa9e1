"""The vault locks when the desktop's screen saver reports a locked screen (D-Bus, Linux)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator

import pytest
from PySide6 import QtDBus
from PySide6.QtCore import QSettings

from coachdesk.ui.shell.app import AppController
from coachdesk.ui.shell.session_watch import SessionWatcher
from tests.conftest import TODAY
from tests.ui.shell_support import close_all_windows, type_passphrase


@pytest.fixture
def session_bus() -> Iterator[str]:
    """A private D-Bus session bus (the desktop's own bus is not touched)."""
    if shutil.which("dbus-daemon") is None or shutil.which("dbus-send") is None:
        # Installed by `make test` (scripts/system-deps.sh): a missing bus is a broken
        # set-up to fix, not a test to leave out.
        pytest.fail("dbus-daemon and dbus-send are missing: run `make .venv/.system-deps`")
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--print-address", "--nofork", "--nopidfile"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    yield address
    daemon.terminate()
    daemon.wait(timeout=10)


def test_screen_saver_locks_the_vault(qtbot, vault_path, tmp_path, session_bus: str) -> None:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    controller = AppController(settings, tmp_path / "data", today=lambda: TODAY)
    bus = QtDBus.QDBusConnection.connectToBus(session_bus, "coachdesk-test-session")
    watcher = SessionWatcher(controller, session_bus=bus)
    assert "org.freedesktop.ScreenSaver" in watcher.connected
    controller.watch_session(watcher)
    try:
        controller.start(vault_path)
        type_passphrase(controller, qtbot)
        vault = controller.vault
        assert vault is not None and not vault.is_locked

        # The screen saver deactivating is no reason to lock.
        _send(session_bus, "false")
        qtbot.wait(300)
        assert not vault.is_locked
        _send(session_bus, "true")
        qtbot.waitUntil(lambda: vault.is_locked, timeout=5000)
        assert controller.unlock_window is not None and controller.unlock_window.isVisible()
    finally:
        controller.shutdown()
        close_all_windows()
        QtDBus.QDBusConnection.disconnectFromBus("coachdesk-test-session")


def _send(address: str, active: str) -> None:
    subprocess.run(
        [
            "dbus-send",
            f"--bus={address}",
            "--type=signal",
            "/org/freedesktop/ScreenSaver",
            "org.freedesktop.ScreenSaver.ActiveChanged",
            f"boolean:{active}",
        ],
        check=True,
    )
