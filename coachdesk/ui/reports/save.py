"""Saving a signed report: where (a file dialog, asked first), then a short confirmation.

The service saves the files inside the transaction that records the export, so a
failed save ("Not saved: ...", shown by ``guarded``) leaves neither a file nor a record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox, QWidget

from coachdesk.i18n import _
from coachdesk.reports.service import ReportResult
from coachdesk.ui.file.section import guarded
from coachdesk.ui.kit.file_names import suggested_name
from coachdesk.ui.shell.busy import busy_cursor

Export = Callable[[Path, Path | None, dt.date, dt.date, str], ReportResult]
"""Save a period's signed figures: PDF path, CSV path or None, first and last day, language."""

LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


def language_combo() -> QComboBox:
    """The document's language (independent of the UI language)."""
    combo = QComboBox()
    for code, name in LANGUAGE_NAMES.items():
        combo.addItem(name, code)
    return combo


def ask_pdf_path(parent: QWidget, title: str, when: str) -> Path | None:
    """Where to save; the suggested name says what (``title``, translated) and when."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = str(Path(folder) / suggested_name(title, when, ".pdf"))
    path, _filter = QFileDialog.getSaveFileName(
        parent, _("Save the signed report"), suggested, _("PDF documents (*.pdf)")
    )
    if not path:
        return None
    return Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")


def show_saved(parent: QWidget, result: ReportResult) -> None:
    """Tell the coach where the report was saved (and recorded) and its SHA-256."""
    written = [p for p in (result.pdf_path, result.csv_path) if p is not None]
    QMessageBox.information(
        parent,
        _("Report saved"),
        _("Saved and recorded in the export log:\n{files}\n\nSHA-256 of the PDF: {sha}").format(
            files="\n".join(str(p) for p in written), sha=result.sha256
        ),
    )


def save_period_figures(
    parent: QWidget,
    title: str,
    period: tuple[dt.date, dt.date],
    lang: str,
    with_csv: bool,
    export: Export,
) -> ReportResult | None:
    """Ask where, then save a period's signed figures (and their CSV beside the PDF)."""
    path = ask_pdf_path(parent, title, f"{period[0]}_{period[1]}")
    if path is None:
        return None
    csv_path = path.with_suffix(".csv") if with_csv else None
    with busy_cursor():
        result = guarded(parent, lambda: export(path, csv_path, period[0], period[1], lang))
    if result is not None:
        show_saved(parent, result)
    return result
