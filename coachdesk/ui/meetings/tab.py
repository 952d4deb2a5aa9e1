"""A participant's meetings, newest first; open one in the meeting editor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.services.context import ChangeKind
from coachdesk.services.meetings import MeetingRow
from coachdesk.ui.attachments.adding import add_papers
from coachdesk.ui.attachments.drops import RowDropFilter
from coachdesk.ui.attachments.links import Link, LinkKind
from coachdesk.ui.file.section import FileSection, button_row
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.meetings.editor import MeetingEditor
from coachdesk.ui.meetings.model import MeetingTableModel, row_of
from coachdesk.ui.shell.signals import AppSignals


class MeetingsTab(FileSection):
    KINDS = (ChangeKind.MEETING,)

    def __init__(
        self,
        services: Services,
        signals: AppSignals,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, signals, participant_id, parent)
        self.table = RecordTable(MeetingTableModel(self))
        self.table.view.hideColumn(MeetingTableModel.PARTICIPANT)
        self.new_button = QPushButton()
        self.open_button = QPushButton()
        self.new_button.clicked.connect(lambda: self.open_meeting(None))
        self.open_button.clicked.connect(lambda: self.open_meeting(self.table.current_record()))
        self.table.activated.connect(self.open_meeting)
        self.table.selection_changed.connect(
            lambda: self.open_button.setEnabled(self.table.current_record() is not None)
        )
        # Files dropped onto a row become papers belonging to that meeting.
        self.drops = RowDropFilter(self.table.view, self._dropped)
        layout = QVBoxLayout(self)
        layout.addLayout(button_row(self.new_button, self.open_button))
        layout.addWidget(self.table)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.new_button.setText(_("New meeting…"))
        self.open_button.setText(_("Open…"))
        self.table.set_empty_text(
            _(
                "No meetings yet. Plan the first three-way meeting with her integration "
                "officer with “New meeting…”."
            )
        )
        self.table.retranslate()

    def refresh(self) -> None:
        meetings = self.services.meetings.list_for_participant(self.participant_id)
        self.table.set_rows([row_of(m) for m in meetings])
        self.open_button.setEnabled(self.table.current_record() is not None)

    def open_meeting(self, row: MeetingRow | None) -> MeetingEditor:
        meeting = self.services.meetings.get(row.id) if row is not None else None
        editor = MeetingEditor(self.services, self.participant_id, meeting, self)
        editor.open()
        return editor

    def _dropped(self, paths: list[Path], row: Any) -> None:
        link = Link(LinkKind.MEETING, row.id) if row is not None else None
        add_papers(self, self.services, self.participant_id, paths, link)
