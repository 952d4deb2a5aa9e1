"""A paper's bytes exist only encrypted: dropped in, looked at, printed, the vault locked.

The file she drops holds marker strings; once it is in her file and the original is gone,
no byte of the vault folder (database, WAL, shared memory, lock), of the temp folder or of
anything else written under the test's folders holds a marker, while the viewer shows the
paper, after printing it and after the vault is locked.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from coachdesk.facade import Services
from coachdesk.ui.file.sections import FileSection
from coachdesk.ui.viewer.printing import print_pages
from coachdesk.vault.store import Vault
from tests.ui.papers_support import (
    amina_file,
    drop_files,
    focused,
    modal_closed,
    paper_dialog,
)
from tests.ui.test_paper_viewer import _viewer
from tests.unit.attachment_files import pdf_bytes

MARKERS = ("MARKER-KITA-2b7f91", "MARKER-ZEUGNIS-c44e0d")


def _holding(places: list[Path], skip: Path | None = None) -> list[str]:
    found = []
    for place in places:
        for path in [place] if place.is_file() else sorted(place.rglob("*")):
            if not path.is_file() or (skip is not None and path.is_relative_to(skip)):
                continue
            data = path.read_bytes()
            found += [f"{path}: {m}" for m in MARKERS if m.encode() in data]
    return found


def test_a_paper_leaves_no_plaintext_while_it_is_added_viewed_printed_and_locked(
    vault: Vault, services: Services, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    desktop = tmp_path / "desktop"
    desktop.mkdir()
    scan = desktop / "Kita-Bestätigung.pdf"
    scan.write_bytes(pdf_bytes(*MARKERS, pages=2))
    assert len(_holding([desktop])) == 2, "the markers are readable in the file she drops"

    file = amina_file(services, qtbot, FileSection.PAPERS)

    assert drop_files(file.papers.table.view.viewport(), [scan])
    dialog = paper_dialog(qtbot)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # the suggested title, saved with Enter
    modal_closed(qtbot, dialog)
    (paper,) = services.attachments.list_for_participant(file.participant_id)
    assert paper.page_count == 2
    scan.unlink()  # she deletes the original: from now on the vault is the only copy

    view = file.papers.table.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    viewer = _viewer(qtbot)
    assert viewer.page_count == 2 and viewer.problem is None
    qtbot.keyClick(viewer, Qt.Key.Key_PageDown)
    printed = tmp_path / "printer" / "out.pdf"
    printed.parent.mkdir()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(printed))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setResolution(100)
    assert viewer.pages is not None
    assert print_pages(viewer.pages, printer, [0, 1]) == 2
    # The printed pages are pictures (the printer's own copy, which she asked for); the
    # markers as text are nowhere else.
    places = [vault.path, temp, tmp_path]
    assert sorted(p.name for p in vault.path.iterdir() if p.name.startswith("vault.db"))
    assert _holding(places, skip=printed.parent) == []

    qtbot.keyClick(viewer, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not viewer.isVisible())
    file.close()
    vault.lock()
    assert _holding(places, skip=printed.parent) == []
    assert printed.stat().st_size > 0
