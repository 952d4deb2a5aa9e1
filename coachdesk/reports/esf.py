"""The ESF Plus common indicators for participants, counted by gender (docs/esf-indicators.md).

Regulation (EU) 2021/1057, Annex I, with the indicator codes of the Commission's ESF+
monitoring (EECO01 to EECO17, EECR01 to EECR06). Three groups of people, each for one
period (both days included) and optionally one programme:

- output indicators: participants who entered in the period, as her entry questionnaire
  and her date of birth describe her on the day she entered;
- immediate results: participants who left in the period, from the exit questionnaire;
- longer-term results: participants whose day six months after leaving falls in the period,
  from the six-month follow-up.

Every count is broken down by gender (female, male, non-binary, gender not recorded) with a
total. "No answer" and questions not answered yet are rows of their own, never dropped.
Archived files count: archiving hides a file, it does not undo what happened.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.models import EsfEntry, EsfExit, EsfFollowUp, Participant
from coachdesk.models.enums import EducationLevel, EsfAnswer, Gender, LabourStatus

COLUMNS: tuple[Gender | None, ...] = (Gender.FEMALE, Gender.MALE, Gender.NON_BINARY, None)
"""The gender columns; None: gender not recorded. The total follows as the last column."""

ENTRIES, LEAVERS, FOLLOW_UPS = "entries", "leavers", "follow_ups"
SITUATIONS: tuple[tuple[str, str], ...] = (
    ("EECO12", "disability"),
    ("EECO13", "third_country_national"),
    ("EECO14", "foreign_background"),
    ("EECO15", "minority"),
    ("EECO16", "homeless"),
    ("EECO17", "rural"),
)
"""Yes/no questions of the entry questionnaire: indicator code and column."""
EXIT_RESULTS: tuple[tuple[str, str], ...] = (
    ("EECR01", "job_searching"),
    ("EECR02", "in_education"),
    ("EECR03", "qualification"),
    ("EECR04", "employed"),
)

ROWS: tuple[tuple[str, str], ...] = (
    (ENTRIES, "EECO01"),
    (ENTRIES, "EECO02"),
    (ENTRIES, "EECO03"),
    (ENTRIES, "EECO04"),
    (ENTRIES, "EECO05"),
    (ENTRIES, "EECO02-05_NR"),
    (ENTRIES, "EECO06"),
    (ENTRIES, "EECO07"),
    (ENTRIES, "EECO08"),
    (ENTRIES, "EECO06-08_NR"),
    (ENTRIES, "EECO09"),
    (ENTRIES, "EECO10"),
    (ENTRIES, "EECO11"),
    (ENTRIES, "EECO09-11_NR"),
    *((ENTRIES, f"{code}{tail}") for code, _c in SITUATIONS for tail in ("", "_NA", "_NR")),
    (LEAVERS, "LEAVERS"),
    *((LEAVERS, f"{code}{tail}") for code, _c in EXIT_RESULTS for tail in ("", "_NR")),
    (FOLLOW_UPS, "FOLLOWED_UP"),
    (FOLLOW_UPS, "EECR05"),
    (FOLLOW_UPS, "EECR05_NR"),
    (FOLLOW_UPS, "EECR06"),
    (FOLLOW_UPS, "EECR06_NR"),
    (FOLLOW_UPS, "NOT_REACHED"),
)
"""Every row of the report in order: its group and its key. A key is an indicator code, or
a code with ``_NA`` (she chose "no answer") or ``_NR`` (not recorded: not asked yet, or the
question left open); a range (EECO02-05_NR) is the group of indicators one question feeds."""

PARTITIONS: tuple[tuple[str, ...], ...] = (
    ("EECO02", "EECO04", "EECO05", "EECO02-05_NR"),
    ("EECO09", "EECO10", "EECO11", "EECO09-11_NR"),
)
"""Rows that add up to EECO01 in every column (each entrant has exactly one labour-market
status and one education level, or none recorded): suppression protects these sums too."""

EMPLOYED_AT_ENTRY = (LabourStatus.EMPLOYED, LabourStatus.SELF_EMPLOYED)


@dataclass(frozen=True)
class EsfFigures:
    """Raw counts (for the coach); what is published passes ``esf_published`` (suppression)."""

    start: dt.date
    end: dt.date
    programme: str
    """The programme's name, or "" for all programmes."""
    counts: dict[str, tuple[int, ...]]
    """Row key: counts per gender column (``COLUMNS``), then the total."""

    def row(self, key: str) -> tuple[int, ...]:
        return self.counts[key]


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (or earlier), at the month's end if shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    after = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    return dt.date(year, month + 1, min(day.day, (after - dt.timedelta(days=1)).day))


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def compute(s: Session, start: dt.date, end: dt.date, programme_id: int | None) -> EsfFigures:
    counter = _Counter()
    _entries(s, counter, start, end, programme_id)
    _leavers(s, counter, start, end, programme_id)
    _follow_ups(s, counter, start, end, programme_id)
    return EsfFigures(start, end, "", counter.result())


class _Counter:
    def __init__(self) -> None:
        self.cells = {key: [0] * len(COLUMNS) for _group, key in ROWS}

    def add(self, key: str, gender: Gender | None) -> None:
        self.cells[key][COLUMNS.index(gender)] += 1

    def result(self) -> dict[str, tuple[int, ...]]:
        return {key: (*row, sum(row)) for key, row in self.cells.items()}


def _people(q: Any, programme_id: int | None) -> Any:
    q = q.select_from(Participant).outerjoin(EsfEntry, EsfEntry.participant_id == Participant.id)
    return q if programme_id is None else q.where(Participant.programme_id == programme_id)


def _entries(
    s: Session, c: _Counter, start: dt.date, end: dt.date, programme_id: int | None
) -> None:
    E, P = EsfEntry, Participant
    columns = (E.gender, P.entry_date, P.date_of_birth, E.labour_status, E.education)
    situations = tuple(getattr(E, column) for _code, column in SITUATIONS)
    q = _people(select(*columns, *situations), programme_id)
    for gender, entered, birth, labour, education, *answers in s.execute(
        q.where(P.entry_date.between(start, end))
    ):
        c.add("EECO01", gender)
        c.add(_labour_key(labour), gender)
        if labour == LabourStatus.LONG_TERM_UNEMPLOYED:
            c.add("EECO03", gender)
        age_key = _age_key(None if birth is None else age_on(birth, entered))
        if age_key:
            c.add(age_key, gender)
        c.add(_EDUCATION.get(education, "EECO09-11_NR"), gender)
        for (code, _column), answer in zip(SITUATIONS, answers, strict=True):
            if answer == EsfAnswer.YES:
                c.add(code, gender)
            elif answer == EsfAnswer.NO_ANSWER:
                c.add(f"{code}_NA", gender)
            elif answer is None:
                c.add(f"{code}_NR", gender)


_EDUCATION = {
    EducationLevel.ISCED_0_2: "EECO09",
    EducationLevel.ISCED_3_4: "EECO10",
    EducationLevel.ISCED_5_8: "EECO11",
}


def _labour_key(status: LabourStatus | None) -> str:
    if status in (LabourStatus.UNEMPLOYED, LabourStatus.LONG_TERM_UNEMPLOYED):
        return "EECO02"
    if status == LabourStatus.INACTIVE:
        return "EECO04"
    if status in EMPLOYED_AT_ENTRY:
        return "EECO05"
    return "EECO02-05_NR"


def _age_key(age: int | None) -> str:
    """Her age group on the day she entered; "" for 30 to 54 (no indicator)."""
    if age is None:
        return "EECO06-08_NR"
    if age < 18:
        return "EECO06"
    if age <= 29:
        return "EECO07"
    return "EECO08" if age >= 55 else ""


def _leavers(
    s: Session, c: _Counter, start: dt.date, end: dt.date, programme_id: int | None
) -> None:
    X, P = EsfExit, Participant
    answers = tuple(getattr(X, column) for _code, column in EXIT_RESULTS)
    q = _people(select(EsfEntry.gender, *answers), programme_id)
    q = q.outerjoin(X, X.participant_id == P.id).where(P.exit_date.between(start, end))
    for gender, *results in s.execute(q):
        c.add("LEAVERS", gender)
        for (code, _column), result in zip(EXIT_RESULTS, results, strict=True):
            if result is None:
                c.add(f"{code}_NR", gender)
            elif result:
                c.add(code, gender)


def follow_up_window(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """Exit dates that may lie six months before a day of the period (a superset: month
    ends fold, Aug 31 and Aug 30 both reach Feb 28); ``in_follow_up`` decides."""
    return add_months(start, -6) - dt.timedelta(days=3), add_months(end, -6) + dt.timedelta(days=3)


def in_follow_up(exit_date: dt.date, start: dt.date, end: dt.date) -> bool:
    return start <= add_months(exit_date, 6) <= end


def _follow_ups(
    s: Session, c: _Counter, start: dt.date, end: dt.date, programme_id: int | None
) -> None:
    F, P = EsfFollowUp, Participant
    first, last = follow_up_window(start, end)
    columns = (EsfEntry.gender, P.exit_date, EsfEntry.labour_status)
    q = _people(select(*columns, F.not_reached, F.employed, F.improved_situation), programme_id)
    q = q.outerjoin(F, F.participant_id == P.id).where(P.exit_date.between(first, last))
    for gender, left, labour, not_reached, employed, improved in s.execute(q):
        if not in_follow_up(left, start, end):
            continue
        c.add("FOLLOWED_UP", gender)
        if not_reached:
            c.add("NOT_REACHED", gender)
            continue
        _yes_or_open(c, "EECR05", employed, gender)
        if labour in EMPLOYED_AT_ENTRY:  # only they are asked about an improved situation
            _yes_or_open(c, "EECR06", improved, gender)


def _yes_or_open(c: _Counter, code: str, answer: bool | None, gender: Gender | None) -> None:
    if answer is None:
        c.add(f"{code}_NR", gender)
    elif answer:
        c.add(code, gender)


def groups() -> Iterable[str]:
    return (ENTRIES, LEAVERS, FOLLOW_UPS)
