"""The Today model, without a window: sections from a real vault, empty hints, item data."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt

from coachdesk.services.context import ChangeKind
from coachdesk.services.goals import GoalDraft
from coachdesk.services.meetings import AgreementDraft, MeetingDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.today.model import (
    ITEM_ROLE,
    PARTICIPANT,
    PARTICIPANT_ID_ROLE,
    SECTION_ROLE,
    WHAT,
    WHEN,
    TodayItem,
    TodayModel,
    TodaySection,
)
from coachdesk.ui.today.sections import AGREEMENTS, GOALS, MEETINGS, build_sections
from tests.conftest import TODAY


def _section_row(model: TodayModel, key: str) -> QModelIndex:
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(SECTION_ROLE) == key:
            return index
    raise AssertionError(f"no section {key}")


def test_overdue_agreement_goal_and_meeting_land_in_their_sections(services, qapp) -> None:  # type: ignore[no-untyped-def]
    ayse = services.participants.create(ParticipantDraft("Ayşe", "Yılmaz"))
    services.meetings.create(
        ayse.id,
        MeetingDraft(
            held_at=dt.datetime.combine(TODAY - dt.timedelta(days=10), dt.time(10, 0)),
            location="Müttercafé",
            agreements=(AgreementDraft("Ayşe", "Bring the CV", TODAY - dt.timedelta(days=3)),),
        ),
    )
    services.meetings.create(
        ayse.id,
        MeetingDraft(held_at=dt.datetime.combine(TODAY + dt.timedelta(days=2), dt.time(9, 30))),
    )
    services.goals.create(ayse.id, GoalDraft("Driving licence", target_date=TODAY))

    model = TodayModel()
    model.set_sections(build_sections(services.reminders.today(TODAY)))

    # six reminder lists, the consents without scan and the three ESF questionnaires
    assert model.rowCount() == 10
    agreements = _section_row(model, AGREEMENTS)
    assert agreements.data() == "Overdue agreements (1)"
    assert model.rowCount(agreements) == 1
    item_index = model.index(0, WHAT, agreements)
    assert item_index.data() == "Ayşe: Bring the CV"
    assert model.index(0, PARTICIPANT, agreements).data() == "Ayşe Yılmaz"
    assert model.index(0, WHEN, agreements).data() == "Mar 13, 2026"
    assert item_index.data(PARTICIPANT_ID_ROLE) == ayse.id
    item = item_index.data(ITEM_ROLE)
    assert isinstance(item, TodayItem) and item.kind == ChangeKind.AGREEMENT
    assert model.parent(item_index) == agreements
    assert model.flags(item_index) & Qt.ItemFlag.ItemIsSelectable

    meetings = _section_row(model, MEETINGS)
    assert model.rowCount(meetings) == 1  # the past meeting is not "coming up"
    assert model.index(0, WHAT, meetings).data() == "Three-way meeting"
    goals = _section_row(model, GOALS)
    assert model.index(0, WHAT, goals).data() == "Driving licence"
    assert model.item_count() == 3


def test_empty_section_shows_one_hint_that_cannot_be_selected(qapp) -> None:  # type: ignore[no-untyped-def]
    model = TodayModel()
    model.set_sections([TodaySection("goals", "Goals due", "Give goals a target date.")])
    section = model.index(0, 0)
    assert section.data() == "Goals due (0)"
    assert model.rowCount(section) == 1
    hint = model.index(0, 0, section)
    assert hint.data() == "Give goals a target date."
    assert hint.data(ITEM_ROLE) is None
    assert not model.flags(hint) & Qt.ItemFlag.ItemIsSelectable
    assert model.rowCount(hint) == 0
    model.clear()
    assert model.rowCount() == 0
