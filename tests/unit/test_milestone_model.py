from __future__ import annotations

import datetime as dt

from coachdesk.models.enums import MilestoneKind
from coachdesk.services.goals import MilestoneRecord
from coachdesk.ui.goals.milestone_model import MilestoneTableModel


def test_small_steps_show_their_kind_and_reached_state() -> None:
    model = MilestoneTableModel()
    model.set_rows(
        [
            MilestoneRecord("Bewerbung", id=1),
            MilestoneRecord(
                "Telefonat",
                MilestoneKind.CONFIDENCE,
                reached_on=dt.date(2026, 3, 2),
                id=2,
                position=1,
            ),
        ]
    )
    assert model.data(model.index(1, MilestoneTableModel.KIND)) == "Small step: self-confidence"
    assert model.data(model.index(0, MilestoneTableModel.REACHED)) == "not yet"
    assert model.data(model.index(1, MilestoneTableModel.REACHED)) == "Mar 2, 2026"
    assert [model.is_muted(r) for r in model.rows()] == [False, True]
