"""The only path from the vault to a document.

A value leaves only when the column it comes from names a data category (in
the column ``info``) and a consent valid on the day covers that category for
the recipient. Columns without a category (internal notes) are never read.
A batch filters many participants at once (``filter_participants``), with the
same rule and one query per table (``file_rows``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import fields
from typing import Any, TypeVar

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
from coachdesk.export.file_rows import FileRows, consents_of, file_rows, participants
from coachdesk.models import (
    Consent,
    Enrolment,
    Goal,
    Meeting,
    MeetingAttendee,
    Participant,
)
from coachdesk.models.enums import AttendeeRole, DataCategory
from coachdesk.services.common import load, load_participant
from coachdesk.services.errors import NotFoundError
from coachdesk.services.programmes import names_by_id

T = TypeVar("T")

# Dataclass fields that are filled from related rows or ids, not from a categorized column.
_NOT_COLUMNS = frozenset(
    {"milestones", "attendance", "attendees", "agreements", "module_title"}
    | {"meeting_id", "handover_id"}
)


_CATEGORIES: dict[tuple[type[Any], str], DataCategory | None] = {}
"""Each column's category, looked up once per process (the schema does not change)."""


def category_of(model: type[Any], column: str) -> DataCategory | None:
    """The data category a column belongs to (None: never exported)."""
    key = (model, column)
    if key not in _CATEGORIES:
        cat = model.__table__.columns[column].info.get("category")
        _CATEGORIES[key] = DataCategory(cat) if cat is not None else None
    return _CATEGORIES[key]


def _copy(cls: type[T], obj: Any, covered: frozenset[DataCategory], **extra: Any) -> T:
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


def _participant_facts(
    p: Participant, covered: frozenset[DataCategory], programmes: dict[int, str]
) -> tuple[Fact, ...]:
    facts = []
    for column in Participant.__table__.columns:
        cat = category_of(Participant, column.key)
        if cat is None or cat not in covered:
            continue
        value = getattr(p, column.key)
        if column.key == "programme_id":  # a document names her programme, never its id
            value = programmes.get(value, "") if value is not None else None
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
    found = filter_participants(
        session, [participant_id], organisation_id, contact_id, purpose, on
    ).get(participant_id)
    if found is None:
        raise NotFoundError("participant", participant_id)
    return found


def filter_participants(
    session: Session,
    participant_ids: Iterable[int],
    organisation_id: int | None,
    contact_id: int | None,
    purpose: str,
    on: dt.date,
) -> dict[int, FilteredFile]:
    """``filter_participant`` for each of ``participant_ids`` that exists, read at once."""
    people = participants(session, participant_ids)
    consents = consents_of(session, list(people))
    decided = {pid: decide(consents[pid], organisation_id, contact_id, on) for pid in people}
    rows = file_rows(session, {pid: d[0] for pid, d in decided.items()})
    programmes = names_by_id(session)
    out = {}
    for pid, p in people.items():
        covered, reasons, used = decided[pid]
        withheld = [Withheld(cat, reason) for cat, reason in reasons.items()]
        withheld.append(Withheld(None, WithheldReason.INTERNAL_NOTE))
        out[pid] = FilteredFile(
            participant_id=p.id,
            organisation_id=organisation_id,
            contact_id=contact_id,
            purpose=purpose,
            on=on,
            covered=covered,
            facts=_participant_facts(p, covered, programmes),
            withheld=tuple(withheld),
            consent_basis=_basis(used),
            **_records(rows[pid], covered),
        )
    return out


def _records(rows: FileRows, covered: frozenset[DataCategory]) -> dict[str, Any]:
    """Her goals, enrolments, meetings and handovers as the filtered file holds them."""
    return {
        "goals": tuple(_goal(g, covered) for g in rows.goals),
        "enrolments": tuple(_enrolment(e, covered) for e in rows.enrolments),
        "meetings": tuple(_meeting(m, covered) for m in rows.meetings),
        "handovers": tuple(
            _copy(HandoverFacts, h, covered, handover_id=h.id) for h in rows.handovers
        ),
    }


def _goal(g: Goal, covered: frozenset[DataCategory]) -> GoalFacts:
    milestones = tuple(_copy(MilestoneFacts, m, covered) for m in g.milestones)
    return _copy(GoalFacts, g, covered, milestones=milestones)


def _enrolment(e: Enrolment, covered: frozenset[DataCategory]) -> EnrolmentFacts:
    return _copy(
        EnrolmentFacts,
        e,
        covered,
        module_title=e.module.title,
        attendance=tuple(_copy(AttendanceFacts, a, covered) for a in e.attendance),
    )


def _meeting(m: Meeting, covered: frozenset[DataCategory]) -> MeetingFacts:
    return _copy(
        MeetingFacts,
        m,
        covered,
        meeting_id=m.id,
        attendees=tuple(_attendee(a, covered) for a in m.attendees),
        agreements=tuple(_copy(AgreementFacts, a, covered) for a in m.agreements),
    )


def _attendee(a: MeetingAttendee, covered: frozenset[DataCategory]) -> AttendeeFacts:
    """The participant's own name on an attendee list is identity data: only with its consent."""
    if a.role == AttendeeRole.PARTICIPANT and DataCategory.IDENTITY_CONTACT not in covered:
        return AttendeeFacts(name="", role=a.role)
    return _copy(AttendeeFacts, a, covered)


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
