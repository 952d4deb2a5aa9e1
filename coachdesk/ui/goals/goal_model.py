"""The participant's goals in her coach's order."""

from __future__ import annotations

from coachdesk.i18n import N_, _, format_date
from coachdesk.labels import label
from coachdesk.models.enums import GoalStatus
from coachdesk.services.goals import GoalRecord
from coachdesk.ui.kit.table_model import Column, RecordTableModel, date_key


def _steps(goal: GoalRecord) -> str:
    reached = sum(1 for m in goal.milestones if m.reached_on is not None)
    return _("{reached} of {total}").format(reached=reached, total=len(goal.milestones))


class GoalTableModel(RecordTableModel[GoalRecord]):
    POSITION, TITLE, STATUS, TARGET, STEPS = range(5)
    COLUMNS = (
        Column[GoalRecord](N_("#"), lambda g: str(g.position + 1), lambda g: g.position),
        Column[GoalRecord](N_("Goal"), lambda g: g.title),
        Column[GoalRecord](
            N_("Status"), lambda g: label(g.status), lambda g: list(GoalStatus).index(g.status)
        ),
        Column[GoalRecord](
            N_("Target date"),
            lambda g: format_date(g.target_date),
            lambda g: date_key(g.target_date),
        ),
        Column[GoalRecord](
            N_("Steps reached"),
            _steps,
            lambda g: sum(1 for m in g.milestones if m.reached_on is not None),
        ),
    )

    def is_muted(self, record: GoalRecord) -> bool:
        return record.status in (GoalStatus.REACHED, GoalStatus.DROPPED)
