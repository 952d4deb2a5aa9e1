"""Papers in her file, as a coach adds and keeps them: the file dialog and Ctrl+Shift+A, files
dropped from the desktop, a refused file, F2 to change a paper, Delete to remove it, and Esc
or Cancel never throwing away what she typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from coachdesk.facade import Services
from coachdesk.labels import label
from coachdesk.models.enums import DataCategory, OrganisationKind
from coachdesk.services.attachment_records import AttachmentDraft, AttachmentRecord
from coachdesk.services.consents import ConsentDraft
from coachdesk.services.directory import OrganisationDraft
from coachdesk.services.goals import GoalDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.attachments.model import PaperTableModel
from coachdesk.ui.file.participant_file import ParticipantFile
from coachdesk.ui.file.sections import FileSection
from tests.conftest import TODAY
from tests.ui.papers_support import (
    activate,
    amina_file,
    drop_files,
    focused,
    modal_closed,
    paper_dialog,
)
from tests.ui.shell_support import when_modal_appears
from tests.unit.attachment_files import jpeg_bytes, pdf_bytes

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def file(services: Services, qtbot: QtBot) -> Iterator[ParticipantFile]:
    """Amina's file, shown, at its Papers tab."""
    widget = amina_file(services, qtbot, FileSection.PAPERS)
    yield widget
    for dialog in QApplication.topLevelWidgets():
        if dialog.isVisible() and dialog is not widget:
            dialog.close()


@pytest.fixture
def desktop(tmp_path: Path) -> Path:
    """Files on her desktop: a CV, a photo of a certificate, broken and mislabelled files."""
    folder = tmp_path / "Desktop"
    folder.mkdir()
    (folder / "Lebenslauf_2026.pdf").write_bytes(pdf_bytes("Lebenslauf", pages=2))
    (folder / "IMG_2034.jpg").write_bytes(jpeg_bytes("Zeugnis"))
    (folder / "Kita-Bestätigung.jpg").write_bytes(jpeg_bytes("Kita", color="wheat"))
    (folder / "abgeschnitten.pdf").write_bytes(pdf_bytes("Antrag")[:-300])
    (folder / "antrag.pdf").write_bytes(jpeg_bytes("kein PDF"))
    return folder


def _titles(file: ParticipantFile) -> list[str]:
    return [row.paper.title for row in file.papers.table.model.rows()]


def _stored(file: ParticipantFile) -> list[AttachmentRecord]:
    return file.services.attachments.list_for_participant(file.participant_id)


def _save_keys(qtbot: QtBot) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_add_a_paper_with_the_file_dialog_by_keys(
    file: ParticipantFile, desktop: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = file.papers
    assert tab.table.is_empty()
    assert "Ctrl+Shift+A" in tab.table.empty.text() and "Drop" in tab.table.empty.text()
    asked: list[str] = []

    def choose(parent: object, title: str, folder: str, kinds: str) -> tuple[list[str], str]:
        asked.append(kinds)
        return [str(desktop / "Lebenslauf_2026.pdf")], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(choose))
    tab.table.setFocus()
    qtbot.keyClick(focused(), Qt.Key.Key_A, CTRL_SHIFT)
    dialog = paper_dialog(qtbot)
    # Pictures and PDFs are offered, any file can be chosen: the vault decides what it is.
    assert "*.pdf" in asked[0] and "*.jpg" in asked[0] and "(*)" in asked[0]
    assert dialog.file.text() == "Lebenslauf_2026.pdf"
    assert dialog.title.text() == "Lebenslauf 2026"  # suggested from the name
    assert dialog.category.value() is DataCategory.LANGUAGES_QUALIFICATIONS
    assert focused() is dialog.title
    qtbot.keyClicks(focused(), "Lebenslauf (deutsch)")  # the suggestion is replaced
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.category
    qtbot.keyClicks(focused(), "Fam")
    assert dialog.category.value() is DataCategory.FAMILY_CHILDCARE
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.document_date.line
    qtbot.keyClicks(focused(), "02/03/2026")
    _save_keys(qtbot)
    modal_closed(qtbot, dialog)

    [paper] = _stored(file)
    assert (paper.title, paper.category, paper.document_date) == (
        "Lebenslauf (deutsch)",
        DataCategory.FAMILY_CHILDCARE,
        dt.date(2026, 3, 2),
    )
    assert (paper.media_type, paper.page_count) == ("application/pdf", 2)
    assert _titles(file) == ["Lebenslauf (deutsch)"]
    model = tab.table.model
    assert model.data(model.index(0, PaperTableModel.CATEGORY)) == "Family and childcare"
    assert model.data(model.index(0, PaperTableModel.PAGES)) == "2 pages"
    assert tab.current() == paper  # the new paper is selected, ready to open


def test_files_dropped_on_the_tab_are_named_one_after_the_other(
    file: ParticipantFile, desktop: Path, qtbot: QtBot
) -> None:
    files = [desktop / "IMG_2034.jpg", desktop / "Kita-Bestätigung.jpg", desktop / "antrag.pdf"]
    assert drop_files(file.papers.table.view.viewport(), files)
    dialog = paper_dialog(qtbot)
    assert dialog.progress.text() == "File 1 of 3" and dialog.progress.isVisible()
    qtbot.keyClicks(focused(), "Zeugnis B1")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter saves, as in every form
    qtbot.waitUntil(lambda: dialog.progress.text() == "File 2 of 3")
    assert "“Zeugnis B1” is in her file now." in dialog.saved_message.text()
    assert dialog.title.text() == "Kita-Bestätigung"
    assert dialog.category.value() is DataCategory.FAMILY_CHILDCARE  # from the name
    assert focused() is dialog.title
    qtbot.keyClick(focused(), Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # Skip this file
    qtbot.waitUntil(lambda: dialog.progress.text() == "File 3 of 3")
    assert dialog.file.text() == "antrag.pdf"
    qtbot.keyClick(focused(), Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    modal_closed(qtbot, dialog)
    assert [p.title for p in _stored(file)] == ["Zeugnis B1"]
    assert _titles(file) == ["Zeugnis B1"]


def test_a_refused_file_among_several_is_skipped_and_the_next_starts_clean(
    file: ParticipantFile, desktop: Path, qtbot: QtBot
) -> None:
    drop_files(file.papers, [desktop / "antrag.pdf", desktop / "IMG_2034.jpg"])
    dialog = paper_dialog(qtbot)
    _save_keys(qtbot)
    error = dialog.file.error_label  # type: ignore[attr-defined]
    qtbot.waitUntil(error.isVisible)
    assert "JPEG" in error.text() and dialog.skip_button.isVisible()
    qtbot.keyClick(focused(), Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.progress.text() == "File 2 of 2")
    assert not error.isVisible() and dialog.file.text() == "IMG_2034.jpg"
    _save_keys(qtbot)
    modal_closed(qtbot, dialog)
    assert [p.title for p in _stored(file)] == ["IMG 2034"]


def test_files_dropped_anywhere_on_her_file_open_the_papers(
    file: ParticipantFile, desktop: Path, qtbot: QtBot
) -> None:
    file.show_section(FileSection.OVERVIEW)
    assert drop_files(file, [desktop / "IMG_2034.jpg"])
    assert file.tabs.currentWidget() is file.papers
    dialog = paper_dialog(qtbot)
    qtbot.keyClicks(focused(), "Zeugnis")
    _save_keys(qtbot)
    modal_closed(qtbot, dialog)
    assert [p.title for p in _stored(file)] == ["Zeugnis"]


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("abgeschnitten.pdf", "damaged or incomplete"),
        ("antrag.pdf", 'The file is called "antrag.pdf" but it is a JPEG picture'),
    ],
)
def test_a_refused_file_is_explained_in_the_dialog_and_her_typing_stays(
    file: ParticipantFile, desktop: Path, qtbot: QtBot, name: str, says: str
) -> None:
    drop_files(file.papers, [desktop / name])
    dialog = paper_dialog(qtbot)
    qtbot.keyClicks(focused(), "Antrag Kita")
    _save_keys(qtbot)
    qtbot.wait(50)
    assert dialog.isVisible()
    error = dialog.file.error_label  # type: ignore[attr-defined]
    assert error.isVisible() and says in error.text()
    assert dialog.title.text() == "Antrag Kita"
    assert _stored(file) == [] and file.services.attachments.totals().files == 0
    assert file.papers.table.is_empty()


def test_in_german_the_refusal_is_german(
    file: ParticipantFile, desktop: Path, qtbot: QtBot
) -> None:
    from coachdesk import i18n

    i18n.set_language("de")
    drop_files(file.papers, [desktop / "antrag.pdf"])
    dialog = paper_dialog(qtbot)
    _save_keys(qtbot)
    qtbot.wait(50)
    text = dialog.file.error_label.text()  # type: ignore[attr-defined]
    assert "antrag.pdf" in text and "JPEG" in text and "is called" not in text


def _add(file: ParticipantFile, title: str, data: bytes, **links: int) -> AttachmentRecord:
    draft = AttachmentDraft(title, DataCategory.LANGUAGES_QUALIFICATIONS, **links)  # type: ignore[arg-type]
    return file.services.attachments.add(file.participant_id, data, draft)


def test_f2_changes_title_category_and_what_it_belongs_to(
    file: ParticipantFile, qtbot: QtBot
) -> None:
    org = file.services.directory.create_organisation(
        OrganisationDraft("Jobcenter Nordstadt", OrganisationKind.JOB_CENTRE)
    )
    consent = file.services.consents.record(
        file.participant_id,
        ConsentDraft(frozenset({DataCategory.GOALS_PROGRESS}), "Bericht", TODAY, org.id),
    )
    paper = _add(file, "Scan", pdf_bytes("Einwilligung"))
    view = file.papers.table.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    dialog = paper_dialog(qtbot)
    assert dialog.title.text() == "Scan" and not dialog.skip_button.isVisible()
    assert "PDF, 1 page" in dialog.file.text()
    qtbot.keyClicks(focused(), "Einwilligung Jobcenter")
    for _ in range(4):  # category, date on the paper, its calendar, belongs to
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is dialog.belongs_to
    qtbot.keyClicks(focused(), "Consent")
    _save_keys(qtbot)
    modal_closed(qtbot, dialog)
    changed = file.services.attachments.get(paper.id)
    assert (changed.title, changed.consent_id) == ("Einwilligung Jobcenter", consent.id)
    assert _titles(file) == ["Einwilligung Jobcenter"]
    model = file.papers.table.model
    belongs = model.data(model.index(0, PaperTableModel.BELONGS_TO))
    assert belongs.startswith("Consent for Jobcenter Nordstadt")
    entries = file.services.audit.entries(participant_id=file.participant_id, action="update")
    assert [(e.entity, e.entity_id) for e in entries] == [("attachment", paper.id)]


def test_delete_asks_with_the_title_and_removes(file: ParticipantFile, qtbot: QtBot) -> None:
    paper = _add(file, "Zeugnis Deutsch B1", jpeg_bytes("B1"))
    view = file.papers.table.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Down)
    asked: list[str] = []

    def answer(button_text: str):  # type: ignore[no-untyped-def]
        def press(box: QMessageBox) -> None:
            asked.append(box.text())
            [button] = [b for b in box.buttons() if b.text() == button_text]
            button.click()

        return press

    watcher = when_modal_appears(answer("Keep"))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    watcher.stop()
    assert asked == ["Remove “Zeugnis Deutsch B1” from her file?"]
    assert _stored(file) == [paper]

    activate(qtbot, file)  # focus comes back to the list once the question is gone
    view.setFocus()
    watcher = when_modal_appears(answer("Remove"))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    watcher.stop()
    assert _stored(file) == [] and file.papers.table.is_empty()
    entries = file.services.audit.entries(participant_id=file.participant_id, action="delete")
    assert [(e.entity, e.entity_id) for e in entries] == [("attachment", paper.id)]


@pytest.mark.parametrize("how", ["Esc", "Cancel reached by Tab"])
def test_leaving_the_add_dialog_with_typing_asks_first(
    file: ParticipantFile, desktop: Path, qtbot: QtBot, how: str
) -> None:
    drop_files(file.papers, [desktop / "IMG_2034.jpg"])
    dialog = paper_dialog(qtbot)
    qtbot.keyClicks(focused(), "Zeugnis")
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)

    def leave() -> None:
        if how == "Esc":
            qtbot.keyClick(focused(), Qt.Key.Key_Escape)
            return
        for _ in range(12):
            if focused() is cancel:
                break
            qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is cancel
        qtbot.keyClick(cancel, Qt.Key.Key_Space)

    asked: list[str] = []

    def keep(box: QMessageBox) -> None:
        asked.append(box.windowTitle())
        box.button(QMessageBox.StandardButton.Cancel).click()

    watcher = when_modal_appears(keep)
    leave()
    watcher.stop()
    assert asked == ["Discard changes?"]
    assert dialog.isVisible() and dialog.title.text() == "Zeugnis"

    activate(qtbot, dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    watcher = when_modal_appears(lambda box: box.button(QMessageBox.StandardButton.Discard).click())
    leave()
    watcher.stop()
    modal_closed(qtbot, dialog)
    assert _stored(file) == []


def test_the_tab_reloads_only_for_changes_that_concern_it(
    file: ParticipantFile, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    reloads: list[int] = []
    original = file.papers.refresh
    monkeypatch.setattr(file.papers, "refresh", lambda: (reloads.append(1), original()))
    services = file.services
    services.goals.create(file.participant_id, GoalDraft("Kita-Platz"))
    other = services.participants.create(ParticipantDraft("Olena", "Kovalenko")).id
    services.attachments.add(
        other, jpeg_bytes(), AttachmentDraft("Ihr Zeugnis", DataCategory.LANGUAGES_QUALIFICATIONS)
    )
    assert reloads == []
    _add(file, "Zeugnis", pdf_bytes("B1"))
    assert reloads == [1] and _titles(file) == ["Zeugnis"]
    assert label(DataCategory.LANGUAGES_QUALIFICATIONS) in str(
        file.papers.table.model.data(file.papers.table.model.index(0, PaperTableModel.CATEGORY))
    )


def test_in_german_the_tab_and_what_a_paper_belongs_to_are_german(
    file: ParticipantFile, qtbot: QtBot
) -> None:
    from coachdesk import i18n

    org = file.services.directory.create_organisation(
        OrganisationDraft("Jobcenter Nordstadt", OrganisationKind.JOB_CENTRE)
    )
    consent = file.services.consents.record(
        file.participant_id,
        ConsentDraft(frozenset({DataCategory.GOALS_PROGRESS}), "Bericht", TODAY, org.id),
    )
    _add(file, "Einwilligung", pdf_bytes("unterschrieben"), consent_id=consent.id)
    i18n.set_language("de")
    file.retranslate()
    index = file.tabs.indexOf(file.papers)
    assert file.tabs.tabText(index) == "Unterlagen"
    model = file.papers.table.model
    assert model.headerData(PaperTableModel.BELONGS_TO, Qt.Orientation.Horizontal) == "Gehört zu"
    belongs = model.data(model.index(0, PaperTableModel.BELONGS_TO))
    assert belongs == "Einwilligung für Jobcenter Nordstadt (16.03.2026)"
    assert file.papers.add_button.text() == "Unterlage hinzufügen…"
