"""The participant list's button "Documents for several…": the rows selected there, in order."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _


class BatchButton(QPushButton):
    """Opens the batch dialog for ``selected()`` (participant ids, in the list's order)."""

    def __init__(
        self,
        services: Services,
        selected: Callable[[], Sequence[int]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("batch_button")
        self.services = services
        self.selected = selected
        self.dialog: QWidget | None = None
        """The open batch dialog (modal to the window, not blocking the event loop)."""
        self.clicked.connect(self.open_dialog)

    def retranslate(self) -> None:
        self.setText(_("Documents for several…"))
        self.setToolTip(
            _(
                "One document for each participant selected in the list (Ctrl+click or "
                "Shift+arrow keys select several), or for all active participants of a "
                "recipient."
            )
        )

    def open_dialog(self) -> None:
        from coachdesk.ui.batch.dialog import BatchDialog

        dialog = BatchDialog(self.services, self.selected(), self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._forget)
        self.dialog = dialog
        dialog.open()

    def _forget(self) -> None:
        self.dialog = None
