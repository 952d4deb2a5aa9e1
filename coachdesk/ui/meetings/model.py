"""Meetings as a list: when, who, what kind, where, and how many agreements are still open."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from coachdesk.i18n import N_, format_datetime
from coachdesk.labels import label
from coachdesk.models.enums import MeetingKind
from coachdesk.services.meetings import (
    PAGE,
    MeetingOrder,
    MeetingQuery,
    MeetingRecord,
    MeetingRow,
)
from coachdesk.ui.kit.table_model import Column, RecordTableModel


def row_of(meeting: MeetingRecord) -> MeetingRow:
    """The list line of a full meeting record (a participant's file lists full records)."""
    return MeetingRow(
        meeting.id,
        meeting.participant_id,
        meeting.participant_name,
        meeting.held_at,
        meeting.kind,
        meeting.location,
        sum(1 for a in meeting.agreements if a.done_on is None),
        meeting.is_archived,
    )


class MeetingTableModel(RecordTableModel[MeetingRow]):
    WHEN, PARTICIPANT, KIND, PLACE, OPEN_AGREEMENTS = range(5)
    COLUMNS = (
        Column[MeetingRow](
            N_("When"), lambda m: format_datetime(m.held_at, fmt="short"), lambda m: m.held_at
        ),
        Column[MeetingRow](N_("Participant"), lambda m: m.participant_name),
        Column[MeetingRow](
            N_("Kind"), lambda m: label(m.kind), lambda m: list(MeetingKind).index(m.kind)
        ),
        Column[MeetingRow](N_("Place"), lambda m: m.location),
        Column[MeetingRow](
            N_("Open agreements"), lambda m: str(m.open_agreements), lambda m: m.open_agreements
        ),
    )

    def is_muted(self, record: MeetingRow) -> bool:
        return record.archived


Fetch = Callable[[MeetingQuery, int, int], list[MeetingRow]]
"""Rows of a query from an offset on, at most a number of them."""


class PagedMeetingModel(MeetingTableModel):
    """The meetings list read a page at a time (``fetchMore`` as she scrolls down); a click
    on a header asks SQL for the new order from the first row, over every meeting."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.page_size = PAGE
        self._fetch: Fetch | None = None
        self._query = MeetingQuery()
        self._complete = True

    def first_rows(self, fetch: Fetch, query: MeetingQuery, at_least: int = 0) -> list[MeetingRow]:
        """The rows to show first (hand them to ``RecordTable.set_rows``): a page, or as many
        as ``at_least`` (the rows she had loaded, when the list is read again)."""
        self._fetch, self._query = fetch, query
        limit = max(self.page_size, at_least)
        rows = fetch(self._ordered(), 0, limit)
        self._complete = len(rows) < limit
        return rows

    def query(self) -> MeetingQuery:
        """The meetings shown, in the order shown."""
        return self._ordered()

    def is_complete(self) -> bool:
        return self._complete

    def set_rows(self, rows: Sequence[MeetingRow]) -> None:
        # Rows come sorted from SQL: no second sort in Python (its collation differs).
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def update_rows(self, rows: Sequence[MeetingRow]) -> None:
        """Rows read again in place (same meetings, same places)."""
        where = {r.id: i for i, r in enumerate(self._rows)}
        for row in rows:
            i = where.get(row.id)
            if i is not None and self._rows[i] != row:
                self._rows[i] = row
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(self.COLUMNS) - 1))

    def _ordered(self) -> MeetingQuery:
        if self._sort is None:
            return self._query
        column, order = self._sort
        descending = order == Qt.SortOrder.DescendingOrder
        return replace(self._query, order=MeetingOrder(column), descending=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order) if column >= 0 else None
        if self._fetch is None:
            return
        self.set_rows(self.first_rows(self._fetch, self._query))

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._complete and self._fetch is not None

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._fetch is None:
            return
        rows = self._fetch(self._ordered(), len(self._rows), self.page_size)
        self._complete = len(rows) < self.page_size
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()
