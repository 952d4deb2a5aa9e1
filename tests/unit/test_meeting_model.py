from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from coachdesk.models.enums import MeetingKind
from coachdesk.services.meetings import AgreementRecord, MeetingRecord, MeetingRow
from coachdesk.ui.kit.table_model import SORT_ROLE
from coachdesk.ui.meetings.model import MeetingTableModel, row_of


def test_rows_show_when_kind_and_open_agreements() -> None:
    early = MeetingRow(
        1,
        7,
        "Amina Haddad",
        dt.datetime(2026, 3, 2, 9, 30),
        MeetingKind.THREE_WAY,
        "Jobcenter",
        2,
        False,
    )
    late = MeetingRow(
        2, 8, "Leila Ahmadi", dt.datetime(2026, 3, 20, 14, 0), MeetingKind.GROUP, "", 0, True
    )
    model = MeetingTableModel()
    model.set_rows([late, early])
    assert model.data(model.index(1, MeetingTableModel.KIND)) == "Three-way meeting"
    assert model.data(model.index(1, MeetingTableModel.OPEN_AGREEMENTS)) == "2"
    assert "9:30" in model.data(model.index(1, MeetingTableModel.WHEN))
    assert model.data(model.index(1, MeetingTableModel.WHEN), SORT_ROLE) < model.data(
        model.index(0, MeetingTableModel.WHEN), SORT_ROLE
    )
    assert model.is_muted(late) and not model.is_muted(early)


def test_row_of_counts_only_open_agreements() -> None:
    agreements = (
        AgreementRecord(1, 3, "A", "x", None, None, 0),
        AgreementRecord(2, 3, "B", "y", None, dt.date(2026, 3, 1), 1),
    )
    record = MeetingRecord(
        3,
        7,
        "Amina Haddad",
        dt.datetime(2026, 3, 2, 9),
        MeetingKind.INDIVIDUAL,
        "",
        "",
        "",
        "",
        None,
        (),
        agreements,
    )
    assert row_of(record).open_agreements == 1


def test_model_sorts_itself_by_native_values_and_keeps_the_order_on_refresh() -> None:
    def row(i: int, name: str, day: int) -> MeetingRow:
        return MeetingRow(
            i, i, name, dt.datetime(2026, 3, day, 9), MeetingKind.GROUP, "", 12 - day, False
        )

    model = MeetingTableModel()
    model.set_rows([row(1, "b", 9), row(2, "a", 10), row(3, "c", 2)])
    model.sort(MeetingTableModel.WHEN)
    assert [r.id for r in model.rows()] == [3, 1, 2]  # 2 March before 9 and 10 March
    model.sort(MeetingTableModel.OPEN_AGREEMENTS, Qt.SortOrder.DescendingOrder)
    assert [r.open_agreements for r in model.rows()] == [10, 3, 2]
    model.sort(MeetingTableModel.PARTICIPANT)
    model.set_rows([row(4, "d", 1), row(5, "A", 1)])
    assert [r.participant_name for r in model.rows()] == ["A", "d"]
