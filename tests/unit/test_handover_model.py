from __future__ import annotations

import datetime as dt

from coachdesk.models.enums import HandoverKind
from coachdesk.services.handovers import HandoverRecord
from coachdesk.ui.handovers.model import HandoverTableModel
from coachdesk.ui.kit.table_model import SORT_ROLE


def test_kind_and_other_side() -> None:
    model = HandoverTableModel()
    model.set_rows(
        [
            HandoverRecord(
                HandoverKind.INTAKE,
                dt.date(2026, 1, 5),
                "Frau Berger",
                id=1,
                organisation_name="Jobcenter",
                contact_name="Frau Berger",
            ),
            HandoverRecord(HandoverKind.EXIT, dt.date(2026, 9, 1), id=2),
        ]
    )
    assert model.data(model.index(0, HandoverTableModel.KIND)) == "Intake handover"
    assert model.data(model.index(0, HandoverTableModel.OTHER_SIDE)) == "Jobcenter · Frau Berger"
    assert model.data(model.index(0, HandoverTableModel.DATE), SORT_ROLE) < model.data(
        model.index(1, HandoverTableModel.DATE), SORT_ROLE
    )
