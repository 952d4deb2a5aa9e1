"""The quarterly evaluation's figures: counts only, from the vault, for any date range.

Definitions (a period runs from ``start`` to ``end``, both days included):

- participants at start: entered before ``start`` and not left before it;
- entries / exits: programme entry / exit date in the period, by month and by destination;
- currently active / in aftercare: the status on the day the report is made;
- modules held: modules with at least one attendance entry in the period;
- goals reached: goals with status "reached" and a reached date in the period;
- steps reached: milestones (formal ones and small qualitative steps) reached in the period;
- three-way meetings: held in the period;
- consents on record: participants with a consent valid on the last day of the period.

Archived records count: archiving hides a record, it does not undo what happened.
No name and no id leaves this module; module titles are the catalogue's, not people's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, case, distinct, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from coachdesk.i18n import N_
from coachdesk.models import (
    Attendance,
    Consent,
    ConsentCategory,
    Enrolment,
    Goal,
    Meeting,
    Milestone,
    Module,
    Participant,
)
from coachdesk.models.enums import (
    EXCUSED_ABSENCES,
    AttendanceStatus,
    DataCategory,
    ExitDestination,
    GoalStatus,
    MeetingKind,
    MilestoneKind,
    ParticipantStatus,
)
from coachdesk.services.errors import ValidationError


@dataclass(frozen=True)
class ModuleFigures:
    title: str
    sessions: int
    """Distinct session dates in the period (not a count of people)."""
    participants: int
    present: int
    excused: int
    absent: int

    @property
    def attendance_rate(self) -> float | None:
        """Share of attendance entries marked present, 0..1 (None without entries)."""
        entries = self.present + self.excused + self.absent
        return self.present / entries if entries else None


@dataclass(frozen=True)
class QuarterlyFigures:
    """The raw counts of a period; what is published passes ``sections`` (suppression)."""

    start: dt.date
    end: dt.date
    today: dt.date
    participants_at_start: int
    entries_by_month: tuple[tuple[dt.date, int], ...]
    """First day of each month in the period, and the entries in it."""
    exits_by_month: tuple[tuple[dt.date, int], ...]
    exits_by_destination: tuple[tuple[ExitDestination | None, int], ...]
    """Every destination, then None for exits without a recorded destination."""
    currently_active: int
    currently_in_aftercare: int
    modules: tuple[ModuleFigures, ...]
    goals_reached: int
    steps_by_kind: tuple[tuple[MilestoneKind, int], ...]
    three_way_meetings: int
    participants_with_consent: int
    consents_by_category: tuple[tuple[DataCategory, int], ...]

    @property
    def entries(self) -> int:
        return sum(n for _m, n in self.entries_by_month)

    @property
    def exits(self) -> int:
        return sum(n for _m, n in self.exits_by_month)

    @property
    def steps_reached(self) -> int:
        return sum(n for _k, n in self.steps_by_kind)

    @property
    def attendance(self) -> tuple[int, int, int]:
        """Present, excused, absent over all modules."""
        return (
            sum(m.present for m in self.modules),
            sum(m.excused for m in self.modules),
            sum(m.absent for m in self.modules),
        )


def months(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of every month the period touches."""
    out = []
    day = start.replace(day=1)
    while day <= end:
        out.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return out


def quarter_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar quarter ``day`` falls in."""
    first = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    after = (first + dt.timedelta(days=93)).replace(day=1)
    return first, after - dt.timedelta(days=1)


def previous_quarter(day: dt.date) -> tuple[dt.date, dt.date]:
    first, _last = quarter_of(day)
    return quarter_of(first - dt.timedelta(days=1))


def compute(s: Session, start: dt.date, end: dt.date, today: dt.date) -> QuarterlyFigures:
    P = Participant
    at_start = s.scalar(
        select(func.count(P.id)).where(
            P.entry_date < start, or_(P.exit_date.is_(None), P.exit_date >= start)
        )
    )
    return QuarterlyFigures(
        start=start,
        end=end,
        today=today,
        participants_at_start=int(at_start or 0),
        entries_by_month=_by_month(s, P.entry_date, start, end),
        exits_by_month=_by_month(s, P.exit_date, start, end),
        exits_by_destination=_exits_by_destination(s, start, end),
        currently_active=_status_count(s, ParticipantStatus.ACTIVE),
        currently_in_aftercare=_status_count(s, ParticipantStatus.AFTERCARE),
        modules=_modules(s, start, end),
        goals_reached=_count(
            s,
            select(func.count(Goal.id)).where(
                Goal.status == GoalStatus.REACHED, Goal.reached_on.between(start, end)
            ),
        ),
        steps_by_kind=_steps(s, start, end),
        three_way_meetings=_count(
            s,
            select(func.count(Meeting.id)).where(
                Meeting.kind == MeetingKind.THREE_WAY,
                Meeting.held_at >= dt.datetime.combine(start, dt.time()),
                Meeting.held_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()),
            ),
        ),
        participants_with_consent=_count(
            s, select(func.count(distinct(Consent.participant_id))).where(*_valid_on(end))
        ),
        consents_by_category=_consents_by_category(s, end),
    )


def _count(s: Session, query: object) -> int:
    return int(s.scalar(query) or 0)  # type: ignore[call-overload]


def _status_count(s: Session, status: ParticipantStatus) -> int:
    return _count(s, select(func.count(Participant.id)).where(Participant.status == status))


def _by_month(
    s: Session, column: InstrumentedAttribute[dt.date | None], start: dt.date, end: dt.date
) -> tuple[tuple[dt.date, int], ...]:
    counts = dict.fromkeys(months(start, end), 0)
    for day in s.scalars(select(column).where(column.between(start, end))):
        assert day is not None
        counts[day.replace(day=1)] += 1
    return tuple(counts.items())


def _exits_by_destination(
    s: Session, start: dt.date, end: dt.date
) -> tuple[tuple[ExitDestination | None, int], ...]:
    P = Participant
    q = (
        select(P.exit_destination, func.count(P.id))
        .where(P.exit_date.between(start, end))
        .group_by(P.exit_destination)
    )
    found = {dest: int(n) for dest, n in s.execute(q)}
    keys: list[ExitDestination | None] = [*ExitDestination, None]
    return tuple((k, found.get(k, 0)) for k in keys)


def _modules(s: Session, start: dt.date, end: dt.date) -> tuple[ModuleFigures, ...]:
    A = Attendance
    q = (
        select(
            Module.title,
            func.count(distinct(A.session_date)),
            func.count(distinct(Enrolment.participant_id)),
            func.sum(case((A.status == AttendanceStatus.PRESENT, 1), else_=0)),
            func.sum(case((A.status.in_(sorted(EXCUSED_ABSENCES)), 1), else_=0)),
            func.sum(case((A.status == AttendanceStatus.ABSENT, 1), else_=0)),
        )
        .join(Enrolment, Enrolment.module_id == Module.id)
        .join(A, A.enrolment_id == Enrolment.id)
        .where(A.session_date.between(start, end))
        .group_by(Module.id)
        .order_by(Module.title, Module.id)
    )
    return tuple(
        ModuleFigures(title, int(sessions), int(people), int(p or 0), int(e or 0), int(a or 0))
        for title, sessions, people, p, e, a in s.execute(q)
    )


def _steps(s: Session, start: dt.date, end: dt.date) -> tuple[tuple[MilestoneKind, int], ...]:
    q = (
        select(Milestone.kind, func.count(Milestone.id))
        .where(Milestone.reached_on.between(start, end))
        .group_by(Milestone.kind)
    )
    found = {kind: int(n) for kind, n in s.execute(q)}
    return tuple((k, found.get(k, 0)) for k in MilestoneKind)


def _valid_on(day: dt.date) -> tuple[ColumnElement[bool], ...]:
    return (
        Consent.given_on <= day,
        or_(Consent.valid_until.is_(None), Consent.valid_until >= day),
        or_(Consent.withdrawn_on.is_(None), Consent.withdrawn_on > day),
    )


def _consents_by_category(s: Session, day: dt.date) -> tuple[tuple[DataCategory, int], ...]:
    q = (
        select(ConsentCategory.category, func.count(distinct(Consent.participant_id)))
        .join(Consent, Consent.id == ConsentCategory.consent_id)
        .where(*_valid_on(day))
        .group_by(ConsentCategory.category)
    )
    found = {cat: int(n) for cat, n in s.execute(q)}
    return tuple((c, found.get(c, 0)) for c in DataCategory)


EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2999, 12, 31)


def check_period(start: dt.date, end: dt.date) -> None:
    """A period a report can cover: it ends after it starts and spans at most five years."""
    for name, day in (("start", start), ("end", end)):
        if not EARLIEST <= day <= LATEST:
            raise ValidationError.single(
                name, N_("Choose a date between 1900 and 2999 for the report period.")
            )
    if end < start:
        raise ValidationError.single("end", N_("The period cannot end before it starts."))
    if (end - start).days > 5 * 366:
        raise ValidationError.single("end", N_("Choose a period of at most five years."))
