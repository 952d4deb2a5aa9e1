"""The meeting and handover editors, filled and saved as a coach would."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from coachdesk.models.enums import AttendeeRole, HandoverKind, OrganisationKind
from coachdesk.services.directory import OrganisationDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.handovers.editor import HandoverEditor
from coachdesk.ui.meetings.editor import MeetingEditor
from tests.ui.shell_support import type_text


@pytest.fixture
def participant_id(services) -> int:  # type: ignore[no-untyped-def]
    return services.participants.create(ParticipantDraft("Amina", "Haddad")).id


def _click_save(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_meeting_with_agreement_is_stored(qtbot, services, participant_id) -> None:  # type: ignore[no-untyped-def]
    editor = MeetingEditor(services, participant_id)
    qtbot.addWidget(editor)
    editor.date.line.setText("20/03/2026")
    editor.location.setText("Müttercafé Nordstadt")
    row = editor.attendees.add_row()
    editor.attendees.set_text(row, editor.attendees.NAME, "Frau Berger")
    editor.attendees.table.cellWidget(row, editor.attendees.ROLE).set_value(
        AttendeeRole.INTEGRATION_OFFICER
    )
    editor.shared_summary.setPlainText("Sprachkurs B1 ab April besprochen.")
    editor.internal_notes.setPlainText("Wirkte müde.")
    row = editor.agreements.add_row()
    editor.agreements.set_text(row, editor.agreements.WHO, "Amina")
    editor.agreements.set_text(row, editor.agreements.WHAT, "Anmeldung zum Sprachkurs")
    editor.agreements.due_field(row).line.setText("31/03/2026")
    _click_save(editor)

    assert editor.result() == editor.DialogCode.Accepted
    [meeting] = services.meetings.list_for_participant(participant_id)
    assert meeting.held_at == dt.datetime(2026, 3, 20, 10, 0)
    assert meeting.location == "Müttercafé Nordstadt"
    assert {(a.name, a.role) for a in meeting.attendees} >= {
        ("Amina Haddad", AttendeeRole.PARTICIPANT),
        ("Frau Berger", AttendeeRole.INTEGRATION_OFFICER),
    }
    [agreement] = meeting.agreements
    assert (agreement.who, agreement.what, agreement.due_date, agreement.done_on) == (
        "Amina",
        "Anmeldung zum Sprachkurs",
        dt.date(2026, 3, 31),
        None,
    )
    assert meeting.internal_notes == "Wirkte müde."


def test_internal_notes_are_labelled_never_exported(qtbot, services, participant_id) -> None:  # type: ignore[no-untyped-def]
    editor = MeetingEditor(services, participant_id)
    qtbot.addWidget(editor)
    caption = editor.rows.captions["internal_notes"]
    assert caption.text() == "Internal – never exported"
    assert caption.buddy() is editor.internal_notes
    assert "background" in editor.internal_notes.styleSheet()
    assert "background" not in editor.shared_summary.styleSheet()


def test_wrong_agreement_date_is_reported_and_nothing_is_lost(
    qtbot, services, participant_id
) -> None:  # type: ignore[no-untyped-def]
    editor = MeetingEditor(services, participant_id)
    qtbot.addWidget(editor)
    row = editor.agreements.add_row()
    editor.agreements.set_text(row, editor.agreements.WHAT, "Lebenslauf schreiben")
    editor.agreements.due_field(row).line.setText("nächste Woche")
    _click_save(editor)
    assert editor.result() != editor.DialogCode.Accepted
    assert "not a date" in editor.agreements.error_label.text()
    assert editor.agreements.text(row, editor.agreements.WHAT) == "Lebenslauf schreiben"
    assert services.meetings.list_for_participant(participant_id) == []


def test_handover_editor_saves_an_intake_handover(qtbot, services, participant_id) -> None:  # type: ignore[no-untyped-def]
    jobcentre = services.directory.create_organisation(
        OrganisationDraft("Jobcenter Nordstadt", OrganisationKind.JOB_CENTRE)
    )
    editor = HandoverEditor(services, participant_id, kind=HandoverKind.INTAKE)
    qtbot.addWidget(editor)
    prominent = [caption.text() for caption in editor.main_rows.captions.values()]
    assert prominent[0] == "Why the job centre refers her"
    editor.show()
    qtbot.keyClicks(editor.author, "Frau Berger (IFK)")
    qtbot.keyClicks(editor.organisation, "Jobcenter")  # chosen by typing its name
    assert editor.organisation.currentData() == jobcentre.id
    type_text(qtbot, editor.texts["reason"], "Rückkehr in den Beruf nach Elternzeit")
    type_text(qtbot, editor.texts["strengths"], "Erfahrung im Verkauf")
    _click_save(editor)

    assert editor.result() == editor.DialogCode.Accepted
    [handover] = services.handovers.list_for_participant(participant_id)
    assert handover.kind == HandoverKind.INTAKE
    assert handover.organisation_name == "Jobcenter Nordstadt"
    assert handover.reason == "Rückkehr in den Beruf nach Elternzeit"
    assert handover.strengths == "Erfahrung im Verkauf"


def test_new_participant_dialog_names_every_problem_at_once(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    from coachdesk.ui.participants.new_dialog import NewParticipantDialog

    dialog = NewParticipantDialog(services)
    qtbot.addWidget(dialog)
    fields = dialog.form.fields
    fields["first_name"].setText("Amina")
    fields["date_of_birth"].line.setText("2.1.90x")
    _click_save(dialog)
    assert "not a date" in fields["date_of_birth"].error_label.text()
    assert "Please fill in last name" in fields["last_name"].error_label.text()
    assert services.participants.count() == 0

    fields["last_name"].setText("Haddad")
    fields["date_of_birth"].line.setText("02/01/1990")
    _click_save(dialog)
    assert dialog.participant_id is not None
    assert services.participants.get(dialog.participant_id).date_of_birth == dt.date(1990, 1, 2)


def test_cancelling_a_changed_meeting_asks_first(qtbot, services, participant_id) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    editor = MeetingEditor(services, participant_id)
    qtbot.addWidget(editor)
    editor.open()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)  # nothing typed: closes without a question
    assert editor.result() == editor.DialogCode.Rejected and not editor.isVisible()

    editor = MeetingEditor(services, participant_id)
    qtbot.addWidget(editor)
    editor.open()
    editor.shared_summary.setPlainText("Wichtige Absprache")
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Cancel))
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert asked and "not saved" in asked[0]
    assert editor.isVisible()
    assert editor.shared_summary.toPlainText() == "Wichtige Absprache"

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Discard))
    editor.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert not editor.isVisible()
    assert services.meetings.list_for_participant(participant_id) == []


def test_a_three_way_meeting_starts_with_her_integration_officer(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from coachdesk.services.directory import ContactDraft

    jobcentre = services.directory.create_organisation(
        OrganisationDraft("Jobcenter Nordstadt", OrganisationKind.JOB_CENTRE)
    )
    berger = services.directory.create_contact(ContactDraft(jobcentre.id, "Frau Berger"))
    amina = services.participants.create(ParticipantDraft("Amina", "Haddad"))
    services.participants.update(amina.id, replace(amina.draft(), integration_officer_id=berger.id))
    editor = MeetingEditor(services, amina.id)
    qtbot.addWidget(editor)
    names = [
        editor.attendees.text(r, editor.attendees.NAME)
        for r in range(editor.attendees.table.rowCount())
    ]
    assert "Frau Berger" in names
    editor.show()
    width = editor.agreements.table.columnWidth(editor.agreements.WHO)
    assert width >= editor.fontMetrics().horizontalAdvance("Frau Dr. Berger")
    _click_save(editor)
    [meeting] = services.meetings.list_for_participant(amina.id)
    assert ("Frau Berger", AttendeeRole.INTEGRATION_OFFICER, berger.id) in {
        (a.name, a.role, a.contact_person_id) for a in meeting.attendees
    }


def test_an_attendee_is_picked_from_the_directory_by_typing(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLineEdit

    from coachdesk.services.directory import ContactDraft

    jobcentre = services.directory.create_organisation(
        OrganisationDraft("Jobcenter Nordstadt", OrganisationKind.JOB_CENTRE)
    )
    berger = services.directory.create_contact(ContactDraft(jobcentre.id, "Frau Berger"))
    amina = services.participants.create(ParticipantDraft("Amina", "Haddad"))
    editor = MeetingEditor(services, amina.id)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.mouseClick(editor.attendees.add_button, Qt.MouseButton.LeftButton)
    typing = QApplication.focusWidget()
    assert isinstance(typing, QLineEdit)
    qtbot.keyClicks(typing, "berg")
    popup = typing.completer().popup()
    qtbot.waitUntil(popup.isVisible, timeout=2000)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.keyClick(typing, Qt.Key.Key_Return)  # done with this cell
    # An interpreter not in the directory is typed as she is.
    qtbot.mouseClick(editor.attendees.add_button, Qt.MouseButton.LeftButton)
    typing = QApplication.focusWidget()
    assert isinstance(typing, QLineEdit), typing
    qtbot.keyClicks(typing, "Samir Haddad (Dolmetscher)")
    qtbot.keyClick(typing, Qt.Key.Key_Return)
    qtbot.wait(50)  # the table takes the text from its editor once the key is handled
    _click_save(editor)
    [meeting] = services.meetings.list_for_participant(amina.id)
    found = {(a.name, a.role, a.contact_person_id) for a in meeting.attendees}
    assert ("Frau Berger", AttendeeRole.INTEGRATION_OFFICER, berger.id) in found
    assert ("Samir Haddad (Dolmetscher)", AttendeeRole.OTHER, None) in found
