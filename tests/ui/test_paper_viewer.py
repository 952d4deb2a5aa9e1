"""Looking at a paper: Enter opens it in CoachDesk's viewer, "Save a copy as…" asks where
(with a name that says what, never whose), saves it and records it; the consents tab shows a
consent's signed paper; the list shows small pictures of the first pages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from coachdesk.facade import Services
from coachdesk.models.enums import DataCategory, OrganisationKind
from coachdesk.services.attachment_records import AttachmentDraft, AttachmentRecord
from coachdesk.services.consents import ConsentDraft
from coachdesk.services.directory import OrganisationDraft
from coachdesk.ui.attachments.model import PaperTableModel
from coachdesk.ui.file.participant_file import ParticipantFile
from coachdesk.ui.file.sections import FileSection
from coachdesk.ui.viewer.viewer import DocumentViewer
from tests.conftest import TODAY
from tests.ui.papers_support import amina_file
from tests.ui.shell_support import when_modal_appears
from tests.unit.attachment_files import jpeg_bytes, pdf_bytes


@pytest.fixture
def file(services: Services, qtbot: QtBot) -> ParticipantFile:
    widget = amina_file(services, qtbot, FileSection.PAPERS)
    return widget


def _add(file: ParticipantFile, title: str, data: bytes, **links: int) -> AttachmentRecord:
    draft = AttachmentDraft(title, DataCategory.LANGUAGES_QUALIFICATIONS, dt.date(2025, 6, 1))
    draft = AttachmentDraft(**{**draft.__dict__, **links})
    return file.services.attachments.add(file.participant_id, data, draft)


def _viewer(qtbot: QtBot) -> DocumentViewer:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), DocumentViewer))
    viewer = QApplication.activeModalWidget()
    assert isinstance(viewer, DocumentViewer)
    return viewer


def test_enter_shows_the_paper_and_a_copy_is_saved_on_purpose(
    file: ParticipantFile, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = pdf_bytes("Zeugnis Deutsch B1", pages=2)
    paper = _add(file, "Zeugnis Amina Haddad B1", data)
    view = file.papers.table.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    viewer = _viewer(qtbot)
    assert viewer.windowTitle().startswith("Zeugnis Amina Haddad B1")
    assert viewer.page_count == 2 and viewer.problem is None

    suggested: list[str] = []
    target = tmp_path / "Kopie.pdf"

    def ask(parent: object, title: str, path: str, kinds: str) -> tuple[str, str]:
        suggested.append(path)
        return str(target), kinds

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(ask))
    said: list[str] = []

    def read(box: QMessageBox) -> None:
        said.append(box.text())
        box.accept()

    watcher = when_modal_appears(read)
    qtbot.mouseClick(viewer.bar.save_copy_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(said))
    watcher.stop()
    # The suggested name says what and when, never whose.
    name = Path(suggested[0]).name
    assert name == "Zeugnis-B1_2025-06-01.pdf"
    assert "Amina" not in suggested[0] and "Haddad" not in suggested[0]
    assert target.read_bytes() == data
    assert str(target) in said[0] and "not encrypted" in said[0]
    [entry] = file.services.audit.entries(participant_id=file.participant_id, action="export")
    assert (entry.entity, entry.entity_id) == ("attachment", paper.id)
    viewer.close()


def test_show_signed_paper_from_the_consents_tab(file: ParticipantFile, qtbot: QtBot) -> None:
    services = file.services
    org = services.directory.create_organisation(
        OrganisationDraft("Jobcenter Nordstadt", OrganisationKind.JOB_CENTRE)
    )
    consent = services.consents.record(
        file.participant_id,
        ConsentDraft(frozenset({DataCategory.GOALS_PROGRESS}), "Bericht", TODAY, org.id),
    )
    _add(file, "Einwilligung unterschrieben", jpeg_bytes("signed"), consent_id=consent.id)
    file.show_section(FileSection.CONSENTS)
    tab = file.consents
    tab.table.view.setFocus()
    qtbot.keyClick(tab.table.view, Qt.Key.Key_Down)
    assert tab.show_paper_button.isEnabled()
    qtbot.mouseClick(tab.show_paper_button, Qt.MouseButton.LeftButton)
    viewer = _viewer(qtbot)
    assert viewer.windowTitle().startswith("Einwilligung unterschrieben")
    assert viewer.problem is None
    viewer.close()


def test_the_list_shows_the_first_page_small(file: ParticipantFile, qtbot: QtBot) -> None:
    _add(file, "Zeugnis", pdf_bytes("Zeugnis"))
    _add(file, "Foto", jpeg_bytes("Foto", size=(1200, 1600)))
    model = file.papers.table.model

    def pictures() -> list[object]:
        return [
            model.data(model.index(r, PaperTableModel.PICTURE), Qt.ItemDataRole.DecorationRole)
            for r in range(model.rowCount())
        ]

    qtbot.waitUntil(lambda: all(isinstance(p, QImage) for p in pictures()), timeout=5000)
    for picture in pictures():
        assert isinstance(picture, QImage)
        assert max(picture.width(), picture.height()) <= 56


def test_a_copy_into_the_vault_folder_is_refused_with_a_message(
    file: ParticipantFile,
    qtbot: QtBot,
    vault_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paper = _add(file, "Zeugnis", jpeg_bytes("B1"))
    target = vault_path / "Zeugnis.jpg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    said: list[str] = []

    def read(box: QMessageBox) -> None:
        said.append(box.text())
        box.accept()

    watcher = when_modal_appears(read)
    assert file.papers.save_copy(paper) is None
    watcher.stop()
    assert said and said[0].startswith("Not saved")
    assert not target.exists()
    assert file.services.audit.entries(participant_id=file.participant_id, action="export") == []
