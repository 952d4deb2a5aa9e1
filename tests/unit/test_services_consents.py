"""Consents through the services: the rules, withdrawal and which consents cover a recipient."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from coachdesk.facade import Services
from coachdesk.models.enums import ConsentMethod, DataCategory, LegalBasis, OrganisationKind
from coachdesk.services.consents import ConsentDraft
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.directory import ContactDraft, OrganisationDraft
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.services.participants import ParticipantDraft
from tests.conftest import TODAY

GIVEN = dt.date(2026, 1, 15)


def _setup(services: Services) -> tuple[int, int, int]:
    """A participant, a job centre and one of its integration officers."""
    pid = services.participants.create(ParticipantDraft("Zeynep", "Demir")).id
    org = services.directory.create_organisation(
        OrganisationDraft("Jobcenter Dortmund", OrganisationKind.JOB_CENTRE)
    )
    contact = services.directory.create_contact(ContactDraft(org.id, "Sabine Berger"))
    return pid, org.id, contact.id


def _draft(org_id: int | None, **changes: object) -> ConsentDraft:
    draft = ConsentDraft(
        frozenset({DataCategory.GOALS_PROGRESS, DataCategory.MEETING_SUMMARIES}),
        "Abstimmung der Eingliederungsvereinbarung",
        GIVEN,
        recipient_organisation_id=org_id,
        notice_version="2026-01",
        valid_until=dt.date(2026, 12, 31),
        paper_reference="Ordner 3, Blatt 12",
    )
    return replace(draft, **changes)  # type: ignore[arg-type]


def test_consent_round_trip_and_withdrawal(services: Services) -> None:
    pid, org, contact = _setup(services)
    consent = services.consents.record(pid, _draft(org))
    got = services.consents.get(consent.id)
    assert got.recipient_name == "Jobcenter Dortmund"
    assert got.recorded_by == "Test Coach"
    assert got.categories == {DataCategory.GOALS_PROGRESS, DataCategory.MEETING_SUMMARIES}
    assert got.draft() == _draft(org, recorded_by="Test Coach")

    fewer = services.consents.update(
        consent.id, replace(got.draft(), categories=frozenset({DataCategory.GOALS_PROGRESS}))
    )
    assert fewer.categories == {DataCategory.GOALS_PROGRESS}
    personal = services.consents.record(
        pid, _draft(org, recipient_contact_id=contact, valid_until=None)
    )
    assert personal.recipient_name == "Sabine Berger (Jobcenter Dortmund)"

    withdrawn = services.consents.withdraw(consent.id, TODAY)
    assert withdrawn.withdrawn_on == TODAY
    assert withdrawn.is_valid_on(TODAY - dt.timedelta(days=1))
    assert not withdrawn.is_valid_on(TODAY)
    assert [c.id for c in services.consents.list_for_participant(pid)] == [
        personal.id,
        consent.id,
    ]
    with pytest.raises(ValidationError):
        services.consents.withdraw(consent.id, TODAY)
    with pytest.raises(ValidationError):
        services.consents.update(consent.id, withdrawn.draft())
    with pytest.raises(NotFoundError):
        services.consents.get(consent.id + 10)


def test_valid_on_follows_recipient_dates_and_withdrawal(services: Services) -> None:
    pid, org, contact = _setup(services)
    other_org = services.directory.create_organisation(
        OrganisationDraft("Migrationsberatung Caritas", OrganisationKind.MIGRATION_COUNSELLING)
    ).id
    for_org = services.consents.record(pid, _draft(org))
    for_person = services.consents.record(
        pid, _draft(org, recipient_contact_id=contact, given_on=dt.date(2026, 3, 1))
    )
    expired = services.consents.record(pid, _draft(other_org, valid_until=dt.date(2026, 2, 28)))

    def ids(on: dt.date, o: int | None, c: int | None) -> set[int]:
        return {r.id for r in services.consents.valid_on(pid, on, o, c)}

    # The officer is covered by the consent for her job centre, even when only she is named.
    assert ids(TODAY, org, contact) == {for_org.id, for_person.id}
    assert ids(TODAY, None, contact) == {for_org.id, for_person.id}
    # Another person of the job centre only by the organisation's consent.
    assert ids(TODAY, org, None) == {for_org.id}
    assert ids(dt.date(2026, 2, 1), org, contact) == {for_org.id}
    assert ids(TODAY, other_org, None) == set()
    assert ids(dt.date(2026, 2, 28), other_org, None) == {expired.id}
    services.consents.withdraw(for_org.id, TODAY)
    assert ids(TODAY, org, contact) == {for_person.id}


def test_consent_rules_name_the_field(services: Services) -> None:
    pid, org, contact = _setup(services)
    other = services.directory.create_organisation(
        OrganisationDraft("VHS", OrganisationKind.ADULT_EDUCATION_CENTRE)
    ).id
    health = frozenset({DataCategory.HEALTH})
    residence = frozenset({DataCategory.RESIDENCE_STATUS, DataCategory.GOALS_PROGRESS})
    explicit = LegalBasis.EXPLICIT_CONSENT
    oral = ConsentMethod.ORAL_WITH_WITNESS
    services.consents.record(pid, _draft(org))
    cases = [
        (_draft(org, categories=frozenset()), "categories"),
        (_draft(None), "recipient"),
        (_draft(org, purpose="  "), "purpose"),
        (_draft(org, given_on=None), "given_on"),
        (_draft(org, given_on=TODAY + dt.timedelta(days=1)), "given_on"),
        (_draft(org, valid_until=dt.date(2026, 1, 14)), "valid_until"),
        (_draft(org, method=oral), "witness"),
        (_draft(org, categories=health), "legal_basis"),
        (
            _draft(org, categories=residence, legal_basis=explicit, method=oral, witness="X"),
            "method",
        ),
        (_draft(org, legal_basis="whim"), "legal_basis"),
        (_draft(org, notice_language="Arabisch"), "notice_language"),
        (_draft(org, witness="x" * 201), "witness"),
        (_draft(other, recipient_contact_id=contact), "recipient"),
        (_draft(org + 100), "recipient"),
        (_draft(org), None),  # the same consent twice
    ]
    for draft, field in cases:
        with pytest.raises(ValidationError) as err:
            services.consents.record(pid, draft)
        fields = [e.field for e in err.value.errors]
        assert field in fields, (field, fields)
    ok = services.consents.record(
        pid, _draft(org, categories=health, legal_basis=explicit, given_on=dt.date(2026, 2, 1))
    )
    with pytest.raises(ValidationError) as err:
        services.consents.withdraw(ok.id, dt.date(2026, 1, 31))
    assert err.value.for_field("withdrawn_on") is not None
    with pytest.raises(ValidationError):
        services.consents.withdraw(ok.id, TODAY + dt.timedelta(days=1))
    assert len(services.consents.list_for_participant(pid)) == 2


def test_audit_and_changes(services: Services) -> None:
    pid, org, _contact = _setup(services)
    seen: list[Changes] = []
    services.subscribe(seen.append)
    consent = services.consents.record(pid, _draft(org))
    services.consents.update(consent.id, replace(consent.draft(), purpose="Bewerbung als MFA"))
    with pytest.raises(ValidationError):
        services.consents.update(consent.id, replace(consent.draft(), purpose=""))
    services.consents.withdraw(consent.id, TODAY)
    assert seen == [Changes.of({ChangeKind.CONSENT}, {pid})] * 3
    entries = [
        (e.action, e.details)
        for e in services.audit.entries(participant_id=pid)
        if e.entity == "consent"
    ]
    assert entries == [("withdraw", {}), ("update", {"fields": ["purpose"]}), ("create", {})]
