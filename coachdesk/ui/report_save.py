"""Saving a signed report: a file dialog, the bytes written, a short confirmation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox, QWidget

from coachdesk.i18n import _
from coachdesk.reports.service import ReportResult

LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


def language_combo() -> QComboBox:
    """The document's language (independent of the UI language)."""
    combo = QComboBox()
    for code, name in LANGUAGE_NAMES.items():
        combo.addItem(name, code)
    return combo


def ask_pdf_path(parent: QWidget, kind: str, day: str) -> Path | None:
    """Where to save; the suggested name says what and when, never who."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = str(Path(folder) / f"{kind}_{day}.pdf")
    path, _filter = QFileDialog.getSaveFileName(
        parent, _("Save the signed report"), suggested, _("PDF documents (*.pdf)")
    )
    if not path:
        return None
    return Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")


def write_result(parent: QWidget, result: ReportResult, pdf_path: Path, with_csv: bool) -> bool:
    """Write the PDF (and the CSV beside it); tell the coach where and the SHA-256."""
    written = [pdf_path]
    try:
        pdf_path.write_bytes(result.pdf)
        if with_csv and result.csv is not None:
            csv_path = pdf_path.with_suffix(".csv")
            csv_path.write_bytes(result.csv)
            written.append(csv_path)
    except OSError as err:
        QMessageBox.warning(parent, _("Could not save"), err.strerror or str(err))
        return False
    QMessageBox.information(
        parent,
        _("Report saved"),
        _("Saved and recorded in the export log:\n{files}\n\nSHA-256 of the PDF: {sha}").format(
            files="\n".join(str(p) for p in written), sha=result.sha256
        ),
    )
    return True
