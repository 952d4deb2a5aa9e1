"""Automatic backups: once a day while the vault is open, and whenever CoachDesk closes.

A failed automatic backup never keeps her from working or from closing: it is logged
(type name only, no personal data, no file names) and said the next time she unlocks.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from coachdesk.i18n import _
from coachdesk.services.vault_admin import VaultAdminService
from coachdesk.ui.backup.jobs import BackupJob, backups_running
from coachdesk.vault.backup import DEFAULT_GENERATIONS, Progress
from coachdesk.vault.errors import VaultError
from coachdesk.vault.generations import automatic_backup_folder, backup_due
from coachdesk.vault.store import Vault

GENERATIONS_KEY = "backup/generations"
FAILURE_KEY = "backup/last_failure"
MANUAL_KEY = "backup/manual_files"
MIN_GENERATIONS, MAX_GENERATIONS = 1, 60
CHECK_INTERVAL_MS = 60 * 60 * 1000
"""How often an open vault looks whether its daily backup is due."""

log = logging.getLogger(__name__)


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def generations(settings: QSettings) -> int:
    try:
        value = int(str(settings.value(GENERATIONS_KEY, DEFAULT_GENERATIONS)))
    except ValueError:
        value = DEFAULT_GENERATIONS
    return max(MIN_GENERATIONS, min(MAX_GENERATIONS, value))


def manual_backups(settings: QSettings) -> list[Path]:
    """Backups she made by hand in other places (a USB stick), as far as CoachDesk knows."""
    value = settings.value(MANUAL_KEY, [])
    # QSettings gives back a one-entry list as a plain string, an empty one as None.
    paths = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
    return [Path(p) for p in paths if p]


def remember_manual_backup(settings: QSettings, path: Path) -> None:
    known = [str(p) for p in manual_backups(settings) if p != path]
    settings.setValue(MANUAL_KEY, [*known, str(path)])


def failure_text(exc: BaseException) -> str:
    if isinstance(exc, VaultError):
        return _("The automatic backup failed: {reason}").format(reason=str(exc))
    return _("The automatic backup failed because of an unexpected error.")


class AutoBackups(QObject):
    """Emits ``finished`` after each automatic backup, good or failed."""

    finished = Signal()

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.admin: VaultAdminService | None = None
        self.job: BackupJob | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_INTERVAL_MS)
        self.timer.timeout.connect(self.run_if_due)

    def start(self, admin: VaultAdminService) -> None:
        """The vault was unlocked: back up now if a day has passed, and look again hourly."""
        self.admin = admin
        self.timer.start()
        self.run_if_due()

    def stop(self) -> None:
        self.timer.stop()
        self.admin = None

    def folder(self, vault: Vault) -> Path:
        return automatic_backup_folder(vault.path)

    def run_if_due(self) -> None:
        admin = self.admin
        if admin is None or admin.vault.is_locked or backups_running():
            return
        if not backup_due(self.folder(admin.vault), utc_now()):
            return
        keep = generations(self.settings)

        def work(progress: Progress) -> object:
            return admin.back_up_automatically(keep=keep, progress=progress)

        job = BackupJob(work)
        job.signals.finished.connect(self._succeeded)
        job.signals.failed.connect(self._failed)
        self.job = job
        job.start()

    def run_now(self, admin: VaultAdminService) -> bool:
        """On closing: one more generation, synchronously; never raises."""
        try:
            admin.back_up_automatically(keep=generations(self.settings))
        except Exception as exc:  # closing goes on whatever happened
            self._failed(exc)
            return False
        self._succeeded(None)
        return True

    def _succeeded(self, _info: Any) -> None:
        self.job = None
        self.settings.remove(FAILURE_KEY)
        self.finished.emit()

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        # Only the kind of error: its text may name a folder, which may name a person.
        log.warning("automatic backup failed: %s", type(exc).__name__)
        self.settings.setValue(FAILURE_KEY, failure_text(exc))
        self.finished.emit()

    def tell_failure(self, window: QWidget) -> None:
        """Say once, over the main window, that the last automatic backup failed."""
        failure = self.take_failure()
        if failure:
            box = QMessageBox(
                QMessageBox.Icon.Warning, _("Automatic backup"), failure, parent=window
            )
            box.setObjectName("backup_failure")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()

    def take_failure(self) -> str:
        """What went wrong with the last automatic backup ("" if it worked); said once."""
        text = str(self.settings.value(FAILURE_KEY, "") or "")
        self.settings.remove(FAILURE_KEY)
        return text
