"""One participant's file, its sections as tabs (``sections``); files dropped on it become papers.

Unsaved changes are never lost silently: leaving asks, and while a tab has unsaved edits
(the overview, the ESF Plus questions, an open meeting or handover editor) a draft is written
to the vault every few seconds and on lock; reopening the file offers the draft back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.ui.attachments.drops import FileDropFilter
from coachdesk.ui.attachments.tab import PapersTab
from coachdesk.ui.consents.tab import ConsentsTab
from coachdesk.ui.esf.tab import EsfTab
from coachdesk.ui.export.history import ExportHistoryView
from coachdesk.ui.file.aftercare_tab import AftercareTab
from coachdesk.ui.file.overview_tab import OverviewTab
from coachdesk.ui.file.sections import SECTION_TITLES, FileSection
from coachdesk.ui.goals.tab import GoalsTab
from coachdesk.ui.handovers.editor import HandoverEditor
from coachdesk.ui.handovers.tab import HandoversTab
from coachdesk.ui.kit.forms import add_save_shortcut
from coachdesk.ui.kit.style import heading_label
from coachdesk.ui.meetings.editor import MeetingEditor
from coachdesk.ui.meetings.tab import MeetingsTab
from coachdesk.ui.modules.tab import ModulesTab
from coachdesk.ui.shell.signals import AppSignals

DRAFT_INTERVAL_MS = 10_000


def draft_key(participant_id: int) -> str:
    return f"participant-file:{participant_id}"


class ParticipantFile(QWidget):
    def __init__(
        self,
        services: Services,
        signals: AppSignals,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.signals = signals
        self.participant_id = participant_id
        self.heading = heading_label()
        self.overview = OverviewTab(services, signals, participant_id)
        self.goals = GoalsTab(services, signals, participant_id)
        self.modules = ModulesTab(services, signals, participant_id)
        self.meetings = MeetingsTab(services, signals, participant_id)
        self.handovers = HandoversTab(services, signals, participant_id)
        self.consents = ConsentsTab(services, signals, participant_id)
        self.papers = PapersTab(services, signals, participant_id)
        self.aftercare = AftercareTab(services, signals, participant_id)
        self.esf = EsfTab(services, signals, participant_id)
        self.aftercare.esf_requested.connect(lambda: self.show_section(FileSection.ESF))
        self.aftercare.esf_requested.connect(self.esf.show_follow_up)
        self.exports = ExportHistoryView(services, signals, participant_id)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        for tab in self._sections():
            self.tabs.addTab(tab, "")
        self.draft_banner = self._make_banner()
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.draft_banner)
        layout.addWidget(self.tabs, 1)
        self.draft_timer = QTimer(self)
        self.draft_timer.setInterval(DRAFT_INTERVAL_MS)
        self.draft_timer.timeout.connect(self.save_draft)
        self.draft_timer.start()
        self._draft_written = False
        add_save_shortcut(self, self.save)
        self.drops = FileDropFilter(self, self._files_dropped)
        signals.changed.connect(self._on_changed)
        signals.language_changed.connect(self._language_changed)
        self._offer_draft()
        self.retranslate()

    def _sections(self) -> list[QWidget]:
        return [
            self.overview,
            self.goals,
            self.modules,
            self.meetings,
            self.handovers,
            self.consents,
            self.papers,
            self.aftercare,
            self.esf,
            self.exports,
        ]

    SECTIONS = tuple(FileSection)
    """The tabs, in the order of ``sections``."""

    def show_section(self, section: FileSection) -> None:
        """Bring a tab to the front, e.g. from Today."""
        self.tabs.setCurrentIndex(self.SECTIONS.index(section))

    def _files_dropped(self, paths: list[Path], _where: object) -> None:
        self.show_section(FileSection.PAPERS)
        self.papers.add_files(paths)

    def open_meeting(self, meeting_id: int) -> MeetingEditor:
        """Show the meetings tab and open one meeting in the editor (e.g. an overdue agreement)."""
        self.show_section(FileSection.MEETINGS)
        meeting = self.services.meetings.get(meeting_id)
        editor = MeetingEditor(self.services, self.participant_id, meeting, self.meetings)
        editor.open()
        return editor

    def _make_banner(self) -> QFrame:
        banner = QFrame(self)
        banner.setFrameShape(QFrame.Shape.StyledPanel)
        banner.setStyleSheet("QFrame { background: #fff4d6; }")
        self.banner_text = QLabel(banner)
        self.banner_text.setWordWrap(True)
        self.restore_button = QPushButton(banner)
        self.discard_button = QPushButton(banner)
        self.restore_button.clicked.connect(self.restore_draft)
        self.discard_button.clicked.connect(self.discard_draft)
        row = QHBoxLayout(banner)
        row.addWidget(self.banner_text, 1)
        row.addWidget(self.restore_button)
        row.addWidget(self.discard_button)
        banner.hide()
        return banner

    def retranslate(self) -> None:
        for index, key in enumerate(self.SECTIONS):
            self.tabs.setTabText(index, _(SECTION_TITLES[key]))
        for section in self._sections():
            if hasattr(section, "retranslate"):
                section.retranslate()
        self.banner_text.setText(_("Unsaved changes from your last session were kept as a draft."))
        self.restore_button.setText(_("Restore draft"))
        self.discard_button.setText(_("Discard draft"))
        self._show_heading()

    def _language_changed(self, _lang: str) -> None:
        self.retranslate()

    def _show_heading(self) -> None:
        record = self.overview.record
        self.heading.setText(record.display_name if record is not None else "")

    def _on_changed(self, changes: Changes) -> None:
        if self.services.is_locked:
            return  # a change delivered after the vault was locked: nothing to read
        if (
            changes.concerns(ChangeKind.PARTICIPANT)
            and self.participant_id in changes.participant_ids
        ):
            self._show_heading()

    # -- unsaved changes ---------------------------------------------------------------------

    def has_unsaved_changes(self) -> bool:
        return self.overview.dirty or self.esf.dirty or bool(self.open_editors())

    def save(self) -> bool:
        if self.esf.dirty and not self.esf.save():  # its questions, each part on its own
            self.tabs.setCurrentWidget(self.esf)
            return False
        if not self.overview.dirty:
            return True
        self.tabs.setCurrentWidget(self.overview)
        if self.overview.save():
            self.services.drafts.discard(draft_key(self.participant_id))
            return True
        return False

    def open_editors(self) -> list[MeetingEditor | HandoverEditor]:
        """Meeting and handover editors open on this file (their typing counts as unsaved)."""
        editors: list[MeetingEditor | HandoverEditor] = []
        editors += [e for e in self.findChildren(MeetingEditor) if e.isVisible()]
        editors += [e for e in self.findChildren(HandoverEditor) if e.isVisible()]
        return editors

    def draft_payload(self) -> dict[str, Any]:
        payload: dict[str, Any] = {}
        if self.overview.dirty:
            payload["overview"] = self.overview.state()
        payload.update(self.esf.draft_payload())
        editors = self.open_editors()
        meetings = [e.state() for e in editors if isinstance(e, MeetingEditor)]
        handovers = [e.state() for e in editors if isinstance(e, HandoverEditor)]
        if meetings:
            payload["meetings"] = meetings
        if handovers:
            payload["handovers"] = handovers
        return payload

    def save_draft(self) -> None:
        """Keep unsaved typing in the vault: every few seconds, on lock and on close (what the
        module docstring names); once everything is saved or cancelled the draft is dropped.
        """
        if self.services.is_locked:
            # Locking kept the draft already; a timer that fires afterwards has no vault.
            self.draft_timer.stop()
            return
        payload = self.draft_payload()
        key = draft_key(self.participant_id)
        if payload:
            self.services.drafts.save(key, payload)
            self._draft_written = True
        elif self._draft_written:
            self.services.drafts.discard(key)
            self._draft_written = False

    def _offer_draft(self) -> None:
        self._draft = self.services.drafts.load(draft_key(self.participant_id))
        self.draft_banner.setVisible(self._draft is not None)

    def has_draft_offer(self) -> bool:
        return self.draft_banner.isVisibleTo(self)

    def restore_draft(self) -> None:
        draft, self._draft = self._draft, None
        self.draft_banner.hide()
        if draft is None:
            return
        # The kept draft now stands for what is on screen: dropped once all is saved.
        self._draft_written = True
        if "overview" in draft:
            self.overview.restore_state(draft["overview"])
            self.tabs.setCurrentWidget(self.overview)
        self.esf.restore_draft(draft)
        for state in draft.get("meetings", []):
            self.tabs.setCurrentWidget(self.meetings)
            meeting_id = state.get("meeting_id")
            meeting = self.services.meetings.get(meeting_id) if meeting_id else None
            editor = MeetingEditor(self.services, self.participant_id, meeting, self.meetings)
            editor.restore_state(state)
            editor.open()
        for state in draft.get("handovers", []):
            self.tabs.setCurrentWidget(self.handovers)
            handover_id = state.get("handover_id")
            handover = self.services.handovers.get(handover_id) if handover_id else None
            handover_editor = HandoverEditor(
                self.services, self.participant_id, handover, parent=self.handovers
            )
            handover_editor.restore_state(state)
            handover_editor.open()

    def discard_draft(self) -> None:
        """Forget the kept draft (and what is typed but unsaved)."""
        self.services.drafts.discard(draft_key(self.participant_id))
        self._draft = None
        self.draft_banner.hide()
        self.esf.discard()
        if self.overview.dirty:
            self.overview.revert()

    def confirm_leave(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True when it may close."""
        if not self.has_unsaved_changes():
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Unsaved changes"))
        box.setText(_("The participant's data has changes that are not saved yet."))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.button(QMessageBox.StandardButton.Save).setText(_("Save"))
        box.button(QMessageBox.StandardButton.Discard).setText(_("Discard changes"))
        box.button(QMessageBox.StandardButton.Cancel).setText(_("Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_draft()
            return True
        return False
