"""Property tests that assert each rule of the other records (issue 19, item 4).

The same method as ``test_validation_rules.py`` (participants, consents, modules), for goals
and their steps, meetings with attendees and agreements, attendance days, aftercare,
handovers, the directory (organisations, contacts, responsibilities), enrolments, papers,
settings and the ESF Plus questionnaires: drafts generated to keep every rule pass it (and
the service saves them), and a draft generated to break exactly one rule is refused with that
rule's own message on that rule's field, by the rule and by the service.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from coachdesk.facade import Services
from coachdesk.models.enums import (
    AftercareStatus,
    AttendeeRole,
    DataCategory,
    EducationLevel,
    EsfAnswer,
    Gender,
    GoalStatus,
    HandoverKind,
    LabourStatus,
    MeetingKind,
    MilestoneKind,
    OrganisationKind,
)
from coachdesk.services.aftercare import FollowUpDraft, validate_followup
from coachdesk.services.attendance_rules import AttendancePeriod, attendance_date_problems
from coachdesk.services.directory import (
    ContactDraft,
    OrganisationDraft,
    validate_contact,
    validate_organisation,
)
from coachdesk.services.esf_rules import (
    EMPLOYED_AT_ENTRY,
    ENTRY_ANSWERS,
    EntryDraft,
    ExitDraft,
    FollowUpAnswers,
    is_empty,
    validate_entry,
    validate_exit,
    validate_follow_up,
)
from coachdesk.services.goals import GoalDraft, MilestoneDraft, validate_goal, validate_milestone
from coachdesk.services.handovers import HandoverDraft, validate_handover
from coachdesk.services.meeting_records import AgreementDraft, AttendeeDraft, MeetingDraft
from coachdesk.services.meeting_rules import normalise_meeting, validate_meeting
from coachdesk.services.responsibilities import ResponsibilityDraft, validate_responsibility
from tests.conftest import TODAY
from tests.unit.test_validation_rules import (
    BLANKS,
    PURE,
    SAVED,
    Breaker,
    _only,
    _refused,
    _set,
    _unique,
    days,
    emails,
    names,
    phones,
    spans,
)

TOO_LONG = "This text is too long ({length} characters, at most {limit})."
FILL_IN = "Please fill in {field}."
OFFERED = "Please choose one of the offered values."
FUTURE = "This date is in the future; it has not happened yet."
ODD = st.sampled_from(["", "Erreicht", "REACHED", "x", "mündlich"])
"""Values no enum of the forms offers (a StrEnum equals its value, so none of those)."""
ahead = st.integers(1, 3000).map(lambda n: TODAY + dt.timedelta(n))


def _longer(limit: int) -> st.SearchStrategy[str]:
    return st.integers(limit + 1, limit + 50).map(lambda n: "ä" * n)


def _before(day: dt.date, draw: st.DrawFn) -> dt.date:
    return day - dt.timedelta(draw(st.integers(1, 500)))


def _after(day: dt.date, draw: st.DrawFn) -> dt.date:
    return day + dt.timedelta(draw(st.integers(1, 500)))


# -- goals and their steps ----------------------------------------------------------------


@st.composite
def goals(draw: st.DrawFn) -> GoalDraft:
    status = draw(st.sampled_from(GoalStatus))
    return GoalDraft(
        title=draw(names),
        description=draw(st.just("") | names),
        status=status,
        target_date=draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2040, 1, 1))),
        reached_on=draw(days) if status == GoalStatus.REACHED else None,
    )


def _goal_status(value: GoalStatus, reached: bool) -> Breaker:
    def breaker(d: GoalDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
        reached_on = draw(days) if reached else None
        changed = dataclasses.replace(d, status=value, reached_on=reached_on)
        if value == GoalStatus.REACHED:
            return changed, "reached_on", "Please enter when the goal was reached."
        return (
            changed,
            "reached_on",
            ("Only a reached goal has a date reached. Please check the status."),
        )

    return breaker


def _reached_ahead(d: GoalDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
    changed = dataclasses.replace(d, status=GoalStatus.REACHED, reached_on=draw(ahead))
    return changed, "reached_on", FUTURE


def _odd_status(d: GoalDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
    return dataclasses.replace(d, status=draw(ODD), reached_on=None), "status", OFFERED


GOAL_RULES: dict[str, Breaker] = {
    "title required": _set("title", BLANKS, FILL_IN),
    "title length": _set("title", _longer(200), TOO_LONG),
    "description length": _set("description", _longer(20_000), TOO_LONG),
    "status offered": _odd_status,
    "reached needs its day": _goal_status(GoalStatus.REACHED, reached=False),
    "open has no day reached": _goal_status(GoalStatus.OPEN, reached=True),
    "in progress has no day reached": _goal_status(GoalStatus.IN_PROGRESS, reached=True),
    "dropped has no day reached": _goal_status(GoalStatus.DROPPED, reached=True),
    "reached not in the future": _reached_ahead,
}


@st.composite
def milestones(draw: st.DrawFn) -> MilestoneDraft:
    return MilestoneDraft(
        title=draw(names),
        kind=draw(st.sampled_from(MilestoneKind)),
        due_date=draw(st.none() | st.dates(dt.date(2000, 1, 1), dt.date(2040, 1, 1))),
        reached_on=draw(st.none() | days),
        note=draw(st.just("") | names),
    )


MILESTONE_RULES: dict[str, Breaker] = {
    "title required": _set("title", BLANKS, FILL_IN),
    "title length": _set("title", _longer(200), TOO_LONG),
    "note length": _set("note", _longer(20_000), TOO_LONG),
    "kind offered": _set("kind", ODD, OFFERED),
    "reached not in the future": _set("reached_on", ahead, FUTURE),
}


# -- meetings, attendees and agreements ----------------------------------------------------


@st.composite
def meetings(draw: st.DrawFn) -> MeetingDraft:
    held_on = draw(st.dates(dt.date(2000, 1, 1), TODAY + dt.timedelta(365)))
    held_at = dt.datetime.combine(held_on, draw(st.times()))
    people = draw(
        st.lists(
            st.tuples(names, st.sampled_from(AttendeeRole)),
            max_size=4,
            unique_by=lambda a: (a[0].casefold(), a[1]),
        )
    )
    agreements = draw(
        st.lists(
            st.builds(
                AgreementDraft,
                who=names,
                what=names,
                due_date=st.none() | spans.map(lambda n: held_on + dt.timedelta(n)),
                done_on=st.none() | days,
            ),
            max_size=3,
        )
    )
    return MeetingDraft(
        held_at=held_at,
        kind=draw(st.sampled_from(MeetingKind)),
        location=draw(st.just("") | names),
        agenda=draw(st.just("") | names),
        attendees=tuple(AttendeeDraft(name, role) for name, role in people),
        agreements=tuple(agreements),
    )


def _attendee(name: Any, role: Any, msgid: str) -> Breaker:
    def breaker(d: MeetingDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
        one = AttendeeDraft(draw(name), draw(role))
        changed = dataclasses.replace(d, attendees=(*d.attendees, one))
        return changed, "attendees", msgid

    return breaker


def _twice(d: MeetingDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
    first = AttendeeDraft(draw(names), draw(st.sampled_from(AttendeeRole)))
    again = AttendeeDraft(draw(st.sampled_from([first.name.casefold(), first.name])), first.role)
    others = tuple(
        a
        for a in d.attendees
        if (a.name.casefold(), a.role)
        not in {(first.name.casefold(), first.role), (again.name.casefold(), first.role)}
    )
    changed = dataclasses.replace(d, attendees=(*others, first, again))
    return changed, "attendees", "Attendee {number} is listed twice."


def _agreement(msgid: str, **fields: Callable[[MeetingDraft, st.DrawFn], Any]) -> Breaker:
    def breaker(d: MeetingDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
        values = {name: make(d, draw) for name, make in fields.items()}
        one = dataclasses.replace(AgreementDraft(draw(names), draw(names)), **values)
        changed = dataclasses.replace(d, agreements=(*d.agreements, one))
        return changed, "agreements", msgid

    return breaker


def _held_at(d: MeetingDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
    held = draw(st.none() | days)  # no time, or a day without a time
    changed = dataclasses.replace(d, held_at=held, agreements=())
    return changed, "held_at", "Please enter the date and time of the meeting."


MEETING_RULES: dict[str, Breaker] = {
    "date and time required": _held_at,
    "kind offered": _set("kind", ODD, OFFERED),
    "location length": _set("location", _longer(300), TOO_LONG),
    "agenda length": _set("agenda", _longer(20_000), TOO_LONG),
    "attendee named": _attendee(
        BLANKS, st.sampled_from(AttendeeRole), "Attendee {number}: please fill in the name."
    ),
    "attendee name length": _attendee(
        _longer(200), st.sampled_from(AttendeeRole), "Attendee {number}: the name is too long."
    ),
    "attendee role offered": _attendee(
        names, st.sampled_from(["", "Mutter", "Coach"]), "Attendee {number}: please choose a role."
    ),
    "attendee once": _twice,
    "agreement says who": _agreement(
        "Agreement {number}: please fill in who does it.", who=lambda d, draw: draw(BLANKS)
    ),
    "agreement's who length": _agreement(
        "Agreement {number}: 'who' is too long.", who=lambda d, draw: draw(_longer(200))
    ),
    "agreement says what": _agreement(
        "Agreement {number}: please fill in what was agreed.", what=lambda d, draw: draw(BLANKS)
    ),
    "agreement's text length": _agreement(
        "Agreement {number}: the text is too long.", what=lambda d, draw: draw(_longer(20_000))
    ),
    "agreement due after the meeting": _agreement(
        "Agreement {number}: the due date is before the meeting.",
        due_date=lambda d, draw: _before(d.held_at.date(), draw),
    ),
    "agreement done not in the future": _agreement(
        "Agreement {number}: the date done is in the future.", done_on=lambda d, draw: draw(ahead)
    ),
}


def _meeting_problems(draft: MeetingDraft) -> list[Any]:
    return validate_meeting(normalise_meeting(draft), TODAY)  # as the service checks it


# -- aftercare and handovers ---------------------------------------------------------------


@st.composite
def followups(draw: st.DrawFn) -> FollowUpDraft:
    status = draw(st.sampled_from(AftercareStatus))
    done = {
        AftercareStatus.PLANNED: st.none(),
        AftercareStatus.DONE: days,
        AftercareStatus.MISSED: st.none() | days,
    }[status]
    return FollowUpDraft(
        due_on=draw(st.dates(dt.date(2000, 1, 1), dt.date(2040, 1, 1))),
        done_on=draw(done),
        status=status,
        contact_method=draw(st.just("") | names),
        employment_status=draw(st.just("") | names),
    )


def _done_without_day(d: FollowUpDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
    changed = dataclasses.replace(d, status=AftercareStatus.DONE, done_on=None)
    return changed, "done_on", "Please enter when the follow-up took place."


def _planned_with_day(d: FollowUpDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
    changed = dataclasses.replace(d, status=AftercareStatus.PLANNED, done_on=draw(days))
    msgid = "A follow-up that took place is no longer planned. Please check."
    return changed, "status", msgid


def _done_ahead(d: FollowUpDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
    status = draw(st.sampled_from([AftercareStatus.DONE, AftercareStatus.MISSED]))
    return dataclasses.replace(d, status=status, done_on=draw(ahead)), "done_on", FUTURE


AFTERCARE_RULES: dict[str, Breaker] = {
    "due day required": _set("due_on", st.none(), FILL_IN),
    "status offered": lambda d, draw: _set("status", ODD, OFFERED)(
        dataclasses.replace(d, done_on=None), draw
    ),
    "contact method length": _set("contact_method", _longer(100), TOO_LONG),
    "employment length": _set("employment_status", _longer(300), TOO_LONG),
    "note length": _set("note", _longer(20_000), TOO_LONG),
    "done needs its day": _done_without_day,
    "planned has no day done": _planned_with_day,
    "done not in the future": _done_ahead,
}


@st.composite
def handovers(draw: st.DrawFn) -> HandoverDraft:
    return HandoverDraft(
        kind=draw(st.sampled_from(HandoverKind)),
        handover_date=draw(st.dates(dt.date(2000, 1, 1), TODAY + dt.timedelta(366))),
        author=draw(st.just("") | names),
        situation=draw(st.just("") | names),
    )


HANDOVER_RULES: dict[str, Breaker] = {
    "kind required": _set("kind", st.none(), FILL_IN),
    "kind offered": _set("kind", ODD.filter(bool), OFFERED),
    "date required": _set("handover_date", st.none(), FILL_IN),
    "date within a year": _set(
        "handover_date",
        st.integers(367, 3000).map(lambda n: TODAY + dt.timedelta(n)),
        "Please check the date: more than a year from now.",
    ),
    "author length": _set("author", _longer(200), TOO_LONG),
    "situation length": _set("situation", _longer(20_000), TOO_LONG),
    "recommendation length": _set("recommendation", _longer(20_000), TOO_LONG),
}


# -- the directory ------------------------------------------------------------------------

BAD_EMAILS = st.sampled_from(["anna", "anna@", "@example.org", "anna@example", "a b@c.de"])
BAD_PHONES = st.sampled_from(["12", "0176 abc", "ruf an", "0176#123"])


@st.composite
def organisations(draw: st.DrawFn) -> OrganisationDraft:
    return OrganisationDraft(
        name=draw(names),
        kind=draw(st.sampled_from(OrganisationKind)),
        address=draw(st.just("") | names),
        phone=draw(st.just("") | phones),
        email=draw(st.just("") | emails),
    )


ORGANISATION_RULES: dict[str, Breaker] = {
    "name required": _set("name", BLANKS, FILL_IN),
    "name length": _set("name", _longer(200), TOO_LONG),
    "kind required": _set("kind", st.none(), FILL_IN),
    "kind offered": _set("kind", ODD.filter(bool), OFFERED),
    "e-mail": _set("email", BAD_EMAILS, "This is not a valid e-mail address."),
    "phone": _set("phone", BAD_PHONES, "A phone number may contain digits, spaces and + ( ) / - ."),
    "phone length": _set("phone", st.integers(81, 120).map(lambda n: "1" * n), TOO_LONG),
    "notes length": _set("notes", _longer(20_000), TOO_LONG),
}


@st.composite
def contacts(draw: st.DrawFn) -> ContactDraft:
    return ContactDraft(
        organisation_id=1,
        name=draw(names),
        role_title=draw(st.just("") | names),
        phone=draw(st.just("") | phones),
        email=draw(st.just("") | emails),
    )


CONTACT_RULES: dict[str, Breaker] = {
    "organisation required": _set("organisation_id", st.none(), FILL_IN),
    "name required": _set("name", BLANKS, FILL_IN),
    "name length": _set("name", _longer(200), TOO_LONG),
    "role length": _set("role_title", _longer(200), TOO_LONG),
    "e-mail": _set("email", BAD_EMAILS, "This is not a valid e-mail address."),
    "phone": _set("phone", BAD_PHONES, "A phone number may contain digits, spaces and + ( ) / - ."),
}


@st.composite
def responsibilities(draw: st.DrawFn) -> ResponsibilityDraft:
    return ResponsibilityDraft(
        topic=draw(names),
        target_group=draw(st.just("") | names),
        note=draw(st.just("") | names),
    )


RESPONSIBILITY_RULES: dict[str, Breaker] = {
    "topic required": _set("topic", BLANKS, FILL_IN),
    "topic length": _set("topic", _longer(200), TOO_LONG),
    "target group length": _set("target_group", _longer(200), TOO_LONG),
    "note length": _set("note", _longer(20_000), TOO_LONG),
}


# -- attendance days ------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Day:
    day: dt.date
    period: AttendancePeriod


@st.composite
def attendance_days(draw: st.DrawFn) -> Day:
    day = draw(st.dates(dt.date(2001, 1, 1), TODAY))
    later = st.none() | spans.map(lambda n: day + dt.timedelta(n))
    earlier = st.none() | spans.map(lambda n: day - dt.timedelta(n))
    return Day(
        day,
        AttendancePeriod(
            enrolled_on=day - dt.timedelta(draw(spans)),
            completed_on=draw(later),
            module_starts=draw(earlier),
            module_ends=draw(later),
            exit_date=draw(later),
        ),
    )


def _bound(field: str, earlier: bool, msgid: str) -> Breaker:
    def breaker(d: Day, draw: st.DrawFn) -> tuple[Any, str, str]:
        bound = _after(d.day, draw) if earlier else _before(d.day, draw)
        changed = Day(d.day, dataclasses.replace(d.period, **{field: bound}))
        return changed, "session_date", msgid

    return breaker


ATTENDANCE_RULES: dict[str, Breaker] = {
    "not ahead of today": lambda d, draw: (
        Day(draw(ahead), d.period),
        "session_date",
        "Attendance can only be recorded for today or a past day.",
    ),
    "not before her enrolment": _bound(
        "enrolled_on", True, "She was enrolled only on {date}: a session before that cannot count."
    ),
    "not after her enrolment ended": _bound(
        "completed_on", False, "Her enrolment ended on {date}: a session after that cannot count."
    ),
    "not before the module": _bound("module_starts", True, "The module starts on {date}."),
    "not after the module": _bound("module_ends", False, "The module ended on {date}."),
    "not after she left": _bound(
        "exit_date",
        False,
        "She left the programme on {date}: a session after that cannot count.",
    ),
}


# -- ESF Plus questionnaires ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Esf:
    """A questionnaire with the day it depends on (entry, exit, follow-up due) and, for the
    follow-up, her situation at entry."""

    draft: Any
    anchor: dt.date | None
    labour_status: LabourStatus | None = None


def _answered(anchor: dt.date | None, draw: st.DrawFn) -> dt.date:
    return draw(st.dates(anchor or dt.date(2000, 1, 1), TODAY))


@st.composite
def esf_entries(draw: st.DrawFn) -> Esf:
    anchor = draw(st.none() | st.dates(dt.date(2000, 1, 2), TODAY))
    answers = {name: draw(st.none() | st.sampled_from(EsfAnswer)) for name in ENTRY_ANSWERS}
    draft = EntryDraft(
        gender=draw(st.none() | st.sampled_from(Gender)),
        labour_status=draw(st.none() | st.sampled_from(LabourStatus)),
        education=draw(st.none() | st.sampled_from(EducationLevel)),
        **answers,
    )
    answered = not is_empty(draft)
    answered_on = _answered(anchor, draw) if answered else draw(st.none() | st.just(anchor))
    return Esf(dataclasses.replace(draft, answered_on=answered_on), anchor)


@st.composite
def esf_exits(draw: st.DrawFn) -> Esf:
    anchor = draw(st.dates(dt.date(2000, 1, 2), TODAY))
    draft = ExitDraft(
        **{
            name: draw(st.none() | st.booleans())
            for name in ("job_searching", "in_education", "qualification", "employed")
        }
    )
    answered_on = None if is_empty(draft) else _answered(anchor, draw)
    return Esf(dataclasses.replace(draft, answered_on=answered_on), anchor)


@st.composite
def esf_follow_ups(draw: st.DrawFn) -> Esf:
    due = draw(st.dates(dt.date(2000, 1, 2), TODAY))
    status = draw(st.none() | st.sampled_from(LabourStatus))
    if draw(st.booleans()):
        draft = FollowUpAnswers(not_reached=True)
    else:
        employed = draw(st.none() | st.booleans())
        improved = draw(st.none() | st.booleans()) if status in EMPLOYED_AT_ENTRY else None
        if improved and employed is False:
            employed = True
        draft = FollowUpAnswers(employed=employed, improved_situation=improved)
    answered_on = None if is_empty(draft) else _answered(due, draw)
    return Esf(dataclasses.replace(draft, answered_on=answered_on), due, status)


def _esf(field: str, msgid: str, **change: Callable[[Esf, st.DrawFn], Any]) -> Breaker:
    """Change the questionnaire (``anchor`` and ``at_entry``, her labour status at entry,
    change the case around it)."""

    def breaker(e: Esf, draw: st.DrawFn) -> tuple[Any, str, str]:
        values = {name: make(e, draw) for name, make in change.items()}
        case = {k: values.pop(k) for k in ("anchor", "at_entry") if k in values}
        if "at_entry" in case:
            case["labour_status"] = case.pop("at_entry")
        changed = dataclasses.replace(e, draft=dataclasses.replace(e.draft, **values), **case)
        return changed, field, msgid

    return breaker


def _day_or_anchor(e: Esf, draw: st.DrawFn) -> dt.date:
    return e.draft.answered_on or e.anchor or TODAY


NO_DAY = "Please enter the day she answered."
BEFORE_ENTRY = "She answered before she entered the programme ({date}). Please check the date."
BEFORE_EXIT = "She answered before she left the programme ({date}). Please check the date."
BEFORE_DUE = (
    "The six-month follow-up is due on {date}. It can be answered from that day on, "
    "or marked as “could not be reached”."
)
ESF_ENTRY_RULES: dict[str, Breaker] = {
    "answered needs its day": _esf(
        "answered_on",
        NO_DAY,
        answered_on=lambda e, draw: None,
        gender=lambda e, draw: draw(st.sampled_from(Gender)),
    ),
    "answered not in the future": _esf("answered_on", FUTURE, answered_on=lambda e, d: d(ahead)),
    "answered not before entry": _esf(
        "answered_on",
        BEFORE_ENTRY,
        anchor=lambda e, draw: e.anchor or TODAY,
        answered_on=lambda e, draw: _before(e.anchor or TODAY, draw),
    ),
    **{
        f"{name} offered": _esf(
            name, OFFERED, answered_on=_day_or_anchor, **{name: lambda e, draw: draw(ODD)}
        )
        for name in ("gender", "labour_status", "education", *ENTRY_ANSWERS)
    },
}
ESF_EXIT_RULES: dict[str, Breaker] = {
    "only after her exit date": lambda e, draw: (
        dataclasses.replace(e, anchor=None),
        None,
        "The leaving questionnaire can be filled in once her exit date is entered in the overview.",
    ),
    "answered needs its day": _esf(
        "answered_on",
        NO_DAY,
        answered_on=lambda e, draw: None,
        employed=lambda e, draw: draw(st.booleans()),
    ),
    "answered not in the future": _esf("answered_on", FUTURE, answered_on=lambda e, d: d(ahead)),
    "answered not before exit": _esf(
        "answered_on", BEFORE_EXIT, answered_on=lambda e, draw: _before(e.anchor or TODAY, draw)
    ),
}
NON_EMPLOYED = st.none() | st.sampled_from(sorted(set(LabourStatus) - EMPLOYED_AT_ENTRY))
ESF_FOLLOW_UP_RULES: dict[str, Breaker] = {
    "answered needs its day": _esf(
        "answered_on",
        NO_DAY,
        answered_on=lambda e, draw: None,
        not_reached=lambda e, draw: True,
        employed=lambda e, draw: None,
        improved_situation=lambda e, draw: None,
    ),
    "answered not in the future": _esf("answered_on", FUTURE, answered_on=lambda e, d: d(ahead)),
    "answered from its due day": _esf(
        "answered_on", BEFORE_DUE, answered_on=lambda e, draw: _before(e.anchor or TODAY, draw)
    ),
    "not reached means no answers": _esf(
        "not_reached",
        "She could not be reached, so her answers stay empty. Please check.",
        answered_on=_day_or_anchor,
        not_reached=lambda e, draw: True,
        employed=lambda e, draw: draw(st.booleans()),
        improved_situation=lambda e, draw: None,
    ),
    "improved only when employed at entry": _esf(
        "improved_situation",
        "This question is only for a woman who was employed when she entered. "
        "Her entry questionnaire does not say so: leave it empty.",
        answered_on=_day_or_anchor,
        at_entry=lambda e, draw: draw(NON_EMPLOYED),
        not_reached=lambda e, draw: False,
        employed=lambda e, draw: draw(st.none() | st.booleans()),
        improved_situation=lambda e, draw: draw(st.booleans()),
    ),
    "improved means employed": _esf(
        "employed",
        "An improved situation at work means she is employed. Please check.",
        answered_on=_day_or_anchor,
        at_entry=lambda e, draw: draw(st.sampled_from(sorted(EMPLOYED_AT_ENTRY))),
        not_reached=lambda e, draw: False,
        employed=lambda e, draw: False,
        improved_situation=lambda e, draw: True,
    ),
}


# -- every kind, pure ------------------------------------------------------------------------

KINDS: dict[str, tuple[st.SearchStrategy[Any], Callable[[Any], list[Any]], dict[str, Breaker]]] = {
    "goal": (goals(), lambda d: validate_goal(d, TODAY), GOAL_RULES),
    "step": (milestones(), lambda d: validate_milestone(d, TODAY), MILESTONE_RULES),
    "meeting": (meetings(), _meeting_problems, MEETING_RULES),
    "aftercare": (followups(), lambda d: validate_followup(d, TODAY), AFTERCARE_RULES),
    "handover": (handovers(), lambda d: validate_handover(d, TODAY), HANDOVER_RULES),
    "organisation": (organisations(), validate_organisation, ORGANISATION_RULES),
    "contact": (contacts(), validate_contact, CONTACT_RULES),
    "responsibility": (responsibilities(), validate_responsibility, RESPONSIBILITY_RULES),
    "attendance": (
        attendance_days(),
        lambda d: attendance_date_problems(d.day, d.period, TODAY),
        ATTENDANCE_RULES,
    ),
    "esf entry": (
        esf_entries(),
        lambda e: validate_entry(e.draft, e.anchor, TODAY),
        ESF_ENTRY_RULES,
    ),
    "esf exit": (esf_exits(), lambda e: validate_exit(e.draft, e.anchor, TODAY), ESF_EXIT_RULES),
    "esf follow-up": (
        esf_follow_ups(),
        lambda e: validate_follow_up(e.draft, e.anchor, e.labour_status, TODAY),
        ESF_FOLLOW_UP_RULES,
    ),
}
EVERY_RULE = sorted((kind, rule) for kind, (_, _, rules) in KINDS.items() for rule in rules)


@pytest.mark.parametrize("kind", sorted(KINDS))
@PURE
@given(data=st.data())
def test_drafts_that_keep_every_rule_pass_it(kind: str, data: st.DataObject) -> None:
    drafts, check, _rules = KINDS[kind]
    assert check(data.draw(drafts)) == []


@pytest.mark.parametrize(("kind", "rule"), EVERY_RULE)
@PURE
@given(data=st.data())
def test_a_draft_breaking_one_rule_gets_that_rules_message(
    kind: str, rule: str, data: st.DataObject
) -> None:
    drafts, check, rules = KINDS[kind]
    draft, field, msgid = rules[rule](data.draw(drafts), data.draw)
    _only(check(draft), field, msgid)


def test_answers_of_no_need_the_day_she_answered_and_are_kept(services: Services) -> None:
    """Found by the rule "answered needs its day": "no" (False) was taken for "not asked", so
    a leaving questionnaire answered "no" four times without a day was accepted and then
    not stored at all (her answers lost without a word); a follow-up "not employed" went in
    without the day she answered."""
    from coachdesk.services.participants import ParticipantDraft

    left = dt.date(2026, 3, 1)
    pid = services.participants.create(
        ParticipantDraft(
            "Amina", f"Nein {next(_unique)}", entry_date=dt.date(2025, 9, 1), exit_date=left
        )
    ).id
    all_no = ExitDraft(
        None, job_searching=False, in_education=False, qualification=False, employed=False
    )
    _refused(lambda: services.esf.save_exit(pid, all_no), "answered_on", NO_DAY)
    kept = services.esf.save_exit(pid, dataclasses.replace(all_no, answered_on=TODAY))
    assert kept.exit == dataclasses.replace(all_no, answered_on=TODAY)
    assert services.esf.get(pid).exit.employed is False
    not_employed = FollowUpAnswers(None, employed=False)
    _refused(lambda: services.esf.save_follow_up(pid, not_employed), "answered_on", NO_DAY)
    assert services.esf.get(pid).follow_up is not None and services.esf.get(pid).follow_up.is_open


# -- the services: what keeps the rules is saved, each break refused by create and update ----


def _person(services: Services, **dates: Any) -> int:
    from coachdesk.services.participants import ParticipantDraft

    draft = ParticipantDraft("Amina", f"Regel {next(_unique)}", **dates)
    return services.participants.create(draft).id


def _saved_then_refused(
    data: st.DataObject,
    rules: dict[str, Breaker],
    own: Any,
    create: Callable[[Any], Any],
    update: Callable[[int, Any], Any] | None,
) -> Any:
    """``own`` saved by ``create``; one rule broken, refused by ``create`` and ``update``."""
    saved = create(own)
    rule = data.draw(st.sampled_from(sorted(rules)))
    broken, field, msgid = rules[rule](own, data.draw)
    _refused(lambda: create(broken), field, msgid)
    if update is not None:
        _refused(lambda: update(saved.id, broken), field, msgid)
    return saved


def _own(draft: Any, field: str) -> Any:
    """The draft with a name of its own (the vault refuses a second of the same name)."""
    return dataclasses.replace(draft, **{field: f"{getattr(draft, field)} {next(_unique)}"})


@SAVED
@given(draft=goals(), step=milestones(), data=st.data())
def test_the_service_saves_goals_and_steps_that_keep_the_rules_and_refuses_each_break(
    services: Services, draft: GoalDraft, step: MilestoneDraft, data: st.DataObject
) -> None:
    pid = _person(services)
    own = _own(draft, "title")
    goals_ = services.goals
    saved = _saved_then_refused(
        data, GOAL_RULES, own, lambda d: goals_.create(pid, d), goals_.update
    )
    assert goals_.get(saved.id).draft() == own
    kept = _saved_then_refused(
        data,
        MILESTONE_RULES,
        step,
        lambda d: goals_.add_milestone(saved.id, d),
        goals_.update_milestone,
    )
    assert kept.draft() == step and goals_.get(saved.id).milestones == (kept,)


@SAVED
@given(draft=meetings(), data=st.data())
def test_the_service_saves_meetings_that_keep_the_rules_and_refuses_each_break(
    services: Services, draft: MeetingDraft, data: st.DataObject
) -> None:
    pid = _person(services)
    meetings_ = services.meetings
    saved = _saved_then_refused(
        data, MEETING_RULES, draft, lambda d: meetings_.create(pid, d), meetings_.update
    )
    again = meetings_.get(saved.id)
    assert again == saved and again.held_at == draft.held_at
    assert len(again.attendees) == len(draft.attendees)
    assert len(again.agreements) == len(draft.agreements)


@SAVED
@given(followup=followups(), handover=handovers(), data=st.data())
def test_the_service_saves_aftercare_and_handovers_that_keep_the_rules_and_refuses_each_break(
    services: Services, followup: FollowUpDraft, handover: HandoverDraft, data: st.DataObject
) -> None:
    pid = _person(services)
    aftercare = services.aftercare
    saved = _saved_then_refused(
        data, AFTERCARE_RULES, followup, lambda d: aftercare.create(pid, d), aftercare.update
    )
    assert aftercare.get(saved.id).draft() == followup
    handovers_ = services.handovers
    kept = _saved_then_refused(
        data, HANDOVER_RULES, handover, lambda d: handovers_.create(pid, d), handovers_.update
    )
    assert handovers_.get(kept.id).draft() == handover


@SAVED
@given(
    organisation=organisations(),
    contact=contacts(),
    responsibility=responsibilities(),
    data=st.data(),
)
def test_the_service_saves_the_directory_that_keeps_the_rules_and_refuses_each_break(
    services: Services,
    organisation: OrganisationDraft,
    contact: ContactDraft,
    responsibility: ResponsibilityDraft,
    data: st.DataObject,
) -> None:
    directory = services.directory
    org = _saved_then_refused(
        data,
        ORGANISATION_RULES,
        _own(organisation, "name"),
        directory.create_organisation,
        directory.update_organisation,
    )
    assert directory.get_organisation(org.id) == org
    person = dataclasses.replace(_own(contact, "name"), organisation_id=org.id)
    kept = _saved_then_refused(
        data, CONTACT_RULES, person, directory.create_contact, directory.update_contact
    )
    assert kept.draft() == person
    topic = _own(responsibility, "topic")
    handled = _saved_then_refused(
        data,
        RESPONSIBILITY_RULES,
        topic,
        lambda d: directory.add_responsibility(org.id, d),
        directory.update_responsibility,
    )
    assert directory.get_responsibility(handled.id).draft() == topic


# papers: the title and the paper's date (checked before the file is read)


@st.composite
def papers(draw: st.DrawFn) -> Any:
    from coachdesk.services.attachment_records import AttachmentDraft

    return AttachmentDraft(
        title=draw(names),
        category=draw(st.sampled_from(DataCategory)),
        document_date=draw(st.none() | days),
    )


PAPER_RULES: dict[str, Breaker] = {
    "title required": _set("title", BLANKS, FILL_IN),
    "title length": _set("title", _longer(200), TOO_LONG),
    "paper's date not in the future": _set("document_date", ahead, FUTURE),
}
_PDF: list[bytes] = []


@SAVED
@given(draft=papers(), data=st.data())
def test_the_service_keeps_papers_that_keep_the_rules_and_refuses_each_break(
    services: Services, draft: Any, data: st.DataObject
) -> None:
    from tests.unit.attachment_files import pdf_bytes

    if not _PDF:
        _PDF.append(pdf_bytes("Zeugnis Deutsch B1"))
    pid = _person(services)
    papers_ = services.attachments
    saved = _saved_then_refused(
        data, PAPER_RULES, draft, lambda d: papers_.add(pid, _PDF[0], d), papers_.update
    )
    assert papers_.get(saved.id).draft() == draft


# enrolments: the result, its end date and note; attendance on the days she can have come


@st.composite
def results(draw: st.DrawFn) -> tuple[dt.date, Any, dt.date | None, str]:
    from coachdesk.models.enums import EnrolmentResult

    enrolled = draw(days)
    result = draw(st.sampled_from(EnrolmentResult))
    ends = st.none() | st.dates(enrolled, TODAY)
    completed = None if result == EnrolmentResult.ONGOING else draw(ends)
    return enrolled, result, completed, draw(st.just("") | names)


@SAVED
@given(case=results(), data=st.data())
def test_the_service_records_results_that_keep_the_rules_and_refuses_each_break(
    services: Services, case: tuple[dt.date, Any, dt.date | None, str], data: st.DataObject
) -> None:
    from coachdesk.models.enums import EnrolmentResult
    from coachdesk.services.modules import ModuleDraft

    enrolled, result, completed, note = case
    module = services.modules.create(ModuleDraft(f"Kurs {next(_unique)}")).id
    enrolment = services.modules.enrol(_person(services), module, enrolled)
    saved = services.modules.set_result(enrolment.id, result, completed, note)
    wanted = completed or (None if result == EnrolmentResult.ONGOING else TODAY)
    assert (saved.result, saved.completed_on, saved.result_note) == (result, wanted, note)
    finished = data.draw(st.sampled_from(sorted(set(EnrolmentResult) - {EnrolmentResult.ONGOING})))
    broken = {
        "result offered": ((data.draw(ODD), completed, note), "result", OFFERED),
        "ends after enrolment": (
            (finished, _before(enrolled, data.draw), note),
            "completed_on",
            "The end date cannot be before the enrolment date.",
        ),
        "note length": ((result, completed, data.draw(_longer(20_000))), "result_note", TOO_LONG),
    }
    args, field, msgid = broken[data.draw(st.sampled_from(sorted(broken)))]
    _refused(lambda: services.modules.set_result(enrolment.id, *args), field, msgid)
    assert services.modules.get_enrolment(enrolment.id) == saved


def _enrolment_for(services: Services, d: Day) -> int:
    """An enrolment whose days are ``d.period`` (module dates, end, her exit date)."""
    from coachdesk.models.enums import EnrolmentResult
    from coachdesk.services.modules import ModuleDraft

    p = d.period
    module = ModuleDraft(f"Kurs {next(_unique)}", starts_on=p.module_starts, ends_on=p.module_ends)
    module_id = services.modules.create(module).id
    pid = _person(services, exit_date=p.exit_date)
    enrolment = services.modules.enrol(pid, module_id, p.enrolled_on).id
    if p.completed_on is not None:
        services.modules.set_result(enrolment, EnrolmentResult.COMPLETED, p.completed_on)
    return enrolment


@SAVED
@given(case=attendance_days(), data=st.data())
def test_the_service_records_attendance_on_possible_days_and_refuses_each_break(
    services: Services, case: Day, data: st.DataObject
) -> None:
    from coachdesk.models.enums import AttendanceStatus

    status = data.draw(st.sampled_from(AttendanceStatus))
    enrolment = _enrolment_for(services, case)
    saved = services.modules.record_attendance(enrolment, case.day, status, "da")
    assert [(a.session_date, a.status) for a in saved.attendance] == [(case.day, status)]
    rule = data.draw(st.sampled_from(sorted(ATTENDANCE_RULES)))
    broken, field, msgid = ATTENDANCE_RULES[rule](case, data.draw)
    p = broken.period
    assume(p.completed_on is None or p.completed_on >= p.enrolled_on)  # a period one can store
    assume(None in (p.module_starts, p.module_ends) or p.module_starts <= p.module_ends)  # type: ignore[operator]
    other = _enrolment_for(services, broken) if broken.period != case.period else enrolment
    _refused(lambda: services.modules.record_attendance(other, broken.day, status), field, msgid)
    for args, field, msgid in (
        ((case.day, data.draw(ODD.filter(bool))), "status", OFFERED),
        ((case.day, status, data.draw(_longer(20_000))), "note", TOO_LONG),
    ):
        _refused(lambda a=args: services.modules.record_attendance(enrolment, *a), field, msgid)
    assert services.modules.get_enrolment(enrolment).attendance == (saved.attendance)


# the ESF Plus questionnaires: each case in a file of its own, with its dates


def _esf_file(services: Services, e: Esf, step: str) -> int:
    """Her file with the day the questionnaire depends on: her entry date, her exit date, or
    (follow-up) the follow-up's due day placed by hand and her labour status at entry."""
    from sqlalchemy import update

    from coachdesk.models import EsfFollowUp

    if step == "entry":
        return _person(services, entry_date=e.anchor)
    if step == "exit" or e.anchor is None:
        return _person(services, exit_date=e.anchor)
    pid = _person(services, exit_date=e.anchor)
    with services.ctx.write() as s:
        s.execute(
            update(EsfFollowUp).where(EsfFollowUp.participant_id == pid).values(due_on=e.anchor)
        )
    if e.labour_status is not None:
        services.esf.save_entry(pid, EntryDraft(TODAY, labour_status=e.labour_status))
    return pid


ESF_STEPS = {
    "entry": (esf_entries(), ESF_ENTRY_RULES, "save_entry"),
    "exit": (esf_exits(), ESF_EXIT_RULES, "save_exit"),
    "follow_up": (esf_follow_ups(), ESF_FOLLOW_UP_RULES, "save_follow_up"),
}


@pytest.mark.parametrize("step", sorted(ESF_STEPS))
@SAVED
@given(data=st.data())
def test_the_service_saves_esf_answers_that_keep_the_rules_and_refuses_each_break(
    services: Services, step: str, data: st.DataObject
) -> None:
    cases, rules, method = ESF_STEPS[step]
    case = data.draw(cases)
    save = getattr(services.esf, method)
    pid = _esf_file(services, case, step)
    saved = getattr(save(pid, case.draft), "follow_up" if step == "follow_up" else step)
    answered = dataclasses.replace(saved, due_on=dt.date.min) if step == "follow_up" else saved
    assert to_answers(answered, type(case.draft)) == case.draft
    rule = data.draw(st.sampled_from(sorted(rules)))
    broken, field, msgid = rules[rule](case, data.draw)
    other = _esf_file(services, broken, step)
    _refused(lambda: save(other, broken.draft), field, msgid)
    left = services.esf.get(other)  # a refused save stores nothing
    if step == "follow_up":
        assert left.follow_up is None or to_answers(left.follow_up, FollowUpAnswers) == (
            FollowUpAnswers()
        )
    else:
        assert getattr(left, step) == type(case.draft)()


def to_answers(record: Any, cls: type) -> Any:
    names = [f.name for f in dataclasses.fields(cls)]
    return cls(**{n: getattr(record, n) for n in names})


# settings: read back from the vault as saved; a value out of range refused and not kept


@SAVED
@given(
    coach=names,
    organisation=st.just("") | names,
    months=st.integers(1, 120),
    megabytes=st.integers(1, 200),
    data=st.data(),
)
def test_settings_that_keep_the_rules_are_kept_and_each_break_refused(
    services: Services,
    coach: str,
    organisation: str,
    months: int,
    megabytes: int,
    data: st.DataObject,
) -> None:
    settings = services.settings
    settings.set_signer(f" {coach} ", organisation)
    settings.set_retention_months(months)
    settings.set_attachment_limit_mb(megabytes)
    kept = (coach, organisation, months, megabytes)
    read = lambda: (  # noqa: E731
        settings.coach_name(),
        settings.organisation_name(),
        settings.retention_months(),
        settings.attachment_limit_mb(),
    )
    assert read() == kept
    too_long = "The name is too long (at most 200)."
    long_name = data.draw(st.integers(201, 400).map(lambda n: "ü" * n))
    breaks: dict[str, tuple[Callable[[], None], str, str]] = {
        "her name required": (
            lambda: settings.set_signer(data.draw(BLANKS), organisation),
            "coach_name",
            "Please enter your name: it goes on every document you sign.",
        ),
        "her name's length": (
            lambda: settings.set_signer(long_name, organisation),
            "coach_name",
            too_long,
        ),
        "her name's length alone": (
            lambda: settings.set_coach_name(long_name),
            "coach_name",
            too_long,
        ),
        "organisation's length": (
            lambda: settings.set_signer(coach, long_name),
            "organisation_name",
            too_long,
        ),
        "organisation's length alone": (
            lambda: settings.set_organisation_name(long_name),
            "organisation_name",
            too_long,
        ),
        "retention 1 to 120 months": (
            lambda: settings.set_retention_months(
                data.draw(st.integers(max_value=0) | st.integers(min_value=121))
            ),
            "retention_months",
            "The retention period must be between 1 and 120 months.",
        ),
        "largest file 1 to 200 MB": (
            lambda: settings.set_attachment_limit_mb(
                data.draw(st.integers(max_value=0) | st.integers(min_value=201))
            ),
            "attachment_limit_mb",
            "The largest file must be between 1 and 200 MB.",
        ),
    }
    call, field, msgid = breaks[data.draw(st.sampled_from(sorted(breaks)))]
    _refused(call, field, msgid)
    assert read() == kept
