"""Today's reminder to scan a signed consent: written consents two weeks after they were given,
without a paper linked, not withdrawn and not ended; not oral ones, not archived files."""

from __future__ import annotations

import datetime as dt

import pytest

from coachdesk.facade import Services
from coachdesk.models.enums import ConsentMethod, DataCategory, OrganisationKind
from coachdesk.services.attachment_records import AttachmentDraft
from coachdesk.services.consent_scans import scan_due
from coachdesk.services.consents import ConsentDraft
from coachdesk.services.directory import OrganisationDraft
from coachdesk.services.participants import ParticipantDraft
from tests.conftest import TODAY
from tests.unit.attachment_files import jpeg_bytes, pdf_bytes


def _consent(
    services: Services,
    pid: int,
    days_ago: int,
    method: ConsentMethod = ConsentMethod.WRITTEN,
    valid_until: dt.date | None = None,
) -> int:
    # One recipient per consent: the same consent twice on one day is refused.
    name = f"Jobcenter {len(services.directory.list_organisations()) + 1}"
    org_id = services.directory.create_organisation(
        OrganisationDraft(name, OrganisationKind.JOB_CENTRE)
    ).id
    draft = ConsentDraft(
        frozenset({DataCategory.GOALS_PROGRESS}),
        "Abstimmung",
        TODAY - dt.timedelta(days=days_ago),
        recipient_organisation_id=org_id,
        method=method,
        witness="Frau Weber" if method is ConsentMethod.ORAL_WITH_WITNESS else "",
        valid_until=valid_until,
    )
    return services.consents.record(pid, draft).id


def _unscanned(services: Services, day: dt.date = TODAY) -> list[int]:
    return [c.consent_id for c in services.reminders.today(day).consents_without_scan]


@pytest.mark.parametrize(("days_ago", "warned"), [(13, False), (14, True), (15, True)])
def test_a_written_consent_is_due_for_its_scan_from_the_fourteenth_day(
    services: Services, days_ago: int, warned: bool
) -> None:
    pid = services.participants.create(ParticipantDraft("Amina", "Haddad")).id
    cid = _consent(services, pid, days_ago)
    assert _unscanned(services) == ([cid] if warned else [])
    assert scan_due(TODAY - dt.timedelta(days=days_ago), TODAY) is warned


def test_the_reminder_names_her_the_recipient_and_the_day_it_was_given(
    services: Services,
) -> None:
    pid = services.participants.create(ParticipantDraft("Amina", "Haddad")).id
    cid = _consent(services, pid, 15)
    [item] = services.reminders.today().consents_without_scan
    assert (item.consent_id, item.participant_id, item.participant_name) == (
        cid,
        pid,
        "Amina Haddad",
    )
    assert (item.text, item.date) == ("Jobcenter 1", TODAY - dt.timedelta(days=15))
    assert services.reminders.today().count == 1


def test_a_linked_paper_ends_the_reminder_and_removing_it_brings_it_back(
    services: Services,
) -> None:
    pid = services.participants.create(ParticipantDraft("Amina", "Haddad")).id
    cid = _consent(services, pid, 15)
    other = _consent(services, pid, 20)
    # A paper in her file that belongs to nothing does not count as the scan.
    services.attachments.add(pid, jpeg_bytes(), AttachmentDraft("Foto", DataCategory.HEALTH))
    assert _unscanned(services) == [other, cid]
    paper = services.attachments.add(
        pid,
        pdf_bytes("Einwilligung unterschrieben"),
        AttachmentDraft("Einwilligung", DataCategory.IDENTITY_CONTACT, consent_id=cid),
    )
    assert _unscanned(services) == [other]
    services.attachments.remove(paper.id)
    assert _unscanned(services) == [other, cid]


def test_oral_withdrawn_ended_and_archived_consents_are_not_reminded(
    services: Services,
) -> None:
    pid = services.participants.create(ParticipantDraft("Amina", "Haddad")).id
    _consent(services, pid, 30, ConsentMethod.ORAL_WITH_WITNESS)
    withdrawn = _consent(services, pid, 30)
    services.consents.withdraw(withdrawn, TODAY - dt.timedelta(days=1))
    _consent(services, pid, 60, valid_until=TODAY - dt.timedelta(days=1))
    last_day = _consent(services, pid, 60, valid_until=TODAY)
    assert _unscanned(services) == [last_day]
    assert _unscanned(services, TODAY + dt.timedelta(days=1)) == []

    archived = services.participants.create(ParticipantDraft("Olena", "Kovalenko")).id
    _consent(services, archived, 30)
    services.participants.archive(archived)
    assert _unscanned(services) == [last_day]
