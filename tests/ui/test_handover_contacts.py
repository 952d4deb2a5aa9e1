"""Choosing the organisation in a handover narrows the contact persons to its staff."""

from __future__ import annotations

from coachdesk.models.enums import HandoverKind, OrganisationKind
from coachdesk.services.directory import ContactDraft, OrganisationDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.handovers.editor import HandoverEditor


def _contacts_offered(editor: HandoverEditor) -> list[str]:
    return [editor.contact.itemText(i) for i in range(1, editor.contact.count())]


def test_contact_list_follows_the_organisation(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    pid = services.participants.create(ParticipantDraft("Olena", "Kovalenko")).id
    jobcentre = services.directory.create_organisation(
        OrganisationDraft("Jobcenter Nordstadt", OrganisationKind.JOB_CENTRE)
    )
    counselling = services.directory.create_organisation(
        OrganisationDraft("Migrationsberatung Süd", OrganisationKind.MIGRATION_COUNSELLING)
    )
    officer = services.directory.create_contact(ContactDraft(jobcentre.id, "Frau Berger"))
    services.directory.create_contact(ContactDraft(counselling.id, "Herr Yıldız"))

    editor = HandoverEditor(services, pid, kind=HandoverKind.INTAKE)
    qtbot.addWidget(editor)
    assert len(_contacts_offered(editor)) == 2

    editor.contact.setCurrentIndex(editor.contact.findData(officer.id))
    editor.organisation.setCurrentIndex(editor.organisation.findData(jobcentre.id))
    assert _contacts_offered(editor) == ["Frau Berger"]
    assert editor.contact.currentData() == officer.id  # her choice survives the narrowing

    editor.organisation.setCurrentIndex(editor.organisation.findData(counselling.id))
    assert _contacts_offered(editor) == ["Herr Yıldız"]
    assert editor.contact.currentData() is None
