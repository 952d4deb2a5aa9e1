from __future__ import annotations

import datetime as dt

from coachdesk.models.enums import DataCategory
from coachdesk.services.consents import ConsentRecord
from coachdesk.ui.consents.model import ConsentTableModel

TODAY = dt.date(2026, 3, 16)


def _consent(**changes: object) -> ConsentRecord:
    values: dict[str, object] = {
        "categories": frozenset({DataCategory.GOALS_PROGRESS, DataCategory.HEALTH}),
        "purpose": "Zwischenbericht",
        "given_on": dt.date(2026, 1, 10),
        "recipient_name": "Jobcenter Nordstadt",
        "id": 1,
    }
    values.update(changes)
    return ConsentRecord(**values)  # type: ignore[arg-type]


def test_validity_categories_and_recipient_are_readable() -> None:
    model = ConsentTableModel(TODAY)
    model.set_rows(
        [
            _consent(valid_until=dt.date(2026, 12, 31)),
            _consent(id=2, withdrawn_on=dt.date(2026, 2, 1)),
            _consent(id=3, valid_until=dt.date(2026, 3, 1)),
        ]
    )
    assert model.data(model.index(0, ConsentTableModel.CATEGORIES)) == "Goals and progress, Health"
    assert model.data(model.index(0, ConsentTableModel.RECIPIENT)) == "Jobcenter Nordstadt"
    assert model.data(model.index(0, ConsentTableModel.VALIDITY)) == "valid until Dec 31, 2026"
    assert model.data(model.index(1, ConsentTableModel.VALIDITY)) == "withdrawn on Feb 1, 2026"
    assert model.data(model.index(2, ConsentTableModel.VALIDITY)) == "expired on Mar 1, 2026"
    assert [model.is_muted(r) for r in model.rows()] == [False, True, True]
