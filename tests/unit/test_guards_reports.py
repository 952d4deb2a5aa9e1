"""Every figure of the quarterly report on its boundary days, placed by hand (issue 19).

The demo data never puts a goal, a step, a meeting, a session or a consent on the first
or last day of a period; here each is on both, and the day before and after, so that a
figure counting one day too many or too few, or the wrong status, kind or category, fails.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from coachdesk.facade import Services
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
    AttendanceStatus,
    DataCategory,
    ExitDestination,
    GoalStatus,
    MeetingKind,
    MilestoneKind,
    ParticipantStatus,
)
from coachdesk.reports.quarterly import (
    ModuleFigures,
    check_period,
    months,
    previous_quarter,
    quarter_of,
)
from coachdesk.services.errors import ValidationError

START, END = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
DAY = dt.timedelta(days=1)
OUTSIDE = (START - DAY, END + DAY)


def _person(s, name: str, status=ParticipantStatus.ACTIVE, **dates) -> int:  # type: ignore[no-untyped-def]
    p = Participant(first_name="Frau", last_name=name, status=status, **dates)
    s.add(p)
    s.flush()
    return p.id


def _consent(s, pid: int, cats: set[DataCategory], given: dt.date, **more) -> None:  # type: ignore[no-untyped-def]
    c = Consent(participant_id=pid, purpose="Programme", given_on=given, **more)
    c.category_rows = [ConsentCategory(category=cat) for cat in cats]
    s.add(c)


@pytest.fixture
def placed(services: Services) -> Services:
    with services.ctx.sessions.begin() as s:
        a = _person(s, "A", entry_date=dt.date(2025, 5, 1))
        b = _person(s, "B", ParticipantStatus.AFTERCARE, entry_date=dt.date(2025, 5, 1))
        c = _person(s, "C", ParticipantStatus.EXITED, entry_date=dt.date(2025, 5, 1))
        _person(s, "D", ParticipantStatus.EXITED, exit_date=END, exit_destination=None)
        _person(
            s, "E", ParticipantStatus.PAUSED, exit_date=START, exit_destination=ExitDestination.WORK
        )
        _person(
            s,
            "F",
            ParticipantStatus.EXITED,
            exit_date=END + DAY,
            exit_destination=ExitDestination.WORK,
        )
        for pid, day, status in ((a, START, GoalStatus.REACHED), (b, END, GoalStatus.REACHED)):
            s.add(Goal(participant_id=pid, title="in", status=status, reached_on=day))
        for day in OUTSIDE:
            s.add(Goal(participant_id=a, title="out", status=GoalStatus.REACHED, reached_on=day))
        s.add(Goal(participant_id=a, title="open", status=GoalStatus.OPEN, reached_on=START))
        goal = Goal(participant_id=c, title="steps", status=GoalStatus.OPEN)
        steps = [(START, MilestoneKind.LANGUAGE), (END, MilestoneKind.LANGUAGE)]
        steps += [(END, MilestoneKind.MOBILITY), *((d, MilestoneKind.MOBILITY) for d in OUTSIDE)]
        goal.milestones = [Milestone(title="s", kind=k, reached_on=d) for d, k in steps]
        s.add(goal)
        meetings = [
            (dt.datetime(2026, 1, 1, 0, 0), MeetingKind.THREE_WAY),
            (dt.datetime(2026, 3, 31, 23, 59), MeetingKind.THREE_WAY),
            (dt.datetime(2025, 12, 31, 23, 59), MeetingKind.THREE_WAY),
            (dt.datetime(2026, 4, 1, 0, 0), MeetingKind.THREE_WAY),
            (dt.datetime(2026, 2, 1, 10, 0), MeetingKind.INDIVIDUAL),
        ]
        s.add_all(Meeting(participant_id=a, held_at=t, kind=k) for t, k in meetings)
        # Consents as on the last day: given that day, ending that day, withdrawn that day.
        _consent(s, a, {DataCategory.HEALTH, DataCategory.GOALS_PROGRESS}, END)
        _consent(s, a, {DataCategory.GOALS_PROGRESS}, START)  # the same person again
        _consent(s, b, {DataCategory.GOALS_PROGRESS}, START, valid_until=END)
        _consent(s, c, {DataCategory.PUBLICATION}, START, withdrawn_on=END)
        _consent(s, c, {DataCategory.PUBLICATION}, END + DAY)
        _consent(s, c, {DataCategory.HEALTH}, START, valid_until=END - DAY)
        d = _person(s, "G", ParticipantStatus.INTAKE)  # withdraws after the period
        _consent(s, d, {DataCategory.HANDOVER_FACTS}, START, withdrawn_on=END + DAY)
        _modules(s, a, b)
    return services


def _modules(s, a: int, b: int) -> None:  # type: ignore[no-untyped-def]
    held = Module(title="B-Kurs")
    other = Module(title="A-Kurs")
    s.add_all([held, other])
    s.flush()
    for pid in (a, b):
        e = Enrolment(participant_id=pid, module_id=held.id, enrolled_on=dt.date(2025, 12, 1))
        e.attendance = [
            Attendance(session_date=START, status=AttendanceStatus.PRESENT),
            Attendance(
                session_date=END,
                status=AttendanceStatus.SICK if pid == a else AttendanceStatus.ABSENT,
            ),
            Attendance(session_date=START - DAY, status=AttendanceStatus.PRESENT),
        ]
        s.add(e)
    e = Enrolment(participant_id=a, module_id=other.id, enrolled_on=dt.date(2025, 12, 1))
    e.attendance = [Attendance(session_date=END, status=AttendanceStatus.EXCUSED)]
    s.add(e)


def test_each_figure_counts_its_first_and_last_day_and_no_other(placed: Services) -> None:
    f = placed.reports.quarterly_figures(START, END)
    assert (f.start, f.end) == (START, END)
    assert f.goals_reached == 2
    steps = dict(f.steps_by_kind)
    assert steps[MilestoneKind.LANGUAGE] == 2 and steps[MilestoneKind.MOBILITY] == 1
    assert [k for k, _n in f.steps_by_kind] == list(MilestoneKind)
    assert f.steps_reached == 3
    assert f.three_way_meetings == 2
    assert f.currently_active == 1 and f.currently_in_aftercare == 1
    assert dict(f.exits_by_destination) == {
        **dict.fromkeys(ExitDestination, 0),
        ExitDestination.WORK: 1,
        None: 1,
    }
    assert f.exits_by_destination[-1] == (None, 1)  # "not recorded" comes last
    assert f.exits == 2 and dict(f.exits_by_month)[dt.date(2026, 3, 1)] == 1


def test_a_module_without_absences_counts_none(placed: Services) -> None:
    """Every session attended: no excused or unexcused absence is made up (0, not 1)."""
    with placed.ctx.sessions.begin() as s:
        full = Module(title="C-Kurs")
        s.add(full)
        s.flush()
        pid = s.scalars(select(Participant.id).where(Participant.last_name == "A")).one()
        e = Enrolment(participant_id=pid, module_id=full.id, enrolled_on=START)
        e.attendance = [Attendance(session_date=START, status=AttendanceStatus.PRESENT)]
        s.add(e)
    f = placed.reports.quarterly_figures(START, END)
    assert f.modules[-1] == ModuleFigures(
        "C-Kurs", sessions=1, participants=1, present=1, excused=0, absent=0
    )


def test_consents_count_as_on_the_last_day_of_the_period(placed: Services) -> None:
    f = placed.reports.quarterly_figures(START, END)
    # A (given on the last day, twice), B (ending on it) and G (withdrawing the day after);
    # C withdrew on it.
    assert f.participants_with_consent == 3
    assert dict(f.consents_by_category)[DataCategory.HANDOVER_FACTS] == 1
    by_category = dict(f.consents_by_category)
    assert by_category[DataCategory.GOALS_PROGRESS] == 2  # people, not consents
    assert by_category[DataCategory.HEALTH] == 1  # C's ended the day before
    assert by_category[DataCategory.PUBLICATION] == 0
    assert [c for c, _n in f.consents_by_category] == list(DataCategory)


def test_module_figures_count_sessions_people_and_each_kind_of_absence(placed: Services) -> None:
    f = placed.reports.quarterly_figures(START, END)
    assert f.modules == (
        ModuleFigures("A-Kurs", sessions=1, participants=1, present=0, excused=1, absent=0),
        ModuleFigures("B-Kurs", sessions=2, participants=2, present=2, excused=1, absent=1),
    )
    assert f.attendance == (2, 2, 1)
    assert f.modules[1].attendance_rate == 0.5
    assert ModuleFigures("x", 0, 0, 0, 0, 0).attendance_rate is None


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (dt.date(2025, 11, 15), dt.date(2026, 2, 10), ["2025-11", "2025-12", "2026-01", "2026-02"]),
        (dt.date(2026, 1, 31), dt.date(2026, 3, 1), ["2026-01", "2026-02", "2026-03"]),
        (dt.date(2026, 3, 1), dt.date(2026, 3, 1), ["2026-03"]),
    ],
)
def test_months_of_a_period_over_a_year_end(
    start: dt.date, end: dt.date, expected: list[str]
) -> None:
    assert [m.isoformat()[:7] for m in months(start, end)] == expected
    assert all(m.day == 1 for m in months(start, end))


def test_quarters_at_their_edges() -> None:
    assert quarter_of(dt.date(2026, 1, 1)) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert quarter_of(dt.date(2026, 3, 31)) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert quarter_of(dt.date(2026, 4, 1)) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    assert quarter_of(dt.date(2026, 12, 31)) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert previous_quarter(dt.date(2026, 1, 1)) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    assert previous_quarter(dt.date(2026, 8, 15)) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30))


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (
            dt.date(1899, 12, 31),
            END,
            "start",
            "Choose a date between 1900 and 2999 for the report period.",
        ),
        (
            START,
            dt.date(3000, 1, 1),
            "end",
            "Choose a date between 1900 and 2999 for the report period.",
        ),
        (START, START - DAY, "end", "The period cannot end before it starts."),
        (
            START,
            START + dt.timedelta(days=5 * 366 + 1),
            "end",
            "Choose a period of at most five years.",
        ),
    ],
)
def test_a_report_period_is_refused_just_past_each_limit(
    start: dt.date, end: dt.date, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        check_period(start, end)
    assert refused.value.errors[0].field == field
    assert refused.value.render("en") == message


def test_a_report_period_on_each_limit_is_accepted() -> None:
    check_period(dt.date(1900, 1, 1), dt.date(1900, 1, 1))
    check_period(dt.date(2999, 12, 31), dt.date(2999, 12, 31))
    check_period(START, START + dt.timedelta(days=5 * 366))


def test_a_period_where_nothing_happened_counts_zero_everywhere(placed: Services) -> None:
    f = placed.reports.quarterly_figures(dt.date(2010, 1, 1), dt.date(2010, 3, 31))
    assert (f.participants_at_start, f.entries, f.exits, f.goals_reached) == (0, 0, 0, 0)
    assert (f.three_way_meetings, f.participants_with_consent, f.steps_reached) == (0, 0, 0)
    assert f.modules == () and f.attendance == (0, 0, 0)
    assert f.today == placed.ctx.today() and f.currently_active == 1  # today, not the period
