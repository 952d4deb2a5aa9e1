"""A participant's handovers: intake from the job centre, interim feedback, exit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMenu, QPushButton, QVBoxLayout, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.labels import label
from coachdesk.models.enums import HandoverKind
from coachdesk.services.context import ChangeKind
from coachdesk.ui.attachments.adding import add_papers
from coachdesk.ui.attachments.drops import RowDropFilter
from coachdesk.ui.attachments.links import Link, LinkKind
from coachdesk.ui.file.section import FileSection, button_row
from coachdesk.ui.handovers.editor import HandoverEditor
from coachdesk.ui.handovers.model import HandoverTableModel
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.shell.signals import AppSignals


class HandoversTab(FileSection):
    KINDS = (ChangeKind.HANDOVER, ChangeKind.ORGANISATION, ChangeKind.CONTACT)

    def __init__(
        self,
        services: Services,
        signals: AppSignals,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, signals, participant_id, parent)
        self.table = RecordTable(HandoverTableModel(self))
        self.new_button = QPushButton()
        self.new_menu = QMenu(self.new_button)
        self.new_button.setMenu(self.new_menu)
        self.open_button = QPushButton()
        self.open_button.clicked.connect(lambda: self.open_handover(self.table.current_record()))
        self.table.activated.connect(self.open_handover)
        self.table.selection_changed.connect(
            lambda: self.open_button.setEnabled(self.table.current_record() is not None)
        )
        # Files dropped onto a row become papers belonging to that handover.
        self.drops = RowDropFilter(self.table.view, self._dropped)
        layout = QVBoxLayout(self)
        layout.addLayout(button_row(self.new_button, self.open_button))
        layout.addWidget(self.table)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.new_button.setText(_("New handover"))
        self.new_menu.clear()
        for kind in HandoverKind:
            action = self.new_menu.addAction(label(kind) + "…")
            action.triggered.connect(lambda _c=False, k=kind: self.new_handover(k))
        self.open_button.setText(_("Open…"))
        self.table.set_empty_text(
            _(
                "No handovers yet. Record the intake handover from the job centre with "
                "“New handover”; interim feedback and the exit handover follow later."
            )
        )
        self.table.retranslate()

    def refresh(self) -> None:
        self.table.set_rows(self.services.handovers.list_for_participant(self.participant_id))
        self.open_button.setEnabled(self.table.current_record() is not None)

    def new_handover(self, kind: HandoverKind) -> HandoverEditor:
        editor = HandoverEditor(self.services, self.participant_id, None, kind, self)
        editor.open()
        return editor

    def open_handover(self, handover: Any) -> HandoverEditor | None:
        if handover is None:
            return None
        editor = HandoverEditor(self.services, self.participant_id, handover, handover.kind, self)
        editor.open()
        return editor

    def _dropped(self, paths: list[Path], row: Any) -> None:
        link = Link(LinkKind.HANDOVER, row.id) if row is not None else None
        add_papers(self, self.services, self.participant_id, paths, link)
