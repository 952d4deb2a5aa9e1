"""Printing from the viewer, the viewer after an export, and what it leaves on the disk.

The printer is a PDF printer into the test's folder; the printed pages are images, so
their text is read back with tesseract as a person would read the paper.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from coachdesk.models.enums import DataCategory as C
from coachdesk.ui.export.dialog import ExportDialog
from coachdesk.ui.viewer.pages import DocumentPages
from coachdesk.ui.viewer.printing import print_pages
from coachdesk.ui.viewer.viewer import DocumentViewer
from tests.ui.test_viewer import (
    CTRL,
    MARKERS,
    WORDS,
    assert_looks_like_pdftoppm,
    key,
    make_pdf,
    open_viewer,
    zoom_to_100,
)
from tests.unit.test_export_support import add_consent, seed

Option = QAbstractPrintDialog.PrintDialogOption


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def pdfinfo(path: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    return {
        k.strip(): v.strip()
        for k, _, v in (line.partition(":") for line in out.stdout.splitlines())
    }


def read_paper(path: Path, tmp_path: Path) -> list[str]:
    """The text of each printed page, as tesseract reads it at 300 dpi."""
    prefix = tmp_path / "paper"
    subprocess.run(["pdftoppm", "-r", "300", "-png", str(path), str(prefix)], check=True)
    texts = []
    for png in sorted(tmp_path.glob("paper-*.png")):
        out = subprocess.run(
            ["tesseract", str(png), "-", "-l", "deu+eng"], check=True, capture_output=True
        )
        texts.append(out.stdout.decode())
    return texts


def test_print_keys_open_the_print_dialog_and_print_the_chosen_pages(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "printed.pdf"
    asked: list[dict[str, object]] = []

    def she_chooses_pages_2_to_3(dialog: QPrintDialog) -> int:
        """What she does in the system's print dialog: a printer, pages 2 to 3, Print."""
        asked.append(
            {
                "to file": dialog.testOption(Option.PrintToFile),
                "range": dialog.testOption(Option.PrintPageRange),
                "pages": (dialog.minPage(), dialog.maxPage()),
            }
        )
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 3)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", she_chooses_pages_2_to_3)
    viewer = open_viewer(qtbot, make_pdf(), title="Zeugnis Amina Haddad")
    key(qtbot, viewer, Qt.Key.Key_P, CTRL)
    assert asked and asked[0]["pages"] == (1, 5) and asked[0]["range"]
    # A PDF file made by "print to file" would be a copy out of CoachDesk that no register
    # knows about: the option is off (copies go through "Save a copy as…" or an export).
    assert asked[0]["to file"] is False

    subprocess.run(["qpdf", "--check", str(out)], check=True, capture_output=True)
    info = pdfinfo(out)
    assert info["Pages"] == "2"
    # A shared printer's queue shows the job's name: never the person's name in the title.
    assert info.get("Title") == "CoachDesk"
    assert "Amina" not in out.read_bytes().decode("latin-1")
    page_two, page_three = read_paper(out, tmp_path)
    assert WORDS[1] in page_two and WORDS[2] in page_three
    assert WORDS[0] not in page_two + page_three  # page 1 was not chosen

    # She cancels the dialog the next time: nothing is printed.
    out.unlink()
    monkeypatch.setattr(QPrintDialog, "exec", lambda dialog: QDialog.DialogCode.Rejected.value)
    qtbot.mouseClick(viewer.bar.print_button, Qt.MouseButton.LeftButton)
    assert not out.exists()


def test_each_page_is_fitted_to_the_paper_and_landscape_pages_are_turned(
    qtbot: QtBot, tmp_path: Path
) -> None:
    pages = DocumentPages(make_pdf(WORDS[:2], landscape_last=True), "pdf")
    out = tmp_path / "all.pdf"
    assert print_pages(pages, pdf_printer(out), range(pages.page_count)) == 2
    pages.close()
    assert pdfinfo(out)["Pages"] == "2"
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(out), str(tmp_path / "low")], check=True)
    sheet = Image.open(tmp_path / "low-2.png").convert("L")
    width, height = sheet.size

    def dark(box: tuple[int, int, int, int]) -> bool:
        return ImageStat.Stat(sheet.crop(box)).mean[0] < 64

    # The black bar along the top of the landscape page runs down one side of the sheet.
    columns = [x for x in range(width) if dark((x, 0, x + 1, height))]
    rows = [y for y in range(height) if dark((0, y, width, y + 1))]
    assert len(columns) >= 3 and rows == [], (columns, rows)
    first, second = read_paper(out, tmp_path)
    assert WORDS[0] in first and WORDS[1] in second


def _files_holding(folder: Path, needles: list[bytes]) -> list[str]:
    """Files in ``folder`` that hold a needle, and files open in it at all: a temp file made
    with O_TMPFILE (Qt's QTemporaryFile, Python's TemporaryFile) has no name to be found by,
    but its bytes are on the disk all the same."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.name}: {n[:20]!r}" for n in needles if n in data]
    fds = Path("/proc/self/fd")
    for fd in fds.iterdir() if fds.is_dir() else []:
        try:
            target = os.readlink(fd)
        except OSError:
            continue  # closed meanwhile (the listing's own descriptor)
        if target.startswith(str(folder)):
            found.append(f"open: {target}")
    return found


@pytest.fixture
def own_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """TMPDIR (for Python and Qt) is a folder of this test's own, to be searched."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    assert Path(tempfile.gettempdir()) == folder
    yield folder


def test_nothing_of_the_document_reaches_the_temp_folder(
    qtbot: QtBot, tmp_path: Path, own_temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = make_pdf()
    assert all(m.encode() in data for m in MARKERS)  # the needles are in the document's bytes
    needles = [m.encode(enc) for m in MARKERS for enc in ("utf-8", "utf-16-le", "utf-16-be")]
    needles.append(data[len(data) // 2 : len(data) // 2 + 64])  # a copy of the file itself
    viewer = open_viewer(qtbot, data)
    for k, mods in ((Qt.Key.Key_PageDown, None), (Qt.Key.Key_Plus, CTRL), (Qt.Key.Key_End, None)):
        key(qtbot, viewer, k, mods)
    QApplication.processEvents()
    assert _files_holding(own_temp, needles) == []  # while she looks at it

    out = tmp_path / "paper" / "printed.pdf"
    out.parent.mkdir()

    def print_everything(dialog: QPrintDialog) -> int:
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", print_everything)
    key(qtbot, viewer, Qt.Key.Key_P, CTRL)
    assert pdfinfo(out)["Pages"] == "5"
    assert _files_holding(own_temp, needles) == []  # after printing
    key(qtbot, viewer, Qt.Key.Key_Escape)
    assert viewer.pages is None  # the pages left memory with the window
    assert _files_holding(own_temp, needles) == []


@pytest.fixture
def ready_to_sign(services, monkeypatch):  # type: ignore[no-untyped-def]
    services.settings.set_coach_name("Miriam Löwe")
    seeded = seed(services.ctx.sessions)
    add_consent(
        services.ctx.sessions,
        seeded.participant_id,
        {C.IDENTITY_CONTACT, C.GOALS_PROGRESS, C.MEETING_SUMMARIES},
        organisation_id=seeded.job_centre_id,
    )
    services.exports.create_identity()
    opened: list[object] = []  # no PDF program is asked to open anything any more
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(opened.append))
    yield seeded
    assert opened == []


def _export(qtbot: QtBot, services, seeded, target: Path, *, show: bool) -> ExportDialog:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(services, seeded.participant_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.organisation.setFocus()
    qtbot.keyClicks(dialog.organisation, "Jobcenter")
    assert dialog.open_after.isChecked()  # showing it is what she gets unless she says no
    if not show:
        dialog.open_after.setFocus()
        qtbot.keyClick(dialog.open_after, Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.document_saved, timeout=30_000):
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert target.exists() and not dialog.isVisible()
    return dialog


def _viewers() -> list[DocumentViewer]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, DocumentViewer) and w.isVisible()
    ]


def test_a_document_just_exported_is_shown_to_print(
    qtbot: QtBot,
    services,
    ready_to_sign,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    target = tmp_path / "handover.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    # The dialog is kept as its window in the file keeps it (the viewer belongs to it here).
    dialog = _export(qtbot, services, ready_to_sign, target, show=True)
    qtbot.waitUntil(lambda: len(_viewers()) == 1)
    [viewer] = _viewers()
    assert viewer is dialog.viewer
    count = int(pdfinfo(target)["Pages"])
    assert viewer.windowTitle() == "handover.pdf"
    assert viewer.bar.page_label.text() == f"Page 1 of {count}"
    qtbot.waitUntil(viewer.isActiveWindow)
    assert QApplication.focusWidget() is viewer.page_area
    zoom_to_100(qtbot, viewer)
    assert_looks_like_pdftoppm(viewer, target, 0)  # the signed bytes, as any reader draws them
    if count > 1:
        key(qtbot, viewer, Qt.Key.Key_PageDown)
        assert viewer.bar.page_label.text() == f"Page 2 of {count}"
    key(qtbot, viewer, Qt.Key.Key_Escape)
    assert _viewers() == []

    # Unticked, the document is only saved.
    second = tmp_path / "again.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(second), ""))
    )
    dialog = _export(qtbot, services, ready_to_sign, second, show=False)
    QApplication.processEvents()
    assert _viewers() == [] and dialog.viewer is None
