"""Starting the window application, and the one place that opens and locks the vault.

The controller shows one screen at a time: welcome (first start), unlock, or the main
window. Locking disposes the main window and every participant file (their unsaved work
kept as drafts), closes the database, zeroes the key and shows the unlock screen.

Only what the unlock screen needs is imported with this module: the database layer, the
services and the main window are loaded in the background once it is on screen
(``ui.shell.warm_up``), so the window is there at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from coachdesk.i18n import _
from coachdesk.ui.export.worker import widen_thread_pool
from coachdesk.ui.shell import warm_up
from coachdesk.ui.shell.busy import busy_cursor, wait_for_calls
from coachdesk.ui.shell.clipboard import ClipboardGuard
from coachdesk.ui.shell.idle import IdleWatcher
from coachdesk.ui.shell.placement import place_screen
from coachdesk.ui.shell.preferences import idle_minutes
from coachdesk.ui.shell.session_watch import SessionWatcher
from coachdesk.ui.shell.signals import AppSignals
from coachdesk.ui.shell.signer import SignerPreparation
from coachdesk.ui.unlock.demo_vault import DEMO_PASSPHRASE, demo_folder
from coachdesk.ui.unlock.screen import UnlockWindow
from coachdesk.vault.secrets import is_vault_folder

if TYPE_CHECKING:
    from coachdesk.facade import Services
    from coachdesk.ui.backup.automatic import AutoBackups
    from coachdesk.ui.backup.restore_flow import RestoreRequest
    from coachdesk.ui.shell.main_window import MainWindow
    from coachdesk.ui.unlock.welcome import WelcomeWindow
    from coachdesk.vault.store import Vault

APP_NAME = "CoachDesk"
LAST_VAULT_KEY = "last_vault"
LOCK_RETRY_MS = 250


RESUME_LOADING_MS = 1000  # after unlock, while the first view fills


class AppController(QObject):
    """Owns the vault, the services and the screens of one running CoachDesk."""

    def __init__(
        self,
        settings: QSettings,
        data_dir: Path,
        *,
        today: Callable[[], dt.date] = dt.date.today,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        widen_thread_pool()
        self.settings = settings
        self.data_dir = data_dir
        self.today = today
        self.signals = AppSignals(self)
        self.idle = IdleWatcher(idle_minutes(settings), self)
        self.idle.idle_timeout.connect(self.lock)
        self.idle.suspended.connect(self.lock)
        self.watch_session(SessionWatcher(self))
        # Text copied inside CoachDesk (a phone number, a name) must not outlive the lock.
        self.clipboard = ClipboardGuard(lambda: self.vault is not None, self)
        self.vault: Vault | None = None
        self.services: Services | None = None
        self.main_window: MainWindow | None = None
        self.welcome: WelcomeWindow | None = None
        self.unlock_window: UnlockWindow | None = None
        self._auto_backups: AutoBackups | None = None
        self.signer = SignerPreparation()
        self._restored = False
        """A restore happened: the next unlock writes it to the vault's audit log."""
        self.signals.language_changed.connect(self._retranslate_screens)

    @property
    def auto_backups(self) -> AutoBackups:
        """The daily backups, made when first needed (at the first unlock)."""
        if self._auto_backups is None:
            from coachdesk.ui.backup.automatic import AutoBackups

            self._auto_backups = AutoBackups(self.settings, self)
        return self._auto_backups

    def watch_session(self, watcher: SessionWatcher) -> None:
        """Lock when ``watcher`` reports a locked screen or the system going to sleep."""
        watcher.session_locked.connect(self.lock)

    # -- screens ----------------------------------------------------------------------------------

    def start(self, vault_path: Path | None = None) -> None:
        if vault_path is None:
            remembered = str(self.settings.value(LAST_VAULT_KEY, "") or "")
            vault_path = Path(remembered) if remembered else None
        if vault_path is not None and is_vault_folder(vault_path):
            self.show_unlock(vault_path)
        else:
            self.show_welcome()

    def show_welcome(self) -> None:
        from coachdesk.ui.unlock.welcome import WelcomeWindow

        previous = self._current_screen()
        self.welcome = WelcomeWindow(self.data_dir)
        self.welcome.vault_opened.connect(self.open_vault)
        self.welcome.open_requested.connect(lambda path: self.show_unlock(Path(path)))
        self._show_screen(self.welcome, previous)

    def show_unlock(self, path: Path) -> None:
        previous = self._current_screen()
        hint = ""
        if path == demo_folder(self.data_dir):
            hint = _("Demo vault - passphrase: {passphrase}").format(passphrase=DEMO_PASSPHRASE)
        self.unlock_window = UnlockWindow(path, hint)
        self.unlock_window.unlocked.connect(self.open_vault)
        self.unlock_window.other_vault_requested.connect(self.show_welcome)
        self.unlock_window.restored.connect(self._mark_restored)
        self._show_screen(self.unlock_window, previous)

    def _current_screen(self) -> QWidget | None:
        for screen in (self.main_window, self.unlock_window, self.welcome):
            if screen is not None and screen.isVisible():
                return screen
        return None

    def _show_screen(self, screen: QWidget, previous: QWidget | None) -> None:
        # Show the new screen before closing the old, so Qt never sees "last window closed".
        place_screen(screen, previous)
        screen.show()
        screen.raise_()
        screen.activateWindow()
        for other in (self.welcome, self.unlock_window):
            if other is not None and other is not screen:
                other.close()
                other.deleteLater()
        if self.welcome is not screen:
            self.welcome = None
        if self.unlock_window is not screen:
            self.unlock_window = None
        # Once it is on screen: load what unlocking needs while she types.
        QTimer.singleShot(0, warm_up.start)

    def _retranslate_screens(self) -> None:
        for screen in (self.welcome, self.unlock_window):
            if screen is not None and shiboken6.isValid(screen):
                screen.retranslate()

    # -- the vault --------------------------------------------------------------------------------

    def open_vault(self, vault: Vault) -> None:
        warm_up.wait_for_window()  # the modules below, if she was quicker than the import
        # The window and its first rows first, the document toolkit after (whoever needs it
        # sooner, the export dialog, asks for it and gets it at once).
        warm_up.hold()
        QTimer.singleShot(RESUME_LOADING_MS, warm_up.resume)
        from coachdesk.facade import Services
        from coachdesk.ui.shell.main_window import MainWindow

        self.vault = vault
        self.settings.setValue(LAST_VAULT_KEY, str(vault.path))
        self.services = Services(vault.sessions, today=self.today, vault=vault)
        self.services.subscribe(self.signals.publish)
        with busy_cursor():
            window = MainWindow(self.services, vault, self.signals, self.settings)
        window.lock_requested.connect(self.lock)
        window.idle_minutes_changed.connect(self.idle.set_minutes)
        window.restore_requested.connect(self.restore_from)
        self.main_window = window
        window.show()
        for screen in (self.welcome, self.unlock_window):
            if screen is not None:
                screen.close()
                screen.deleteLater()
        self.welcome = None
        self.unlock_window = None
        self.idle.set_minutes(idle_minutes(self.settings))
        self.idle.start()
        self._after_unlock(window)
        # Once the window is on screen: her name if the vault has none, her key in the background.
        QTimer.singleShot(0, lambda: self._prepare_signer(window))

    def _prepare_signer(self, window: MainWindow) -> None:
        if self.main_window is window and self.services is not None:
            self.signer.run(window, self.services)

    def _after_unlock(self, window: MainWindow) -> None:
        """Log a restore, say what went wrong with the last automatic backup, back up if due."""
        assert self.services is not None and self.vault is not None
        if self._restored:
            self._restored = False
            self.services.vault_admin.record_restore()
        self.auto_backups.tell_failure(window)
        self.auto_backups.start(self.services.vault_admin)

    def _mark_restored(self) -> None:
        self._restored = True

    def restore_from(self, request: RestoreRequest) -> None:
        """Lock the vault, put the checked backup in its place, and show the unlock screen."""
        vault = self.vault
        if vault is None:
            return
        self.lock()
        if self.vault is not None or self.unlock_window is None:
            return  # a dialog still writing kept the vault open; she can try again
        from coachdesk.ui.backup.restore_flow import carry_out

        screen = self.unlock_window

        def restored(outcome: tuple[bool, str]) -> None:
            done, notice = outcome
            self._restored = self._restored or done
            screen.show_notice(notice)

        # Copying a vault of hundreds of MB back takes seconds: off the UI thread, the
        # unlock screen's controls disabled (nothing opens a half-restored vault) and a note.
        screen.call.start(lambda: carry_out(request, vault.path), _("Restoring…"), restored)

    def lock(self) -> None:
        """Take every participant's data off the screen and close the vault."""
        vault = self.vault
        if vault is None or vault.is_locked:
            return
        self.idle.stop()
        # Dialogs (a message box, an editor) are closed first; their data goes with them.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()
        if any(isinstance(w, QDialog) and w.isVisible() for w in QApplication.topLevelWidgets()):
            # A dialog still writing from the vault (a signed export) cannot stop half way:
            # hide everything else now and close the vault as soon as it has finished.
            for widget in QApplication.topLevelWidgets():
                if not isinstance(widget, QDialog) and widget.isVisible():
                    widget.hide()
            QTimer.singleShot(LOCK_RETRY_MS, self.lock)
            return
        window = self.main_window
        if window is not None:
            window.dispose()
            self.show_unlock(vault.path)
            window.hide()
            window.deleteLater()
        else:
            self.show_unlock(vault.path)
        self.main_window = None
        self.services = None
        self.vault = None
        self.clipboard.clear()
        self.auto_backups.stop()
        _wait_for_backups()
        wait_for_calls()  # a passphrase change or a new certificate is written to the end
        self.signer.wait()
        vault.lock()

    def shutdown(self) -> None:
        """On quit: keep drafts, close the database and release the vault."""
        self.idle.stop()
        for screen in (self.unlock_window, self.welcome):
            if screen is not None and shiboken6.isValid(screen):
                screen.close()  # a vault being opened or made meanwhile is closed again
        if self.main_window is not None:
            self.main_window.dispose()
            # Gone now: a deferred deletion may never run after the last event loop, and a
            # participant file left behind would keep its draft timer.
            shiboken6.delete(self.main_window)
            self.main_window = None
        if self.vault is not None:
            # Never blocks closing: a failed backup is said at the next unlock.
            self.auto_backups.stop()
            _wait_for_backups()
            wait_for_calls()
            if self.services is not None:
                self.auto_backups.run_now(self.services.vault_admin)
            self.signer.wait()
            self.vault.lock()
            self.vault = None


def _wait_for_backups() -> None:
    from coachdesk.ui.backup.jobs import wait_for_backups

    wait_for_backups()
