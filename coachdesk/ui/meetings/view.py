"""Meetings across all participants: what is coming up and what happened recently.

The list is read a page at a time as she scrolls (PagedMeetingModel); a change reads again
only the rows of the participants it names, when their meetings are in view.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.meetings import MeetingOrder, MeetingQuery, MeetingRow
from coachdesk.ui.kit.icons import Icon, icon
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.kit.style import heading_label
from coachdesk.ui.meetings.editor import MeetingEditor
from coachdesk.ui.meetings.model import PagedMeetingModel
from coachdesk.ui.shell.signals import AppSignals

UPCOMING, RECENT, ALL = range(3)


class MeetingsView(QWidget):
    """``open_requested(id)`` asks the main window to open a participant's file."""

    open_requested = Signal(int)

    def __init__(
        self, services: Services, signals: AppSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.signals = signals
        self.heading = heading_label()
        self.range = QComboBox()
        self.range_caption = QLabel()
        self.range_caption.setBuddy(self.range)
        for _i in range(3):
            self.range.addItem("")
        self.range.currentIndexChanged.connect(self._range_changed)
        self.model = PagedMeetingModel(self)
        self.table = RecordTable(self.model)
        self.new_button = QPushButton(icon(Icon.NEW), "")
        self.open_button = QPushButton()
        self.file_button = QPushButton()
        self.new_button.clicked.connect(lambda: self.open_meeting(None))
        self.open_button.clicked.connect(lambda: self.open_meeting(self.table.current_record()))
        self.file_button.clicked.connect(self._request_file)
        self.table.activated.connect(self.open_meeting)
        self.table.selection_changed.connect(self._update_buttons)
        top = QHBoxLayout()
        top.addWidget(self.range_caption)
        top.addWidget(self.range)
        top.addStretch(1)
        top.addWidget(self.new_button)
        top.addWidget(self.open_button)
        top.addWidget(self.file_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        signals.changed.connect(self._on_changed)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.heading.setText(_("Meetings"))
        self.range_caption.setText(_("Show"))
        self.range.setItemText(UPCOMING, _("Coming up"))
        self.range.setItemText(RECENT, _("Last 30 days"))
        self.range.setItemText(ALL, _("All meetings"))
        self.new_button.setText(_("New meeting…"))
        self.open_button.setText(_("Open…"))
        self.file_button.setText(_("Open participant file"))
        self.table.set_empty_text(
            _(
                "No meetings in this period. Plan a meeting with “New meeting…”, "
                "or show another period."
            )
        )
        self.table.retranslate()

    def _range_changed(self, _index: int) -> None:
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if self.services.is_locked:
            return  # a change delivered after the vault was locked: nothing to read
        if not changes.concerns(ChangeKind.MEETING, ChangeKind.PARTICIPANT):
            return
        if changes.participant_ids and self._rows_in_place(changes.participant_ids):
            return
        # Read again as many rows as she had loaded, so the list stays where she was.
        self.table.set_rows(
            self.model.first_rows(self.services.meetings.page, self._query(), self.model.rowCount())
        )
        self._update_buttons()

    def _rows_in_place(self, ids: frozenset[int]) -> bool:
        """Their rows read again, if that is all the change means for the rows in view
        (their meetings in view are the same ones at the same times): True when done.

        Only in the order of time: in another order a changed row may belong elsewhere."""
        query, loaded = self.model.query(), self.model.rows()
        if query.order != MeetingOrder.WHEN:
            return False
        theirs = self.services.meetings.page(query, limit=None, participant_ids=ids)
        if not self.model.is_complete() and loaded:
            last = (loaded[-1].held_at, loaded[-1].id)
            theirs = [
                r
                for r in theirs
                if ((r.held_at, r.id) >= last if query.descending else (r.held_at, r.id) <= last)
            ]
        shown = {r.id: r for r in loaded if r.participant_id in ids}
        if [r.id for r in theirs] != list(shown) or any(
            r.held_at != shown[r.id].held_at for r in theirs
        ):
            return False
        self.model.update_rows(theirs)
        return True

    def clear(self) -> None:
        """Forget every row on screen (the vault is being locked)."""
        self.table.set_rows([])
        self.model.first_rows(lambda _q, _o, _n: [], MeetingQuery())

    def _query(self) -> MeetingQuery:
        today = self.services.ctx.today()
        choice = self.range.currentIndex()
        if choice == UPCOMING:
            return MeetingQuery(start=today)
        if choice == RECENT:  # the latest first
            return MeetingQuery(today - dt.timedelta(days=30), today, descending=True)
        return MeetingQuery()

    def refresh(self) -> None:
        """The first page of the meetings chosen; more arrive as she scrolls."""
        self.table.set_rows(self.model.first_rows(self.services.meetings.page, self._query()))
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self.table.current_record() is not None
        self.open_button.setEnabled(selected)
        self.file_button.setEnabled(selected)

    def _request_file(self) -> None:
        row = self.table.current_record()
        if row is not None:
            self.open_requested.emit(row.participant_id)

    def open_meeting(self, row: MeetingRow | None) -> MeetingEditor:
        meeting = self.services.meetings.get(row.id) if row is not None else None
        editor = MeetingEditor(self.services, None, meeting, self)
        editor.open()
        return editor
