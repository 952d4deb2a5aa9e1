"""From "Print…" to paper: the system's print dialog, then the pages with a way to stop."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog, QWidget

from coachdesk.i18n import _
from coachdesk.ui.viewer.printing import PrintingFailedError, pages_to_print, print_pages
from coachdesk.ui.viewer.source import PageSource

Option = QAbstractPrintDialog.PrintDialogOption


class PrintFlow:
    """Asks where and what to print, prints, and keeps her printer choice for the next time."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent
        self.printer: QPrinter | None = None
        """The printer and settings she chose last (kept while the viewer is open)."""
        self.dialog: QPrintDialog | None = None
        self.busy = False
        self._stop = False
        self._when_idle: list[Callable[[], None]] = []

    def run(self, pages: PageSource, current: int) -> int:
        """The print dialog, then printing what she chose; returns the pages printed."""
        if self.busy:
            return 0
        printer = self.printer or QPrinter(QPrinter.PrinterMode.HighResolution)
        self.printer = printer
        printer.setPrintRange(QPrinter.PrintRange.AllPages)
        dialog = QPrintDialog(printer, self.parent)
        dialog.setWindowTitle(_("Print"))
        # Printing into a PDF file here would make a copy that no register knows about:
        # a copy out of CoachDesk is "Save a copy as…" or an export.
        dialog.setOption(Option.PrintToFile, False)
        dialog.setOption(Option.PrintSelection, False)
        dialog.setOption(Option.PrintPageRange, True)
        dialog.setOption(Option.PrintCurrentPage, True)
        dialog.setMinMax(1, pages.page_count)
        self.dialog = dialog
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return 0
        finally:
            self.dialog = None
            dialog.deleteLater()
        return self.print_to(printer, pages, pages_to_print(printer, pages.page_count, current))

    def print_to(self, printer: QPrinter, pages: PageSource, indexes: Sequence[int]) -> int:
        """Print ``indexes`` with a progress bar and Cancel; returns the pages printed."""
        copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
        progress = QProgressDialog(
            _("Printing…"), _("Cancel"), 0, max(1, len(indexes) * copies), self.parent
        )
        progress.setWindowTitle(_("Print"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)
        progress.setAutoReset(False)
        self.busy, self._stop = True, False

        def next_page(n: int) -> bool:
            progress.setValue(n)
            return not (progress.wasCanceled() or self._stop)

        try:
            return print_pages(pages, printer, indexes, next_page)
        except PrintingFailedError:
            QMessageBox.warning(
                self.parent,
                _("Not printed"),
                _(
                    "The printer could not be started. Check that it is switched on and "
                    "connected, then try again."
                ),
            )
            return 0
        finally:
            progress.close()
            progress.deleteLater()
            self.busy = False
            waiting, self._when_idle = self._when_idle, []
            for callback in waiting:
                callback()

    def when_idle(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` now, or once printing has stopped (it is asked to stop)."""
        if not self.busy:
            callback()
            return
        self._stop = True
        self._when_idle.append(callback)
