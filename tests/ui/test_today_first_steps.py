"""A new vault: Today shows the first steps, each a click away, until they are done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from coachdesk.models.enums import DataCategory, OrganisationKind
from coachdesk.services.consents import ConsentDraft
from coachdesk.services.directory import OrganisationDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.shell.app import AppController
from coachdesk.ui.shell.view_pages import CONTACTS, TODAY
from tests.ui.shell_support import running_controller, unlock


@pytest.fixture
def controller(qapp, tmp_path: Path) -> Iterator[AppController]:  # type: ignore[no-untyped-def]
    with running_controller(tmp_path) as c:
        yield c


def test_first_steps_are_ticked_off_and_then_go(controller, vault_path, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    window.show_view(TODAY)
    qtbot.waitUntil(lambda: not window.today.loading)  # as she waits for Today to fill
    steps = window.today.getting_started
    assert steps.isVisible()
    assert not steps.buttons["named"].isEnabled()  # asked at first start
    assert steps.buttons["partner"].isEnabled()

    qtbot.mouseClick(steps.buttons["partner"], Qt.MouseButton.LeftButton)
    assert window.current_view() == CONTACTS

    services = controller.services
    org = services.directory.create_organisation(
        OrganisationDraft("Jobcenter Nordstadt", OrganisationKind.JOB_CENTRE)
    )
    amina = services.participants.create(ParticipantDraft("Amina", "Haddad"))
    services.consents.record(
        amina.id,
        ConsentDraft(
            frozenset({DataCategory.IDENTITY_CONTACT}),
            "Abstimmung",
            dt.date(2026, 3, 1),
            recipient_organisation_id=org.id,
        ),
    )
    window.show_view(TODAY)
    qtbot.waitUntil(lambda: not steps.buttons["consent"].isEnabled(), timeout=5000)
    assert steps.isVisible()  # the backup is still to do
    services.vault_admin.back_up(tmp_path)
    qtbot.mouseClick(window.today.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.today.loading)
    assert not steps.isVisible()


def test_an_overdue_agreement_is_done_from_today_in_one_action(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    from coachdesk.services.meetings import AgreementDraft, MeetingDraft
    from coachdesk.ui.shell.signals import AppSignals
    from coachdesk.ui.today.model import ITEM_ROLE, SECTION_ROLE, WHAT
    from coachdesk.ui.today.sections import AGREEMENTS
    from coachdesk.ui.today.view import TodayView
    from tests.conftest import TODAY

    ayse = services.participants.create(ParticipantDraft("Ayşe", "Yılmaz"))
    services.meetings.create(
        ayse.id,
        MeetingDraft(
            held_at=dt.datetime.combine(TODAY - dt.timedelta(days=10), dt.time(10, 0)),
            agreements=(AgreementDraft("Ayşe", "Bring the CV", TODAY - dt.timedelta(days=3)),),
        ),
    )
    signals = AppSignals()
    services.subscribe(signals.publish)
    view = TodayView(services, signals)
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.waitUntil(lambda: not view.loading)
    model = view.model
    rows = [model.index(r, 0) for r in range(model.rowCount())]
    section = next(i for i in rows if i.data(SECTION_ROLE) == AGREEMENTS)
    assert model.index(0, WHAT, section).data() == "Ayşe: Bring the CV"
    assert not view.done_button.isEnabled()
    view.tree.setFocus()
    view.tree.setCurrentIndex(section)
    qtbot.keyClick(view.tree, Qt.Key.Key_Down)  # onto the agreement, as she would
    assert view.done_button.isEnabled()
    qtbot.keyClick(view.tree, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)

    [meeting] = services.meetings.list_for_participant(ayse.id)
    assert meeting.agreements[0].done_on == TODAY

    def gone() -> bool:  # Today refreshes right after the change: the empty hint is left
        rows = [model.index(r, 0) for r in range(model.rowCount())]
        section = next(i for i in rows if i.data(SECTION_ROLE) == AGREEMENTS)
        return model.index(0, WHAT, section).data(ITEM_ROLE) is None

    qtbot.waitUntil(gone, timeout=3000)

    assert "Marked as done" in view.done_message.text()
    qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
    [meeting] = services.meetings.list_for_participant(ayse.id)
    assert meeting.agreements[0].done_on is None
