"""ESF Plus completeness reminders appear and disappear on the right days (a fixed "today")."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete

from coachdesk.models import EsfEntry, EsfExit, EsfFollowUp
from coachdesk.models.enums import EducationLevel, EsfAnswer, Gender, LabourStatus
from coachdesk.models.esf import ENTRY_QUESTIONS, EXIT_QUESTIONS
from coachdesk.services.esf_due import EsfStep, Urgency
from coachdesk.services.participants import ParticipantDraft
from coachdesk.services.reminder_lists import ESF_ENTRY, ESF_EXIT, ESF_FOLLOW_UP

ENTERED = dt.date(2026, 2, 2)
LEFT = dt.date(2026, 5, 4)
FOLLOW_UP_DUE = dt.date(2026, 11, 4)
ONE = dt.timedelta(days=1)

_ENTRY_ANSWERS: dict[str, Any] = {
    "gender": Gender.FEMALE,
    "labour_status": LabourStatus.LONG_TERM_UNEMPLOYED,
    "education": EducationLevel.ISCED_0_2,
    "third_country_national": EsfAnswer.YES,
    "foreign_background": EsfAnswer.YES,
    "homeless": EsfAnswer.NO,
    "rural": EsfAnswer.NO,
    "disability": EsfAnswer.NO_ANSWER,
    "minority": EsfAnswer.NO_ANSWER,
}


def _woman(services: Any, first: str = "Hamida", **dates: Any) -> int:
    draft = ParticipantDraft(first, "Rahimi", date_of_birth=dt.date(1990, 4, 1), **dates)
    return int(services.participants.create(draft).id)


def _put(services: Any, record: Any) -> None:
    """Store a questionnaire row; a follow-up replaces the one scheduled when her exit date
    was saved (one per participant)."""
    with services.ctx.write() as s:
        if isinstance(record, EsfFollowUp):
            q = delete(EsfFollowUp).where(EsfFollowUp.participant_id == record.participant_id)
            s.execute(q)
        s.add(record)


def _listed(services: Any, key: str, day: dt.date) -> list[Any]:
    return list(services.reminders.entries(key, day, limit=None))


def test_definitions_cover_every_question() -> None:
    assert set(_ENTRY_ANSWERS) == set(ENTRY_QUESTIONS)
    assert len(EXIT_QUESTIONS) == 4


def test_entry_questionnaire_due_four_weeks_after_entry_until_complete(services: Any) -> None:
    pid = _woman(services, entry_date=ENTERED)
    deadline = ENTERED + dt.timedelta(days=28)
    (due,) = _listed(services, ESF_ENTRY, deadline - ONE)
    assert (due.participant_id, due.step, due.deadline, due.exists) == (
        pid,
        EsfStep.ENTRY,
        deadline,
        False,
    )
    assert due.open_answers == 9 and not due.birth_date_missing
    assert due.urgency(deadline - ONE) is Urgency.DUE
    assert due.urgency(deadline) is Urgency.DUE
    assert due.urgency(deadline + ONE) is Urgency.OVERDUE
    assert _listed(services, ESF_ENTRY, deadline + ONE)[0].urgency(deadline + ONE) is (
        Urgency.OVERDUE
    )
    # Partly answered: still listed, with the answers open; "no answer" counts as answered.
    _put(services, EsfEntry(participant_id=pid, **{**_ENTRY_ANSWERS, "rural": None}))
    (partly,) = _listed(services, ESF_ENTRY, deadline)
    assert partly.exists and partly.open_answers == 1
    assert services.reminders.counts(deadline, [ESF_ENTRY]) == {ESF_ENTRY: 1}
    with services.ctx.write() as s:
        s.query(EsfEntry).filter_by(participant_id=pid).update({"rural": EsfAnswer.NO_ANSWER})
    for day in (deadline - ONE, deadline, deadline + ONE):
        assert _listed(services, ESF_ENTRY, day) == []
    assert services.reminders.counts(deadline, [ESF_ENTRY]) == {ESF_ENTRY: 0}


def test_entry_data_needs_her_date_of_birth(services: Any) -> None:
    pid = int(
        services.participants.create(ParticipantDraft("Olena", "Kovalenko", entry_date=ENTERED)).id
    )
    _put(services, EsfEntry(participant_id=pid, **_ENTRY_ANSWERS))
    (due,) = _listed(services, ESF_ENTRY, ENTERED)
    assert due.birth_date_missing and due.open_answers == 0
    (row,) = services.participants.list()
    assert row.esf_entry_open == 1


def test_no_entry_date_no_reminder_and_no_marker(services: Any) -> None:
    _woman(services)
    assert _listed(services, ESF_ENTRY, ENTERED) == []
    assert services.participants.list()[0].esf_entry_open == 0


def test_list_marker_counts_open_answers(services: Any) -> None:
    pid = _woman(services, entry_date=ENTERED)
    assert services.participants.list()[0].esf_entry_open == 9
    _put(services, EsfEntry(participant_id=pid, **{**_ENTRY_ANSWERS, "gender": None}))
    assert services.participants.list()[0].esf_entry_open == 1


def test_leaving_questionnaire_due_four_weeks_after_exit(services: Any) -> None:
    pid = _woman(services, entry_date=ENTERED, exit_date=LEFT)
    _put(services, EsfEntry(participant_id=pid, **_ENTRY_ANSWERS))
    deadline = LEFT + dt.timedelta(days=28)
    (due,) = _listed(services, ESF_EXIT, deadline - ONE)
    assert (due.step, due.deadline, due.exists, due.open_answers) == (
        EsfStep.EXIT,
        deadline,
        False,
        4,
    )
    assert due.urgency(deadline) is Urgency.DUE
    assert due.urgency(deadline + ONE) is Urgency.OVERDUE
    _put(
        services,
        EsfExit(participant_id=pid, job_searching=False, in_education=False, qualification=True),
    )
    (partly,) = _listed(services, ESF_EXIT, deadline + ONE)
    assert partly.exists and partly.open_answers == 1
    with services.ctx.write() as s:
        s.query(EsfExit).filter_by(participant_id=pid).update({"employed": False})
    for day in (deadline - ONE, deadline, deadline + ONE):
        assert _listed(services, ESF_EXIT, day) == []
    assert _listed(services, ESF_ENTRY, deadline) == []


def test_follow_up_comes_up_two_weeks_ahead_and_is_overdue_four_weeks_after(
    services: Any,
) -> None:
    pid = _woman(services, entry_date=ENTERED, exit_date=LEFT)
    _put(services, EsfFollowUp(participant_id=pid, due_on=FOLLOW_UP_DUE))
    ahead = FOLLOW_UP_DUE - dt.timedelta(days=14)
    assert _listed(services, ESF_FOLLOW_UP, ahead - ONE) == []
    (coming,) = _listed(services, ESF_FOLLOW_UP, ahead)
    assert coming.urgency(ahead) is Urgency.COMING_UP
    assert coming.urgency(FOLLOW_UP_DUE - ONE) is Urgency.COMING_UP
    assert coming.urgency(FOLLOW_UP_DUE) is Urgency.DUE
    last = FOLLOW_UP_DUE + dt.timedelta(days=28)
    assert coming.deadline == last
    assert coming.urgency(last) is Urgency.DUE
    assert coming.urgency(last + ONE) is Urgency.OVERDUE
    assert services.reminders.counts(last + ONE, [ESF_FOLLOW_UP]) == {ESF_FOLLOW_UP: 1}
    with services.ctx.write() as s:
        s.query(EsfFollowUp).filter_by(participant_id=pid).update({"not_reached": True})
    assert _listed(services, ESF_FOLLOW_UP, FOLLOW_UP_DUE) == []
    with services.ctx.write() as s:
        s.query(EsfFollowUp).filter_by(participant_id=pid).update(
            {"not_reached": False, "answered_on": FOLLOW_UP_DUE, "employed": True}
        )
    for day in (FOLLOW_UP_DUE - ONE, FOLLOW_UP_DUE, last + ONE):
        assert _listed(services, ESF_FOLLOW_UP, day) == []


def test_archived_file_never_shows(services: Any) -> None:
    pid = _woman(services, entry_date=ENTERED, exit_date=LEFT)
    _put(services, EsfFollowUp(participant_id=pid, due_on=FOLLOW_UP_DUE))
    services.participants.archive(pid)
    for key in (ESF_ENTRY, ESF_EXIT, ESF_FOLLOW_UP):
        for day in (ENTERED, LEFT + dt.timedelta(days=29), FOLLOW_UP_DUE):
            assert _listed(services, key, day) == []
            assert services.reminders.counts(day, [key]) == {key: 0}
    assert services.reminders.today(FOLLOW_UP_DUE).esf_due == ()
    (row,) = services.participants.list(include_archived=True)
    assert row.archived and row.esf_entry_open == 0


def test_only_her_entries_read_again(services: Any) -> None:
    """Today reads again only the files a change names (updates.py)."""
    hers = _woman(services, entry_date=ENTERED)
    _woman(services, "Nadia", entry_date=ENTERED + ONE)
    theirs = services.reminders.entries(ESF_ENTRY, ENTERED, limit=None, participant_ids=[hers])
    assert [e.participant_id for e in theirs] == [hers]
