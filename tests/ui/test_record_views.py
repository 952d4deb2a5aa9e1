"""The meetings, modules and contacts views: empty states, refresh on change, actions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialogButtonBox

from coachdesk.models.enums import MeetingKind, OrganisationKind
from coachdesk.services.directory import OrganisationDraft
from coachdesk.services.meetings import MeetingDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.services.responsibilities import ResponsibilityDraft
from coachdesk.ui.contacts.view import ContactsView
from coachdesk.ui.meetings.view import RECENT, MeetingsView
from coachdesk.ui.modules.view import ModulesView
from coachdesk.ui.shell.signals import AppSignals


def _hub(services) -> AppSignals:  # type: ignore[no-untyped-def]
    hub = AppSignals()
    services.subscribe(hub.publish)
    return hub


def _click_save(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_meetings_view_lists_new_meetings_and_asks_for_the_file(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    view = MeetingsView(services, _hub(services))
    qtbot.addWidget(view)
    assert view.table.is_empty() and "No meetings" in view.table.empty.text()
    amina = services.participants.create(ParticipantDraft("Amina", "Haddad")).id
    services.meetings.create(
        amina, MeetingDraft(dt.datetime(2026, 3, 18, 9, 30), MeetingKind.THREE_WAY, "Jobcenter")
    )
    assert [r.participant_name for r in view.table.model.rows()] == ["Amina Haddad"]
    view.range.setCurrentIndex(RECENT)
    assert view.table.is_empty()
    view.range.setCurrentIndex(0)
    view.table.view.selectRow(0)
    with qtbot.waitSignal(view.open_requested) as requested:
        view.file_button.click()
    assert requested.args == [amina]


def test_modules_view_creates_a_module(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    view = ModulesView(services, _hub(services))
    qtbot.addWidget(view)
    assert "catalogue is empty" in view.table.empty.text()
    dialog = view.open_module(None)
    dialog.widgets["title"].setText("Bewerbungstraining")
    dialog.widgets["starts_on"].line.setText("01/04/2026")
    dialog.widgets["childcare_available"].setChecked(True)
    _click_save(dialog)
    [module] = services.modules.list()
    assert (module.title, module.starts_on, module.childcare_available) == (
        "Bewerbungstraining",
        dt.date(2026, 4, 1),
        True,
    )
    assert [m.title for m in view.table.model.rows()] == ["Bewerbungstraining"]


def test_contacts_view_adds_organisation_and_contact_person(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    view = ContactsView(services, _hub(services))
    qtbot.addWidget(view)
    assert "No organisations yet" in view.organisations.empty.text()
    dialog = view.open_organisation(None)
    dialog.widgets["name"].setText("Jobcenter Nordstadt")
    _click_save(dialog)
    view.organisations.view.selectRow(0)
    person = view.open_contact(None)
    person.widgets["name"].setText("Frau Berger")
    person.widgets["role_title"].setText("Integration officer")
    _click_save(person)
    [contact] = services.directory.list_contacts()
    assert (contact.name, contact.organisation_name) == ("Frau Berger", "Jobcenter Nordstadt")
    assert [c.name for c in view.contacts.model.rows()] == ["Frau Berger"]


def test_contacts_view_edits_a_responsibility(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    org = services.directory.create_organisation(
        OrganisationDraft("Ausländerbehörde", OrganisationKind.IMMIGRATION_OFFICE)
    )
    services.directory.add_responsibility(org.id, ResponsibilityDraft("Aufenthaltstitel"))
    view = ContactsView(services, _hub(services))
    qtbot.addWidget(view)
    view.organisations.view.selectRow(0)
    view.responsibilities.view.selectRow(0)
    dialog = view.open_responsibility(view.responsibilities.current_record())
    assert dialog.widgets["topic"].text() == "Aufenthaltstitel"
    dialog.widgets["target_group"].setText("Frauen mit Fiktionsbescheinigung")
    _click_save(dialog)
    [topic] = services.directory.list_responsibilities(org.id)
    assert (topic.topic, topic.target_group) == (
        "Aufenthaltstitel",
        "Frauen mit Fiktionsbescheinigung",
    )


def test_missing_title_is_shown_next_to_the_field(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    view = ModulesView(services, _hub(services))
    qtbot.addWidget(view)
    dialog = view.open_module(None)
    _click_save(dialog)
    assert dialog.isVisible()
    assert "Please fill in" in dialog.widgets["title"].error_label.text()
    assert services.modules.list() == []


def test_new_meeting_from_the_meetings_view_needs_a_participant(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    amina = services.participants.create(ParticipantDraft("Amina", "Haddad")).id
    view = MeetingsView(services, _hub(services))
    qtbot.addWidget(view)
    editor = view.open_meeting(None)
    editor.date.line.setText("18/03/2026")
    _click_save(editor)
    assert "choose the participant" in editor.participant.error_label.text()
    editor.participant.setEditText("Amina Haddad")
    _click_save(editor)
    assert [m.participant_id for m in services.meetings.list()] == [amina]
    assert [r.participant_name for r in view.table.model.rows()] == ["Amina Haddad"]
