"""Settings: language, automatic lock, the coach's name, the passphrase, where the vault lives."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coachdesk import i18n
from coachdesk.facade import Services
from coachdesk.i18n import _, ngettext
from coachdesk.services.errors import ValidationError
from coachdesk.ui.backup.page import BackupsGroup
from coachdesk.ui.kit.count_spin_box import CountSpinBox
from coachdesk.ui.kit.passphrase_fields import PassphraseFields
from coachdesk.ui.kit.style import heading_label, message_label, wrapping_label
from coachdesk.ui.settings.colleagues import ColleaguesGroup
from coachdesk.ui.settings.papers import PapersGroup
from coachdesk.ui.settings.retention import RetentionGroup
from coachdesk.ui.settings.signing import DocumentsGroup
from coachdesk.ui.shell.busy import BackgroundCall, BusyNote
from coachdesk.ui.shell.idle import MAX_IDLE_MINUTES, MIN_IDLE_MINUTES
from coachdesk.ui.shell.preferences import IDLE_KEY, LANGUAGE_KEY, idle_minutes
from coachdesk.vault.errors import VaultError

LANGUAGE_NAMES = {"en": "English", "de": "Deutsch"}
"""Each language is named in itself, so a coach finds hers whatever the UI speaks now."""


class SettingsView(QWidget):
    """Emits ``idle_minutes_changed(int)``; the language switches at once through ``i18n``."""

    idle_minutes_changed = Signal(int)

    def __init__(
        self, services: Services, vault: Any, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.vault = vault
        self.settings = settings

        self.language = QComboBox()
        self.language.setObjectName("language")
        for code in i18n.SUPPORTED_LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language.setCurrentIndex(self.language.findData(i18n.current_language()))
        self.idle = CountSpinBox(
            lambda n: ngettext("{n} minute without input", "{n} minutes without input", n)
        )
        self.idle.setRange(MIN_IDLE_MINUTES, MAX_IDLE_MINUTES)
        self.idle.setValue(idle_minutes(settings))
        self.coach_name = QLineEdit(services.settings.coach_name())
        self.coach_name.setObjectName("coach_name")
        self.coach_save = QPushButton()
        self.coach_message = message_label()
        self.old_passphrase = QLineEdit()
        self.old_passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_passphrase = PassphraseFields()
        self.passphrase_button = QPushButton()
        self.passphrase_message = message_label()
        self.passphrase_busy = BusyNote()
        self.folder = QLabel(str(vault.path))
        self.folder.setWordWrap(True)
        self.folder.setObjectName("vault_folder")
        self.show_folder = QPushButton()

        self.general = QGroupBox()
        general_box = QVBoxLayout(self.general)
        general_form = QFormLayout()
        general_box.addLayout(general_form)
        self.language_label = QLabel()
        self.idle_label = QLabel()
        self.coach_label = QLabel()
        for lbl, field in (
            (self.language_label, self.language),
            (self.idle_label, self.idle),
            (self.coach_label, self.coach_name),
        ):
            lbl.setBuddy(field)
        coach_row = QHBoxLayout()
        coach_row.addWidget(self.coach_name, 1)
        coach_row.addWidget(self.coach_save)
        general_form.addRow(self.language_label, self.language)
        general_form.addRow(self.idle_label, self.idle)
        general_form.addRow(self.coach_label, coach_row)
        general_box.addWidget(self.coach_message)

        self.security = QGroupBox()
        security_box = QVBoxLayout(self.security)
        self.old_label = QLabel()
        self.new_passphrase.insert_row(self.old_label, self.old_passphrase)
        security_box.addWidget(self.new_passphrase)
        security_box.addWidget(self.passphrase_message)
        security_box.addWidget(self.passphrase_busy)
        pass_row = QHBoxLayout()
        pass_row.addStretch(1)
        pass_row.addWidget(self.passphrase_button)
        security_box.addLayout(pass_row)

        self.storage = QGroupBox()
        storage_box = QVBoxLayout(self.storage)
        self.folder_intro = wrapping_label()
        storage_box.addWidget(self.folder_intro)
        storage_box.addWidget(self.folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.show_folder)
        folder_row.addStretch(1)
        storage_box.addLayout(folder_row)

        content = QWidget()
        # Very wide fields are hard to read; the page keeps a comfortable width for its font.
        content.setMaximumWidth(60 * self.fontMetrics().horizontalAdvance("M"))
        box = QVBoxLayout(content)
        self.title = heading_label()
        box.addWidget(self.title)
        self.documents = DocumentsGroup(services)
        self.backups = BackupsGroup(services, vault, settings)
        self.retention = RetentionGroup(services)
        self.papers = PapersGroup(services)
        self.colleagues = ColleaguesGroup(services)
        groups = (self.general, self.documents, self.colleagues, self.security, self.backups)
        for group in (*groups, self.retention, self.papers, self.storage):
            box.addWidget(group)
        box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self.language.currentIndexChanged.connect(self._language_chosen)
        self.idle.valueChanged.connect(self._idle_chosen)
        self.coach_save.clicked.connect(self.save_coach_name)
        self.coach_name.returnPressed.connect(self.save_coach_name)
        self.passphrase_button.clicked.connect(self.change_passphrase)
        # Checking the current passphrase and wrapping the key for the new one derive two
        # keys: off the UI thread, the fields and the button wait meanwhile.
        busy = (self.old_passphrase, self.new_passphrase, self.passphrase_button)
        self.passphrase_call = BackgroundCall(self, busy, self.passphrase_busy)
        self.show_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.vault.path)))
        )
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("Settings"))
        self.general.setTitle(_("General"))
        self.language_label.setText(_("&Language:"))
        self.idle_label.setText(_("Lock &automatically after:"))
        self.idle.retranslate()
        self.coach_label.setText(_("Your &name (on documents and in the log):"))
        self.coach_save.setText(_("Save name"))
        self.security.setTitle(_("Change passphrase"))
        self.old_label.setText(_("&Current passphrase:"))
        self.new_passphrase.retranslate()
        self.passphrase_button.setText(_("Change passphrase"))
        self.storage.setTitle(_("Vault"))
        self.folder_intro.setText(
            _(
                "Your vault is this folder. Back it up as a whole; it stays encrypted. "
                "Without the passphrase or the recovery code nobody can read it."
            )
        )
        self.show_folder.setText(_("Show folder"))
        self.documents.retranslate()
        self.backups.retranslate()
        self.retention.retranslate()
        self.papers.retranslate()
        self.colleagues.retranslate()
        # The language box keeps the current language selected without re-emitting.
        self.language.blockSignals(True)
        self.language.setCurrentIndex(self.language.findData(i18n.current_language()))
        self.language.blockSignals(False)

    def _language_chosen(self) -> None:
        code = self.language.currentData()
        if code and code != i18n.current_language():
            self.settings.setValue(LANGUAGE_KEY, code)
            i18n.set_language(code)

    def _idle_chosen(self, minutes: int) -> None:
        self.settings.setValue(IDLE_KEY, minutes)
        self.idle_minutes_changed.emit(minutes)

    def refresh(self) -> None:
        """Show what the vault holds now (her name is asked after unlock when it is missing)."""
        self.coach_name.setText(self.services.settings.coach_name())
        self.papers.refresh()
        self.colleagues.refresh()

    def clear(self) -> None:
        """Nothing typed stays when the vault locks: the passphrase fields are emptied."""
        self.old_passphrase.clear()
        self.new_passphrase.clear()
        self.passphrase_message.setText("")

    def save_coach_name(self) -> None:
        try:
            self.services.settings.set_coach_name(self.coach_name.text())
        except ValidationError as err:
            self.coach_message.setText(str(err))
            return
        self.coach_message.setText(_("Saved."))

    def change_passphrase(self) -> None:
        if self.passphrase_call.running:
            return
        problem = self.new_passphrase.problem()
        if not self.old_passphrase.text():
            problem = _("Please type your current passphrase.")
        if problem is not None:
            self.passphrase_message.setText(problem)
            return
        self.passphrase_message.setText("")
        admin = self.services.vault_admin
        old, new = self.old_passphrase.text(), self.new_passphrase.first.text()
        self.passphrase_call.start(
            lambda: admin.change_passphrase(old, new),
            _("Changing the passphrase…"),
            self._passphrase_changed,
            self._passphrase_not_changed,
        )

    def _passphrase_not_changed(self, exc: Exception) -> None:
        if not isinstance(exc, VaultError):
            raise exc
        self.passphrase_message.setText(str(exc))

    def _passphrase_changed(self, _result: object) -> None:
        self.old_passphrase.clear()
        self.new_passphrase.clear()
        self.passphrase_message.setText(
            _("The passphrase was changed. Use the new one from now on.")
        )
