"""Settings, "Colleagues": certificates of colleagues to hand participants over to.

A certificate comes from a file she was given; its fingerprint is compared with the
colleague (read aloud by phone or in person) before it is marked verified. Removed
certificates are never used again. "Open a transfer file…" is here too, beside the
colleagues it comes from.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.services.colleagues import ColleagueInfo
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.kit.style import message_label, wrapping_label
from coachdesk.ui.settings.colleague_model import ColleagueTableModel, state_text
from coachdesk.ui.transfer.launch import OpenTransferButton
from coachdesk.vault.errors import StorageError


def fingerprint_block(fingerprint: str) -> str:
    """Four lines of four groups, the way it is read aloud."""
    hexa = fingerprint.upper()
    groups = [hexa[i : i + 4] for i in range(0, len(hexa), 4)]
    return "\n".join("  ".join(groups[i : i + 4]) for i in range(0, len(groups), 4))


class ColleaguesGroup(QGroupBox):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("colleagues")
        self.services = services
        self.intro = wrapping_label()
        self.table: RecordTable[ColleagueInfo] = RecordTable(ColleagueTableModel(self))
        self.table.setObjectName("colleague_table")
        self.table.setMinimumHeight(140)
        self.details = wrapping_label()
        self.details.setObjectName("colleague_details")
        self.fingerprint = wrapping_label()
        self.fingerprint.setObjectName("colleague_fingerprint")
        self.fingerprint.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.import_button = QPushButton()
        self.import_button.setObjectName("import_colleague")
        self.verify_button = QPushButton()
        self.verify_button.setObjectName("verify_colleague")
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("remove_colleague")
        self.open_button = OpenTransferButton(services)
        self.message = message_label()
        buttons = QHBoxLayout()
        for button in (self.import_button, self.verify_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        box = QVBoxLayout(self)
        box.addWidget(self.intro)
        box.addWidget(self.table)
        box.addWidget(self.details)
        box.addWidget(self.fingerprint)
        box.addLayout(buttons)
        box.addWidget(self.message)
        self.import_button.clicked.connect(self.choose_file)
        self.verify_button.clicked.connect(self.verify_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.selection_changed.connect(self._show_selected)
        self.table.activated.connect(lambda _record: self.verify_selected())
        self.refresh()
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(_("Colleagues"))
        self.intro.setText(
            _(
                "To hand a participant over to a colleague, import her certificate once (she "
                "exports it in her Settings) and compare its fingerprint with her, by phone or "
                "in person, before you mark it as verified. Transfer files are written only "
                "for verified colleagues, and only theirs are imported."
            )
        )
        self.table.set_empty_text(_("No colleague yet. Import a colleague's certificate."))
        self.import_button.setText(_("Import certificate…"))
        self.verify_button.setText(_("Compare and verify…"))
        self.remove_button.setText(_("Remove"))
        self.open_button.retranslate()
        self.table.retranslate()
        self._show_selected()

    def refresh(self) -> None:
        self.table.set_rows(self.services.colleagues.colleagues())
        self._show_selected()

    def _show_selected(self) -> None:
        c = self.table.current_record()
        self.verify_button.setEnabled(c is not None and c.verified_at is None)
        self.remove_button.setEnabled(c is not None)
        if c is None:
            self.details.setText("")
            self.fingerprint.setText("")
            return
        where = c.organisation or c.contact or _("no organisation linked")
        self.details.setText(
            _("{name} ({where}): {state}. SHA-256 fingerprint:").format(
                name=c.name, where=where, state=state_text(c)
            )
        )
        self.fingerprint.setText(fingerprint_block(c.fingerprint))

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Import a colleague's certificate"),
            "",
            _("Certificates (*.pem *.crt *.cer *.der)"),
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        from coachdesk.ui.transfer.colleague_import import ColleagueImportDialog

        try:
            data = path.read_bytes()
            peeked = self.services.colleagues.peek(data)
        except OSError as exc:
            self.message.setText(str(StorageError.from_read_error(exc)))
            return
        except ValidationError as err:
            self.message.setText(err.render())
            return
        dialog = ColleagueImportDialog(self.services, data, peeked, self)
        if dialog.exec() and dialog.imported is not None:
            self.refresh()
            imported = dialog.imported
            self.table.select_where(lambda r: r.id == imported.id)
            self.message.setText(
                _("Imported. Compare the fingerprint with her before you verify it.")
            )

    def verify_selected(self) -> None:
        from coachdesk.ui.transfer.colleague_verify import VerifyDialog

        c = self.table.current_record()
        if c is None or c.verified_at is not None:
            return
        dialog = VerifyDialog(self.services, c, self)
        if dialog.exec():
            self.refresh()
            self.message.setText(_("{name} is verified.").format(name=c.name))

    def remove_selected(self) -> None:
        c = self.table.current_record()
        if c is None:
            return
        answer = QMessageBox.question(
            self,
            _("Remove the certificate?"),
            _(
                "Transfer files are then neither written for {name} nor accepted from her. "
                "Past transfers stay in the register."
            ).format(name=c.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.services.colleagues.remove(c.id)
        except NotFoundError as err:
            self.message.setText(str(err))
        self.refresh()
        self.message.setText(_("Removed."))
