"""The two ways into a transfer: "Hand over to a colleague…" in her file, and "Open a
transfer file…" in the participant list and in Settings, Colleagues.

The screen that holds a button calls its ``retranslate()``, as for the batch button.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _

TRANSFER_FILTER = "*.cdtransfer"


class HandOverButton(QPushButton):
    """In her file: write a transfer file of her for a colleague."""

    def __init__(
        self, services: Services, participant_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("hand_over_button")
        self.services = services
        self.participant_id = participant_id
        self.dialog: QWidget | None = None
        self.clicked.connect(self.open_dialog)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(_("Hand over to a colleague…"))
        self.setToolTip(
            _("A file only your colleague's CoachDesk can open, signed by you (with consent).")
        )

    def open_dialog(self) -> None:
        from coachdesk.ui.transfer.send_dialog import HandOverDialog

        dialog = HandOverDialog(self.services, self.participant_id, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._forget)
        self.dialog = dialog
        dialog.open()

    def _forget(self) -> None:
        self.dialog = None


class OpenTransferButton(QPushButton):
    """Open a transfer file a colleague sent; emits ``imported(participant_id)``."""

    imported = Signal(int)

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        opened: Callable[[int], None] | None = None,
    ) -> None:
        """``opened``: called with the participant's id once imported (her file opens)."""
        super().__init__(parent)
        self.setObjectName("open_transfer_button")
        if opened is not None:
            self.imported.connect(opened)
        self.services = services
        self.dialog: QWidget | None = None
        self.clicked.connect(self.choose_file)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(_("Open a transfer file…"))
        self.setToolTip(_("Take over a participant a colleague handed over to you."))

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            _("Open a transfer file"),
            "",
            _("Transfer files ({pattern})").format(pattern=TRANSFER_FILTER),
        )
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        from coachdesk.ui.transfer.open_dialog import OpenTransferDialog

        dialog = OpenTransferDialog(self.services, path, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self.imported)
        dialog.destroyed.connect(self._forget)
        self.dialog = dialog
        dialog.open()

    def _forget(self) -> None:
        self.dialog = None
