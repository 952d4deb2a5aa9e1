"""What needs the coach's attention today: one indexed query per list, no per-row queries.

Today shows a page of each list (the most urgent first) and how many entries it holds;
``today()`` reads every entry (the CLI and the tests).

Archived participants are left out of every list except retention (an archived file
whose retention date has come is exactly what must be erased).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from coachdesk.models.enums import MeetingKind
from coachdesk.services import esf_due
from coachdesk.services import reminder_lists as lists
from coachdesk.services import reminder_pages as reading
from coachdesk.services.consent_scans import ConsentWithoutScan, without_scan_entry
from coachdesk.services.context import ServiceContext
from coachdesk.services.esf_due import EsfDue
from coachdesk.services.reminder_lists import KEYS

PAGE = 50
"""How many entries of a list Today shows at first, and how many more each "Show more" adds."""


@dataclass(frozen=True)
class UpcomingMeeting:
    participant_id: int
    participant_name: str
    date: dt.date
    held_at: dt.datetime
    kind: MeetingKind
    text: str
    """Where it takes place."""
    meeting_id: int


@dataclass(frozen=True)
class OverdueAgreement:
    participant_id: int
    participant_name: str
    date: dt.date
    """The due date that has passed."""
    text: str
    """What was agreed."""
    who: str
    agreement_id: int
    meeting_id: int


@dataclass(frozen=True)
class GoalDue:
    participant_id: int
    participant_name: str
    date: dt.date
    """The target date (may have passed)."""
    text: str
    """The goal's title."""
    goal_id: int


@dataclass(frozen=True)
class ConsentExpiring:
    participant_id: int
    participant_name: str
    date: dt.date
    """The last day the consent is valid."""
    text: str
    """The recipient."""
    consent_id: int


@dataclass(frozen=True)
class AftercareDue:
    participant_id: int
    participant_name: str
    date: dt.date
    text: str
    """How she is to be contacted, when known."""
    followup_id: int


@dataclass(frozen=True)
class RetentionReached:
    participant_id: int
    participant_name: str
    date: dt.date
    """The retention date: her data is due for erasure."""
    text: str
    """Her programme."""
    archived: bool


@dataclass(frozen=True)
class TodayOverview:
    day: dt.date
    upcoming_meetings: tuple[UpcomingMeeting, ...]
    overdue_agreements: tuple[OverdueAgreement, ...]
    goals_due: tuple[GoalDue, ...]
    consents_expiring: tuple[ConsentExpiring, ...]
    aftercare_due: tuple[AftercareDue, ...]
    retention_reached: tuple[RetentionReached, ...]
    consents_without_scan: tuple[ConsentWithoutScan, ...] = ()
    esf_due: tuple[EsfDue, ...] = ()
    """ESF Plus questionnaires missing or due: entry, then leaving, then follow-ups."""

    @property
    def count(self) -> int:
        return (
            len(self.upcoming_meetings)
            + len(self.overdue_agreements)
            + len(self.goals_due)
            + len(self.consents_expiring)
            + len(self.aftercare_due)
            + len(self.retention_reached)
            + len(self.consents_without_scan)
            + len(self.esf_due)
        )


Entry = (
    UpcomingMeeting
    | OverdueAgreement
    | GoalDue
    | ConsentExpiring
    | AftercareDue
    | RetentionReached
    | ConsentWithoutScan
    | EsfDue
)


@dataclass(frozen=True)
class ReminderPage:
    """Entries of one list from its start (the most urgent first) and how many it holds."""

    key: str
    entries: tuple[Entry, ...]
    total: int


@dataclass(frozen=True)
class TodayPages:
    day: dt.date
    pages: dict[str, ReminderPage]

    @property
    def shown(self) -> int:
        return sum(len(p.entries) for p in self.pages.values())

    @property
    def total(self) -> int:
        return sum(p.total for p in self.pages.values())


class ReminderService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def today(self, day: dt.date | None = None) -> TodayOverview:
        """Every entry of every list."""
        day = day or self.ctx.today()
        with self.ctx.read() as s:
            every = {key: _entries(s, key, day) for key in KEYS}
        return TodayOverview(
            day,
            every[lists.MEETINGS],  # type: ignore[arg-type]
            every[lists.AGREEMENTS],  # type: ignore[arg-type]
            every[lists.GOALS],  # type: ignore[arg-type]
            every[lists.CONSENTS],  # type: ignore[arg-type]
            every[lists.AFTERCARE],  # type: ignore[arg-type]
            every[lists.RETENTION],  # type: ignore[arg-type]
            every[lists.CONSENT_SCANS],  # type: ignore[arg-type]
            every[lists.ESF_ENTRY] + every[lists.ESF_EXIT] + every[lists.ESF_FOLLOW_UP],  # type: ignore[arg-type]
        )

    def first_page(
        self,
        day: dt.date | None = None,
        limit: int = PAGE,
        keys: Iterable[str] = KEYS,
        *,
        count: bool = True,
    ) -> TodayPages:
        """The first ``limit`` entries of each list in ``keys``, in one read. A list that
        fits in its page is counted by its length; the others by SQL COUNT, or (with
        ``count=False``) left at -1 for :meth:`counts` to fill in later."""
        day = day or self.ctx.today()
        pages = {}
        with self.ctx.read() as s:
            for key in keys:
                entries = _entries(s, key, day, limit=limit)
                total = len(entries)
                if total >= limit:
                    total = reading.count(s, key, day) if count else -1
                pages[key] = ReminderPage(key, entries, total)
        return TodayPages(day, pages)

    def entries(
        self,
        key: str,
        day: dt.date | None = None,
        offset: int = 0,
        limit: int | None = PAGE,
        participant_ids: Iterable[int] | None = None,
    ) -> tuple[Entry, ...]:
        """Entries of one list from ``offset`` on, the most urgent first (those of
        ``participant_ids`` only, when given)."""
        day = day or self.ctx.today()
        with self.ctx.read() as s:
            return _entries(s, key, day, offset, limit, participant_ids)

    def counts(self, day: dt.date | None = None, keys: Iterable[str] = KEYS) -> dict[str, int]:
        """How many entries each list holds (SQL COUNT)."""
        day = day or self.ctx.today()
        with self.ctx.read() as s:
            return {key: reading.count(s, key, day) for key in keys}


def _entries(
    s: Session,
    key: str,
    day: dt.date,
    offset: int = 0,
    limit: int | None = None,
    participant_ids: Iterable[int] | None = None,
) -> tuple[Entry, ...]:
    make = _ENTRY[key]
    return tuple(make(row) for row in reading.rows(s, key, day, offset, limit, participant_ids))


def _known(value: dt.date | None) -> dt.date:
    """A date column the query already filtered to be set."""
    assert value is not None
    return value


def _meeting(row: Any) -> UpcomingMeeting:
    pid, name, held_at, kind, location, mid = row
    return UpcomingMeeting(pid, name.strip(), held_at.date(), held_at, kind, location, mid)


def _agreement(row: Any) -> OverdueAgreement:
    pid, name, due, what, who, aid, mid = row
    return OverdueAgreement(pid, name.strip(), _known(due), what, who, aid, mid)


def _goal(row: Any) -> GoalDue:
    pid, name, target, title, gid = row
    return GoalDue(pid, name.strip(), _known(target), title, gid)


def _consent(row: Any) -> ConsentExpiring:
    pid, name, until, text, cid = row
    return ConsentExpiring(pid, name.strip(), _known(until), text, cid)


def _aftercare(row: Any) -> AftercareDue:
    pid, name, due, method, fid = row
    return AftercareDue(pid, name.strip(), due, method, fid)


def _retention(row: Any) -> RetentionReached:
    pid, name, until, programme, archived_at = row
    return RetentionReached(pid, name.strip(), _known(until), programme, archived_at is not None)


_ENTRY: dict[str, Callable[[Any], Entry]] = {
    lists.MEETINGS: _meeting,
    lists.AGREEMENTS: _agreement,
    lists.GOALS: _goal,
    lists.CONSENTS: _consent,
    lists.CONSENT_SCANS: without_scan_entry,
    lists.AFTERCARE: _aftercare,
    lists.ESF_ENTRY: esf_due.entry_due,
    lists.ESF_EXIT: esf_due.exit_due,
    lists.ESF_FOLLOW_UP: esf_due.follow_up_due,
    lists.RETENTION: _retention,
}
