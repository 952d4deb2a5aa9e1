"""Today: what is due, in sections; Enter or a double-click opens the record.

Each section shows the most urgent entries of its list and how many it holds; its last row
shows the next page. A change reads again only what it concerns (see updates.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import _, format_date, format_datetime
from coachdesk.services.context import Changes
from coachdesk.services.first_steps import FirstSteps
from coachdesk.services.reminders import ReminderPage
from coachdesk.ui.file.section import guarded
from coachdesk.ui.kit.style import heading_label, wrapping_label
from coachdesk.ui.shell.signals import AppSignals
from coachdesk.ui.today.done import DoneControls
from coachdesk.ui.today.getting_started import GettingStarted
from coachdesk.ui.today.items import COUNTING
from coachdesk.ui.today.loading import PageLoader
from coachdesk.ui.today.model import (
    ITEM_ROLE,
    MORE_ROLE,
    PAGE,
    PARTICIPANT,
    WHAT,
    WHEN,
    TodayItem,
    TodayModel,
)
from coachdesk.ui.today.sections import (
    KEYS,
    RETENTION,
    items_of,
    loading_sections,
    section_of,
    summary_text,
)
from coachdesk.ui.today.updates import (
    FIRST_STEP_KINDS,
    Counter,
    apply_changes,
    concerns_today,
)

_WIDE_MOMENT = dt.datetime(2026, 12, 28, 10, 30)
"""A date and time with wide digits, to size the "When" column."""


class TodayView(QWidget):
    """Emits ``open_requested(participant_id)``, ``record_requested(TodayItem)`` and
    ``erasure_requested`` (the list of people whose retention date has come)."""

    open_requested = Signal(int)
    record_requested = Signal(object)
    erasure_requested = Signal()
    view_requested = Signal(str)
    new_participant_requested = Signal()

    def __init__(
        self, services: Services, signals: AppSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self._stale = False
        self._day = services.ctx.today()
        self._queued: list[Changes] = []
        self.counter = Counter(self)
        self.counter.counted.connect(self._counted)
        self.loader = PageLoader(self)
        self.loader.page_read.connect(self._page_read)
        self.loader.loaded.connect(self._loaded)
        self.loader.failed.connect(self._load_failed)
        self.model = TodayModel(self)
        self.title = heading_label()
        self.summary = wrapping_label()
        self.refresh_button = QPushButton()
        self.erasure_button = QPushButton()
        self.erasure_button.setVisible(False)
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
        # Widths from the font, not from the contents: measuring thousands of rows is slow.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        self.tree.activated.connect(self._activated)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        # An overdue agreement is done in one action: button, Ctrl+D or the context menu.
        self.done = DoneControls(services, self.tree, self)
        self.done_button, self.undo_button = self.done.button, self.done.undo_button
        self.done_message = self.done.message
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.erasure_button)
        top.addWidget(self.done_button)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        done_row = QHBoxLayout()
        done_row.addWidget(self.done_message, 1)
        done_row.addWidget(self.undo_button)
        layout.addLayout(done_row)
        self.getting_started = GettingStarted()
        self.getting_started.view_requested.connect(self.view_requested)
        self.getting_started.new_participant_requested.connect(self.new_participant_requested)
        layout.addWidget(self.getting_started)
        layout.addWidget(self.tree, 1)
        # Several changes in one go (a meeting with agreements) refresh once.
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self._apply_changes)
        self.refresh_button.clicked.connect(self.refresh)
        self.erasure_button.clicked.connect(self.erasure_requested)
        self.signals = signals
        signals.changed.connect(self._on_changes)
        self.retranslate()
        self.refresh()

    def _fit_columns(self) -> None:
        metrics = self.tree.fontMetrics()
        em = metrics.horizontalAdvance("M")
        when = metrics.horizontalAdvance(format_datetime(_WIDE_MOMENT, fmt="short"))
        self.tree.setColumnWidth(PARTICIPANT, 14 * em)
        self.tree.setColumnWidth(WHEN, max(when, metrics.horizontalAdvance(_("When"))) + 2 * em)

    def refresh(self) -> None:
        """Every section from its first page, read off the UI thread: each section fills
        as its list arrives (until then it shows what it showed, or "loading"); the longer
        lists are counted once all are there."""
        self._stale = False
        self._queued.clear()
        self._day = day = self.services.ctx.today()
        self.counter.forget()
        if not self.model.sections():
            self.model.set_sections(loading_sections())
            self.tree.expandAll()
        reminders = self.services.reminders

        def page_of(key: str) -> Callable[[], ReminderPage]:
            return lambda: reminders.first_page(day, PAGE, (key,), count=False).pages[key]

        reads: list[Callable[[], object]] = [page_of(key) for key in KEYS]
        if not self.getting_started.finished:  # once all are done, they stay done
            reads.insert(1, self.services.first_steps.status)  # after the meetings
        self.loader.start(reads)
        self._update_texts()

    @property
    def loading(self) -> bool:
        """Its lists are being read (a test waits for this, as she waits for the rows)."""
        return self.loader.loading

    def _page_read(self, page: object) -> None:
        if isinstance(page, FirstSteps):
            self.getting_started.show_steps(page)
            return
        assert isinstance(page, ReminderPage)
        total = COUNTING if page.total < 0 else page.total
        self.model.replace_section(section_of(page.key, page.entries, self._day, total))
        self.tree.expand(self.model.index(self.model.section_row(page.key), 0))
        self._update_texts()
        self._current_changed()

    def _loaded(self) -> None:
        self._count(KEYS)
        if self._queued:  # changes made while the lists were read: read what they concern
            self._pending.start()

    def _load_failed(self, exc: object) -> None:
        if self.services.is_locked:
            return  # cut off by locking the vault: nothing to show
        raise exc if isinstance(exc, Exception) else RuntimeError(exc)

    def _count(self, keys: list[str] | tuple[str, ...]) -> None:
        wanted = [s.key for s in self.model.sections() if s.key in keys and s.has_more]
        day, reminders = self._day, self.services.reminders
        self.counter.start(lambda: reminders.counts(day, wanted), wanted)

    def _counted(self, totals: dict[str, int]) -> None:
        for key, total in totals.items():
            self.model.set_total(key, total)
        self._update_texts()

    def show_more(self, key: str) -> None:
        """The next page of a section; the cursor goes to its first new entry."""
        section = self.model.section(key)
        if section is None:
            return
        shown = len(section.items)
        entries = guarded(self, lambda: self.services.reminders.entries(key, self._day, shown))
        if entries is None:
            return
        total = section.total if len(entries) == PAGE else None
        self.model.append_items(key, items_of(key, entries, self._day), total)
        parent = self.model.index(self.model.section_row(key), 0)
        self.tree.setCurrentIndex(
            self.model.index(min(shown, self.model.rowCount(parent) - 1), 0, parent)
        )
        self._update_texts()

    def _current_changed(self, *_args: object) -> None:
        self.done.current_changed()

    def clear(self) -> None:
        """Forget every reminder and stop listening (the vault is being locked)."""
        self.done.forget()
        with contextlib.suppress(RuntimeError, TypeError):
            self.signals.changed.disconnect(self._on_changes)
        self._pending.stop()
        self._queued.clear()
        self.counter.forget()
        self.loader.forget()
        self.counter.wait()
        self.loader.wait()
        self.model.clear()

    def _on_changes(self, changes: Changes) -> None:
        if self.services.is_locked:
            return  # a change delivered after the vault was locked: nothing to read
        if not concerns_today(changes):
            return  # nothing Today shows
        # While hidden, refresh on showing.
        if self.isVisible():
            self._queued.append(changes)
            self._pending.start()
        else:
            self._stale = True

    def _apply_changes(self) -> None:
        if self.loader.loading:
            return  # applied once the lists are read (_loaded)
        queued, self._queued = self._queued, []
        if self._stale or self._day != self.services.ctx.today():
            self.refresh()
            return
        if any(c.concerns(*FIRST_STEP_KINDS) for c in queued):
            self.getting_started.show_steps(self.services.first_steps.status())
        self._count(apply_changes(self.services, self.model, self._day, queued))
        self._update_texts()
        self._current_changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _activated(self, index: QModelIndex) -> None:
        more = index.siblingAtColumn(0).data(MORE_ROLE)
        if more is not None:
            self.show_more(more)
            return
        item = index.siblingAtColumn(0).data(ITEM_ROLE)
        if isinstance(item, TodayItem):
            self.open_requested.emit(item.participant_id)
            self.record_requested.emit(item)
        elif not index.parent().isValid():
            self.tree.setExpanded(index, not self.tree.isExpanded(index))

    def _update_texts(self) -> None:
        day = self.services.ctx.today()
        self.title.setText(_("Today, {date}").format(date=format_date(day, fmt="full")))
        sections = self.model.sections()
        self.erasure_button.setVisible(any(s.key == RETENTION and s.items for s in sections))
        self.summary.setText(summary_text(sections))

    def retranslate(self) -> None:
        self.getting_started.retranslate()
        self.done.retranslate()
        self.refresh_button.setText(_("Refresh"))
        self.erasure_button.setText(_("People due for erasure…"))
        self._fit_columns()
        # Item texts were composed in the old language: build them again.
        if self.model.sections():
            self.refresh()
        self.model.retranslate()
