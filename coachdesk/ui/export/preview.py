"""The lower half of the export dialog: what the document will contain, leave out, and why."""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QTreeView, QVBoxLayout, QWidget

from coachdesk.export.facts import REASON_LABELS
from coachdesk.export.preview import DocumentType
from coachdesk.export.service import ExportPreview
from coachdesk.i18n import _, format_date
from coachdesk.labels import label
from coachdesk.ui.kit.style import message_label


def _tree(headers: int) -> tuple[QTreeView, QStandardItemModel]:
    model = QStandardItemModel(0, headers)
    view = QTreeView()
    view.setModel(model)
    view.setRootIsDecorated(False)
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
    return view, model


class ExportPreviewPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.included_view, self.included = _tree(3)
        self.withheld_view, self.withheld = _tree(2)
        self.included_title = QLabel()
        self.withheld_title = QLabel()
        self.basis = QLabel()
        self.basis.setWordWrap(True)
        self.acknowledgement = QLabel()
        self.acknowledgement.setWordWrap(True)
        self.acknowledgement.setObjectName("acknowledgement")
        self.cautions = message_label(error=True)
        self.cautions.setObjectName("cautions")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.cautions)
        layout.addWidget(self.included_title)
        layout.addWidget(self.included_view, 2)
        layout.addWidget(self.withheld_title)
        layout.addWidget(self.withheld_view, 1)
        layout.addWidget(self.basis)
        layout.addWidget(self.acknowledgement)
        self.retranslate()

    def retranslate(self) -> None:
        self.included_title.setText(_("The document will contain:"))
        self.withheld_title.setText(_("Left out, and why:"))
        self.included.setHorizontalHeaderLabels([_("Data category"), _("What"), _("Value")])
        self.withheld.setHorizontalHeaderLabels([_("Data category"), _("Reason")])

    def clear(self) -> None:
        self.included.removeRows(0, self.included.rowCount())
        self.withheld.removeRows(0, self.withheld.rowCount())

    def show_problem(self, text: str) -> None:
        self.clear()
        self.cautions.setText("")
        self.acknowledgement.setText("")
        self.basis.setText(text)

    def show_preview(self, preview: ExportPreview) -> None:
        self.clear()
        self.cautions.setText("\n".join(c.render() for c in preview.cautions))
        for item in preview.included:
            row = [label(item.category), item.what, item.value]
            self.included.appendRow([QStandardItem(text) for text in row])
        for w in preview.withheld:
            what = label(w.category) if w.category is not None else _("Internal notes")
            self.withheld.appendRow(
                [QStandardItem(what), QStandardItem(_(REASON_LABELS[w.reason]))]
            )
        if preview.consent_basis:
            lines = [
                _("Consent no. {id}, given on {date}").format(
                    id=b.consent_id, date=format_date(b.given_on)
                )
                for b in preview.consent_basis
            ]
            self.basis.setText(_("Consent basis: {list}").format(list="; ".join(lines)))
        elif preview.document_type == DocumentType.MY_PLAN:
            self.basis.setText(
                _("Her plan goes to her: no consent is needed. Internal notes are never in it.")
            )
        elif preview.document_type == DocumentType.CONSENT_FORM:
            self.basis.setText(_("The form is printed from the latest consent for this recipient."))
        else:
            self.basis.setText(
                _("No consent covers this recipient: the document will contain no personal data.")
            )
        said = preview.acknowledgement
        heading = _("Her acknowledgement, as the document states it:")
        self.acknowledgement.setText("\n".join([heading, *said]) if said else "")
        for view in (self.included_view, self.withheld_view):
            view.resizeColumnToContents(0)
