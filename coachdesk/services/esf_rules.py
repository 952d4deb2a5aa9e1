"""The ESF Plus questionnaires' rules: typed drafts, their checks and the six-month date.

Regulation (EU) 2021/1057, Annex I: her data on entry (common output indicators, points 1.1
and 1.2), her situation within four weeks after leaving (common immediate result indicators,
point 2) and six months after leaving (common longer-term result indicators, point 3).
Pure functions: no session, so the rules can be tested and reused without a vault.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, fields

from coachdesk.i18n import N_, Message
from coachdesk.models.enums import EducationLevel, EsfAnswer, Gender, LabourStatus
from coachdesk.services import validation
from coachdesk.services.common import not_in_future
from coachdesk.services.errors import FieldError

FOLLOW_UP_MONTHS = 6
EMPLOYED_AT_ENTRY = frozenset({LabourStatus.EMPLOYED, LabourStatus.SELF_EMPLOYED})


@dataclass(frozen=True)
class EntryDraft:
    """The entry questionnaire; None is a question not asked yet."""

    answered_on: dt.date | None = None
    """The day she answered (within four weeks of her entry)."""
    gender: Gender | None = None
    labour_status: LabourStatus | None = None
    """Her situation on the day she entered."""
    education: EducationLevel | None = None
    """Her highest completed education (ISCED 2011)."""
    third_country_national: EsfAnswer | None = None
    """A citizen of no EU country (stateless persons included)."""
    foreign_background: EsfAnswer | None = None
    """She or a parent was born in another country."""
    homeless: EsfAnswer | None = None
    """Homeless or affected by housing exclusion."""
    rural: EsfAnswer | None = None
    """She lives in a rural area."""
    disability: EsfAnswer | None = None
    """Special category (health): only with "no answer" allowed."""
    minority: EsfAnswer | None = None
    """Special category (ethnic origin): only with "no answer" allowed."""


@dataclass(frozen=True)
class ExitDraft:
    """The questionnaire on leaving: her situation within four weeks after she left."""

    answered_on: dt.date | None = None
    job_searching: bool | None = None
    """Inactive at entry and now looking for work."""
    in_education: bool | None = None
    """In education or training."""
    qualification: bool | None = None
    """She gained a qualification."""
    employed: bool | None = None
    """In employment, including self-employment."""


@dataclass(frozen=True)
class FollowUpAnswers:
    """Six months after leaving: her answers, or that she could not be reached."""

    answered_on: dt.date | None = None
    """The day she answered (or the coach gave up reaching her)."""
    employed: bool | None = None
    """In employment, including self-employment."""
    improved_situation: bool | None = None
    """Only for a woman employed at entry: a better job (more hours, a permanent contract,
    a job asking more of her skills, a promotion)."""
    not_reached: bool = False


def is_empty(draft: object, skip: tuple[str, ...] = ("answered_on",)) -> bool:
    """Whether no question of ``draft`` has an answer yet. "No" (False) is an answer; only
    a flag whose default is False (``not_reached``) is unset when False."""
    return all(
        getattr(draft, f.name) in (None, f.default)
        for f in fields(draft)  # type: ignore[arg-type]
        if f.name not in skip
    )


def six_months_after(day: dt.date) -> dt.date:
    """The same day six calendar months later, or that month's last day (31 Aug -> 28/29 Feb)."""
    months = day.month - 1 + FOLLOW_UP_MONTHS
    year, month = day.year + months // 12, months % 12 + 1
    if year > dt.MAXYEAR:
        return dt.date.max
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_on(born: dt.date | None, day: dt.date | None) -> int | None:
    """Her age in whole years on ``day`` (None when either date is missing)."""
    if born is None or day is None:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _answered_on(
    problems: list[FieldError],
    value: dt.date | None,
    answered: bool,
    earliest: dt.date | None,
    too_early: str,
    today: dt.date,
) -> None:
    if value is None:
        if answered:
            problems.append(
                FieldError("answered_on", Message(N_("Please enter the day she answered.")))
            )
        return
    not_in_future(problems, "answered_on", value, today)
    if earliest is not None and value < earliest:
        problems.append(FieldError("answered_on", Message(too_early, {"date": earliest})))


def validate_entry(
    draft: EntryDraft, entry_date: dt.date | None, today: dt.date
) -> list[FieldError]:
    problems: list[FieldError] = []
    validation.one_of(problems, "gender", draft.gender, Gender)
    validation.one_of(problems, "labour_status", draft.labour_status, LabourStatus)
    validation.one_of(problems, "education", draft.education, EducationLevel)
    for name in ENTRY_ANSWERS:
        validation.one_of(problems, name, getattr(draft, name), EsfAnswer)
    _answered_on(
        problems,
        draft.answered_on,
        not is_empty(draft),
        entry_date,
        N_("She answered before she entered the programme ({date}). Please check the date."),
        today,
    )
    return problems


ENTRY_ANSWERS = (
    "third_country_national",
    "foreign_background",
    "homeless",
    "rural",
    "disability",
    "minority",
)
"""The entry questions answered yes, no or "no answer"."""


def validate_exit(draft: ExitDraft, exit_date: dt.date | None, today: dt.date) -> list[FieldError]:
    problems: list[FieldError] = []
    if exit_date is None:
        problems.append(
            FieldError(
                None,
                Message(
                    N_(
                        "The leaving questionnaire can be filled in once her exit date is "
                        "entered in the overview."
                    )
                ),
            )
        )
        return problems
    _answered_on(
        problems,
        draft.answered_on,
        not is_empty(draft),
        exit_date,
        N_("She answered before she left the programme ({date}). Please check the date."),
        today,
    )
    return problems


def validate_follow_up(
    draft: FollowUpAnswers,
    due_on: dt.date,
    labour_status: LabourStatus | None,
    today: dt.date,
) -> list[FieldError]:
    problems: list[FieldError] = []
    _answered_on(
        problems,
        draft.answered_on,
        not is_empty(draft),
        due_on,
        N_(
            "The six-month follow-up is due on {date}. It can be answered from that day on, "
            "or marked as “could not be reached”."
        ),
        today,
    )
    if draft.not_reached and (draft.employed is not None or draft.improved_situation is not None):
        problems.append(
            FieldError(
                "not_reached",
                Message(N_("She could not be reached, so her answers stay empty. Please check.")),
            )
        )
    if draft.improved_situation is not None and labour_status not in EMPLOYED_AT_ENTRY:
        problems.append(
            FieldError(
                "improved_situation",
                Message(
                    N_(
                        "This question is only for a woman who was employed when she entered. "
                        "Her entry questionnaire does not say so: leave it empty."
                    )
                ),
            )
        )
    elif draft.improved_situation and draft.employed is False:
        problems.append(
            FieldError(
                "employed",
                Message(N_("An improved situation at work means she is employed. Please check.")),
            )
        )
    return problems
