"""Meetings with attendees and agreements through the services, on a real vault."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from coachdesk.facade import Services
from coachdesk.models.enums import AttendeeRole, MeetingKind
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.services.meetings import AgreementDraft, AttendeeDraft, MeetingDraft
from coachdesk.services.participants import ParticipantDraft
from tests.conftest import TODAY

HELD = dt.datetime(2026, 3, 10, 9, 30)


def _participant(services: Services, first: str = "Oksana", last: str = "Kovalenko") -> int:
    return services.participants.create(ParticipantDraft(first, last)).id


def _draft(**changes: object) -> MeetingDraft:
    draft = MeetingDraft(
        HELD,
        location="Müttercafé Nordstadt",
        agenda="Bewerbungsstrategie",
        shared_summary="Sie bewirbt sich als Erzieherin.",
        internal_notes="Wirkt erschöpft",
        attendees=(
            AttendeeDraft("Oksana Kovalenko", AttendeeRole.PARTICIPANT),
            AttendeeDraft("Frau Berger", AttendeeRole.INTEGRATION_OFFICER),
        ),
        agreements=(
            AgreementDraft("Oksana", "Lebenslauf überarbeiten", dt.date(2026, 3, 20)),
            AgreementDraft("Frau Berger", "Anerkennung prüfen", dt.date(2026, 3, 31)),
        ),
    )
    return replace(draft, **changes)  # type: ignore[arg-type]


def test_meeting_round_trip(services: Services) -> None:
    pid = _participant(services)
    meeting = services.meetings.create(pid, _draft())
    got = services.meetings.get(meeting.id)
    assert got.participant_name == "Oksana Kovalenko"
    assert [a.role for a in got.attendees] == [
        AttendeeRole.PARTICIPANT,
        AttendeeRole.INTEGRATION_OFFICER,
    ]
    assert [a.what for a in got.agreements] == ["Lebenslauf überarbeiten", "Anerkennung prüfen"]
    assert replace(got.draft(), agreements=()) == _draft(agreements=())
    assert [a.id for a in got.draft().agreements] == [a.id for a in got.agreements]

    # Edit: keep the second agreement (by id) with a new text, drop the first, add one.
    first, second = got.agreements
    edited = replace(
        got.draft(),
        kind=MeetingKind.INDIVIDUAL,
        agreements=(
            replace(second.draft(), what="Anerkennung beantragen"),
            AgreementDraft("Coach", "Kita anrufen"),
        ),
    )
    updated = services.meetings.update(meeting.id, edited)
    assert updated.kind == MeetingKind.INDIVIDUAL
    assert updated.agreements[0].id == second.id
    assert [a.what for a in updated.agreements] == ["Anerkennung beantragen", "Kita anrufen"]
    assert first.id not in {a.id for a in updated.agreements}

    done = services.meetings.set_agreement_done(second.id, TODAY)
    assert done.done_on == TODAY
    assert services.meetings.set_agreement_done(second.id, None).done_on is None

    rows = services.meetings.list(dt.date(2026, 3, 10), dt.date(2026, 3, 10))
    assert [(r.id, r.participant_name, r.open_agreements) for r in rows] == [
        (meeting.id, "Oksana Kovalenko", 2)
    ]
    assert services.meetings.list(dt.date(2026, 3, 11)) == []
    assert services.meetings.list(end=dt.date(2026, 3, 9)) == []

    services.meetings.archive(meeting.id)
    assert services.meetings.list_for_participant(pid) == []
    assert services.meetings.list() == []
    assert [m.id for m in services.meetings.list_for_participant(pid, include_archived=True)] == [
        meeting.id
    ]
    services.meetings.unarchive(meeting.id)
    assert [r.id for r in services.meetings.list()] == [meeting.id]
    with pytest.raises(NotFoundError):
        services.meetings.get(meeting.id + 50)


def test_meeting_validation_names_the_field(services: Services) -> None:
    pid = _participant(services)
    other = services.meetings.create(_participant(services, "Leyla", "Ahmadi"), _draft())
    services.meetings.create(pid, _draft(held_at=dt.datetime(2026, 2, 1, 10, 0)))
    cases = [
        (_draft(held_at=None), "held_at"),
        (_draft(held_at=dt.datetime(2026, 2, 1, 10, 0)), "held_at"),  # same time twice
        (_draft(kind="coffee"), "kind"),
        (_draft(location="x" * 301), "location"),
        (_draft(attendees=(AttendeeDraft("", AttendeeRole.COACH),)), "attendees"),
        (_draft(attendees=(AttendeeDraft("IFK", AttendeeRole.COACH, 999),)), "attendees"),
        (
            _draft(
                attendees=(
                    AttendeeDraft("Frau Berger", AttendeeRole.COACH),
                    AttendeeDraft("frau berger", AttendeeRole.COACH),
                )
            ),
            "attendees",
        ),
        (_draft(agreements=(AgreementDraft("", "Lebenslauf"),)), "agreements"),
        (_draft(agreements=(AgreementDraft("Oksana", " "),)), "agreements"),
        (
            _draft(agreements=(AgreementDraft("Oksana", "CV", due_date=dt.date(2026, 3, 1)),)),
            "agreements",
        ),
        (
            _draft(agreements=(AgreementDraft("Oksana", "CV", done_on=TODAY + dt.timedelta(1)),)),
            "agreements",
        ),
    ]
    for draft, field in cases:
        with pytest.raises(ValidationError) as err:
            services.meetings.create(pid, draft)
        assert err.value.for_field(field) is not None, (field, err.value.errors)
    # An agreement of another participant's meeting cannot be moved in by id.
    foreign = AgreementDraft("x", "y", id=other.agreements[0].id)
    mine = services.meetings.list_for_participant(pid)[0]
    with pytest.raises(ValidationError) as err:
        services.meetings.update(mine.id, replace(mine.draft(), agreements=(foreign,)))
    assert err.value.for_field("agreements") is not None
    with pytest.raises(ValidationError):
        services.meetings.set_agreement_done(other.agreements[0].id, TODAY + dt.timedelta(1))
    assert len(services.meetings.list_for_participant(pid)) == 1


def test_audit_names_fields_and_changes_are_published(services: Services) -> None:
    pid = _participant(services)
    seen: list[Changes] = []
    services.subscribe(seen.append)
    meeting = services.meetings.create(pid, _draft())
    services.meetings.update(meeting.id, replace(meeting.draft(), internal_notes="anders"))
    # Saving the unchanged form writes nothing new to the audit log.
    services.meetings.update(meeting.id, services.meetings.get(meeting.id).draft())
    with pytest.raises(ValidationError):
        services.meetings.update(meeting.id, _draft(agreements=(AgreementDraft("", "x"),)))
    entries = [e for e in services.audit.entries(participant_id=pid) if e.entity == "meeting"]
    assert [(e.action, e.details) for e in entries] == [
        ("update", {"fields": ["internal_notes"]}),
        ("create", {}),
    ]
    assert seen[0] == Changes.of({ChangeKind.MEETING}, {pid})
    assert len(seen) == 3


def test_search_finds_summary_but_not_internal_notes(services: Services) -> None:
    pid = _participant(services)
    services.meetings.create(
        pid,
        _draft(shared_summary="Praktikum im Kindergarten vereinbart", internal_notes="Trennung"),
    )
    assert [(h.kind, h.participant_id) for h in services.search.search("kindergarten")] == [
        ("meeting", pid)
    ]
    assert services.search.search("Trennung") == []
