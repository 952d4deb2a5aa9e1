from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from coachdesk.models.enums import GoalStatus, MilestoneKind
from coachdesk.services.goals import GoalRecord, MilestoneRecord
from coachdesk.ui.goals.goal_model import GoalTableModel
from coachdesk.ui.kit.table_model import RECORD_ROLE, SORT_ROLE


def _goal(position: int, title: str, status: GoalStatus, target: dt.date | None) -> GoalRecord:
    steps = (MilestoneRecord("a", MilestoneKind.LANGUAGE, reached_on=dt.date(2026, 1, 5)),)
    return GoalRecord(
        title,
        status=status,
        target_date=target,
        id=position + 1,
        position=position,
        milestones=(*steps, MilestoneRecord("b")),
    )


def test_columns_show_translated_values_and_sort_natively() -> None:
    model = GoalTableModel()
    model.set_rows(
        [
            _goal(1, "Praktikum", GoalStatus.REACHED, None),
            _goal(0, "Kita-Platz", GoalStatus.OPEN, dt.date(2026, 6, 30)),
        ]
    )
    assert model.rowCount() == 2 and model.columnCount() == 5
    assert model.headerData(GoalTableModel.TITLE, Qt.Orientation.Horizontal) == "Goal"
    first = model.index(1, GoalTableModel.TARGET)
    assert model.data(first) == "Jun 30, 2026"
    assert model.data(model.index(0, GoalTableModel.STATUS)) == "Reached"
    assert model.data(model.index(0, GoalTableModel.STEPS)) == "1 of 2"
    assert model.data(model.index(0, GoalTableModel.POSITION), SORT_ROLE) == 1
    assert model.data(model.index(1, GoalTableModel.TARGET), SORT_ROLE) < model.data(
        model.index(0, GoalTableModel.TARGET), SORT_ROLE
    )
    assert model.data(model.index(1, 0), RECORD_ROLE).title == "Kita-Platz"
    assert model.is_muted(model.row_at(0)) and not model.is_muted(model.row_at(1))
    model.set_rows([])
    assert model.rowCount() == 0
