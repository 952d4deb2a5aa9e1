"""Today as a two-level Qt model: its reminder sections, each with its items or an empty hint."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPalette

from coachdesk.i18n import N_, _, format_date, format_datetime, ngettext
from coachdesk.services.context import ChangeKind
from coachdesk.ui.kit.icons import Icon, icon
from coachdesk.ui.kit.style import ERROR_COLOUR as OVERDUE_COLOUR

WHAT = 0
PARTICIPANT = 1
WHEN = 2
COLUMN_COUNT = 3

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
"""The :class:`TodayItem` of a row (None for section rows and empty hints)."""
PARTICIPANT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SECTION_ROLE = Qt.ItemDataRole.UserRole + 3
"""The section key of a section row."""

_HEADERS = (N_("What"), N_("Participant"), N_("When"))

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class TodayItem:
    """One reminder: what it is about, whose file it belongs to, and which record opens."""

    kind: ChangeKind
    """The kind of record to open: meeting, agreement, goal, consent, aftercare, participant."""
    record_id: int
    participant_id: int
    participant_name: str
    text: str
    when: dt.date | dt.datetime | None = None
    overdue: bool = False
    """Its date has passed: shown with weight (a warning sign, the date in red)."""


@dataclass(frozen=True)
class TodaySection:
    key: str
    title: str
    """Untranslated message id, translated whenever it is shown."""
    empty_text: str
    """Untranslated message id: what to do while the section is empty."""
    items: tuple[TodayItem, ...] = ()


class TodayModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sections: list[TodaySection] = []

    def set_sections(self, sections: Sequence[TodaySection]) -> None:
        self.beginResetModel()
        self._sections = list(sections)
        self.endResetModel()

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
        return max(1, len(self._sections[parent.row()].items))

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
        if self._item(index) is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._section_data(self._sections[index.row()], index.column(), role)
        section = self._sections[index.internalId() - 1]
        item = self._item(index)
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
            return f"{_(section.title)} ({len(section.items)})"
        overdue = sum(1 for item in section.items if item.overdue)
        if role == Qt.ItemDataRole.DecorationRole and column == WHAT and overdue:
            return icon(Icon.OVERDUE, QColor(OVERDUE_COLOUR))
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
            return _(section.empty_text)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont(QGuiApplication.font())
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
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
