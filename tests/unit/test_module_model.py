from __future__ import annotations

import datetime as dt

from coachdesk.services.modules import ModuleRecord
from coachdesk.ui.modules.model import ModuleTableModel


def test_dates_childcare_and_places() -> None:
    model = ModuleTableModel()
    model.set_rows(
        [
            ModuleRecord(
                "Sprachkurs mit Kinderbetreuung",
                starts_on=dt.date(2026, 4, 1),
                ends_on=dt.date(2026, 6, 30),
                childcare_available=True,
                capacity=12,
                id=1,
                enrolled=5,
            )
        ]
    )
    assert model.data(model.index(0, ModuleTableModel.DATES)) == "Apr 1, 2026 to Jun 30, 2026"
    assert model.data(model.index(0, ModuleTableModel.CHILDCARE)) == "yes"
    assert model.data(model.index(0, ModuleTableModel.ENROLLED)) == "5 of 12"
