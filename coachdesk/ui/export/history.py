"""A participant's export history: every document with recipient, date, categories and SHA-256."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from coachdesk.export.access_request import ACCESS_REQUEST
from coachdesk.export.access_request import DOCUMENT_LABEL as ACCESS_LABEL
from coachdesk.export.export_log import ExportHistoryRow
from coachdesk.export.preview import DocumentType, document_label
from coachdesk.export.service import ExportService
from coachdesk.facade import Services
from coachdesk.i18n import N_, _, format_datetime
from coachdesk.labels import label
from coachdesk.services.attachments import ATTACHMENT_COPY
from coachdesk.services.context import ChangeKind
from coachdesk.ui.file.section import FileSection, button_row
from coachdesk.ui.kit.icons import Icon, icon
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.kit.table_model import Column, RecordTableModel
from coachdesk.ui.shell.signals import AppSignals


def _document(row: ExportHistoryRow) -> str:
    if row.document_type == ATTACHMENT_COPY:
        return _("Copy of a paper: {title}").format(title=row.purpose)
    if row.document_type == ACCESS_REQUEST:
        return _(ACCESS_LABEL)
    try:
        return document_label(DocumentType(row.document_type))
    except ValueError:
        return row.document_type


def _herself(row: ExportHistoryRow) -> str:
    """Her plan has no recipient but her."""
    return _("She herself") if row.document_type in (DocumentType.MY_PLAN, ACCESS_REQUEST) else ""


class ExportHistoryModel(RecordTableModel[ExportHistoryRow]):
    DATE, DOCUMENT, RECIPIENT, CATEGORIES, SHA256 = range(5)
    COLUMNS = (
        Column[ExportHistoryRow](
            N_("Exported on"),
            lambda r: format_datetime(r.created_at, fmt="short"),
            lambda r: r.created_at.isoformat(),
        ),
        Column[ExportHistoryRow](N_("Document"), _document),
        Column[ExportHistoryRow](N_("Recipient"), lambda r: r.recipient_name or _herself(r)),
        Column[ExportHistoryRow](
            N_("Data categories"), lambda r: ", ".join(sorted(label(c) for c in r.categories))
        ),
        Column[ExportHistoryRow](N_("SHA-256"), lambda r: r.sha256),
    )


class ExportHistoryView(FileSection):
    """The "Exports" tab of the participant file; new documents are made from here too."""

    KINDS = (ChangeKind.EXPORT, ChangeKind.CONSENT, ChangeKind.SIGNING_IDENTITY)

    def __init__(
        self,
        services: Services,
        signals: AppSignals,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, signals, participant_id, parent)
        self.exports: ExportService = services.exports
        self.table = RecordTable(ExportHistoryModel(self))
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.new_button = QPushButton(icon(Icon.DOCUMENT), "")
        self.copy_button = QPushButton()
        self.plan_button = QPushButton(icon(Icon.DOCUMENT), "")
        self.access_button = QPushButton(icon(Icon.DOCUMENT), "")
        self.access_button.clicked.connect(self.new_access)
        self.plan_button.clicked.connect(self.new_plan)
        self.new_button.clicked.connect(self.new_document)
        self.copy_button.clicked.connect(self.copy_checksum)
        self.table.selection_changed.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        buttons = (self.new_button, self.plan_button, self.access_button, self.copy_button)
        layout.addLayout(button_row(*buttons))
        layout.addWidget(self.table)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.hint.setText(
            _(
                "Every signed document that left CoachDesk for her: to whom, when, which data "
                "categories, and the SHA-256 checksum that identifies the file."
            )
        )
        self.new_button.setText(_("New document…"))
        self.plan_button.setText(_("My plan…"))
        self.plan_button.setToolTip(_("Her goals, agreements and appointments, for her to keep"))
        self.access_button.setText(_("Everything about her (access request)…"))
        self.copy_button.setText(_("Copy checksum"))
        self.table.set_empty_text(
            _(
                "No documents exported yet. Documents you export for this participant "
                "(handovers, consent sheets) are listed here."
            )
        )
        self.table.retranslate()

    def refresh(self) -> None:
        self.table.set_rows(self.exports.history(self.participant_id))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.copy_button.setEnabled(self.table.current_record() is not None)

    def copy_checksum(self) -> None:
        row = self.table.current_record()
        if row is not None:
            QGuiApplication.clipboard().setText(row.sha256)

    def new_document(self) -> None:
        from coachdesk.ui.export.dialog import ExportDialog

        dialog = ExportDialog(self.services, self.participant_id, self)
        dialog.exec()

    def new_access(self) -> None:
        from coachdesk.ui.export.access_dialog import AccessDialog

        AccessDialog(self.services, self.participant_id, self).exec()

    def new_plan(self) -> None:
        from coachdesk.ui.export.plan_dialog import MyPlanDialog

        MyPlanDialog(self.services, self.participant_id, self).exec()
