"""The participant list model, without a window: columns, native sort values, ids."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPersistentModelIndex, Qt

from coachdesk.models.enums import ParticipantStatus
from coachdesk.services.participants import ParticipantRow
from coachdesk.ui.participants import cells as cols
from coachdesk.ui.participants.table_model import ParticipantTableModel


def _row(pid: int, first: str, last: str, entry: dt.date | None, archived: bool = False):  # type: ignore[no-untyped-def]
    return ParticipantRow(
        pid, first, last, ParticipantStatus.ACTIVE, "MY TURN", entry, f"123A{pid:06d}", archived
    )


ROWS = [
    _row(1, "Ayşe", "Yılmaz", dt.date(2026, 2, 3)),
    _row(2, "Maria", "alvarez", dt.date(2026, 12, 10)),
    _row(3, "Olena", "Bondarenko", None, archived=True),
]


def test_rows_and_columns_show_what_the_coach_reads(qapp) -> None:  # type: ignore[no-untyped-def]
    model = ParticipantTableModel()
    assert model.rowCount() == 0
    model.set_rows(ROWS)
    assert model.rowCount() == 3
    assert model.columnCount() == cols.COLUMN_COUNT
    assert model.index(2, cols.NAME).data() == "Yılmaz, Ayşe"
    assert model.index(2, cols.STATUS).data() == "Active"
    assert model.index(2, cols.ENTRY_DATE).data() == "Feb 3, 2026"
    assert model.index(1, cols.NAME).data() == "Bondarenko, Olena (archived)"
    assert model.headerData(cols.PROGRAMME, Qt.Orientation.Horizontal) == "Programme"
    assert model.participant_id(model.index(0, cols.STATUS)) == 2
    assert model.index(0, 0).data(cols.ID_ROLE) == 2


def test_sorting_uses_native_values_not_display_text(qapp) -> None:  # type: ignore[no-untyped-def]
    model = ParticipantTableModel()
    model.set_rows(ROWS)
    # New rows come sorted by name, case-insensitively.
    names = [model.index(r, cols.NAME).data() for r in range(3)]
    assert names == ["alvarez, Maria", "Bondarenko, Olena (archived)", "Yılmaz, Ayşe"]

    model.sort(cols.ENTRY_DATE, Qt.SortOrder.AscendingOrder)
    # By text "Dec 10, 2026" would come before "Feb 3, 2026"; by date it comes after.
    order = [model.index(r, cols.NAME).data(cols.ID_ROLE) for r in range(3)]
    assert order == [3, 1, 2]
    assert model.index(1, cols.ENTRY_DATE).data(cols.SORT_ROLE) < model.index(
        2, cols.ENTRY_DATE
    ).data(cols.SORT_ROLE)

    model.sort(cols.ENTRY_DATE, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, 0).data(cols.ID_ROLE) for r in range(3)] == [2, 1, 3]
    # The sort order stays when the rows are replaced (a search, a refresh).
    model.set_rows(list(reversed(ROWS)))
    assert [model.index(r, 0).data(cols.ID_ROLE) for r in range(3)] == [2, 1, 3]


def test_selection_follows_its_row_when_sorting(qapp) -> None:  # type: ignore[no-untyped-def]
    model = ParticipantTableModel()
    model.set_rows(ROWS)
    selected = QPersistentModelIndex(model.index(0, cols.STATUS))
    assert model.participant_id(selected) == 2
    model.sort(cols.ENTRY_DATE, Qt.SortOrder.AscendingOrder)
    assert selected.row() == 2 and selected.column() == cols.STATUS
    assert model.participant_id(selected) == 2


def test_set_rows_replaces_and_clear_empties(qapp) -> None:  # type: ignore[no-untyped-def]
    model = ParticipantTableModel()
    model.set_rows(ROWS)
    model.set_rows(ROWS[:1])
    assert model.rowCount() == 1
    model.clear()
    assert model.rowCount() == 0
    assert model.data(model.index(0, 0)) is None


def test_names_sort_by_the_rules_of_the_language(qapp) -> None:  # type: ignore[no-untyped-def]
    model = ParticipantTableModel()
    people = ["Şahin", "Botan", "Bäcker", "Олена", "Zêbarî", "Sadiq"]
    model.set_rows([_row(n, "Amal", last, None) for n, last in enumerate(people, 1)])
    model.sort(cols.NAME, Qt.SortOrder.AscendingOrder)
    lasts = [model.row_at(r).last_name for r in range(model.rowCount())]
    assert lasts == ["Bäcker", "Botan", "Sadiq", "Şahin", "Zêbarî", "Олена"]
