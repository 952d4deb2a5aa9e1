"""Settings, "Backups": back up now, restore, check the vault, the automatic generations."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QStandardPaths, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import _, ngettext
from coachdesk.ui.backup.automatic import (
    GENERATIONS_KEY,
    MAX_GENERATIONS,
    MIN_GENERATIONS,
    generations,
    remember_manual_backup,
)
from coachdesk.ui.backup.jobs import BackupJob, backups_running
from coachdesk.ui.backup.model import BackupTableModel
from coachdesk.ui.backup.restore_flow import (
    RestoreRequest,
    ask_secret,
    confirm_restore,
    header_problem,
    verify,
)
from coachdesk.ui.kit.icons import Icon, icon
from coachdesk.ui.kit.style import message_label, wrapping_label
from coachdesk.vault.backup import BackupInfo, Progress
from coachdesk.vault.errors import VaultError, WrongPassphraseError
from coachdesk.vault.generations import automatic_backup_folder, list_backups
from coachdesk.vault.store import IntegrityReport


class BackupsGroup(QGroupBox):
    """Emits ``restore_requested(RestoreRequest)``: the application locks, then restores."""

    restore_requested = Signal(object)

    def __init__(
        self, services: Services, vault: Any, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backups")
        self.services = services
        self.vault = vault
        self.settings = settings
        self.job: BackupJob | None = None
        self._restoring: Path | None = None
        """The backup being checked for a restore."""
        self.intro = wrapping_label()
        self.backup_button = QPushButton(icon(Icon.BACKUP), "")
        self.restore_button = QPushButton()
        self.check_button = QPushButton()
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.message = message_label()
        self.message.setObjectName("backup_message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keep = QSpinBox()
        self.keep.setRange(MIN_GENERATIONS, MAX_GENERATIONS)
        self.keep.setValue(generations(settings))
        self.keep_label = QLabel()
        self.keep_label.setBuddy(self.keep)
        self.list_label = QLabel()
        self.list_label.setWordWrap(True)
        self.empty = wrapping_label()
        self.model = BackupTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("automatic_backups")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(6 * self.fontMetrics().height())
        self.table.setMaximumHeight(12 * self.fontMetrics().height())

        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.check_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep)
        keep_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.keep_label, keep_row)
        box = QVBoxLayout(self)
        box.addWidget(self.intro)
        box.addLayout(buttons)
        box.addWidget(self.progress)
        box.addWidget(self.message)
        box.addLayout(form)
        box.addWidget(self.list_label)
        box.addWidget(self.table)
        box.addWidget(self.empty)

        self.backup_button.clicked.connect(self.choose_backup_folder)
        self.restore_button.clicked.connect(self.choose_restore)
        self.check_button.clicked.connect(self.check_vault)
        self.keep.valueChanged.connect(self._keep_chosen)
        self.retranslate()
        self.refresh()

    @property
    def folder(self) -> Path:
        return automatic_backup_folder(Path(self.vault.path))

    def retranslate(self) -> None:
        self.setTitle(_("Backups"))
        self.intro.setText(
            _(
                "A backup is one encrypted file; it opens only with your passphrase or "
                "recovery code. Keep one on a USB stick in another place than your laptop."
            )
        )
        self.backup_button.setText(_("Back up now…"))
        self.restore_button.setText(_("Restore from backup…"))
        self.check_button.setText(_("Check the vault"))
        self.keep_label.setText(_("Automatic backups to &keep:"))
        self.list_label.setText(
            _("Automatic backups (daily and when CoachDesk closes) in {folder}:").format(
                folder=str(self.folder)
            )
        )
        self.empty.setText(
            _("No automatic backup yet. The first one is made today, and when CoachDesk closes.")
        )
        self.model.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        self.model.set_rows([b for b in list_backups(self.folder) if b.automatic])
        self.table.setVisible(self.model.rowCount() > 0)
        self.empty.setVisible(self.model.rowCount() == 0)

    def clear(self) -> None:
        self.model.set_rows([])

    def _keep_chosen(self, value: int) -> None:
        self.settings.setValue(GENERATIONS_KEY, value)

    def _set_busy(self, busy: bool) -> None:
        for button in (self.backup_button, self.restore_button, self.check_button):
            button.setEnabled(not busy)
        self.progress.setVisible(busy)

    # -- back up now -----------------------------------------------------------------------------

    def choose_backup_folder(self) -> None:
        start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation)
        folder = QFileDialog.getExistingDirectory(
            self, _("Choose where to put the backup (for example a USB stick)"), start
        )
        if folder:
            self.back_up_to(Path(folder))

    def back_up_to(self, folder: Path) -> None:
        """Write a backup into ``folder`` off the UI thread; the progress bar follows it."""
        if self.job is not None or backups_running():
            self.message.setText(_("A backup is running. Please wait until it has finished."))
            return
        admin = self.services.vault_admin

        def work(progress: Progress) -> object:
            return admin.back_up(folder, progress=progress)

        self._start(BackupJob(work), self._backed_up)
        self.message.setText(_("Backing up…"))

    def _start(self, job: BackupJob, done: Any) -> None:
        self.job = job
        self.progress.setRange(0, 0)
        self._set_busy(True)
        job.signals.progressed.connect(self._progressed)
        job.signals.finished.connect(done)
        job.signals.failed.connect(self._failed)
        job.start()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _backed_up(self, info: BackupInfo) -> None:
        self.job = None
        self._set_busy(False)
        remember_manual_backup(self.settings, info.path)
        self.message.setText(_("Backup written and checked: {path}").format(path=str(info.path)))

    def _failed(self, exc: BaseException) -> None:
        self.job = None
        self._set_busy(False)
        path, self._restoring = self._restoring, None
        if isinstance(exc, WrongPassphraseError) and path is not None:
            self.restore_from(path, again=True)
            return
        if not isinstance(exc, VaultError):
            raise exc
        self.message.setText(str(exc))

    # -- restore ---------------------------------------------------------------------------------

    def choose_restore(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a backup"), str(self.folder), _("CoachDesk backups (*.cdbackup)")
        )
        if path:
            self.restore_from(Path(path))

    def restore_from(self, path: Path, *, again: bool = False) -> None:
        """Ask for the backup's secret, check it off the UI thread, then confirm."""
        problem = None if again else header_problem(path)
        if problem is not None:
            self.message.setText(problem)
            return
        secret = ask_secret(self, again)
        if secret is None:
            return
        self._restoring = path
        self._start(BackupJob(lambda _progress: verify(path, secret)), self._verified)
        self.message.setText(_("Checking the backup…"))

    def _verified(self, request: RestoreRequest) -> None:
        self.job = None
        self._restoring = None
        self._set_busy(False)
        self.message.setText("")
        if self.vault.is_locked:
            return  # locked while the backup was checked: nothing to restore into now
        if confirm_restore(self, request, Path(self.vault.path)):
            self.restore_requested.emit(request)

    # -- check -----------------------------------------------------------------------------------

    def check_vault(self) -> None:
        if self.job is not None:
            return
        admin = self.services.vault_admin
        self._start(BackupJob(lambda _progress: admin.check()), self._checked)
        self.message.setText(_("Checking every page of the vault…"))

    def _checked(self, report: IntegrityReport) -> None:
        self.job = None
        self._set_busy(False)
        if report.ok:
            self.message.setText(
                _(
                    "The vault is in good order: every page, its structure and every attached "
                    "paper checked out."
                )
            )
        else:
            problems = len(report.problems)
            self.message.setText(
                ngettext(
                    "The vault is damaged ({count} problem found). Make no more changes: "
                    "restore the newest good backup.",
                    "The vault is damaged ({count} problems found). Make no more changes: "
                    "restore the newest good backup.",
                    problems,
                ).format(count=problems)
            )
