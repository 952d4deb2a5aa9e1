"""Today's lists as SQL: one ordered query per list (most urgent first), paged and counted
(run by reminder_pages).

Each list is a query whose rows become its entries; a page is the query with LIMIT/OFFSET,
its size a COUNT over the same query, so Today never reads more rows than it shows. The
dates the lists walk are indexed (migration 0007: open agreements by due date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, ColumnElement, Select, bindparam, func, literal_column, select
from sqlalchemy.orm import InstrumentedAttribute

from coachdesk.models import (
    AftercareFollowUp,
    Agreement,
    Consent,
    ContactPerson,
    EsfFollowUp,
    Goal,
    Meeting,
    Organisation,
    Participant,
    Programme,
)
from coachdesk.models.enums import AftercareStatus, GoalStatus
from coachdesk.services import consent_scans, esf_due
from coachdesk.services.reminder_counts import ACTIVE, counted, counted_rows, in_active_meeting

KEYS = (
    "meetings",
    "agreements",
    "goals",
    "consents",
    "consent_scans",
    "aftercare",
    "esf_entry",
    "esf_exit",
    "esf_follow_up",
    "retention",
)
MEETINGS, AGREEMENTS, GOALS, CONSENTS, CONSENT_SCANS, AFTERCARE = KEYS[:6]
ESF_ENTRY, ESF_EXIT, ESF_FOLLOW_UP, RETENTION = KEYS[6:]

MEETINGS_AHEAD = dt.timedelta(days=14)
GOALS_AHEAD = dt.timedelta(days=14)
CONSENTS_AHEAD = dt.timedelta(days=30)
AFTERCARE_AHEAD = dt.timedelta(days=7)

Rows = Select[*tuple[Any, ...]]
"""A list's query: its columns differ from list to list."""

_NAME = (Participant.first_name + " " + Participant.last_name).label("name")
# The lists walk their own date index, each entry's file looked up by id: the unary plus
# keeps SQLite from starting at the files not archived (0.3 s, not 1 ms, at 50,000).
_PAGE_ACTIVE = literal_column("+participant.archived_at IS NULL", Boolean)
_MEETING_KEPT = literal_column("+meeting.archived_at IS NULL", Boolean)
# Not overdue agreements and goals: archived files' ones stay open and come first by date
# (a walk took 0.34 s in a ten-year archive); from the current files it takes 13 ms.
_OPEN_ACTIVE, _OPEN_MEETING_KEPT = ACTIVE, Meeting.archived_at.is_(None)


@dataclass(frozen=True)
class ReminderList:
    """One of Today's lists: its query for a day (ordered, most urgent first), and the
    column holding the participant whose file an entry belongs to."""

    query: Callable[[], Rows]
    participant: InstrumentedAttribute[int]
    counted: Callable[[], Select[int]]
    """COUNT over the list's own table, files not archived found by id (indexes 0007): a
    join to every participant's row costs seconds at 50,000 participants."""
    by_id: PageById | None = None
    """For lists of many wide rows: a page is chosen by ids alone, then only its rows read."""


@dataclass(frozen=True)
class PageById:
    """A page chosen from indexes alone (0010): the list's query reduced to the ids of its
    entries, then ``rows`` (the entry's columns, unfiltered) of those ids, in ``order``."""

    rows: Callable[[], Rows]
    id_column: InstrumentedAttribute[int]
    order: tuple[InstrumentedAttribute[Any], ...]


def params(day: dt.date) -> dict[str, object]:
    """The values of the lists' bound parameters on ``day`` (the statements are built once)."""
    start = dt.datetime.combine(day, dt.time())
    return {
        "day": day,
        "start": start,
        "meetings_end": start + MEETINGS_AHEAD + dt.timedelta(days=1),
        "goals_until": day + GOALS_AHEAD,
        "consents_until": day + CONSENTS_AHEAD,
        "given_by": day - consent_scans.SCAN_DUE_AFTER,
        "aftercare_until": day + AFTERCARE_AHEAD,
        **esf_due.params(day),
    }


def _meetings() -> Rows:
    return (
        select(
            Meeting.participant_id,
            _NAME,
            Meeting.held_at,
            Meeting.kind,
            Meeting.location,
            Meeting.id,
        )
        .join(Participant, Participant.id == Meeting.participant_id)
        .where(*_meetings_where(), _MEETING_KEPT, _PAGE_ACTIVE)
        .order_by(Meeting.held_at, Meeting.id)
    )


def _meetings_where() -> list[ColumnElement[bool]]:
    return [
        Meeting.held_at >= bindparam("start"),
        Meeting.held_at < bindparam("meetings_end"),
    ]


def _agreement_rows() -> Rows:
    """The columns of an agreement's entry, without choosing which."""
    return (
        select(
            Meeting.participant_id,
            _NAME,
            Agreement.due_date,
            Agreement.what,
            Agreement.who,
            Agreement.id,
            Agreement.meeting_id,
        )
        .join(Meeting, Meeting.id == Agreement.meeting_id)
        .join(Participant, Participant.id == Meeting.participant_id)
    )


_AGREEMENT_ORDER = (Agreement.due_date, Agreement.id)


def _agreements() -> Rows:
    # The partial index of open agreements by due date (0007) holds only what is not done.
    return (
        _agreement_rows()
        .where(*_agreements_where(), _OPEN_MEETING_KEPT, _OPEN_ACTIVE)
        .order_by(*_AGREEMENT_ORDER)
    )


def _agreements_where() -> list[ColumnElement[bool]]:
    return [Agreement.due_date < bindparam("day"), Agreement.done_on.is_(None)]


def _goal_rows() -> Rows:
    """The columns of a goal's entry, without choosing which."""
    return select(Goal.participant_id, _NAME, Goal.target_date, Goal.title, Goal.id).join(
        Participant, Participant.id == Goal.participant_id
    )


_GOAL_ORDER = (Goal.target_date, Goal.id)


def _goals() -> Rows:
    return _goal_rows().where(*_goals_where(), _OPEN_ACTIVE).order_by(*_GOAL_ORDER)


def _goals_where() -> list[ColumnElement[bool]]:
    return [
        Goal.target_date <= bindparam("goals_until"),
        Goal.status.in_([GoalStatus.OPEN, GoalStatus.IN_PROGRESS]),
        Goal.archived_at.is_(None),
    ]


def _consents() -> Rows:
    recipient = func.coalesce(ContactPerson.name, Organisation.name, "")
    return (
        select(Consent.participant_id, _NAME, Consent.valid_until, recipient, Consent.id)
        .join(Participant, Participant.id == Consent.participant_id)
        .outerjoin(Organisation, Organisation.id == Consent.recipient_organisation_id)
        .outerjoin(ContactPerson, ContactPerson.id == Consent.recipient_contact_id)
        .where(*_consents_where(), _PAGE_ACTIVE)
        .order_by(Consent.valid_until, Consent.id)
    )


def _consents_where() -> list[ColumnElement[bool]]:
    return [
        Consent.valid_until >= bindparam("day"),
        Consent.valid_until <= bindparam("consents_until"),
        Consent.withdrawn_on.is_(None),
    ]


def _consent_scans() -> Rows:
    return consent_scans.without_scan_query(bindparam("day"), bindparam("given_by"), _PAGE_ACTIVE)


def _consent_scans_where() -> list[ColumnElement[bool]]:
    return consent_scans.without_scan_where(bindparam("day"), bindparam("given_by"))


def _aftercare() -> Rows:
    return (
        select(
            AftercareFollowUp.participant_id,
            _NAME,
            AftercareFollowUp.due_on,
            AftercareFollowUp.contact_method,
            AftercareFollowUp.id,
        )
        .join(Participant, Participant.id == AftercareFollowUp.participant_id)
        .where(*_aftercare_where(), _PAGE_ACTIVE)
        .order_by(AftercareFollowUp.due_on, AftercareFollowUp.id)
    )


def _aftercare_where() -> list[ColumnElement[bool]]:
    return [
        AftercareFollowUp.due_on <= bindparam("aftercare_until"),
        AftercareFollowUp.status == AftercareStatus.PLANNED,
        AftercareFollowUp.done_on.is_(None),
    ]


_PROGRAMME_NAME = func.coalesce(
    select(Programme.name).where(Programme.id == Participant.programme_id).scalar_subquery(), ""
)


def _retention() -> Rows:
    # Archived files too: an archived file whose retention date has come must be erased.
    return (
        select(
            Participant.id,
            _NAME,
            Participant.retention_until,
            _PROGRAMME_NAME,
            Participant.archived_at,
        )
        .where(Participant.retention_until <= bindparam("day"))
        .order_by(Participant.retention_until, Participant.id)
    )


LISTS: dict[str, ReminderList] = {
    MEETINGS: ReminderList(_meetings, Meeting.participant_id, lambda: counted_rows(_meetings)),
    AGREEMENTS: ReminderList(
        _agreements,
        Meeting.participant_id,
        lambda: counted(Agreement, [*_agreements_where(), in_active_meeting()], None),
        PageById(_agreement_rows, Agreement.id, _AGREEMENT_ORDER),
    ),
    GOALS: ReminderList(
        _goals,
        Goal.participant_id,
        lambda: counted(Goal, _goals_where(), Goal.participant_id),
        PageById(_goal_rows, Goal.id, _GOAL_ORDER),
    ),
    CONSENTS: ReminderList(_consents, Consent.participant_id, lambda: counted_rows(_consents)),
    CONSENT_SCANS: ReminderList(
        _consent_scans,
        Consent.participant_id,
        lambda: counted(Consent, _consent_scans_where(), Consent.participant_id),
    ),
    AFTERCARE: ReminderList(
        _aftercare,
        AftercareFollowUp.participant_id,
        lambda: counted(AftercareFollowUp, _aftercare_where(), AftercareFollowUp.participant_id),
    ),
    # ESF Plus questionnaires missing or due (what each means: esf_due).
    ESF_ENTRY: ReminderList(
        esf_due.entry_query, Participant.id, lambda: counted_rows(esf_due.entry_query)
    ),
    ESF_EXIT: ReminderList(
        esf_due.exit_query, Participant.id, lambda: counted_rows(esf_due.exit_query)
    ),
    ESF_FOLLOW_UP: ReminderList(
        esf_due.follow_up_query,
        EsfFollowUp.participant_id,
        lambda: counted(EsfFollowUp, esf_due.follow_up_where(), EsfFollowUp.participant_id),
    ),
    RETENTION: ReminderList(
        _retention,
        Participant.id,
        lambda: counted(Participant, [Participant.retention_until <= bindparam("day")], None),
    ),
}
