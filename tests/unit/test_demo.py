"""The demo generator: a realistic vault with every situation a coach meets, same seed same data."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from coachdesk import models as m
from coachdesk.demo.generate import BATCH_SIZE, INSERT_ORDER, DemoSummary, generate_demo
from coachdesk.facade import Services
from coachdesk.models.enums import (
    SPECIAL_CATEGORIES,
    AttendeeRole,
    LegalBasis,
    MeetingKind,
    MilestoneKind,
    OrganisationKind,
    ParticipantStatus,
)
from coachdesk.services.aftercare import FollowUpDraft, validate_followup
from coachdesk.services.consent_rules import check_recipient, validate_consent
from coachdesk.services.consents import ConsentDraft
from coachdesk.services.goals import (
    GoalDraft,
    MilestoneDraft,
    validate_goal,
    validate_milestone,
)
from coachdesk.services.handovers import HandoverDraft, validate_handover
from coachdesk.services.meeting_rules import validate_meeting
from coachdesk.services.meetings import AgreementDraft, AttendeeDraft, MeetingDraft
from coachdesk.services.participants import ParticipantDraft, validate_participant
from coachdesk.services.records import to_record
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE, TODAY

ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
TURKISH = re.compile(r"[şğıİ]")
GERMAN_UMLAUT = re.compile(r"[äöüÄÖÜß]")

Demo = tuple[Vault, DemoSummary]


@pytest.fixture(scope="module")
def demo(
    template_vault: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Vault, DemoSummary]]:
    """One demo vault of 40 for the tests that only read it."""
    vault = _copy_template(template_vault, tmp_path_factory.mktemp("demo") / "vault")
    try:
        yield vault, generate_demo(vault, participants=40, seed=1, today=TODAY)
    finally:
        vault.lock()


def _all(vault: Vault, model: type[Any]) -> list[Any]:
    with vault.sessions() as s:
        return list(s.scalars(select(model).order_by(model.id)))


def test_forty_participants_cover_every_status_and_the_users_names(demo: Demo) -> None:
    vault, summary = demo
    people = _all(vault, m.Participant)
    assert summary.participants == len(people) == 40
    assert {p.status for p in people} == set(ParticipantStatus)
    names = [p.display_name for p in people]
    for script in (ARABIC_SCRIPT, CYRILLIC, TURKISH, GERMAN_UMLAUT):
        assert any(script.search(n) for n in names), script.pattern
    left = [p for p in people if p.exit_date is not None]
    assert left and all(p.exit_destination is not None for p in left)
    assert all(p.retention_until is not None and p.retention_until > p.exit_date for p in left)
    archived = [p for p in people if p.status == ParticipantStatus.ARCHIVED]
    assert archived and all(p.archived_at is not None for p in archived)


def test_directory_has_every_kind_of_organisation_and_the_job_centre_team(demo: Demo) -> None:
    vault, _summary = demo
    organisations = _all(vault, m.Organisation)
    assert {o.kind for o in organisations} == set(OrganisationKind)
    job_centre = next(o for o in organisations if o.kind == OrganisationKind.JOB_CENTRE)
    staff = [c for c in _all(vault, m.ContactPerson) if c.organisation_id == job_centre.id]
    assert sum("Integrationsfachkraft" in c.role_title for c in staff) >= 3
    assert any("BCA" in c.role_title for c in staff)
    assert _all(vault, m.Responsibility)
    assert len(_all(vault, m.Module)) == 8


def test_consents_include_withdrawn_expiring_expired_and_explicit(demo: Demo) -> None:
    vault, _summary = demo
    consents = _all(vault, m.Consent)
    with vault.sessions() as s:
        categories = {c.id: c.categories for c in s.scalars(select(m.Consent))}
    assert any(c.withdrawn_on is not None for c in consents)
    soon = TODAY + dt.timedelta(days=30)
    live = [c for c in consents if c.withdrawn_on is None and c.valid_until is not None]
    assert any(TODAY <= c.valid_until <= soon for c in live)
    assert any(c.valid_until < TODAY for c in live)
    assert sum(c.is_valid_on(TODAY) for c in consents) > len(consents) / 2
    special = [c for c in consents if categories[c.id] & SPECIAL_CATEGORIES]
    assert special and all(c.legal_basis == LegalBasis.EXPLICIT_CONSENT for c in special)


def test_most_signed_consents_are_scanned_and_the_scans_open(demo: Demo) -> None:
    from coachdesk.facade import Services
    from coachdesk.models.enums import ConsentMethod
    from coachdesk.services.attachment_files import recognise

    vault, _summary = demo
    written = [c for c in _all(vault, m.Consent) if c.method == ConsentMethod.WRITTEN]
    papers = _all(vault, m.Attachment)
    scanned = {p.consent_id for p in papers}
    assert len(written) / 2 < len(scanned) < len(written), "most, not all, are scanned"
    services = Services(vault.sessions)
    for paper in papers[:5]:
        found = recognise(services.attachments.content(paper.id), "scan.pdf")
        assert found.page_count == 1
    assert vault.integrity_check().ok


def test_files_hold_small_steps_meetings_with_interpreters_and_overdue_agreements(
    demo: Demo,
) -> None:
    vault, summary = demo
    kinds = {ms.kind for ms in _all(vault, m.Milestone)}
    assert MilestoneKind.MILESTONE in kinds and len(kinds - {MilestoneKind.MILESTONE}) >= 5
    roles = {a.role for a in _all(vault, m.MeetingAttendee)}
    assert {AttendeeRole.INTEGRATION_OFFICER, AttendeeRole.INTERPRETER} <= roles
    meetings = _all(vault, m.Meeting)
    assert {mt.kind for mt in meetings} == {
        MeetingKind.THREE_WAY,
        MeetingKind.INDIVIDUAL,
        MeetingKind.GROUP,
    }
    assert all(mt.shared_summary for mt in meetings if mt.held_at.date() <= TODAY)
    assert summary.handovers > 40 and summary.aftercare_followups > 0
    overview = Services(vault.sessions, today=lambda: TODAY).reminders.today()
    assert overview.overdue_agreements
    assert overview.consents_expiring
    assert overview.upcoming_meetings
    assert overview.aftercare_due
    assert overview.retention_reached


def test_every_demo_record_passes_the_services_rules(demo: Demo) -> None:
    """The coach can open and save any demo record unchanged."""
    vault, _summary = demo
    problems: list[object] = []
    with vault.sessions() as s:
        for p in s.scalars(select(m.Participant)):
            problems += validate_participant(to_record(ParticipantDraft, p), TODAY)
        for g in s.scalars(select(m.Goal)):
            problems += validate_goal(to_record(GoalDraft, g), TODAY)
            for ms in g.milestones:
                problems += validate_milestone(to_record(MilestoneDraft, ms), TODAY)
        for c in s.scalars(select(m.Consent)):
            draft = to_record(ConsentDraft, c)
            problems += validate_consent(draft, TODAY) + check_recipient(s, draft)
        for mt in s.scalars(select(m.Meeting)):
            draft = to_record(
                MeetingDraft,
                mt,
                attendees=tuple(to_record(AttendeeDraft, a) for a in mt.attendees),
                agreements=tuple(to_record(AgreementDraft, a) for a in mt.agreements),
            )
            problems += validate_meeting(draft, TODAY)
        for h in s.scalars(select(m.Handover)):
            problems += validate_handover(to_record(HandoverDraft, h), TODAY)
        for f in s.scalars(select(m.AftercareFollowUp)):
            problems += validate_followup(to_record(FollowUpDraft, f), TODAY)
        for e in s.scalars(select(m.Enrolment)):
            module = e.module
            assert module.starts_on <= e.enrolled_on <= TODAY <= module.ends_on
            assert all(a.session_date <= TODAY for a in e.attendance)
    assert problems == []


def test_one_audit_entry_and_a_searchable_index(demo: Demo) -> None:
    vault, summary = demo
    entries = _all(vault, m.AuditEntry)
    assert [e.action for e in entries] == ["demo_generated"]
    assert json.loads(entries[0].details)["participants"] == 40
    services = Services(vault.sessions, today=lambda: TODAY)
    assert services.settings.coach_name()
    someone = _all(vault, m.Participant)[7]
    found = services.participants.list(query=someone.last_name, include_archived=True)
    assert someone.id in [r.id for r in found]
    assert summary.counts()["participants"] == 40 and "seconds" not in summary.counts()


def _snapshot(vault: Vault) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    with vault.sessions() as s:
        for model in INSERT_ORDER:
            table = model.__table__  # type: ignore[attr-defined]
            columns = [c for c in table.c if c.name not in ("created_at", "updated_at")]
            rows += [tuple(r) for r in s.execute(select(*columns).order_by(table.c.id))]
    return rows


def _copy_template(template_vault: tuple[Path, str], target: Path) -> Vault:
    shutil.copytree(template_vault[0], target)
    return Vault.open(target, PASSPHRASE)


def test_same_seed_gives_the_same_vault_and_another_seed_another(
    template_vault: tuple[Path, str], tmp_path: Path
) -> None:
    snapshots = []
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        vault = _copy_template(template_vault, tmp_path / name)
        try:
            generate_demo(vault, participants=12, seed=seed, today=TODAY)
            snapshots.append(_snapshot(vault))
        finally:
            vault.lock()
    assert snapshots[0] == snapshots[1]
    assert snapshots[0] != snapshots[2]


def test_a_second_run_adds_to_an_existing_vault(vault: Vault) -> None:
    first = generate_demo(vault, participants=7, seed=1, today=TODAY)
    second = generate_demo(vault, participants=7, seed=2, today=TODAY)
    assert len(_all(vault, m.Participant)) == first.participants + second.participants == 14
    assert len(_all(vault, m.Organisation)) == 2 * first.organisations
    assert vault.integrity_check().ok


def test_larger_runs_are_batched_and_stay_consistent(vault: Vault) -> None:
    summary = generate_demo(vault, participants=BATCH_SIZE + 3, seed=3, today=TODAY)
    assert summary.participants == len(_all(vault, m.Participant)) == BATCH_SIZE + 3
    with vault.sessions() as s:
        orphans = s.execute(
            select(m.Goal.id).outerjoin(m.Participant).where(m.Participant.id.is_(None))
        ).all()
    assert orphans == []
    assert vault.integrity_check().ok
    assert summary.seconds < 30


def test_demo_attendance_obeys_the_rules(demo: Demo) -> None:
    """Every session day of the demo is one the register would accept."""
    from coachdesk.services.attendance_rules import attendance_date_problems, period_of

    vault, _summary = demo
    with vault.sessions() as s:
        entries = list(s.scalars(select(m.Attendance)))
        assert entries
        for a in entries:
            enrolment = s.get(m.Enrolment, a.enrolment_id)
            assert enrolment is not None
            participant = s.get(m.Participant, enrolment.participant_id)
            assert participant is not None
            period = period_of(enrolment, participant.exit_date)
            assert attendance_date_problems(a.session_date, period, TODAY) == [], a.session_date
