"""Goals and milestones through the services, on a real vault."""

from __future__ import annotations

import datetime as dt
import errno
from dataclasses import replace

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from coachdesk.facade import Services
from coachdesk.models.enums import GoalStatus, MilestoneKind
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.services.goals import GoalDraft, MilestoneDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.vault.errors import StorageError
from tests.conftest import TODAY


def _participant(services: Services, first: str = "Amal", last: str = "Haddad") -> int:
    return services.participants.create(ParticipantDraft(first, last)).id


def test_goal_round_trip_with_milestones(services: Services) -> None:
    pid = _participant(services)
    goal = services.goals.create(
        pid, GoalDraft("Ausbildung als Pflegefachfrau", target_date=dt.date(2026, 9, 1))
    )
    assert services.goals.get(goal.id).title == "Ausbildung als Pflegefachfrau"
    assert goal.participant_id == pid

    step = services.goals.add_milestone(
        goal.id, MilestoneDraft("Kita-Platz gefunden", MilestoneKind.CHILDCARE_SOLVED)
    )
    second = services.goals.add_milestone(goal.id, MilestoneDraft("B1-Prüfung"))
    assert [m.id for m in services.goals.get(goal.id).milestones] == [step.id, second.id]

    services.goals.reorder_milestones(goal.id, [second.id, step.id])
    assert [m.title for m in services.goals.get(goal.id).milestones] == [
        "B1-Prüfung",
        "Kita-Platz gefunden",
    ]
    reached = services.goals.mark_milestone_reached(step.id, TODAY)
    assert reached.reached_on == TODAY and reached.kind == MilestoneKind.CHILDCARE_SOLVED
    services.goals.update_milestone(second.id, MilestoneDraft("B1-Prüfung bestanden"))
    services.goals.remove_milestone(step.id)
    assert [m.title for m in services.goals.get(goal.id).milestones] == ["B1-Prüfung bestanden"]

    updated = services.goals.update(goal.id, replace(goal.draft(), status=GoalStatus.IN_PROGRESS))
    assert updated.status == GoalStatus.IN_PROGRESS
    # A record handed back as the draft (forms often do) saves only its draft fields.
    assert services.goals.update(goal.id, updated) == services.goals.get(goal.id)
    done = services.goals.mark_reached(goal.id, TODAY)
    assert (done.status, done.reached_on) == (GoalStatus.REACHED, TODAY)

    services.goals.archive(goal.id)
    assert services.goals.list_for_participant(pid) == []
    assert [g.id for g in services.goals.list_for_participant(pid, include_archived=True)] == [
        goal.id
    ]
    services.goals.unarchive(goal.id)
    assert [g.id for g in services.goals.list_for_participant(pid)] == [goal.id]
    with pytest.raises(NotFoundError):
        services.goals.get(goal.id + 100)
    with pytest.raises(NotFoundError):
        services.goals.create(pid + 100, GoalDraft("Führerschein"))


def test_reorder_goals_and_stale_list(services: Services) -> None:
    pid = _participant(services)
    a = services.goals.create(pid, GoalDraft("Deutsch B1"))
    b = services.goals.create(pid, GoalDraft("Minijob finden"))
    c = services.goals.create(pid, GoalDraft("Führerschein"))
    services.goals.reorder(pid, [c.id, a.id, b.id])
    assert [g.title for g in services.goals.list_for_participant(pid)] == [
        "Führerschein",
        "Deutsch B1",
        "Minijob finden",
    ]
    with pytest.raises(ValidationError) as err:
        services.goals.reorder(pid, [c.id, a.id])
    assert err.value.for_field("goals") is not None


def test_goal_validation_names_the_field(services: Services) -> None:
    pid = _participant(services)
    services.goals.create(pid, GoalDraft("Deutsch B1"))
    cases = [
        (GoalDraft("   "), "title"),
        (GoalDraft("x" * 201), "title"),
        (GoalDraft("deutsch b1"), "title"),  # duplicate, case-insensitive
        (GoalDraft("Job", status=GoalStatus.REACHED), "reached_on"),
        (GoalDraft("Job", reached_on=TODAY), "reached_on"),
        (
            GoalDraft("Job", status=GoalStatus.REACHED, reached_on=TODAY + dt.timedelta(days=1)),
            "reached_on",
        ),
        (GoalDraft("Job", status="nonsense"), "status"),  # type: ignore[arg-type]
    ]
    for draft, field in cases:
        with pytest.raises(ValidationError) as err:
            services.goals.create(pid, draft)
        assert err.value.for_field(field) is not None, (draft, err.value.errors)
    goal = services.goals.create(pid, GoalDraft("Job"))
    for draft, field in [
        (MilestoneDraft(""), "title"),
        (MilestoneDraft("Bewerbung", reached_on=TODAY + dt.timedelta(days=3)), "reached_on"),
        (MilestoneDraft("Bewerbung", kind="nonsense"), "kind"),  # type: ignore[arg-type]
    ]:
        with pytest.raises(ValidationError) as err:
            services.goals.add_milestone(goal.id, draft)
        assert err.value.for_field(field) is not None
    assert services.goals.get(goal.id).milestones == ()


def test_audit_and_changes(services: Services) -> None:
    pid = _participant(services)
    seen: list[Changes] = []
    services.subscribe(seen.append)
    before = len(services.audit.entries())
    goal = services.goals.create(pid, GoalDraft("Praktikum im Einzelhandel", "geheim-Wert"))
    services.goals.update(goal.id, replace(goal.draft(), description="anders"))
    with pytest.raises(ValidationError):
        services.goals.update(goal.id, GoalDraft(""))
    entries = services.audit.entries(participant_id=pid)
    goal_entries = [e for e in entries if e.entity == "goal"]
    assert [e.action for e in goal_entries] == ["update", "create"]
    assert goal_entries[0].details == {"fields": ["description"]}
    assert "geheim" not in str([e.details for e in entries])
    assert len(services.audit.entries()) == before + 2
    assert seen == [Changes.of({ChangeKind.GOAL}, {pid}), Changes.of({ChangeKind.GOAL}, {pid})]


def test_search_finds_goal_titles(services: Services) -> None:
    pid = _participant(services)
    services.goals.create(pid, GoalDraft("Umschulung Mediengestalterin"))
    hits = services.search.search("mediengest")
    assert [(h.kind, h.participant_id) for h in hits] == [("goal", pid)]
    assert [r.id for r in services.participants.list(query="Umschulung")] == [pid]


def test_failed_commit_leaves_neither_change_nor_audit(services: Services) -> None:
    """The audit entry shares the change's transaction: a disk-full at commit drops both."""
    pid = _participant(services)
    goal = services.goals.create(pid, GoalDraft("Deutsch B1"))
    entries = len(services.audit.entries())
    seen: list[Changes] = []
    services.subscribe(seen.append)

    def disk_full(session: Session) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    event.listen(services.ctx.sessions, "before_commit", disk_full)
    try:
        with pytest.raises(StorageError):
            services.goals.update(goal.id, GoalDraft("Deutsch B2"))
    finally:
        event.remove(services.ctx.sessions, "before_commit", disk_full)
    assert services.goals.get(goal.id).title == "Deutsch B1"
    assert len(services.audit.entries()) == entries
    assert seen == []
