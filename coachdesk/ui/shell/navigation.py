"""The list of views on the left of the main window, each with its icon."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from coachdesk.i18n import _
from coachdesk.ui.kit.icons import Icon, icon
from coachdesk.ui.shell.view_pages import (
    CONTACTS,
    MEETINGS,
    MODULES,
    PARTICIPANTS,
    REPORTS,
    SETTINGS,
    TODAY,
    VIEWS,
)

ICONS = {
    TODAY: Icon.TODAY,
    PARTICIPANTS: Icon.PARTICIPANTS,
    MEETINGS: Icon.MEETINGS,
    MODULES: Icon.MODULES,
    CONTACTS: Icon.CONTACTS,
    REPORTS: Icon.REPORTS,
    SETTINGS: Icon.SETTINGS,
}


class Navigation(QListView):
    """One row per view (``VIEWS``); the key of a row is in its UserRole."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.items = QStandardItemModel(self)
        for key, _title in VIEWS:
            item = QStandardItem(icon(ICONS[key]), "")
            item.setData(key, Qt.ItemDataRole.UserRole)
            item.setEditable(False)
            self.items.appendRow(item)
        self.setModel(self.items)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSpacing(2)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.setFont(font)
        side = self.fontMetrics().height()
        self.setIconSize(QSize(side, side))
        self.retranslate()

    def retranslate(self) -> None:
        for row, (_key, title) in enumerate(VIEWS):
            item = self.items.item(row)
            item.setText(_(title))
            item.setAccessibleText(_(title))
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(_(title)) for _key, title in VIEWS)
        self.setFixedWidth(widest + self.iconSize().width() + 5 * metrics.horizontalAdvance("M"))

    def current_key(self) -> str | None:
        key = self.currentIndex().data(Qt.ItemDataRole.UserRole)
        return None if key is None else str(key)

    def select(self, key: str) -> None:
        row = [k for k, _title in VIEWS].index(key)
        self.setCurrentIndex(self.items.index(row, 0))
