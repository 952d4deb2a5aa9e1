"""The participant list's way into the import: a button that opens the dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.imports.service import ImportResult
from coachdesk.ui.shell.signals import AppSignals


def open_import_dialog(services: Services, parent: QWidget | None = None) -> ImportResult | None:
    """The dialog, modal; what was imported (None: nothing)."""
    from coachdesk.ui.importing.dialog import ImportDialog

    dialog = ImportDialog(services, parent)
    dialog.exec()
    return dialog.outcome


class ImportButton(QPushButton):
    """ "Import from spreadsheet…": the imported participants reach the list through the
    change the import publishes, like any other new participant."""

    def __init__(
        self, services: Services, signals: AppSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("import_spreadsheet")
        self.clicked.connect(lambda: open_import_dialog(services, self.window()))
        signals.language_changed.connect(self.retranslate)
        self.retranslate()

    def retranslate(self, _lang: str = "") -> None:
        self.setText(_("Import from spreadsheet…"))
        self.setToolTip(_("Take up the participants of an .xlsx, .ods or .csv list"))
