from __future__ import annotations

import datetime as dt

from coachdesk.models.enums import AftercareStatus
from coachdesk.services.aftercare import FollowUpRecord
from coachdesk.ui.file.followup_model import FollowUpTableModel


def test_planned_and_done_follow_ups() -> None:
    model = FollowUpTableModel()
    done = FollowUpRecord(
        dt.date(2026, 2, 1),
        dt.date(2026, 2, 3),
        AftercareStatus.DONE,
        "Telefon",
        "weiter beschäftigt",
        id=1,
    )
    planned = FollowUpRecord(dt.date(2026, 5, 1), id=2)
    model.set_rows([done, planned])
    assert model.data(model.index(0, FollowUpTableModel.STATUS)) == "Done"
    assert model.data(model.index(1, FollowUpTableModel.DONE)) == ""
    assert [model.is_muted(r) for r in model.rows()] == [True, False]
