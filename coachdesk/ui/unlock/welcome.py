"""First start: create a vault (then show its recovery code once), open one, or try the demo.

Creating a vault derives two keys (passphrase and recovery code) and builds its schema;
the demo vault also fills it: both run off the UI thread with a busy note.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.i18n import _
from coachdesk.ui.kit.passphrase_fields import PassphraseFields
from coachdesk.ui.kit.shortcuts import add_quit_shortcut
from coachdesk.ui.kit.style import heading_label, wrapping_label
from coachdesk.ui.shell.busy import BackgroundCall, BusyNote
from coachdesk.ui.unlock.demo_vault import DEMO_PASSPHRASE, create_demo_vault, demo_folder
from coachdesk.ui.unlock.profile_page import ProfilePage
from coachdesk.ui.unlock.recovery_page import RecoveryPage
from coachdesk.vault.errors import NotAVaultError, VaultError
from coachdesk.vault.store import Vault

CHOICE, CREATE, RECOVERY, PROFILE = range(4)


def free_vault_folder(data_dir: Path) -> Path:
    """``<data>/vault``, or ``vault-2``, ``vault-3``... when that one is taken."""
    candidate = data_dir / "vault"
    n = 2
    while candidate.exists() and any(candidate.iterdir()):
        candidate = data_dir / f"vault-{n}"
        n += 1
    return candidate


class WelcomeWindow(QWidget):
    """Emits ``vault_opened(Vault)`` with a new open vault, ``open_requested(str)`` for unlock."""

    vault_opened = Signal(object)
    open_requested = Signal(str)

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self._new_vault: Vault | None = None
        self.setObjectName("welcome")
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_choice())
        self.pages.addWidget(self._build_create())
        self.recovery = RecoveryPage()
        self.recovery.confirmed.connect(self._ask_profile)
        self.pages.addWidget(self.recovery)
        self.profile = ProfilePage()
        self.profile.completed.connect(self._finish_create)
        self.pages.addWidget(self.profile)
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(self.pages, 4)
        outer.addStretch(1)
        add_quit_shortcut(self)
        self.retranslate()

    # -- pages ----------------------------------------------------------------------------------

    def _build_choice(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.title = heading_label()
        self.intro = wrapping_label()
        self.create_button = QPushButton()
        self.open_button = QPushButton()
        self.demo_button = QPushButton()
        self.choice_error = wrapping_label(error=True)
        self.choice_busy = BusyNote()
        box.addStretch(1)
        box.addWidget(self.title)
        box.addWidget(self.intro)
        box.addSpacing(self.fontMetrics().height())
        for w in (self.create_button, self.open_button, self.demo_button):
            w.setMinimumHeight(int(w.sizeHint().height() * 1.4))
            box.addWidget(w)
        box.addWidget(self.choice_error)
        box.addWidget(self.choice_busy)
        box.addStretch(2)
        choices = (self.create_button, self.open_button, self.demo_button)
        self.choice_call = BackgroundCall(self, choices, self.choice_busy)
        self.create_button.clicked.connect(self._show_create)
        self.open_button.clicked.connect(self._choose_existing)
        self.demo_button.clicked.connect(self.open_demo)
        return page

    def _build_create(self) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        self.create_title = heading_label()
        self.create_intro = wrapping_label()
        self.folder_label = QLabel()
        self.folder = QLineEdit(str(free_vault_folder(self.data_dir)))
        self.folder_button = QPushButton()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.folder_button)
        self.passphrase = PassphraseFields()
        self.create_error = wrapping_label(error=True)
        self.create_busy = BusyNote()
        self.back_button = QPushButton()
        self.confirm_create = QPushButton()
        self.confirm_create.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_create)
        box.addStretch(1)
        for w in (self.create_title, self.create_intro, self.folder_label):
            box.addWidget(w)
        box.addLayout(folder_row)
        box.addWidget(self.passphrase)
        box.addWidget(self.create_error)
        box.addWidget(self.create_busy)
        box.addLayout(buttons)
        box.addStretch(2)
        fields = (self.folder, self.folder_button, self.passphrase)
        self.create_call = BackgroundCall(
            self, (*fields, self.back_button, self.confirm_create), self.create_busy
        )
        self.folder_button.clicked.connect(self._choose_new_folder)
        self.back_button.clicked.connect(lambda: self.pages.setCurrentIndex(CHOICE))
        self.confirm_create.clicked.connect(self.create_vault)
        self.passphrase.changed.connect(lambda: self.create_error.setText(""))
        # A QWidget has no default button: Enter in the repeated passphrase creates the vault.
        self.passphrase.second.returnPressed.connect(self.create_vault)
        return page

    def retranslate(self) -> None:
        self.setWindowTitle(_("Welcome"))  # Qt adds " — CoachDesk"
        self.title.setText(_("Welcome to CoachDesk"))
        self.intro.setText(
            _(
                "CoachDesk keeps your participants' files in an encrypted vault on this "
                "laptop. Nothing is sent anywhere. Create your vault to begin."
            )
        )
        self.create_button.setText(_("Create a new vault"))
        self.open_button.setText(_("Open an existing vault…"))
        self.demo_button.setText(_("Try the demo vault (invented people)"))
        self.create_title.setText(_("Create a new vault"))
        self.create_intro.setText(
            _(
                "Choose a passphrase you can remember and type quickly, for example a short "
                "sentence. Without it or the recovery code nobody can open the vault - "
                "not even you."
            )
        )
        self.folder_label.setText(_("Folder for the vault:"))
        self.folder_button.setText(_("Choose…"))
        self.back_button.setText(_("Back"))
        self.confirm_create.setText(_("Create vault"))
        self.passphrase.retranslate()
        self.recovery.retranslate()
        self.profile.retranslate()

    # -- actions --------------------------------------------------------------------------------

    def _show_create(self) -> None:
        self.choice_error.setText("")
        self.pages.setCurrentIndex(CREATE)
        self.passphrase.first.setFocus()

    def _choose_new_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, _("Folder for the vault"), str(self.data_dir)
        )
        if folder:
            self.folder.setText(folder)

    def _choose_existing(self) -> None:
        start = self.data_dir if self.data_dir.is_dir() else Path.home()
        folder = QFileDialog.getExistingDirectory(self, _("Open a vault"), str(start))
        if folder:
            self.request_open(Path(folder))

    def request_open(self, folder: Path) -> None:
        if not Vault.exists(folder):
            self.choice_error.setText(str(NotAVaultError()))
            return
        self.open_requested.emit(str(folder))

    def create_vault(self) -> None:
        if self.create_call.running:
            return
        problem = self.passphrase.problem()
        folder_text = self.folder.text().strip()
        if problem is None and not folder_text:
            problem = _("Please choose a folder for the vault.")
        if problem is not None:
            self.create_error.setText(problem)
            return
        self.create_error.setText("")
        folder, secret = Path(folder_text), self.passphrase.first.text()
        self.create_call.start(
            lambda: Vault.create(folder, secret),
            _("Creating the vault…"),
            self._created,
            self._not_created,
        )

    def _not_created(self, exc: Exception) -> None:
        if not isinstance(exc, VaultError):
            raise exc
        self.create_error.setText(str(exc))

    def _created(self, made: tuple[Vault, str]) -> None:
        vault, code = made
        self.passphrase.clear()
        self._new_vault = vault
        self.recovery.show_code(code, vault.name, vault.path)
        self.pages.setCurrentIndex(RECOVERY)

    def _ask_profile(self) -> None:
        if self._new_vault is None:
            return
        self.recovery.forget()
        self.pages.setCurrentIndex(PROFILE)
        self.profile.ask(self._new_vault)

    def _finish_create(self) -> None:
        vault = self._new_vault
        if vault is None:
            return
        self._new_vault = None
        self.vault_opened.emit(vault)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closed while a vault was being made: it is finished (never left half made), closed.
        for call in (self.create_call, self.choice_call):
            outcome = call.settle()
            if outcome is not None and outcome[0]:
                made = outcome[1]
                (made[0] if isinstance(made, tuple) else made).lock()
        # Closed on the recovery page: the new vault was made, so close it properly.
        if self._new_vault is not None:
            self._new_vault.lock()
            self._new_vault = None
        super().closeEvent(event)

    def open_demo(self) -> None:
        folder = demo_folder(self.data_dir)
        if Vault.exists(folder):
            self.open_requested.emit(str(folder))
            return
        self.choice_error.setText("")
        self.choice_call.start(
            lambda: create_demo_vault(folder),
            _("Creating the demo vault…"),
            self._demo_created,
            self._demo_failed,
        )

    def _demo_failed(self, exc: Exception) -> None:
        if not isinstance(exc, VaultError):
            raise exc
        self.choice_error.setText(str(exc))

    def _demo_created(self, vault: Vault) -> None:
        QMessageBox.information(
            self,
            _("Demo vault"),
            _(
                "The demo vault holds invented participants to try CoachDesk. "
                "Its passphrase is:\n\n{passphrase}\n\nUse your own vault for real people."
            ).format(passphrase=DEMO_PASSPHRASE),
        )
        self.vault_opened.emit(vault)
