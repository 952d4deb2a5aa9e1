"""Fuzzing the services: whatever a form sends, a saved record or a clear message, no crash.

Hypothesis builds every draft from its type hints with hostile values: NUL characters,
any (non-surrogate) Unicode, whitespace only, texts longer than any column, dates from
year 1 to 9999, ids and counts that are negative or beyond SQLite's 64 bits. Each call
must either succeed, and then read back exactly as it returned, or raise ValidationError
or NotFoundError. One vault per test function, reused across examples.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from coachdesk.facade import Services
from coachdesk.models.enums import (
    AttendanceStatus,
    EnrolmentResult,
    OrganisationKind,
)
from coachdesk.services.aftercare import FollowUpDraft
from coachdesk.services.consents import ConsentDraft
from coachdesk.services.directory import ContactDraft, OrganisationDraft
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.services.goals import GoalDraft, MilestoneDraft
from coachdesk.services.handovers import HandoverDraft
from coachdesk.services.meeting_records import MeetingDraft
from coachdesk.services.modules import ModuleDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.services.responsibilities import ResponsibilityDraft
from tests.unit.fuzz_drafts import FORMATTED, dates, drafts, ids, texts

T = TypeVar("T")
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "50")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def attempt(call: Callable[[], T]) -> T | None:
    """The call's result, or None for a clear refusal; anything else fails the test."""
    try:
        result = call()
        event("succeeded")
        return result
    except ValidationError as refused:
        event(f"refused: {refused.errors[0].field} {refused.errors[0].message.msgid[:30]}")
        assert all(e.message.render("en").strip() for e in refused.errors)
        return None
    except NotFoundError as refused:
        event("refused: not found")
        assert refused.message.render("en").strip()
        return None


def reads_back(
    saved: Any, get: Callable[[int], Any], update: Callable[[int, Any], Any], draft: Any
) -> None:
    """What was saved reads back as returned, its texts as typed (trimmed), and saving it
    again changes nothing."""
    if saved is None:
        return
    assert get(saved.id) == saved
    for f in dataclasses.fields(draft):
        typed = getattr(draft, f.name)
        if isinstance(typed, str) and f.name not in FORMATTED and hasattr(saved, f.name):
            assert getattr(saved, f.name) == typed.strip(), f.name
    again = update(saved.id, saved.draft())
    assert again.draft() == saved.draft()


@dataclasses.dataclass
class Base:
    participant: int
    organisation: int
    contact: int
    module: int


_BASES: weakref.WeakKeyDictionary[Services, Base] = weakref.WeakKeyDictionary()


def base(services: Services) -> Base:
    """One participant, organisation, contact and module the fuzzed calls can refer to."""
    found = _BASES.get(services)
    if found is None:
        pid = services.participants.create(ParticipantDraft("Amina", "Fuzz")).id
        org = services.directory.create_organisation(
            OrganisationDraft("Jobcenter Fuzz", OrganisationKind.JOB_CENTRE)
        ).id
        contact = services.directory.create_contact(ContactDraft(org, "Frau Kaya")).id
        module = services.modules.create(ModuleDraft("Bewerbungstraining")).id
        found = Base(pid, org, contact, module)
        _BASES[services] = found
    return found


@FUZZ
@given(draft=drafts(ParticipantDraft), other=drafts(ParticipantDraft), target=ids)
def test_participants(services: Services, draft: ParticipantDraft, other: Any, target: int) -> None:
    base(services)
    p = services.participants
    reads_back(attempt(lambda: p.create(draft)), p.get, p.update, draft)
    reads_back(attempt(lambda: p.update(target, other)), p.get, p.update, other)
    attempt(lambda: p.archive(target))
    attempt(lambda: p.get(target))


@FUZZ
@given(
    goal=drafts(GoalDraft),
    milestone=drafts(MilestoneDraft),
    pid=ids,
    goal_id=ids,
    milestone_id=ids,
    on=st.none() | dates,
    order=st.lists(ids, max_size=4),
)
def test_goals_and_milestones(
    services: Services,
    goal: GoalDraft,
    milestone: MilestoneDraft,
    pid: int,
    goal_id: int,
    milestone_id: int,
    on: dt.date | None,
    order: list[int],
) -> None:
    g = services.goals
    own = base(services).participant
    for participant in (own, pid):
        reads_back(attempt(lambda p=participant: g.create(p, goal)), g.get, g.update, goal)
    reads_back(attempt(lambda: g.update(goal_id, goal)), g.get, g.update, goal)
    made = attempt(lambda: g.add_milestone(goal_id, milestone))
    if made is not None:
        assert made in g.get(goal_id).milestones
    attempt(lambda: g.update_milestone(milestone_id, milestone))
    attempt(lambda: g.mark_milestone_reached(milestone_id, on))
    attempt(lambda: g.mark_reached(goal_id, on or dt.date(2026, 3, 1)))
    attempt(lambda: g.reorder(pid, order))
    attempt(lambda: g.reorder_milestones(goal_id, order))
    attempt(lambda: g.list_for_participant(pid))


@FUZZ
@given(
    module=drafts(ModuleDraft),
    module_id=ids,
    pid=ids,
    on=dates,
    result=st.sampled_from(list(EnrolmentResult)),
    status=st.sampled_from(list(AttendanceStatus)),
    note=texts,
    enrolment_id=ids,
)
def test_modules_enrolments_attendance(
    services: Services,
    module: ModuleDraft,
    module_id: int,
    pid: int,
    on: dt.date,
    result: EnrolmentResult,
    status: AttendanceStatus,
    note: str,
    enrolment_id: int,
) -> None:
    m = services.modules
    own = base(services)
    reads_back(attempt(lambda: m.create(module)), m.get, m.update, module)
    reads_back(attempt(lambda: m.update(module_id, module)), m.get, m.update, module)
    for who, which in ((own.participant, own.module), (pid, module_id)):
        enrolled = attempt(lambda p=who, mod=which: m.enrol(p, mod, on))
        if enrolled is not None:
            assert m.get_enrolment(enrolled.id) == enrolled
    attempt(lambda: m.set_result(enrolment_id, result, on, note))
    attended = attempt(lambda: m.record_attendance(enrolment_id, on, status, note))
    if attended is not None:
        assert m.get_enrolment(enrolment_id) == attended
    attempt(lambda: m.enrolments_for_participant(pid))
    attempt(lambda: m.participants_of_module(module_id))


@FUZZ
@given(
    meeting=drafts(MeetingDraft), pid=ids, meeting_id=ids, agreement_id=ids, on=st.none() | dates
)
def test_meetings_with_attendees_and_agreements(  # type: ignore[no-untyped-def]
    services, meeting, pid, meeting_id, agreement_id, on
) -> None:
    m = services.meetings
    own = base(services).participant
    for participant in (own, pid):
        reads_back(attempt(lambda p=participant: m.create(p, meeting)), m.get, m.update, meeting)
    reads_back(attempt(lambda: m.update(meeting_id, meeting)), m.get, m.update, meeting)
    attempt(lambda: m.set_agreement_done(agreement_id, on))
    attempt(lambda: m.list_for_participant(pid))


@FUZZ
@given(handover=drafts(HandoverDraft), pid=ids, handover_id=ids)
def test_handovers(services: Services, handover: HandoverDraft, pid: int, handover_id: int) -> None:
    h = services.handovers
    own = base(services).participant
    for participant in (own, pid):
        reads_back(attempt(lambda p=participant: h.create(p, handover)), h.get, h.update, handover)
    reads_back(attempt(lambda: h.update(handover_id, handover)), h.get, h.update, handover)
    attempt(lambda: h.list_for_participant(pid))


@FUZZ
@given(consent=drafts(ConsentDraft), pid=ids, consent_id=ids, on=dates)
def test_consents(
    services: Services, consent: ConsentDraft, pid: int, consent_id: int, on: dt.date
) -> None:
    c = services.consents
    own = base(services).participant
    for participant in (own, pid):
        reads_back(attempt(lambda p=participant: c.record(p, consent)), c.get, c.update, consent)
    reads_back(attempt(lambda: c.update(consent_id, consent)), c.get, c.update, consent)
    attempt(lambda: c.withdraw(consent_id, on))
    attempt(lambda: c.list_for_participant(pid))


@FUZZ
@given(
    organisation=drafts(OrganisationDraft),
    contact=drafts(ContactDraft),
    responsibility=drafts(ResponsibilityDraft),
    target=ids,
)
def test_directory(  # type: ignore[no-untyped-def]
    services, organisation, contact, responsibility, target
) -> None:
    d = services.directory
    own = base(services)
    saved = attempt(lambda: d.create_organisation(organisation))
    reads_back(saved, d.get_organisation, d.update_organisation, organisation)
    reads_back(
        attempt(lambda: d.update_organisation(target, organisation)),
        d.get_organisation,
        d.update_organisation,
        organisation,
    )
    local = dataclasses.replace(contact, organisation_id=own.organisation)
    for draft in (contact, local):
        made = attempt(lambda c=draft: d.create_contact(c))
        reads_back(made, d.get_contact, d.update_contact, draft)
    reads_back(
        attempt(lambda: d.update_contact(target, contact)), d.get_contact, d.update_contact, contact
    )
    for org in (own.organisation, target):
        added = attempt(lambda o=org: d.add_responsibility(o, responsibility))
        reads_back(added, d.get_responsibility, d.update_responsibility, responsibility)
    attempt(lambda: d.update_responsibility(target, responsibility))
    attempt(lambda: d.list_contacts(target))
    attempt(lambda: d.list_responsibilities(target))


@FUZZ
@given(followup=drafts(FollowUpDraft), pid=ids, followup_id=ids, on=dates)
def test_aftercare(
    services: Services, followup: FollowUpDraft, pid: int, followup_id: int, on: dt.date
) -> None:
    a = services.aftercare
    own = base(services).participant
    for participant in (own, pid):
        reads_back(attempt(lambda p=participant: a.create(p, followup)), a.get, a.update, followup)
    reads_back(attempt(lambda: a.update(followup_id, followup)), a.get, a.update, followup)
    attempt(lambda: a.mark_done(followup_id, on))
    attempt(lambda: a.list_for_participant(pid))


def saved(call: Callable[[], None]) -> bool:
    """Whether the setting was saved (False: refused with a clear message)."""
    return attempt(lambda: call() or True) is not None


@FUZZ
@given(name=texts, organisation=texts, months=ids)
def test_settings(services: Services, name: str, organisation: str, months: int) -> None:
    s = services.settings
    if saved(lambda: s.set_coach_name(name)):
        assert s.coach_name() == name.strip()
    if saved(lambda: s.set_organisation_name(organisation)):
        assert s.organisation_name() == organisation.strip()
    if saved(lambda: s.set_retention_months(months)):
        assert s.retention_months() == months
    assert 1 <= s.retention_months() <= 120


def test_what_fuzzing_found(services: Services) -> None:
    """Each of these crashed once (OverflowError, IntegrityError, ValueError)."""
    beyond = 2**64
    with pytest.raises(NotFoundError):
        services.goals.get(beyond)
    assert services.consents.list_for_participant(beyond) == []
    with pytest.raises(ValidationError) as refused:
        services.participants.create(ParticipantDraft("Amina", "K", integration_officer_id=99))
    assert refused.value.for_field("integration_officer_id") is not None
    last_day = ParticipantDraft("Olena", "K", entry_date=dt.date(9999, 1, 1), exit_date=dt.date.max)
    saved = services.participants.create(last_day)
    assert services.participants.get(saved.id).exit_date == dt.date.max
