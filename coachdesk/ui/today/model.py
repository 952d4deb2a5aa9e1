"""Today as a two-level Qt model: its reminder sections, each with its items or an empty hint.

A section shows a page of its list; when the list holds more, a last row offers the next
page ("Show 50 more…"). Sections are replaced in place, so the selection stays on its record.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPalette

from coachdesk.i18n import N_, _, format_date, format_datetime, ngettext
from coachdesk.services.reminders import PAGE
from coachdesk.ui.kit.icons import Icon, icon
from coachdesk.ui.kit.style import ERROR_COLOUR as OVERDUE_COLOUR
from coachdesk.ui.today.items import TodayItem, TodaySection

__all__ = ["PAGE", "TodayItem", "TodayModel", "TodaySection"]

WHAT = 0
PARTICIPANT = 1
WHEN = 2
COLUMN_COUNT = 3

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
"""The :class:`TodayItem` of a row (None for section rows and empty hints)."""
PARTICIPANT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SECTION_ROLE = Qt.ItemDataRole.UserRole + 3
"""The section key of a section row."""
MORE_ROLE = Qt.ItemDataRole.UserRole + 4
"""The section key of a "Show more" row (None elsewhere)."""

_HEADERS = (N_("What"), N_("Participant"), N_("When"))

Index = QModelIndex | QPersistentModelIndex


class TodayModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sections: list[TodaySection] = []

    def set_sections(self, sections: Sequence[TodaySection]) -> None:
        self.beginResetModel()
        self._sections = list(sections)
        self.endResetModel()

    def section_row(self, key: str) -> int:
        return next((i for i, s in enumerate(self._sections) if s.key == key), -1)

    def section(self, key: str) -> TodaySection | None:
        row = self.section_row(key)
        return self._sections[row] if row >= 0 else None

    def replace_section(self, section: TodaySection) -> None:
        """The section's new rows; the selection and the current row stay on their record."""
        row = self.section_row(section.key)
        old = self._sections[row]
        parent = self.index(row, 0)
        if [i.identity for i in old.items] == [i.identity for i in section.items] and (
            old.has_more == section.has_more
        ):
            self._sections[row] = section
            if old != section:
                last = self.rowCount(parent) - 1
                self.dataChanged.emit(self.index(0, 0, parent), self.index(last, 2, parent))
                self.dataChanged.emit(parent, parent.siblingAtColumn(COLUMN_COUNT - 1))
            return
        self.layoutAboutToBeChanged.emit()
        new_rows = {item.identity: i for i, item in enumerate(section.items)}
        more_row = len(section.items) if section.has_more else -1
        persistent = [p for p in self.persistentIndexList() if p.internalId() == row + 1]
        self._sections[row] = section
        moved = []
        for index in persistent:
            item = old.items[index.row()] if index.row() < len(old.items) else None
            target = new_rows.get(item.identity, -1) if item is not None else more_row
            moved.append(
                self.createIndex(target, index.column(), row + 1) if target >= 0 else QModelIndex()
            )
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def append_items(self, key: str, items: Sequence[TodayItem], total: int | None) -> None:
        """The next page of a section, after the rows she has."""
        row = self.section_row(key)
        old = self._sections[row]
        parent = self.index(row, 0)
        new = TodaySection(old.key, old.title, old.empty_text, old.items + tuple(items), total)
        if items:
            first = len(old.items)
            self.beginInsertRows(parent, first, first + len(items) - 1)
            self._sections[row] = TodaySection(
                old.key, old.title, old.empty_text, new.items, old.total
            )
            self.endInsertRows()
        self.replace_section(new)
        self.dataChanged.emit(parent, parent.siblingAtColumn(COLUMN_COUNT - 1))

    def set_total(self, key: str, total: int | None) -> None:
        old = self.section(key)
        if old is not None and old.total != total:
            self.replace_section(TodaySection(old.key, old.title, old.empty_text, old.items, total))

    def clear(self) -> None:
        self.set_sections([])

    def sections(self) -> list[TodaySection]:
        return list(self._sections)

    def item_count(self) -> int:
        return sum(len(section.items) for section in self._sections)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        self.layoutChanged.emit()

    # -- Qt interface --------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid():
            return QModelIndex()
        section = child.internalId()
        if section == 0:
            return QModelIndex()
        return self.createIndex(section - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._sections)
        if parent.internalId() != 0 or parent.column() != 0:
            return 0
        # An empty section still has one row: the hint saying what to do.
        section = self._sections[parent.row()]
        return max(1, len(section.items) + (1 if section.has_more else 0))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(_HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._item(index) is None and index.data(MORE_ROLE) is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._section_data(self._sections[index.row()], index.column(), role)
        section = self._sections[index.internalId() - 1]
        item = self._item(index)
        if item is None and section.has_more:
            return _more_data(section, index.column(), role)
        if item is None:
            return self._empty_data(section, index.column(), role)
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == WHAT:
                return item.text
            if index.column() == PARTICIPANT:
                return item.participant_name
            return _format_when(item.when)
        if role == ITEM_ROLE:
            return item
        if role == PARTICIPANT_ID_ROLE:
            return item.participant_id
        if item.overdue:
            return _overdue_data(index.column(), role)
        return None

    def _item(self, index: Index) -> TodayItem | None:
        section_id = index.internalId()
        if section_id == 0:
            return None
        items = self._sections[section_id - 1].items
        return items[index.row()] if index.row() < len(items) else None

    @staticmethod
    def _section_data(section: TodaySection, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == WHAT:
            return section.heading()
        overdue = sum(1 for item in section.items if item.overdue)
        if role == Qt.ItemDataRole.DecorationRole and column == WHAT and overdue:
            return _overdue_icon()
        if role == Qt.ItemDataRole.ToolTipRole and overdue:
            return ngettext(
                "{count} entry is overdue.", "{count} entries are overdue.", overdue
            ).format(count=overdue)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont(QGuiApplication.font())
            font.setBold(True)
            return font
        if role == SECTION_ROLE:
            return section.key
        return None

    @staticmethod
    def _empty_data(section: TodaySection, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == WHAT:
            return _("Loading…") if section.loading else _(section.empty_text)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont(QGuiApplication.font())
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return None


def _more_data(section: TodaySection, column: int, role: int) -> Any:
    if role == Qt.ItemDataRole.DisplayRole and column == WHAT:
        return section.more_text(PAGE)
    if role == Qt.ItemDataRole.ToolTipRole:
        return _("Press Enter or double-click to show the next entries.")
    if role == MORE_ROLE:
        return section.key
    if role == Qt.ItemDataRole.ForegroundRole:
        return QGuiApplication.palette().color(QPalette.ColorRole.Link)
    return None


@functools.cache
def _overdue_icon() -> QIcon:
    """Drawn once: thousands of overdue rows ask for it while scrolling."""
    return icon(Icon.OVERDUE, QColor(OVERDUE_COLOUR))


def _overdue_data(column: int, role: int) -> Any:
    if role == Qt.ItemDataRole.ForegroundRole and column == WHEN:
        return QColor(OVERDUE_COLOUR)
    if role == Qt.ItemDataRole.FontRole and column == WHEN:
        font = QFont(QGuiApplication.font())
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.DecorationRole and column == WHAT:
        return _overdue_icon()
    if role == Qt.ItemDataRole.AccessibleDescriptionRole:
        return _("overdue")
    return None


def _format_when(value: dt.date | dt.datetime | None) -> str:
    if isinstance(value, dt.datetime):
        return format_datetime(value, fmt="short")
    return format_date(value)
