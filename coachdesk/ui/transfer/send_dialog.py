"""Hand her (and others) over to a colleague: who goes, to whom, on which basis, what goes.

The preview is the service's plan (the same as ``coachdesk transfer`` prints): for each
person, what her consents for that colleague cover, or everything with a documented legal
basis; who cannot go and why; and that internal notes never go. After writing, she may
archive the files that went, or erase her copy when one person went.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import _, ngettext
from coachdesk.labels import label
from coachdesk.models.enums import LegalBasis
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.ui.kit.style import heading_label, message_label, wrapping_label
from coachdesk.ui.shell.busy import BackgroundCall, BusyNote
from coachdesk.ui.transfer.after_sending import AfterSending
from coachdesk.ui.transfer.people_picker import PeoplePicker
from coachdesk.vault.errors import StorageError

if TYPE_CHECKING:  # the transfer package pulls in the export layer: loaded when used
    from coachdesk.export.transfer.plan import TransferRequest

FILE_NAME = "handover.cdtransfer"
"""The suggested name says what it is, never whose."""


class HandOverDialog(AfterSending, QDialog):
    def __init__(
        self, services: Services, participant_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("hand_over_dialog")
        self.services = services
        self.participant_id = participant_id
        record = services.participants.get(participant_id)
        self.name = f"{record.first_name} {record.last_name}".strip()
        self.plan_ok = False
        self.sent_ids: tuple[int, ...] = ()
        self.picker = PeoplePicker(services, participant_id, self.name)
        self.title = heading_label(1.3)
        self.colleague = QComboBox()
        self.colleague.setObjectName("transfer_colleague")
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        for c in services.colleagues.colleagues():
            if c.usable_on(now):
                self.colleague.addItem(f"{c.name} ({c.organisation or '-'})", c.fingerprint)
        self.by_consent = QRadioButton()
        self.by_consent.setObjectName("basis_consent")
        self.by_law = QRadioButton()
        self.by_law.setObjectName("basis_law")
        self.by_consent.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_consent)
        group.addButton(self.by_law)
        self.law = QComboBox()
        self.law.setObjectName("legal_basis")
        for basis in (LegalBasis.SOCIAL_CODE, LegalBasis.OTHER):
            self.law.addItem(label(basis), basis.value)
        self.note = QLineEdit()
        self.note.setObjectName("basis_note")
        self.preview = wrapping_label()
        self.preview.setObjectName("transfer_preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.preview)
        self.problem = message_label(error=True)
        self.problem.setObjectName("transfer_problem")
        self.outcome = wrapping_label()
        self.outcome.setObjectName("transfer_result")
        self.write_button = QPushButton()
        self.write_button.setObjectName("write_transfer")
        self.archive_button = QPushButton()
        self.archive_button.setObjectName("archive_after_transfer")
        self.erase_button = QPushButton()
        self.erase_button.setObjectName("erase_after_transfer")
        self.close_button = QPushButton()
        for button in (self.archive_button, self.erase_button):
            button.hide()
        self.busy = BusyNote()
        self.colleague_label, self.note_label = QLabel(), QLabel()
        self.colleague_label.setBuddy(self.colleague)
        self.note_label.setBuddy(self.note)
        form = QFormLayout()
        form.addRow(self.colleague_label, self.colleague)
        form.addRow(self.by_consent)
        law_row = QHBoxLayout()
        law_row.addWidget(self.by_law)
        law_row.addWidget(self.law, 1)
        form.addRow(law_row)
        form.addRow(self.note_label, self.note)
        buttons = QHBoxLayout()
        for button in (self.archive_button, self.erase_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.write_button)
        buttons.addWidget(self.close_button)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(scroll, 1)
        columns = QHBoxLayout()
        columns.addWidget(self.picker, 2)
        columns.addLayout(right, 3)
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addLayout(columns, 1)
        box.addWidget(self.problem)
        box.addWidget(self.outcome)
        box.addWidget(self.busy)
        box.addLayout(buttons)
        busy_controls = (self.write_button, self.archive_button, self.erase_button)
        self.call = BackgroundCall(self, busy_controls, self.busy)
        self.picker.changed.connect(self.update_preview)
        self.colleague.currentIndexChanged.connect(self.update_preview)
        self.by_consent.toggled.connect(self.update_preview)
        self.law.currentIndexChanged.connect(self.update_preview)
        self.note.textChanged.connect(self.update_preview)
        self.write_button.clicked.connect(self.choose_file)
        self.archive_button.clicked.connect(self.archive)
        self.erase_button.clicked.connect(self.erase)
        self.close_button.clicked.connect(self.reject)
        self.setMinimumWidth(70 * self.fontMetrics().horizontalAdvance("M"))
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Hand over to a colleague"))
        self.picker.retranslate()
        self._title()
        self.colleague_label.setText(_("&Colleague:"))
        self.by_consent.setText(_("Her &consent for this colleague or her organisation"))
        self.by_law.setText(_("A &legal basis instead:"))
        self.note_label.setText(_("&Documentation:"))
        self.note.setPlaceholderText(_("Law and reason, for example § 67b SGB X, …"))
        self.write_button.setText(_("Write transfer file…"))
        several = len(self.sent_ids or self.picker.ids()) > 1
        self.archive_button.setText(_("Archive their files") if several else _("Archive her file"))
        self.erase_button.setText(_("Erase her file…"))
        self.close_button.setText(_("Close"))
        self.law.setAccessibleName(_("Legal basis"))
        for index in range(self.law.count()):
            self.law.setItemText(index, label(LegalBasis(self.law.itemData(index))))
        self.update_preview()

    def request(self) -> TransferRequest:
        from coachdesk.export.transfer.plan import TransferRequest

        by_law = self.by_law.isChecked()
        return TransferRequest(
            participant_ids=self.picker.ids(),
            colleague_fingerprint=str(self.colleague.currentData() or ""),
            legal_basis=LegalBasis(self.law.currentData()) if by_law else None,
            basis_note=self.note.text() if by_law else "",
        )

    def _title(self) -> None:
        ids = self.sent_ids or self.picker.ids()
        if len(ids) == 1 and ids[0] == self.participant_id:
            self.title.setText(_("Hand {name} over to a colleague").format(name=self.name))
            return
        n = len(ids)
        self.title.setText(
            ngettext(
                "Hand {n} participant over to a colleague",
                "Hand {n} participants over to a colleague",
                n,
            ).format(n=n)
        )

    def update_preview(self) -> None:
        self._title()
        self.law.setEnabled(self.by_law.isChecked())
        self.note.setEnabled(self.by_law.isChecked())
        self.plan_ok = False
        if not self.picker.ids():
            self.preview.setText("")
            self.problem.setText(_("Check at least one participant."))
            self.write_button.setEnabled(False)
            return
        if self.colleague.count() == 0:
            self.preview.setText("")
            self.problem.setText(
                _(
                    "No verified colleague yet. Import her certificate and compare its "
                    "fingerprint with her first (Settings, Colleagues)."
                )
            )
            self.write_button.setEnabled(False)
            return
        try:
            plan = self.services.transfers.plan(self.request())
        except (ValidationError, NotFoundError) as err:
            self.preview.setText("")
            self.problem.setText(str(err))
            self.write_button.setEnabled(False)
            return
        from coachdesk.export.transfer.describe import plan_lines

        lines = plan_lines(plan)
        self.preview.setText("\n".join(lines))
        self.problem.setText("")
        self.plan_ok = True
        self.write_button.setEnabled(not self.call.running)

    def choose_file(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the transfer file"), str(Path(folder) / FILE_NAME), "*.cdtransfer"
        )
        if path:
            self.write_to(Path(path))

    def write_to(self, path: Path) -> None:
        if not self.plan_ok:
            return
        request = self.request()
        transfers = self.services.transfers
        self.call.start(
            lambda: transfers.send(request, path),
            _("Writing the transfer file…"),
            self._written,
            self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError | NotFoundError | StorageError):
            self.problem.setText(str(exc))
            return
        if isinstance(exc, OSError):
            self.problem.setText(str(StorageError.from_os_error(exc)))
            return
        raise exc

    def _written(self, sent: object) -> None:
        path = getattr(sent, "path", "")
        plan = getattr(sent, "plan", None)
        self.sent_ids = tuple(p.participant_id for p in getattr(plan, "people", ()))
        if len(self.sent_ids) > 1:
            text = _(
                "Written to {path}. Give it to your colleague (a USB stick, an e-mail: it is "
                "encrypted for her). You may now archive their files here."
            )
        else:
            text = _(
                "Written to {path}. Give it to your colleague (a USB stick, an e-mail: it is "
                "encrypted for her). You may now archive or erase her file here."
            )
        self.outcome.setText(text.format(path=str(path)))
        self.write_button.setEnabled(False)
        self.picker.setEnabled(False)
        self.archive_button.show()
        self.erase_button.setVisible(self.sent_ids == (self.participant_id,))
        self.retranslate()
