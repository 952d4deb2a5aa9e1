"""Her ESF Plus questionnaires through the service: types, every rule, the follow-up at exit."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from coachdesk.models import EsfEntry, EsfExit, EsfFollowUp
from coachdesk.models.enums import (
    EducationLevel,
    EsfAnswer,
    Gender,
    LabourStatus,
    ParticipantStatus,
)
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.errors import ValidationError
from coachdesk.services.esf import EntryDraft, ExitDraft
from coachdesk.services.esf_rules import FollowUpAnswers, age_on, six_months_after
from coachdesk.services.participants import ParticipantDraft
from tests.conftest import TODAY

ENTRY = dt.date(2025, 9, 1)
_NAMES = itertools.count()
FULL = EntryDraft(
    answered_on=dt.date(2025, 9, 8),
    gender=Gender.FEMALE,
    labour_status=LabourStatus.LONG_TERM_UNEMPLOYED,
    education=EducationLevel.ISCED_3_4,
    third_country_national=EsfAnswer.YES,
    foreign_background=EsfAnswer.YES,
    homeless=EsfAnswer.NO,
    rural=EsfAnswer.NO,
    disability=EsfAnswer.NO_ANSWER,
    minority=EsfAnswer.NO_ANSWER,
)


def _her(services, exit_date: dt.date | None = None, **kw) -> int:  # type: ignore[no-untyped-def]
    draft = ParticipantDraft(
        f"Amal {next(_NAMES)}",
        "Haddad",
        date_of_birth=dt.date(1990, 9, 2),
        entry_date=ENTRY,
        exit_date=exit_date,
        status=ParticipantStatus.EXITED if exit_date else ParticipantStatus.ACTIVE,
        **kw,
    )
    return int(services.participants.create(draft).id)


def _messages(err: pytest.ExceptionInfo[ValidationError]) -> dict[str | None, str]:
    return {e.field: e.message.render("en") for e in err.value.errors}


@pytest.mark.parametrize(
    ("left", "due"),
    [
        (dt.date(2026, 1, 15), dt.date(2026, 7, 15)),
        (dt.date(2025, 8, 31), dt.date(2026, 2, 28)),
        (dt.date(2027, 8, 31), dt.date(2028, 2, 29)),  # a leap year
        (dt.date(2026, 3, 31), dt.date(2026, 9, 30)),
        (dt.date(2026, 7, 1), dt.date(2027, 1, 1)),
        (dt.date(2026, 12, 31), dt.date(2027, 6, 30)),
        (dt.date(9999, 9, 1), dt.date.max),
    ],
)
def test_six_calendar_months_after(left: dt.date, due: dt.date) -> None:
    assert six_months_after(left) == due


def test_age_in_whole_years() -> None:
    assert age_on(dt.date(1990, 9, 2), dt.date(2025, 9, 1)) == 34
    assert age_on(dt.date(1990, 9, 1), dt.date(2025, 9, 1)) == 35
    assert age_on(None, dt.date(2025, 9, 1)) is None


def test_nothing_asked_yet_reads_as_empty_types(services) -> None:  # type: ignore[no-untyped-def]
    pid = _her(services)
    file = services.esf.get(pid)
    assert file.entry == EntryDraft() and file.exit == ExitDraft() and file.follow_up is None
    assert file.age_at_entry == 34 and not file.can_leave and not file.employed_at_entry
    with services.ctx.read() as s:
        assert s.scalar(select(func.count(EsfEntry.id))) == 0


def test_entry_saved_and_read_back_typed_and_audited(services) -> None:  # type: ignore[no-untyped-def]
    pid = _her(services)
    seen: list[Changes] = []
    services.subscribe(seen.append)
    file = services.esf.save_entry(pid, FULL)
    assert file.entry == FULL
    again = services.esf.get(pid).entry
    assert again == FULL
    assert isinstance(again.gender, Gender) and isinstance(again.disability, EsfAnswer)
    assert isinstance(again.answered_on, dt.date)
    assert seen[-1].kinds == {ChangeKind.ESF} and seen[-1].participant_ids == {pid}
    services.esf.save_entry(pid, replace(FULL, rural=EsfAnswer.YES))
    entries = services.audit.entries(participant_id=pid)
    esf = [(e.action, e.details) for e in entries if e.entity == "esf_entry"]
    assert esf == [("update", {"fields": ["rural"]}), ("create", {})]
    assert all("yes" not in str(e.details) for e in entries)  # names, never values


def test_entry_dates_are_checked(services) -> None:  # type: ignore[no-untyped-def]
    pid = _her(services)
    with pytest.raises(ValidationError) as err:
        services.esf.save_entry(pid, replace(FULL, answered_on=TODAY + dt.timedelta(days=1)))
    assert "future" in _messages(err)["answered_on"]
    with pytest.raises(ValidationError) as err:
        services.esf.save_entry(pid, replace(FULL, answered_on=ENTRY - dt.timedelta(days=1)))
    assert "before she entered" in _messages(err)["answered_on"]
    with pytest.raises(ValidationError) as err:
        services.esf.save_entry(pid, replace(FULL, answered_on=None))
    assert "day she answered" in _messages(err)["answered_on"]
    with pytest.raises(ValidationError) as err:
        services.esf.save_entry(pid, replace(FULL, gender="unknown"))  # type: ignore[arg-type]
    assert "offered values" in _messages(err)["gender"]
    assert services.esf.get(pid).entry == EntryDraft()  # nothing stored by a refused save
    # Answered on her first day is fine; so is nothing answered at all.
    assert services.esf.save_entry(pid, replace(FULL, answered_on=ENTRY)).entry.answered_on
    services.esf.save_entry(pid, EntryDraft())


def test_leaving_questionnaire_only_once_she_has_an_exit_date(services) -> None:  # type: ignore[no-untyped-def]
    pid = _her(services)
    leaving = ExitDraft(dt.date(2026, 3, 2), job_searching=False, employed=True)
    with pytest.raises(ValidationError) as err:
        services.esf.save_exit(pid, leaving)
    assert "exit date" in _messages(err)[None]
    other = _her(services, exit_date=dt.date(2026, 3, 1))
    file = services.esf.save_exit(other, leaving)
    assert file.exit == leaving and file.can_leave
    with pytest.raises(ValidationError) as err:
        services.esf.save_exit(other, replace(leaving, answered_on=dt.date(2026, 2, 27)))
    assert "before she left" in _messages(err)["answered_on"]
    with services.ctx.read() as s:
        assert s.scalar(select(EsfExit.employed).where(EsfExit.participant_id == other)) is True


def test_follow_up_scheduled_moved_and_removed_with_her_exit_date(services) -> None:  # type: ignore[no-untyped-def]
    pid = _her(services)
    assert services.esf.get(pid).follow_up is None
    seen: list[Changes] = []
    services.subscribe(seen.append)
    draft = services.participants.get(pid).draft()
    exited = replace(draft, status=ParticipantStatus.EXITED, exit_date=dt.date(2025, 8, 31))
    with pytest.raises(ValidationError):  # an exit before her entry: nothing scheduled
        services.participants.update(pid, exited)
    assert services.esf.get(pid).follow_up is None
    services.participants.update(pid, replace(exited, exit_date=dt.date(2026, 8, 31)))
    follow_up = services.esf.get(pid).follow_up
    assert follow_up is not None and follow_up.due_on == dt.date(2027, 2, 28)
    assert follow_up.is_open
    assert seen[-1].kinds == {ChangeKind.PARTICIPANT, ChangeKind.ESF}
    moved = replace(exited, exit_date=dt.date(2026, 1, 31))
    services.participants.update(pid, moved)
    assert services.esf.get(pid).follow_up.due_on == dt.date(2026, 7, 31)  # type: ignore[union-attr]
    services.participants.update(pid, replace(moved, phone="0421 1"))  # exit date as it was
    assert seen[-1].kinds == {ChangeKind.PARTICIPANT}
    services.participants.update(pid, replace(exited, exit_date=None))
    assert services.esf.get(pid).follow_up is None
    actions = [
        e.action for e in services.audit.entries(participant_id=pid) if e.entity == "esf_followup"
    ]
    assert actions == ["delete", "update", "create"]


def test_a_new_participant_who_has_left_gets_her_follow_up(services) -> None:  # type: ignore[no-untyped-def]
    pid = _her(services, exit_date=dt.date(2026, 2, 28))
    assert services.esf.get(pid).follow_up.due_on == dt.date(2026, 8, 28)  # type: ignore[union-attr]


def test_an_answered_follow_up_stays_when_the_exit_date_moves(services) -> None:  # type: ignore[no-untyped-def]
    pid = _her(services, exit_date=dt.date(2025, 9, 10))
    due = dt.date(2026, 3, 10)
    services.esf.save_follow_up(pid, FollowUpAnswers(TODAY, employed=True))
    draft = services.participants.get(pid).draft()
    services.participants.update(pid, replace(draft, exit_date=dt.date(2025, 9, 20)))
    kept = services.esf.get(pid).follow_up
    assert kept is not None and kept.due_on == due and kept.employed is True
    services.participants.update(pid, replace(draft, exit_date=None))
    assert services.esf.get(pid).follow_up is not None


def test_follow_up_rules(services) -> None:  # type: ignore[no-untyped-def]
    pid = _her(services, exit_date=dt.date(2025, 9, 30))  # due 30 March 2026, after TODAY
    with pytest.raises(ValidationError) as err:
        services.esf.save_follow_up(pid, FollowUpAnswers(TODAY, employed=True))
    assert "due on" in _messages(err)["answered_on"]
    other = _her(services, exit_date=dt.date(2025, 9, 1))  # due 1 March 2026
    with pytest.raises(ValidationError) as err:
        services.esf.save_follow_up(other, FollowUpAnswers(TODAY, employed=True, not_reached=True))
    assert "could not be reached" in _messages(err)["not_reached"]
    with pytest.raises(ValidationError) as err:  # not employed at entry: not asked
        services.esf.save_follow_up(other, FollowUpAnswers(TODAY, True, improved_situation=True))
    assert "only for a woman who was employed" in _messages(err)["improved_situation"]
    services.esf.save_entry(other, replace(FULL, labour_status=LabourStatus.SELF_EMPLOYED))
    with pytest.raises(ValidationError) as err:
        services.esf.save_follow_up(other, FollowUpAnswers(TODAY, False, improved_situation=True))
    assert "employed" in _messages(err)["employed"]
    done = services.esf.save_follow_up(other, FollowUpAnswers(TODAY, True, True))
    assert done.follow_up is not None and done.follow_up.improved_situation is True
    assert not done.follow_up.is_open and done.employed_at_entry
    closed = services.esf.save_follow_up(other, FollowUpAnswers(TODAY, not_reached=True))
    assert closed.follow_up is not None and closed.follow_up.not_reached
    no_exit = _her(services)
    with pytest.raises(ValidationError) as err:
        services.esf.save_follow_up(no_exit, FollowUpAnswers(TODAY, employed=True))
    assert "exit date" in _messages(err)[None]


def test_erasure_removes_her_esf_rows(services) -> None:  # type: ignore[no-untyped-def]
    pid = _her(services, exit_date=dt.date(2025, 9, 1))
    keep = _her(services, exit_date=dt.date(2025, 9, 1))
    for who in (pid, keep):
        services.esf.save_entry(who, FULL)
        services.esf.save_exit(who, ExitDraft(dt.date(2025, 9, 2), employed=False))
    services.retention.erase(pid)
    with services.ctx.read() as s:
        for model in (EsfEntry, EsfExit, EsfFollowUp):
            owners = set(s.scalars(select(model.participant_id)))
            assert owners == {keep}, model


def test_an_import_of_women_who_have_left_schedules_their_follow_ups(services) -> None:  # type: ignore[no-untyped-def]
    from coachdesk.imports.storing import store_participants

    drafts = [
        ParticipantDraft(
            "Leyla", "Aziz", entry_date=dt.date(2025, 3, 1), exit_date=dt.date(2025, 8, 31)
        ),
        ParticipantDraft("Mona", "Aziz", entry_date=ENTRY),
    ]
    with services.ctx.write() as s:
        left, staying = store_participants(s, services.ctx, drafts)
    assert services.esf.get(left).follow_up.due_on == dt.date(2026, 2, 28)  # type: ignore[union-attr]
    assert services.esf.get(staying).follow_up is None
