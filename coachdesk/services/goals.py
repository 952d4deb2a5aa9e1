"""Goals of a participant and their milestones, including small qualitative steps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coachdesk.i18n import N_, Message
from coachdesk.models import Goal, Milestone
from coachdesk.models.enums import GoalStatus, MilestoneKind
from coachdesk.services import audit, validation
from coachdesk.services.common import (
    audit_update,
    check_same_ids,
    load,
    load_participant,
    mark_archived,
    name_taken,
    next_position,
    not_in_future,
    storable,
)
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.errors import FieldError
from coachdesk.services.records import apply_draft, strip_text, to_record


@dataclass(frozen=True)
class MilestoneDraft:
    """A milestone or a small step (``kind`` other than MILESTONE) on the way to a goal."""

    title: str
    kind: MilestoneKind = MilestoneKind.MILESTONE
    due_date: dt.date | None = None
    reached_on: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class MilestoneRecord(MilestoneDraft):
    id: int = 0
    goal_id: int = 0
    position: int = 0

    def draft(self) -> MilestoneDraft:
        return to_record(MilestoneDraft, self)


@dataclass(frozen=True)
class GoalDraft:
    title: str
    description: str = ""
    status: GoalStatus = GoalStatus.OPEN
    target_date: dt.date | None = None
    reached_on: dt.date | None = None


@dataclass(frozen=True)
class GoalRecord(GoalDraft):
    id: int = 0
    participant_id: int = 0
    position: int = 0
    archived_at: dt.datetime | None = None
    milestones: tuple[MilestoneRecord, ...] = ()

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def draft(self) -> GoalDraft:
        return to_record(GoalDraft, self)


def validate_goal(draft: GoalDraft, today: dt.date) -> list[FieldError]:
    problems: list[FieldError] = []
    validation.required(problems, "title", draft.title, N_("the goal"))
    validation.lengths(problems, Goal, draft)
    validation.one_of(problems, "status", draft.status, GoalStatus)
    not_in_future(problems, "reached_on", draft.reached_on, today)
    if draft.status == GoalStatus.REACHED and draft.reached_on is None:
        problems.append(
            FieldError("reached_on", Message(N_("Please enter when the goal was reached.")))
        )
    if draft.status != GoalStatus.REACHED and draft.reached_on is not None:
        problems.append(
            FieldError(
                "reached_on",
                Message(N_("Only a reached goal has a date reached. Please check the status.")),
            )
        )
    return problems


def validate_milestone(draft: MilestoneDraft, today: dt.date) -> list[FieldError]:
    problems: list[FieldError] = []
    validation.required(problems, "title", draft.title, N_("the step"))
    validation.lengths(problems, Milestone, draft)
    validation.one_of(problems, "kind", draft.kind, MilestoneKind)
    not_in_future(problems, "reached_on", draft.reached_on, today)
    return problems


class GoalService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- queries -----------------------------------------------------------------------------

    def get(self, goal_id: int) -> GoalRecord:
        with self.ctx.read() as s:
            return _record(load(s, Goal, goal_id, "goal"))

    def list_for_participant(
        self, participant_id: int, include_archived: bool = False
    ) -> list[GoalRecord]:
        """The participant's goals in the coach's order, each with its milestones."""
        if not storable(participant_id):
            return []  # no row can have it
        with self.ctx.read() as s:
            q = (
                select(Goal)
                .where(Goal.participant_id == participant_id)
                .options(selectinload(Goal.milestones))
                .order_by(Goal.position, Goal.id)
            )
            if not include_archived:
                q = q.where(Goal.archived_at.is_(None))
            return [_record(g) for g in s.scalars(q)]

    # -- goals -------------------------------------------------------------------------------

    def create(self, participant_id: int, draft: GoalDraft) -> GoalRecord:
        draft = strip_text(to_record(GoalDraft, draft))
        validation.raise_if(validate_goal(draft, self.ctx.today()))
        with self.ctx.write() as s:
            load_participant(s, participant_id)
            validation.raise_if(_duplicate_title(s, participant_id, draft.title, None))
            goal = Goal(participant_id=participant_id)
            apply_draft(goal, draft)
            goal.position = next_position(s, Goal.position, Goal.participant_id == participant_id)
            s.add(goal)
            s.flush()
            audit.record(s, self.ctx, "create", "goal", goal.id, participant_id)
            result = _record(goal)
        self._publish(participant_id)
        return result

    def update(self, goal_id: int, draft: GoalDraft) -> GoalRecord:
        draft = strip_text(to_record(GoalDraft, draft))
        validation.raise_if(validate_goal(draft, self.ctx.today()))
        with self.ctx.write() as s:
            goal = load(s, Goal, goal_id, "goal")
            validation.raise_if(_duplicate_title(s, goal.participant_id, draft.title, goal_id))
            changed = apply_draft(goal, draft)
            audit_update(s, self.ctx, "goal", goal.id, goal.participant_id, changed)
            s.flush()
            result = _record(goal)
        self._publish(result.participant_id)
        return result

    def archive(self, goal_id: int) -> None:
        self._set_archived(goal_id, archived=True)

    def unarchive(self, goal_id: int) -> None:
        """Undo an archiving."""
        self._set_archived(goal_id, archived=False)

    def _set_archived(self, goal_id: int, *, archived: bool) -> None:
        with self.ctx.write() as s:
            goal = load(s, Goal, goal_id, "goal")
            mark_archived(s, self.ctx, goal, "goal", goal.id, archived, goal.participant_id)
            participant_id = goal.participant_id
        self._publish(participant_id)

    def mark_reached(self, goal_id: int, on: dt.date) -> GoalRecord:
        """The goal was reached on ``on`` (a quick action next to the full form)."""
        current = self.get(goal_id)
        draft = GoalDraft(
            current.title, current.description, GoalStatus.REACHED, current.target_date, on
        )
        return self.update(goal_id, draft)

    def reorder(self, participant_id: int, goal_ids: Sequence[int]) -> None:
        """Put the participant's current (not archived) goals in the order of ``goal_ids``."""
        with self.ctx.write() as s:
            load_participant(s, participant_id)
            goals = {
                g.id: g
                for g in s.scalars(
                    select(Goal).where(
                        Goal.participant_id == participant_id, Goal.archived_at.is_(None)
                    )
                )
            }
            check_same_ids(list(goals), goal_ids, "goals")
            for position, goal_id in enumerate(goal_ids):
                goals[goal_id].position = position
            audit.record(s, self.ctx, "reorder", "goal", None, participant_id)
        self._publish(participant_id)

    # -- milestones --------------------------------------------------------------------------

    def add_milestone(self, goal_id: int, draft: MilestoneDraft) -> MilestoneRecord:
        draft = strip_text(to_record(MilestoneDraft, draft))
        validation.raise_if(validate_milestone(draft, self.ctx.today()))
        with self.ctx.write() as s:
            goal = load(s, Goal, goal_id, "goal")
            milestone = Milestone(goal_id=goal_id)
            apply_draft(milestone, draft)
            milestone.position = next_position(s, Milestone.position, Milestone.goal_id == goal_id)
            s.add(milestone)
            s.flush()
            audit.record(s, self.ctx, "create", "milestone", milestone.id, goal.participant_id)
            result = to_record(MilestoneRecord, milestone)
            participant_id = goal.participant_id
        self._publish(participant_id)
        return result

    def update_milestone(self, milestone_id: int, draft: MilestoneDraft) -> MilestoneRecord:
        draft = strip_text(to_record(MilestoneDraft, draft))
        validation.raise_if(validate_milestone(draft, self.ctx.today()))
        with self.ctx.write() as s:
            milestone = load(s, Milestone, milestone_id, "milestone")
            participant_id = milestone.goal.participant_id
            changed = apply_draft(milestone, draft)
            audit_update(s, self.ctx, "milestone", milestone.id, participant_id, changed)
            s.flush()
            result = to_record(MilestoneRecord, milestone)
        self._publish(participant_id)
        return result

    def mark_milestone_reached(self, milestone_id: int, on: dt.date | None) -> MilestoneRecord:
        """Tick a step off (``on``) or take the tick back (None)."""
        with self.ctx.read() as s:
            current = to_record(MilestoneDraft, load(s, Milestone, milestone_id, "milestone"))
        return self.update_milestone(
            milestone_id,
            MilestoneDraft(current.title, current.kind, current.due_date, on, current.note),
        )

    def remove_milestone(self, milestone_id: int) -> None:
        with self.ctx.write() as s:
            milestone = load(s, Milestone, milestone_id, "milestone")
            participant_id = milestone.goal.participant_id
            s.delete(milestone)
            audit.record(s, self.ctx, "delete", "milestone", milestone_id, participant_id)
        self._publish(participant_id)

    def reorder_milestones(self, goal_id: int, ids: Sequence[int]) -> None:
        with self.ctx.write() as s:
            goal = load(s, Goal, goal_id, "goal")
            milestones = {m.id: m for m in goal.milestones}
            check_same_ids(list(milestones), ids, "milestones")
            for position, milestone_id in enumerate(ids):
                milestones[milestone_id].position = position
            audit.record(s, self.ctx, "reorder", "milestone", None, goal.participant_id)
            participant_id = goal.participant_id
        self._publish(participant_id)

    def _publish(self, participant_id: int) -> None:
        self.ctx.publish(Changes.of({ChangeKind.GOAL}, {participant_id}))


def _record(goal: Goal) -> GoalRecord:
    milestones = sorted(goal.milestones, key=lambda m: (m.position, m.id))
    return to_record(
        GoalRecord,
        goal,
        milestones=tuple(to_record(MilestoneRecord, m) for m in milestones),
    )


def _duplicate_title(
    s: Session, participant_id: int, title: str, own_id: int | None
) -> list[FieldError]:
    if not name_taken(
        s,
        Goal.id,
        Goal.title,
        title,
        own_id,
        Goal.participant_id == participant_id,
        Goal.archived_at.is_(None),
    ):
        return []
    return [FieldError("title", Message(N_("She already has a goal with this title.")))]
