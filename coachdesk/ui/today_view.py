"""Today: what is due, in six sections; Enter or a double-click opens the record."""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.i18n import _, format_date
from coachdesk.services.context import Changes
from coachdesk.ui.signals import AppSignals
from coachdesk.ui.style import heading_label, wrapping_label
from coachdesk.ui.today_model import ITEM_ROLE, PARTICIPANT, WHAT, TodayItem, TodayModel
from coachdesk.ui.today_sections import build_sections


class TodayView(QWidget):
    """Emits ``open_requested(participant_id)`` and ``record_requested(TodayItem)``."""

    open_requested = Signal(int)
    record_requested = Signal(object)

    def __init__(self, services: Any, signals: AppSignals, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = TodayModel(self)
        self.title = heading_label()
        self.summary = wrapping_label()
        self.refresh_button = QPushButton()
        self.tree = QTreeView()
        self.tree.setObjectName("today")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setExpandsOnDoubleClick(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(PARTICIPANT, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.activated.connect(self._activated)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        # Several changes in one go (a meeting with agreements) refresh once.
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        self.signals = signals
        signals.changed.connect(self._on_changes)
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        day = self.services.ctx.today()
        overview = self.services.reminders.today(day)
        self.model.set_sections(build_sections(overview))
        self.tree.expandAll()
        self._update_texts()

    def clear(self) -> None:
        """Forget every reminder and stop listening (the vault is being locked)."""
        with contextlib.suppress(RuntimeError, TypeError):
            self.signals.changed.disconnect(self._on_changes)
        self._pending.stop()
        self.model.clear()

    def _on_changes(self, changes: Changes) -> None:
        self._pending.start()

    def _activated(self, index: QModelIndex) -> None:
        item = index.siblingAtColumn(0).data(ITEM_ROLE)
        if isinstance(item, TodayItem):
            self.open_requested.emit(item.participant_id)
            self.record_requested.emit(item)
        elif not index.parent().isValid():
            self.tree.setExpanded(index, not self.tree.isExpanded(index))

    def _update_texts(self) -> None:
        day = self.services.ctx.today()
        self.title.setText(_("Today, {date}").format(date=format_date(day, fmt="full")))
        count = self.model.item_count()
        if count:
            self.summary.setText(
                _("Double-click an entry or press Enter to open the participant's file.")
            )
        else:
            self.summary.setText(
                _(
                    "Nothing is due today. Plan meetings and agreements in a participant's "
                    "file; they appear here when they are due."
                )
            )

    def retranslate(self) -> None:
        self.refresh_button.setText(_("Refresh"))
        # Item texts were composed in the old language: build them again.
        if self.model.sections():
            self.refresh()
        self.model.retranslate()
