"""The only path from the vault to a document.

A value leaves only when the column it comes from names a data category (in
the column ``info``) and a consent valid on the day covers that category for
the recipient. Columns without a category (internal notes) are never read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import fields
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.export.facts import (
    AgreementFacts,
    AttendanceFacts,
    AttendeeFacts,
    ConsentBasis,
    ConsentFormFacts,
    EnrolmentFacts,
    Fact,
    FilteredFile,
    GoalFacts,
    HandoverFacts,
    MeetingFacts,
    MilestoneFacts,
    Withheld,
    WithheldReason,
)
from coachdesk.models import (
    Consent,
    Enrolment,
    Goal,
    Handover,
    Meeting,
    MeetingAttendee,
    Participant,
)
from coachdesk.models.enums import AttendeeRole, DataCategory
from coachdesk.services.common import load, load_participant

T = TypeVar("T")

# Dataclass fields that are filled from related rows or ids, not from a categorized column.
_NOT_COLUMNS = frozenset(
    {"milestones", "attendance", "attendees", "agreements", "module_title"}
    | {"meeting_id", "handover_id"}
)


def category_of(model: type[Any], column: str) -> DataCategory | None:
    """The data category a column belongs to (None: never exported)."""
    cat = model.__table__.columns[column].info.get("category")
    return DataCategory(cat) if cat is not None else None


def _copy(cls: type[T], obj: object, covered: frozenset[DataCategory], **extra: Any) -> T:
    """Build ``cls`` from ``obj``'s categorized columns; every copied column must be covered."""
    values: dict[str, Any] = dict(extra)
    for f in fields(cls):  # type: ignore[arg-type]
        if f.name in extra or f.name in _NOT_COLUMNS:
            continue
        cat = category_of(type(obj), f.name)
        if cat is None or cat not in covered:
            raise PermissionError(f"{type(obj).__name__}.{f.name} is not covered")
        values[f.name] = getattr(obj, f.name)
    return cls(**values)


def decide(
    consents: list[Consent],
    organisation_id: int | None,
    contact_id: int | None,
    on: dt.date,
) -> tuple[frozenset[DataCategory], dict[DataCategory, WithheldReason], list[Consent]]:
    """Covered categories, the reason for each other category, and the consents used."""
    covered: set[DataCategory] = set()
    used: list[Consent] = []
    for c in consents:
        if c.is_valid_on(on) and c.covers_recipient(organisation_id, contact_id):
            covered |= c.categories
            used.append(c)
    reasons: dict[DataCategory, WithheldReason] = {}
    for cat in DataCategory:
        if cat in covered:
            continue
        mine = [c for c in consents if cat in c.categories]
        for_recipient = [c for c in mine if c.covers_recipient(organisation_id, contact_id)]
        reasons[cat] = _reason(for_recipient, mine, on)
    return frozenset(covered), reasons, used


def _reason(
    for_recipient: list[Consent], any_recipient: list[Consent], on: dt.date
) -> WithheldReason:
    # The latest consent for this recipient explains best why it no longer holds.
    for c in sorted(for_recipient, key=lambda c: c.given_on, reverse=True):
        if c.withdrawn_on is not None and c.withdrawn_on <= on:
            return WithheldReason.WITHDRAWN
        if c.valid_until is not None and c.valid_until < on:
            return WithheldReason.EXPIRED
    if any(c.is_valid_on(on) for c in any_recipient):
        return WithheldReason.OTHER_RECIPIENT
    return WithheldReason.NO_CONSENT


def _basis(used: Iterable[Consent]) -> tuple[ConsentBasis, ...]:
    return tuple(
        ConsentBasis(
            c.id,
            c.given_on,
            c.valid_until,
            c.purpose,
            c.legal_basis,
            c.method,
            c.notice_version,
            c.categories,
        )
        for c in sorted(used, key=lambda c: c.id)
    )


def _participant_facts(p: Participant, covered: frozenset[DataCategory]) -> tuple[Fact, ...]:
    facts = []
    for column in Participant.__table__.columns:
        cat = category_of(Participant, column.key)
        if cat is None or cat not in covered:
            continue
        value = getattr(p, column.key)
        if value is None or value == "":
            continue
        facts.append(Fact(column.key, cat, value))
    return tuple(facts)


def filter_participant(
    session: Session,
    participant_id: int,
    organisation_id: int | None,
    contact_id: int | None,
    purpose: str,
    on: dt.date,
) -> FilteredFile:
    """What the recipient may receive about the participant on ``on``, and what is withheld."""
    p = load_participant(session, participant_id)
    consents = list(session.scalars(select(Consent).where(Consent.participant_id == p.id)))
    covered, reasons, used = decide(consents, organisation_id, contact_id, on)
    withheld = [Withheld(cat, reason) for cat, reason in reasons.items()]
    withheld.append(Withheld(None, WithheldReason.INTERNAL_NOTE))
    return FilteredFile(
        participant_id=p.id,
        organisation_id=organisation_id,
        contact_id=contact_id,
        purpose=purpose,
        on=on,
        covered=covered,
        facts=_participant_facts(p, covered),
        goals=_goals(session, p.id, covered),
        enrolments=_enrolments(session, p.id, covered),
        meetings=_meetings(session, p.id, covered),
        handovers=_handovers(session, p.id, covered),
        withheld=tuple(withheld),
        consent_basis=_basis(used),
    )


def _goals(s: Session, pid: int, covered: frozenset[DataCategory]) -> tuple[GoalFacts, ...]:
    if DataCategory.GOALS_PROGRESS not in covered:
        return ()
    q = select(Goal).where(Goal.participant_id == pid, Goal.archived_at.is_(None))
    return tuple(
        _copy(
            GoalFacts,
            g,
            covered,
            milestones=tuple(_copy(MilestoneFacts, m, covered) for m in g.milestones),
        )
        for g in s.scalars(q.order_by(Goal.position, Goal.id))
    )


def _enrolments(
    s: Session, pid: int, covered: frozenset[DataCategory]
) -> tuple[EnrolmentFacts, ...]:
    if DataCategory.MODULES_ATTENDANCE not in covered:
        return ()
    q = select(Enrolment).where(Enrolment.participant_id == pid)
    return tuple(
        _copy(
            EnrolmentFacts,
            e,
            covered,
            module_title=e.module.title,
            attendance=tuple(_copy(AttendanceFacts, a, covered) for a in e.attendance),
        )
        for e in s.scalars(q.order_by(Enrolment.enrolled_on, Enrolment.id))
    )


def _meetings(s: Session, pid: int, covered: frozenset[DataCategory]) -> tuple[MeetingFacts, ...]:
    if DataCategory.MEETING_SUMMARIES not in covered:
        return ()
    q = select(Meeting).where(Meeting.participant_id == pid, Meeting.archived_at.is_(None))
    return tuple(
        _copy(
            MeetingFacts,
            m,
            covered,
            meeting_id=m.id,
            attendees=tuple(_attendee(a, covered) for a in m.attendees),
            agreements=tuple(_copy(AgreementFacts, a, covered) for a in m.agreements),
        )
        for m in s.scalars(q.order_by(Meeting.held_at, Meeting.id))
    )


def _attendee(a: MeetingAttendee, covered: frozenset[DataCategory]) -> AttendeeFacts:
    """The participant's own name on an attendee list is identity data: only with its consent."""
    if a.role == AttendeeRole.PARTICIPANT and DataCategory.IDENTITY_CONTACT not in covered:
        return AttendeeFacts(name="", role=a.role)
    return _copy(AttendeeFacts, a, covered)


def _handovers(s: Session, pid: int, covered: frozenset[DataCategory]) -> tuple[HandoverFacts, ...]:
    if DataCategory.HANDOVER_FACTS not in covered:
        return ()
    q = select(Handover).where(Handover.participant_id == pid, Handover.archived_at.is_(None))
    return tuple(
        _copy(HandoverFacts, h, covered, handover_id=h.id)
        for h in s.scalars(q.order_by(Handover.handover_date, Handover.id))
    )


def consent_form_facts(session: Session, consent_id: int) -> ConsentFormFacts:
    """A consent form goes to the participant herself: her name and the consent's terms."""
    c = load(session, Consent, consent_id, "consent")
    p = load_participant(session, c.participant_id)
    return ConsentFormFacts(
        consent_id=c.id,
        participant_id=p.id,
        participant_name=p.display_name,
        date_of_birth=p.date_of_birth,
        recipient_organisation_id=c.recipient_organisation_id,
        recipient_contact_id=c.recipient_contact_id,
        purpose=c.purpose,
        legal_basis=c.legal_basis,
        categories=c.categories,
        notice_version=c.notice_version,
        valid_until=c.valid_until,
    )
