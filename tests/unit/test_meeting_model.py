from __future__ import annotations

import datetime as dt

from coachdesk.models.enums import MeetingKind
from coachdesk.services.meetings import AgreementRecord, MeetingRecord, MeetingRow
from coachdesk.ui.meeting_model import MeetingTableModel, row_of
from coachdesk.ui.table_model import SORT_ROLE


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
