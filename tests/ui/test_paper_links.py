"""Papers that belong to a record: the signed consent attached from the consents tab or dropped
onto the consent, a handover's or meeting's paper dropped onto its row; Today's reminder to
scan a written consent, opening her file at the consents; the largest file in Settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from coachdesk.facade import Services
from coachdesk.models.enums import ConsentMethod, DataCategory, HandoverKind, OrganisationKind
from coachdesk.services.attachment_records import AttachmentDraft
from coachdesk.services.consents import ConsentDraft
from coachdesk.services.directory import OrganisationDraft
from coachdesk.services.handovers import HandoverDraft
from coachdesk.services.meetings import MeetingDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.attachments.links import Link, LinkKind
from coachdesk.ui.consents.model import ConsentTableModel
from coachdesk.ui.file.participant_file import ParticipantFile
from coachdesk.ui.file.sections import FileSection
from coachdesk.ui.settings.papers import PapersGroup
from coachdesk.ui.shell.main_window import TODAY as TODAY_VIEW
from coachdesk.ui.today.model import ITEM_ROLE
from tests.conftest import TODAY
from tests.ui.papers_support import (
    activate,
    amina_file,
    drop_files,
    focused,
    modal_closed,
    paper_dialog,
)
from tests.ui.shell_support import running_controller, unlock
from tests.unit.attachment_files import jpeg_bytes, pdf_bytes


def _days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def _consent(services: Services, pid: int, org: int, days: int, **kw: object) -> int:
    draft = ConsentDraft(
        frozenset({DataCategory.GOALS_PROGRESS}), "Bericht", _days_ago(days), org, **kw
    )  # type: ignore[arg-type]
    return services.consents.record(pid, draft).id


def _org(services: Services, name: str = "Jobcenter Nordstadt") -> int:
    draft = OrganisationDraft(name, OrganisationKind.JOB_CENTRE)
    return services.directory.create_organisation(draft).id


@pytest.fixture
def file(services: Services, qtbot: QtBot) -> Iterator[ParticipantFile]:
    widget = amina_file(services, qtbot)
    yield widget


@pytest.fixture
def scan(tmp_path: Path) -> Path:
    path = tmp_path / "Scan_0001.pdf"
    path.write_bytes(pdf_bytes("Einwilligung", "unterschrieben"))
    return path


def _row_point(view, row: int) -> QPoint:  # type: ignore[no-untyped-def]
    return view.visualRect(view.model().index(row, 1)).center()


def test_attach_the_signed_paper_from_the_consents_tab(
    file: ParticipantFile, scan: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    services, pid = file.services, file.participant_id
    org = _org(services)
    older = _consent(services, pid, org, 20)
    newer = _consent(services, pid, org, 3)
    file.show_section(FileSection.CONSENTS)
    tab = file.consents
    model = tab.table.model
    assert [model.data(model.index(r, ConsentTableModel.PAPER)) for r in range(2)] == [
        "not scanned yet",
        "not scanned yet",
    ]
    tab.table.view.setFocus()
    qtbot.keyClick(tab.table.view, Qt.Key.Key_Down)
    qtbot.keyClick(tab.table.view, Qt.Key.Key_Down)
    assert tab.table.current_record().id == older
    assert not tab.show_paper_button.isEnabled()
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a: ([str(scan)], "")))
    qtbot.mouseClick(tab.attach_button, Qt.MouseButton.LeftButton)
    dialog = paper_dialog(qtbot)
    assert dialog.belongs_to.currentData() == Link(LinkKind.CONSENT, older)
    assert dialog.category.value() is DataCategory.IDENTITY_CONTACT
    assert dialog.document_date.date() == _days_ago(20)  # the day she signed it
    qtbot.keyClicks(focused(), "Einwilligung Jobcenter")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    modal_closed(qtbot, dialog)

    [paper] = services.attachments.list_for_participant(pid)
    assert (paper.consent_id, paper.title) == (older, "Einwilligung Jobcenter")
    row = next(r for r in range(2) if tab.table.model.row_at(r).id == older)
    assert model.data(model.index(row, ConsentTableModel.PAPER)) == "scanned"
    assert tab.table.current_record().id == older
    assert tab.show_paper_button.isEnabled()
    assert "“Einwilligung Jobcenter”" in tab.details.text()
    assert [c.consent_id for c in services.reminders.today().consents_without_scan] == []
    assert newer not in {p.consent_id for p in services.attachments.list_for_participant(pid)}


def test_files_dropped_onto_a_consent_a_handover_or_a_meeting_belong_to_it(
    file: ParticipantFile, scan: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    services, pid = file.services, file.participant_id
    org = _org(services)
    consent = _consent(services, pid, org, 2)
    handover = services.handovers.create(
        pid, HandoverDraft(HandoverKind.INTAKE, _days_ago(10), organisation_id=org)
    ).id
    meeting = services.meetings.create(
        pid, MeetingDraft(dt.datetime.combine(_days_ago(5), dt.time(10)))
    ).id
    photo = tmp_path / "foto.jpg"
    photo.write_bytes(jpeg_bytes("Protokoll"))
    note = tmp_path / "notiz.png"
    note.write_bytes(jpeg_bytes("Notiz"))
    note = note.rename(tmp_path / "notiz.jpg")

    for section, table, path, expected in (
        (FileSection.CONSENTS, file.consents.table, scan, Link(LinkKind.CONSENT, consent)),
        (FileSection.HANDOVERS, file.handovers.table, photo, Link(LinkKind.HANDOVER, handover)),
        (FileSection.MEETINGS, file.meetings.table, note, Link(LinkKind.MEETING, meeting)),
    ):
        file.show_section(section)
        view = table.view
        assert drop_files(view.viewport(), [path], _row_point(view, 0))
        dialog = paper_dialog(qtbot)
        assert dialog.belongs_to.currentData() == expected
        qtbot.keyClick(focused(), Qt.Key.Key_Return)
        modal_closed(qtbot, dialog)
        activate(qtbot, file)
    links = {
        (p.consent_id, p.handover_id, p.meeting_id)
        for p in services.attachments.list_for_participant(pid)
    }
    assert links == {(consent, None, None), (None, handover, None), (None, None, meeting)}
    file.show_section(FileSection.PAPERS)
    texts = {row.belongs_to.split(" (")[0] for row in file.papers.table.model.rows()}
    assert texts == {
        "Consent for Jobcenter Nordstadt",
        "Intake handover",
        "Three-way meeting",
    }


def test_today_reminds_of_a_written_consent_without_scan_and_opens_her_file(
    qapp, vault_path: Path, qtbot: QtBot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    with running_controller(tmp_path) as controller:
        window = unlock(controller, vault_path, qtbot)
        services = controller.services
        assert services is not None
        pid = services.participants.create(ParticipantDraft("Amina", "Haddad")).id
        unscanned = _consent(services, pid, _org(services, "Jobcenter Nord"), 15)
        scanned = _consent(services, pid, _org(services, "Agentur für Arbeit"), 15)
        services.attachments.add(
            pid,
            pdf_bytes("unterschrieben"),
            AttachmentDraft("Einwilligung", DataCategory.IDENTITY_CONTACT, consent_id=scanned),
        )
        oral_org = _org(services, "Kita Sonnenschein")
        _consent(
            services, pid, oral_org, 15, method=ConsentMethod.ORAL_WITH_WITNESS, witness="Weber"
        )
        _consent(services, pid, _org(services, "VHS"), 13)  # not yet two weeks
        window.show_view(TODAY_VIEW)
        today = window.today
        qtbot.mouseClick(today.refresh_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not today.loading)
        model = today.model
        section = next(
            model.index(r, 0)
            for r in range(model.rowCount())
            if str(model.index(r, 0).data()).startswith("Signed consents not scanned")
        )
        assert model.rowCount(section) == 1
        item = model.index(0, 0, section)
        assert item.data() == "Scan the signed consent for Jobcenter Nord into her file"
        assert item.data(ITEM_ROLE).record_id == unscanned
        today.tree.setFocus()
        today.tree.setCurrentIndex(item)
        qtbot.keyClick(today.tree, Qt.Key.Key_Return)
        file_window = window.files[pid]
        assert file_window.isVisible()
        assert file_window.file.tabs.currentWidget() is file_window.file.consents


def test_the_largest_file_is_set_in_settings(services: Services, qtbot: QtBot) -> None:
    group = PapersGroup(services)
    qtbot.addWidget(group)
    activate(qtbot, group)
    assert group.limit.value() == 25
    group.limit.setFocus()
    group.limit.selectAll()
    qtbot.keyClicks(group.limit, "40")
    qtbot.keyClick(group.limit, Qt.Key.Key_Return)
    assert services.settings.attachment_limit_mb() == 40
    assert services.attachments.limit_bytes() == 40 * 1024 * 1024
    assert group.message.text() == "Saved."
    assert group.limit.text() == "40 MB"
