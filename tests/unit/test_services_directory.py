"""Organisations, contact persons and responsibilities through the directory service."""

from __future__ import annotations

from dataclasses import replace

import pytest

from coachdesk.facade import Services
from coachdesk.models.enums import OrganisationKind
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.directory import ContactDraft, OrganisationDraft
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.services.responsibilities import ResponsibilityDraft

JOBCENTRE = OrganisationDraft("Jobcenter Dortmund", OrganisationKind.JOB_CENTRE, phone="0231 842")


def test_organisation_and_contact_round_trip(services: Services) -> None:
    org = services.directory.create_organisation(JOBCENTRE)
    assert services.directory.get_organisation(org.id).draft() == JOBCENTRE
    services.directory.update_organisation(org.id, replace(JOBCENTRE, email="team@jc.example"))
    assert services.directory.get_organisation(org.id).email == "team@jc.example"

    contact = services.directory.create_contact(
        ContactDraft(org.id, "Sabine Berger", "Integrationsfachkraft")
    )
    assert contact.organisation_name == "Jobcenter Dortmund"
    vhs = services.directory.create_organisation(
        OrganisationDraft("VHS Dortmund", OrganisationKind.ADULT_EDUCATION_CENTRE)
    )
    moved = services.directory.update_contact(
        contact.id, replace(contact.draft(), organisation_id=vhs.id)
    )
    assert moved.organisation_name == "VHS Dortmund"
    assert [c.name for c in services.directory.list_contacts(vhs.id)] == ["Sabine Berger"]
    assert services.directory.list_contacts(org.id) == []

    services.directory.archive_contact(contact.id)
    assert services.directory.list_contacts() == []
    assert services.directory.get_contact(contact.id).is_archived
    services.directory.unarchive_contact(contact.id)
    services.directory.archive_organisation(vhs.id)
    # Contacts of an archived organisation leave the lists with it.
    assert services.directory.list_contacts() == []
    assert [o.name for o in services.directory.list_organisations()] == ["Jobcenter Dortmund"]
    assert len(services.directory.list_organisations(include_archived=True)) == 2
    assert [o.name for o in services.directory.list_organisations(kind=OrganisationKind.BAMF)] == []
    with pytest.raises(NotFoundError):
        services.directory.get_contact(contact.id + 10)


def test_responsibilities(services: Services) -> None:
    org = services.directory.create_organisation(JOBCENTRE)
    berger = services.directory.create_contact(ContactDraft(org.id, "Sabine Berger"))
    other = services.directory.create_organisation(
        OrganisationDraft("Ausländerbehörde", OrganisationKind.IMMIGRATION_OFFICE)
    )
    stranger = services.directory.create_contact(ContactDraft(other.id, "Herr Yıldız"))
    row = services.directory.add_responsibility(
        org.id, ResponsibilityDraft("Kinderbetreuungskosten", berger.id, "Alleinerziehende")
    )
    assert (row.organisation_name, row.contact_name) == ("Jobcenter Dortmund", "Sabine Berger")
    updated = services.directory.update_responsibility(row.id, replace(row.draft(), note="Antrag"))
    assert updated.note == "Antrag"
    with pytest.raises(ValidationError) as err:
        services.directory.add_responsibility(
            org.id, ResponsibilityDraft("kinderbetreuungskosten", target_group="Alleinerziehende")
        )
    assert err.value.for_field("topic") is not None
    with pytest.raises(ValidationError) as err:
        services.directory.add_responsibility(org.id, ResponsibilityDraft("Visa", stranger.id))
    assert err.value.for_field("contact_person_id") is not None
    with pytest.raises(ValidationError) as err:
        services.directory.add_responsibility(org.id, ResponsibilityDraft(""))
    assert err.value.for_field("topic") is not None
    assert [r.topic for r in services.directory.list_responsibilities(org.id)] == [
        "Kinderbetreuungskosten"
    ]
    services.directory.remove_responsibility(row.id)
    assert services.directory.list_responsibilities() == []


def test_directory_validation_names_the_field(services: Services) -> None:
    org = services.directory.create_organisation(JOBCENTRE)
    services.directory.archive_organisation(org.id)
    cases = [
        (replace(JOBCENTRE, name=" "), "name"),
        (replace(JOBCENTRE, name="jobcenter dortmund"), "name"),  # archived ones count too
        (replace(JOBCENTRE, name="X", kind="bakery"), "kind"),
        (replace(JOBCENTRE, name="X", email="kein-at"), "email"),
        (replace(JOBCENTRE, name="X", phone="call me"), "phone"),
        (replace(JOBCENTRE, name="X" * 201), "name"),
    ]
    for draft, field in cases:
        with pytest.raises(ValidationError) as err:
            services.directory.create_organisation(draft)
        assert err.value.for_field(field) is not None, field
    live = services.directory.create_organisation(replace(JOBCENTRE, name="Jobcenter Unna"))
    services.directory.create_contact(ContactDraft(live.id, "Frau Özdemir"))
    for draft, field in [
        (ContactDraft(live.id, ""), "name"),
        (ContactDraft(live.id, "frau özdemir"), "name"),
        (ContactDraft(live.id, "Herr Kaya", email="x@"), "email"),
        (ContactDraft(org.id, "Herr Kaya"), "organisation_id"),  # archived organisation
    ]:
        with pytest.raises(ValidationError) as err:
            services.directory.create_contact(draft)
        assert err.value.for_field(field) is not None, field


def test_audit_and_changes(services: Services) -> None:
    seen: list[Changes] = []
    services.subscribe(seen.append)
    org = services.directory.create_organisation(JOBCENTRE)
    services.directory.update_organisation(org.id, replace(JOBCENTRE, notes="Eingang B"))
    with pytest.raises(ValidationError):
        services.directory.create_organisation(JOBCENTRE)
    services.directory.create_contact(ContactDraft(org.id, "Sabine Berger"))
    assert seen == [
        Changes.of({ChangeKind.ORGANISATION}),
        Changes.of({ChangeKind.ORGANISATION}),
        Changes.of({ChangeKind.CONTACT}),
    ]
    entries = [(e.action, e.entity, e.details) for e in services.audit.entries()]
    assert entries == [
        ("create", "contact", {}),
        ("update", "organisation", {"fields": ["notes"]}),
        ("create", "organisation", {}),
    ]
