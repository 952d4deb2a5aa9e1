"""Handover forms through the services, on a real vault."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from coachdesk.facade import Services
from coachdesk.models.enums import HandoverKind, OrganisationKind
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.directory import ContactDraft, OrganisationDraft
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.services.handovers import HandoverDraft
from coachdesk.services.participants import ParticipantDraft
from tests.conftest import TODAY

INTAKE = HandoverDraft(
    HandoverKind.INTAKE,
    dt.date(2026, 2, 2),
    author="Sabine Berger",
    reason="Einstieg in Teilzeitarbeit",
    strengths="Erfahrung als Schneiderin",
    obstacles="Kinderbetreuung nachmittags",
    internal_notes="Vorsicht beim Thema Familie",
)


def test_handover_round_trip(services: Services) -> None:
    pid = services.participants.create(ParticipantDraft("Maryam", "Rahimi")).id
    org = services.directory.create_organisation(
        OrganisationDraft("Jobcenter Dortmund", OrganisationKind.JOB_CENTRE)
    )
    contact = services.directory.create_contact(ContactDraft(org.id, "Sabine Berger"))
    # Naming the contact person brings her organisation along.
    created = services.handovers.create(pid, replace(INTAKE, contact_person_id=contact.id))
    got = services.handovers.get(created.id)
    assert (got.organisation_id, got.organisation_name, got.contact_name) == (
        org.id,
        "Jobcenter Dortmund",
        "Sabine Berger",
    )
    assert got.draft() == replace(INTAKE, contact_person_id=contact.id, organisation_id=org.id)
    exit_ = services.handovers.create(
        pid, HandoverDraft(HandoverKind.EXIT, TODAY, next_steps="Nachbetreuung")
    )
    updated = services.handovers.update(created.id, replace(got.draft(), next_steps="Praktikum"))
    assert updated.next_steps == "Praktikum"
    assert [h.id for h in services.handovers.list_for_participant(pid)] == [exit_.id, created.id]
    services.handovers.archive(created.id)
    assert [h.id for h in services.handovers.list_for_participant(pid)] == [exit_.id]
    assert len(services.handovers.list_for_participant(pid, include_archived=True)) == 2
    services.handovers.unarchive(created.id)
    assert len(services.handovers.list_for_participant(pid)) == 2
    with pytest.raises(NotFoundError):
        services.handovers.get(created.id + 10)


def test_handover_validation_audit_and_changes(services: Services) -> None:
    pid = services.participants.create(ParticipantDraft("Maryam", "Rahimi")).id
    jc = services.directory.create_organisation(
        OrganisationDraft("Jobcenter Dortmund", OrganisationKind.JOB_CENTRE)
    )
    vhs = services.directory.create_organisation(
        OrganisationDraft("VHS", OrganisationKind.ADULT_EDUCATION_CENTRE)
    )
    teacher = services.directory.create_contact(ContactDraft(vhs.id, "Herr Kaya"))
    seen: list[Changes] = []
    services.subscribe(seen.append)
    handover = services.handovers.create(pid, INTAKE)
    cases = [
        (replace(INTAKE, kind="gossip"), "kind"),
        (replace(INTAKE, handover_date=None), "handover_date"),
        (replace(INTAKE, handover_date=TODAY + dt.timedelta(days=400)), "handover_date"),
        (replace(INTAKE, author="x" * 201), "author"),
        (INTAKE, "handover_date"),  # the same intake twice
        (
            replace(
                INTAKE,
                kind=HandoverKind.INTERIM,
                organisation_id=jc.id,
                contact_person_id=teacher.id,
            ),
            "contact_person_id",
        ),
    ]
    for draft, field in cases:
        with pytest.raises(ValidationError) as err:
            services.handovers.create(pid, draft)
        assert err.value.for_field(field) is not None, field
    services.handovers.update(handover.id, replace(INTAKE, situation="Alleinerziehend", reason=""))
    assert seen == [Changes.of({ChangeKind.HANDOVER}, {pid})] * 2
    entries = [
        (e.action, e.details)
        for e in services.audit.entries(participant_id=pid)
        if e.entity == "handover"
    ]
    assert entries == [("update", {"fields": ["reason", "situation"]}), ("create", {})]
    assert "Alleinerziehend" not in str(services.audit.entries())
