"""The meeting editor: a three-way meeting (or another kind) with its attendees and agreements.

The internal notes are styled apart and say that they never leave the device.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import N_, _
from coachdesk.models.enums import AttendeeRole, MeetingKind, OrganisationKind
from coachdesk.services.errors import ValidationError
from coachdesk.services.meetings import AttendeeDraft, MeetingDraft, MeetingRecord
from coachdesk.ui.kit.date_field import DateField
from coachdesk.ui.kit.form_dialog import FormDialog
from coachdesk.ui.kit.forms import (
    EnumCombo,
    read_dates,
    text_area,
)
from coachdesk.ui.kit.time_field import TimeField
from coachdesk.ui.meetings.attendee_names import ContactChoice
from coachdesk.ui.meetings.tables import AgreementsEditor, AttendeesEditor


class MeetingEditor(FormDialog):
    """New meeting for ``participant_id`` (or one chosen here), or edit ``meeting``."""

    def __init__(
        self,
        services: Services,
        participant_id: int | None = None,
        meeting: MeetingRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.meeting = meeting
        self.participant_id = meeting.participant_id if meeting else participant_id
        self.saved: MeetingRecord | None = None
        self.participant = QComboBox()
        self.participant.setEditable(True)
        self.participant.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = self.participant.completer()
        assert completer is not None  # an editable combo box has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.date = DateField(allow_empty=False)
        self.time = TimeField()
        self.location = QLineEdit()
        self.kind = EnumCombo(MeetingKind)
        self.attendees = AttendeesEditor()
        job_centres = {
            o.id
            for o in services.directory.list_organisations()
            if o.kind == OrganisationKind.JOB_CENTRE
        }
        self.attendees.offer_contacts(
            [
                ContactChoice(c.id, c.name, c.organisation_name, c.organisation_id in job_centres)
                for c in services.directory.list_contacts()
            ]
        )
        self.agenda = text_area(lines=3)
        self.shared_summary = text_area(lines=5)
        self.internal_notes = text_area(lines=3)
        self.agreements = AgreementsEditor(services.ctx.today())
        self.summary_hint = QLabel()
        self.summary_hint.setWordWrap(True)
        when = QWidget()
        when_row = QHBoxLayout(when)
        when_row.setContentsMargins(0, 0, 0, 0)
        when_row.addWidget(self.date, 1)
        when_row.addWidget(self.time)
        self.rows.add("participant", N_("Participant"), self.participant)
        self.rows.add("held_at", N_("Date and time"), when, buddy=self.date)
        self.rows.add("location", N_("Place"), self.location)
        self.rows.add("kind", N_("Kind of meeting"), self.kind)
        self.rows.add("attendees", N_("Attendees"), self.attendees, buddy=self.attendees.table)
        self.rows.add("agenda", N_("Agenda"), self.agenda)
        self.rows.add("shared_summary", N_("Shared summary"), self.shared_summary)
        self.rows.layout.addRow("", self.summary_hint)
        self.rows.add(
            "internal_notes", N_("Internal – never exported"), self.internal_notes, internal=True
        )
        self.rows.add("agreements", N_("Agreements"), self.agreements, buddy=self.agreements.table)
        # A wrong date shows under the whole date-and-time row.
        self.date.error_label = when.error_label  # type: ignore[attr-defined]
        if self.participant_id is not None:
            self.rows.set_row_visible("participant", False)
        else:
            for row in services.participants.list():
                self.participant.addItem(row.display_name, row.id)
            self.participant.setCurrentIndex(-1)
        self.tab_order = [
            self.participant,
            self.date,
            self.time,
            self.location,
            self.kind,
            self.attendees.table,
            self.attendees.add_button,
            self.attendees.remove_button,
            self.agenda,
            self.shared_summary,
            self.internal_notes,
            self.agreements.table,
            self.agreements.add_button,
            self.agreements.remove_button,
        ]
        self._fill()
        self.retranslate()
        self.mark_clean()
        self.resize_within_screen(820, 760)

    def _fill(self) -> None:
        if self.meeting is not None:
            draft = self.meeting.draft()
            self.date.set_date(draft.held_at.date())
            self.time.setTime(QTime(draft.held_at.hour, draft.held_at.minute))
            self.location.setText(draft.location)
            self.kind.set_value(draft.kind)
            self.attendees.set_attendees(draft.attendees)
            self.agenda.setPlainText(draft.agenda)
            self.shared_summary.setPlainText(draft.shared_summary)
            self.internal_notes.setPlainText(draft.internal_notes)
            self.agreements.set_agreements(draft.agreements)
            return
        self.date.set_date(self.services.ctx.today())
        self.time.setTime(QTime(10, 0))
        attendees = []
        if self.participant_id is not None:
            participant = self.services.participants.get(self.participant_id)
            attendees.append(AttendeeDraft(participant.display_name, AttendeeRole.PARTICIPANT))
            officer = participant.integration_officer_id
            if officer is not None and self.kind.value() == MeetingKind.THREE_WAY:
                # A three-way meeting is with her integration officer: named in her file.
                contact = self.services.directory.get_contact(officer)
                attendees.append(
                    AttendeeDraft(contact.name, AttendeeRole.INTEGRATION_OFFICER, officer)
                )
        if self.services.ctx.actor:
            attendees.append(AttendeeDraft(self.services.ctx.actor, AttendeeRole.COACH))
        self.attendees.set_attendees(tuple(attendees))

    def retranslate(self) -> None:
        self.setWindowTitle(_("New meeting") if self.meeting is None else _("Meeting"))
        self.summary_hint.setText(
            _("The shared summary may go into documents for the job centre, if she consented.")
        )
        self.internal_notes.setPlaceholderText(
            _("Only for you: these notes stay in the vault and are never exported.")
        )
        self.location.setPlaceholderText(_("e.g. mothers' café, job centre room 2.14"))
        line = self.participant.lineEdit()
        if line is not None:
            line.setPlaceholderText(_("Type part of her name"))
        for widget in (self.date, self.kind, self.attendees, self.agreements):
            widget.retranslate()
        self.time.setAccessibleName(_("Time"))
        self.retranslate_form()

    def field_widgets(self) -> dict[str, QWidget]:
        return {
            "participant": self.participant,
            "held_at": self.date,
            "location": self.location,
            "kind": self.kind,
            "attendees": self.attendees,
            "agenda": self.agenda,
            "shared_summary": self.shared_summary,
            "internal_notes": self.internal_notes,
            "agreements": self.agreements,
        }

    def state(self) -> dict[str, Any]:
        """Exactly what is on screen, for a draft in the vault (see ParticipantFile)."""
        return {
            "meeting_id": self.meeting.id if self.meeting else None,
            "date": self.date.text(),
            "time": self.time.time().toString("HH:mm"),
            "location": self.location.text(),
            "kind": self.kind.currentData(),
            "attendees": self.attendees.state(),
            "agenda": self.agenda.toPlainText(),
            "shared_summary": self.shared_summary.toPlainText(),
            "internal_notes": self.internal_notes.toPlainText(),
            "agreements": self.agreements.state(),
        }

    def restore_state(self, state: dict[str, Any]) -> None:
        self.date.set_text(state.get("date", ""))
        self.time.setTime(QTime.fromString(state.get("time", "10:00"), "HH:mm"))
        self.location.setText(state.get("location", ""))
        self.kind.set_value(state.get("kind"))
        self.attendees.restore_state(state.get("attendees", []))
        self.agenda.setPlainText(state.get("agenda", ""))
        self.shared_summary.setPlainText(state.get("shared_summary", ""))
        self.internal_notes.setPlainText(state.get("internal_notes", ""))
        self.agreements.restore_state(state.get("agreements", []))

    def draft(self) -> MeetingDraft:
        day = read_dates({"held_at": self.date})["held_at"]
        assert day is not None
        time = self.time.time()
        return MeetingDraft(
            dt.datetime.combine(day, dt.time(time.hour(), time.minute())),
            self.kind.value(),  # type: ignore[arg-type]
            self.location.text(),
            self.agenda.toPlainText(),
            self.shared_summary.toPlainText(),
            self.internal_notes.toPlainText(),
            self.attendees.attendees(),
            self.agreements.agreements(),
        )

    def save(self) -> bool:
        participant_id = self.participant_id
        if participant_id is None:
            participant_id = self._chosen_participant()
        draft = self.draft()
        if self.meeting is None:
            self.saved = self.services.meetings.create(participant_id, draft)
        else:
            self.saved = self.services.meetings.update(self.meeting.id, draft)
        return True

    def _chosen_participant(self) -> int:
        index = self.participant.findText(self.participant.currentText())
        if index < 0:
            raise ValidationError.single("participant", N_("Please choose the participant."))
        return int(self.participant.itemData(index))
