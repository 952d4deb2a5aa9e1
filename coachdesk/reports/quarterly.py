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

Archived records count: archiving hides a record, it does not undo what happened. For one
programme, every count is of its participants only (and modules held: of their attendance),
so the reports of the programmes add up to the whole when every file has a programme.
No name and no id leaves this module; module titles are the catalogue's, not people's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, case, distinct, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

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
    Programme,
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
from coachdesk.reports.periods import (
    EARLIEST,
    LATEST,
    check_period,
    months,
    previous_quarter,
    quarter_of,
)

__all__ = [
    "EARLIEST",
    "LATEST",
    "ModuleFigures",
    "QuarterlyFigures",
    "check_period",
    "compute",
    "months",
    "previous_quarter",
    "quarter_of",
]


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
    programme: str = ""
    """The programme the figures are of ("" for every file of the vault)."""

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


def compute(
    s: Session, start: dt.date, end: dt.date, today: dt.date, programme_id: int | None = None
) -> QuarterlyFigures:
    """The figures of the period, of every file or of one programme's files."""
    P = Participant
    mine = _Of(programme_id)
    at_start = s.scalar(
        select(func.count(P.id)).where(
            P.entry_date < start, or_(P.exit_date.is_(None), P.exit_date >= start), *mine.own()
        )
    )
    named = s.get(Programme, programme_id) if programme_id is not None else None
    return QuarterlyFigures(
        start=start,
        end=end,
        today=today,
        participants_at_start=int(at_start or 0),
        entries_by_month=_by_month(s, P.entry_date, start, end, mine),
        exits_by_month=_by_month(s, P.exit_date, start, end, mine),
        exits_by_destination=_exits_by_destination(s, start, end, mine),
        currently_active=_status_count(s, ParticipantStatus.ACTIVE, mine),
        currently_in_aftercare=_status_count(s, ParticipantStatus.AFTERCARE, mine),
        modules=_modules(s, start, end, mine),
        goals_reached=_count(
            s,
            select(func.count(Goal.id)).where(
                Goal.status == GoalStatus.REACHED,
                Goal.reached_on.between(start, end),
                *mine.of(Goal.participant_id),
            ),
        ),
        steps_by_kind=_steps(s, start, end, mine),
        three_way_meetings=_count(
            s,
            select(func.count(Meeting.id)).where(
                Meeting.kind == MeetingKind.THREE_WAY,
                Meeting.held_at >= dt.datetime.combine(start, dt.time()),
                Meeting.held_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()),
                *mine.of(Meeting.participant_id),
            ),
        ),
        participants_with_consent=_count(
            s,
            select(func.count(distinct(Consent.participant_id))).where(
                *_valid_on(end), *mine.of(Consent.participant_id)
            ),
        ),
        consents_by_category=_consents_by_category(s, end, mine),
        programme=named.name if named is not None else "",
    )


Conditions = tuple[ColumnElement[bool], ...]


@dataclass(frozen=True)
class _Of:
    """The conditions that keep a count to one programme's files (none for every file)."""

    programme_id: int | None

    def own(self) -> Conditions:
        """For a query of the participant table itself."""
        if self.programme_id is None:
            return ()
        return (Participant.programme_id == self.programme_id,)

    def of(self, participant_id: ColumnElement[int] | InstrumentedAttribute[int]) -> Conditions:
        """For a query of her records, by their participant id."""
        if self.programme_id is None:
            return ()
        files = select(Participant.id).where(Participant.programme_id == self.programme_id)
        return (participant_id.in_(files),)


def _count(s: Session, query: object) -> int:
    return int(s.scalar(query) or 0)  # type: ignore[call-overload]


def _status_count(s: Session, status: ParticipantStatus, mine: _Of) -> int:
    q = select(func.count(Participant.id)).where(Participant.status == status, *mine.own())
    return _count(s, q)


def _by_month(
    s: Session,
    column: InstrumentedAttribute[dt.date | None],
    start: dt.date,
    end: dt.date,
    mine: _Of,
) -> tuple[tuple[dt.date, int], ...]:
    counts = dict.fromkeys(months(start, end), 0)
    for day in s.scalars(select(column).where(column.between(start, end), *mine.own())):
        assert day is not None
        counts[day.replace(day=1)] += 1
    return tuple(counts.items())


def _exits_by_destination(
    s: Session, start: dt.date, end: dt.date, mine: _Of
) -> tuple[tuple[ExitDestination | None, int], ...]:
    P = Participant
    q = (
        select(P.exit_destination, func.count(P.id))
        .where(P.exit_date.between(start, end), *mine.own())
        .group_by(P.exit_destination)
    )
    found = {dest: int(n) for dest, n in s.execute(q)}
    keys: list[ExitDestination | None] = [*ExitDestination, None]
    return tuple((k, found.get(k, 0)) for k in keys)


def _modules(s: Session, start: dt.date, end: dt.date, mine: _Of) -> tuple[ModuleFigures, ...]:
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
        .where(A.session_date.between(start, end), *mine.of(Enrolment.participant_id))
        .group_by(Module.id)
        .order_by(Module.title, Module.id)
    )
    return tuple(
        ModuleFigures(title, int(sessions), int(people), int(p or 0), int(e or 0), int(a or 0))
        for title, sessions, people, p, e, a in s.execute(q)
    )


def _steps(
    s: Session, start: dt.date, end: dt.date, mine: _Of
) -> tuple[tuple[MilestoneKind, int], ...]:
    q = select(Milestone.kind, func.count(Milestone.id))
    if mine.programme_id is not None:  # read by the day reached, then whose goal it is
        goal = select(Goal.participant_id).where(Goal.id == Milestone.goal_id).scalar_subquery()
        q = q.where(*mine.of(goal))
    q = q.where(Milestone.reached_on.between(start, end)).group_by(Milestone.kind)
    found = {kind: int(n) for kind, n in s.execute(q)}
    return tuple((k, found.get(k, 0)) for k in MilestoneKind)


def _valid_on(day: dt.date) -> tuple[ColumnElement[bool], ...]:
    return (
        Consent.given_on <= day,
        or_(Consent.valid_until.is_(None), Consent.valid_until >= day),
        or_(Consent.withdrawn_on.is_(None), Consent.withdrawn_on > day),
    )


def _consents_by_category(
    s: Session, day: dt.date, mine: _Of
) -> tuple[tuple[DataCategory, int], ...]:
    q = (
        select(ConsentCategory.category, func.count(distinct(Consent.participant_id)))
        .join(Consent, Consent.id == ConsentCategory.consent_id)
        .where(*_valid_on(day), *mine.of(Consent.participant_id))
        .group_by(ConsentCategory.category)
    )
    found = {cat: int(n) for cat, n in s.execute(q)}
    return tuple((c, found.get(c, 0)) for c in DataCategory)
