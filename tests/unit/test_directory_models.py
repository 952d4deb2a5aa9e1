from __future__ import annotations

from coachdesk.models.enums import OrganisationKind
from coachdesk.services.directory import ContactRecord, OrganisationRecord
from coachdesk.services.responsibilities import ResponsibilityRecord
from coachdesk.ui.contacts.contact_model import ContactTableModel
from coachdesk.ui.contacts.organisation_model import OrganisationTableModel
from coachdesk.ui.contacts.responsibility_model import ResponsibilityTableModel
from coachdesk.ui.kit.table_model import SORT_ROLE


def test_organisations_contacts_and_responsibilities() -> None:
    orgs = OrganisationTableModel()
    orgs.set_rows(
        [
            OrganisationRecord("Jobcenter", OrganisationKind.JOB_CENTRE, id=1),
            OrganisationRecord("BAMF", OrganisationKind.BAMF, id=2),
        ]
    )
    assert orgs.data(orgs.index(0, OrganisationTableModel.KIND)) == "Job centre"
    assert orgs.data(orgs.index(0, OrganisationTableModel.KIND), SORT_ROLE) == 0
    assert orgs.data(orgs.index(1, OrganisationTableModel.NAME), SORT_ROLE) == "bamf"
    contacts = ContactTableModel()
    contacts.set_rows(
        [
            ContactRecord(
                1, "Frau Berger", "Integration officer", id=4, organisation_name="Jobcenter"
            )
        ]
    )
    assert contacts.data(contacts.index(0, ContactTableModel.ROLE)) == "Integration officer"
    topics = ResponsibilityTableModel()
    topics.set_rows([ResponsibilityRecord("Kinderzuschlag", contact_name="Frau Berger")])
    assert topics.data(topics.index(0, ResponsibilityTableModel.CONTACT)) == "Frau Berger"
