"""'Papers to enclose' in the real export dialog, driven by keyboard and mouse on a real vault."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from coachdesk import i18n
from coachdesk.facade import Services
from coachdesk.models.enums import DataCategory as C
from coachdesk.services.attachments import AttachmentDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.export.dialog import ExportDialog
from coachdesk.ui.export.enclosure_model import ID_ROLE
from tests.unit.attachment_files import png_bytes
from tests.unit.test_export_enclosures import CERT_MARKER, embedded_pdf
from tests.unit.test_export_support import Seeded, add_consent, seed

SAVE_TIMEOUT_MS = 30_000


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def papers(services: Services, english: None) -> tuple[Seeded, int, int]:
    seeded = seed(services.ctx.sessions)
    add_consent(
        services.ctx.sessions,
        seeded.participant_id,
        {C.IDENTITY_CONTACT, C.LANGUAGES_QUALIFICATIONS},
        organisation_id=seeded.job_centre_id,
    )
    add = services.attachments.add
    pid = seeded.participant_id
    certificate = add(
        pid,
        embedded_pdf(CERT_MARKER, pages=2),
        AttachmentDraft("B1-Zertifikat", C.LANGUAGES_QUALIFICATIONS, dt.date(2025, 6, 1)),
    ).id
    # Added last, so listed first: the keyboard has to pass it.
    permit = add(pid, png_bytes(), AttachmentDraft("Aufenthaltstitel", C.RESIDENCE_STATUS)).id
    services.exports.create_identity("Anna Çoban")
    return seeded, certificate, permit


def _dialog(qtbot: QtBot, services: Services, seeded: Seeded) -> ExportDialog:
    dialog = ExportDialog(services, seeded.participant_id)
    qtbot.addWidget(dialog)
    dialog.organisation.setCurrentIndex(dialog.organisation.findData(seeded.job_centre_id))
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _row(dialog: ExportDialog, attachment_id: int) -> int:
    model = dialog.enclosures.model
    return next(r for r in range(model.rowCount()) if model.index(r).data(ID_ROLE) == attachment_id)


def test_tick_a_covered_paper_by_keyboard_and_it_travels_with_the_document(
    services: Services,
    papers: tuple[Seeded, int, int],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seeded, certificate, permit = papers
    dialog = _dialog(qtbot, services, seeded)
    view, model = dialog.enclosures.view, dialog.enclosures.model
    assert view.isVisible() and not dialog.enclosures.empty.isVisible()

    # The residence permit cannot be ticked, and the list says why in words.
    blocked = model.index(_row(dialog, permit))
    assert not model.flags(blocked) & Qt.ItemFlag.ItemIsEnabled
    shown = blocked.data(Qt.ItemDataRole.DisplayRole)
    assert shown.startswith("Aufenthaltstitel – Residence status, 1 page\n")
    assert "“Residence status” is a special category: it needs her explicit consent" in shown
    box = view.visualRect(blocked)
    for spot in (box.center(), QPoint(box.left() + 10, box.center().y())):  # text, check box
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert dialog.enclosures.ticked_ids() == ()  # nothing ticked by default, nor by clicking

    # Tab from the purpose field into the list, move to the certificate, Space ticks it.
    dialog.purpose.setFocus()
    for _ in range(8):
        if view.hasFocus():
            break
        focused = dialog.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    assert view.hasFocus()
    target = _row(dialog, certificate)
    for _ in range(model.rowCount()):
        if view.currentIndex().row() == target:
            break
        qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == target
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert dialog.enclosures.ticked_ids() == (certificate,)
    assert dialog.is_changed()
    dialog.update_preview()  # another preview (she edits the purpose) keeps the tick
    assert dialog.enclosures.ticked_ids() == (certificate,)

    out = tmp_path / "abschluss.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), ""))
    )
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
    with qtbot.waitSignal(dialog.document_saved, timeout=SAVE_TIMEOUT_MS):
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Anlage 1: B1-Zertifikat" in text  # the document's language is German
    first, last = map(int, re.search(r"Seiten (\d+)–(\d+) dieser Datei", text).groups())  # type: ignore[union-attr]
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert f"\nPages:           {last}\n" in info and last == first + 1
    assert f"{CERT_MARKER} 2" in text and "Aufenthaltstitel" not in text
    (row,) = services.exports.history(seeded.participant_id)
    assert [e.attachment_id for e in row.enclosures] == [certificate]


def test_the_list_speaks_german_and_says_when_there_is_nothing(
    services: Services, papers: tuple[Seeded, int, int], qtbot: QtBot
) -> None:
    seeded, _certificate, permit = papers
    dialog = _dialog(qtbot, services, seeded)
    i18n.set_language("de")
    dialog.retranslate()
    assert dialog.enclosures.title.text() == "&Anlagen beifügen:"
    shown = dialog.enclosures.model.index(_row(dialog, permit)).data()
    assert "„Aufenthaltsstatus“ ist eine besondere Kategorie" in shown
    assert "Aufenthaltstitel – Aufenthaltsstatus, 1 Seite" in shown

    nobody = services.participants.create(ParticipantDraft("Olena", "Kovalenko")).id
    empty = ExportDialog(services, nobody)
    qtbot.addWidget(empty)
    empty.organisation.setCurrentIndex(empty.organisation.findData(seeded.job_centre_id))
    empty.show()
    assert empty.enclosures.empty.isVisible() and not empty.enclosures.view.isVisible()
    assert "keine Unterlagen" in empty.enclosures.empty.text()
