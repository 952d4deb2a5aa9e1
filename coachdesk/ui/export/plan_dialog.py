"""The export dialog opened on "My plan", from the "My plan…" button of her file."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from coachdesk.export.preview import DocumentType
from coachdesk.facade import Services
from coachdesk.ui.export.dialog import ExportDialog


class MyPlanDialog(ExportDialog):
    """Her plan chosen already; the coach may still pick another document from the list."""

    def __init__(
        self, services: Services, participant_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(services, participant_id, parent)
        self.document.setCurrentIndex(self.document.findData(DocumentType.MY_PLAN))
        self._opened_with = self._choices()  # opened so: closing it asks nothing
