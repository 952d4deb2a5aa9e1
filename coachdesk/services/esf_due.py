"""Which ESF Plus questionnaires are missing or due: Today's three ESF lists and the
participant list's marker, as indexed SQL (no loop over the files in Python).

Definitions (``day`` is today; an archived file never counts):

- **Entry data complete**: her file has an entry questionnaire (``esf_entry``) in which
  every question of ``ENTRY_QUESTIONS`` is answered ("no answer" counts as answered), and
  her date of birth is in the file (the monitoring reports her age at entry). Each of the
  nine questions and the date of birth is one *mandatory answer*; ``ENTRY_MANDATORY`` = 10.
- **Entry questionnaire due**: she has an entry date and her entry data is not complete.
  It is due by her entry date + 28 days (``ENTRY_DEADLINE``: "within four weeks of
  entry") and *overdue* from the day after. It stays on the list until it is complete
  (the monitoring cannot count her without it), however long ago she entered.
- **Leaving questionnaire due**: she has an exit date and her questionnaire on leaving
  (``esf_exit``) is missing or has a question of ``EXIT_QUESTIONS`` unanswered. Due by her
  exit date + 28 days (``EXIT_DEADLINE``), overdue from the day after.
- **Six-month follow-up due**: her follow-up (``esf_followup``, scheduled at exit for six
  months after) is neither answered (``answered_on`` set) nor marked not reached. It is
  listed from ``FOLLOW_UP_AHEAD`` (14 days) before its ``due_on`` as *coming up*: reaching
  a woman who left half a year ago takes a few tries (a call, a letter, a message through
  her mothers' café), so the coach starts two weeks ahead, as aftercare is shown a week
  ahead. From ``due_on`` it is *due*; after ``due_on`` + 28 days (``FOLLOW_UP_DEADLINE``,
  the same four weeks as the other questionnaires) it is *overdue*. It stays listed until
  answered or marked not reached.

Each list is one SQL query, paged and counted like Today's other lists (reminder_lists);
no row leaves the database that the page does not show. "Complete" is tested with NOT
EXISTS on the questionnaire's unique participant id, on the participant's row alone, so
SQLite reads a questionnaire's columns only for the files it lists; SQLite may start from
the files not archived (index) rather than walk every date. At 50,000 files (the archive
bench vault, 5 % without an entry questionnaire) a page takes about 17 ms of CPU and its
count 27 ms; the leaving and follow-up lists under 15 ms (figures in the issue 17 report).
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import operator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    bindparam,
    cast,
    exists,
    or_,
    select,
)
from sqlalchemy.orm import aliased

from coachdesk.models import Participant
from coachdesk.models.esf import (
    ENTRY_QUESTIONS,
    EXIT_QUESTIONS,
    EsfEntry,
    EsfExit,
    EsfFollowUp,
)
from coachdesk.services.reminder_counts import ACTIVE

ENTRY_DEADLINE = dt.timedelta(days=28)
EXIT_DEADLINE = dt.timedelta(days=28)
FOLLOW_UP_AHEAD = dt.timedelta(days=14)
FOLLOW_UP_DEADLINE = dt.timedelta(days=28)
ENTRY_MANDATORY = len(ENTRY_QUESTIONS) + 1
"""The entry questions and her date of birth."""

_NAME = (Participant.first_name + " " + Participant.last_name).label("name")


class EsfStep(enum.StrEnum):
    ENTRY = "entry"
    EXIT = "exit"
    FOLLOW_UP = "follow_up"


class Urgency(enum.StrEnum):
    COMING_UP = "coming_up"
    """A follow-up whose day has not come yet."""
    DUE = "due"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class EsfDue:
    """One questionnaire of one participant that is missing, incomplete or due."""

    participant_id: int
    participant_name: str
    step: EsfStep
    date: dt.date
    """What the list is ordered by: her entry or exit date, the follow-up's due day."""
    deadline: dt.date
    """The last day it is due; the day after it is overdue."""
    record_id: int
    """The participant's id (entry, leaving), the follow-up's id (follow-up)."""
    exists: bool = True
    """Whether the questionnaire has been started (a row is stored)."""
    open_answers: int = 0
    """Questions of the questionnaire not answered yet (all of them when not started)."""
    birth_date_missing: bool = False
    """Entry only: her date of birth is not in the file."""

    def urgency(self, day: dt.date) -> Urgency:
        if day > self.deadline:
            return Urgency.OVERDUE
        return Urgency.COMING_UP if day < self.date else Urgency.DUE


def _missing(column: Any) -> ColumnElement[int]:
    return cast(column.is_(None), Integer)


def entry_open_answers() -> ColumnElement[int]:
    """Mandatory entry answers still open (0 to ENTRY_MANDATORY), with ``esf_entry``
    outer-joined to the participant: a file without a questionnaire misses every answer."""
    columns = [getattr(EsfEntry, q) for q in ENTRY_QUESTIONS]
    return functools.reduce(
        operator.add, [_missing(c) for c in columns], _missing(Participant.date_of_birth)
    )


def entry_incomplete() -> ColumnElement[bool]:
    """Her entry data is not complete: no date of birth, or no questionnaire with every
    question answered. On the participant alone, so SQLite checks it before it reads her
    questionnaire's columns, and only for those it lists."""
    filled = aliased(EsfEntry)  # the page joins her questionnaire as well
    answered = [getattr(filled, q).is_not(None) for q in ENTRY_QUESTIONS]
    complete = exists().where(filled.participant_id == Participant.id, *answered)
    return or_(Participant.date_of_birth.is_(None), ~complete.correlate(Participant))


def _exit_incomplete() -> ColumnElement[bool]:
    filled = aliased(EsfExit)
    answered = [getattr(filled, q).is_not(None) for q in EXIT_QUESTIONS]
    return ~exists().where(filled.participant_id == Participant.id, *answered).correlate(
        Participant
    )


def entry_query() -> Any:
    """Entry questionnaires due, by entry date. Columns: participant id, name, entry date,
    questionnaire id (None: not started), open answers, date of birth missing."""
    questions = functools.reduce(
        operator.add, [_missing(getattr(EsfEntry, q)) for q in ENTRY_QUESTIONS]
    )
    return (
        select(
            Participant.id,
            _NAME,
            Participant.entry_date,
            EsfEntry.id,
            questions,
            Participant.date_of_birth.is_(None),
        )
        .outerjoin(EsfEntry, EsfEntry.participant_id == Participant.id)
        .where(Participant.entry_date.is_not(None), entry_incomplete(), ACTIVE)
        .order_by(Participant.entry_date, Participant.id)
    )


def exit_query() -> Any:
    """Leaving questionnaires due, by exit date. Columns: participant id, name, exit date,
    questionnaire id (None: not started), open answers."""
    columns = [getattr(EsfExit, q) for q in EXIT_QUESTIONS]
    return (
        select(
            Participant.id,
            _NAME,
            Participant.exit_date,
            EsfExit.id,
            functools.reduce(operator.add, [_missing(c) for c in columns]),
        )
        .outerjoin(EsfExit, EsfExit.participant_id == Participant.id)
        .where(Participant.exit_date.is_not(None), _exit_incomplete(), ACTIVE)
        .order_by(Participant.exit_date, Participant.id)
    )


def follow_up_where() -> list[ColumnElement[bool]]:
    """Follow-ups open and listed on the day of the bound ``esf_follow_up_until``."""
    return [
        EsfFollowUp.due_on <= bindparam("esf_follow_up_until"),
        EsfFollowUp.answered_on.is_(None),
        EsfFollowUp.not_reached.is_(False),
    ]


def follow_up_query() -> Any:
    """Follow-ups due or coming up, by due day. Columns: participant id, name, due day,
    follow-up id."""
    return (
        select(EsfFollowUp.participant_id, _NAME, EsfFollowUp.due_on, EsfFollowUp.id)
        .join(Participant, Participant.id == EsfFollowUp.participant_id)
        .where(*follow_up_where(), ACTIVE)
        .order_by(EsfFollowUp.due_on, EsfFollowUp.id)
    )


def params(day: dt.date) -> dict[str, object]:
    return {"esf_follow_up_until": day + FOLLOW_UP_AHEAD}


def entry_due(row: Any) -> EsfDue:
    pid, name, entered, qid, open_answers, no_birth_date = row
    return EsfDue(
        pid,
        name.strip(),
        EsfStep.ENTRY,
        entered,
        entered + ENTRY_DEADLINE,
        pid,
        qid is not None,
        int(open_answers),
        bool(no_birth_date),
    )


def exit_due(row: Any) -> EsfDue:
    pid, name, left, qid, open_answers = row
    return EsfDue(
        pid,
        name.strip(),
        EsfStep.EXIT,
        left,
        left + EXIT_DEADLINE,
        pid,
        qid is not None,
        int(open_answers),
    )


def follow_up_due(row: Any) -> EsfDue:
    pid, name, due_on, fid = row
    return EsfDue(pid, name.strip(), EsfStep.FOLLOW_UP, due_on, due_on + FOLLOW_UP_DEADLINE, fid)
