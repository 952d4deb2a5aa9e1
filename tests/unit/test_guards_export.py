"""What leaves the vault in a document, field by field, as the recipient or an auditor reads it.

Written against the mutants that survived the older tests (issue 19): a consent's terms
dropped from the document's basis, a record's id or a module's title lost, empty fields
listed, a person's own consent used for her whole organisation, a guard that lets an
uncovered column through.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from coachdesk.export import consent_filter
from coachdesk.export.consent_filter import (
    category_of,
    consent_form_facts,
    filter_participant,
)
from coachdesk.export.facts import HandoverFacts, WithheldReason
from coachdesk.export.request import ExportRequest
from coachdesk.export.service import ExportService
from coachdesk.models import Consent, Handover, Meeting, Participant, Programme
from coachdesk.models.enums import AttendeeRole, ConsentMethod, LegalBasis
from coachdesk.models.enums import DataCategory as C
from coachdesk.services.errors import NotFoundError
from coachdesk.vault.store import Vault
from tests.conftest import TODAY
from tests.unit.test_export_support import MARKERS, Seeded, add_consent, seed


def _filtered(vault: Vault, seeded: Seeded, contact_id: int | None = None, on: dt.date = TODAY):  # type: ignore[no-untyped-def]
    with vault.sessions() as s:
        return filter_participant(
            s, seeded.participant_id, seeded.job_centre_id, contact_id, "Exit", on
        )


def test_every_record_arrives_whole_when_its_kind_of_data_is_covered(vault: Vault) -> None:
    seeded = seed(vault.sessions)
    add_consent(vault.sessions, seeded.participant_id, set(C), organisation_id=seeded.job_centre_id)
    f = _filtered(vault, seeded)
    with vault.sessions() as s:
        meeting_id = s.query(Meeting.id).one()[0]
        handover_id = s.query(Handover.id).one()[0]
    goal = f.goals[0]
    assert goal.title == MARKERS[C.GOALS_PROGRESS]
    assert [(m.title, m.reached_on) for m in goal.milestones] == [
        ("CV written", dt.date(2025, 11, 3))
    ]
    enrolment = f.enrolments[0]
    assert enrolment.module_title == "Application training"
    assert [(a.session_date, a.status) for a in enrolment.attendance] == [
        (dt.date(2025, 10, 8), "present")
    ]
    assert f.meetings[0].meeting_id == meeting_id  # the enclosures and the history name it
    assert f.handovers[0].handover_id == handover_id
    # Her own name on the attendee list, with the identity consent.
    roles = {a.role: a.name for a in f.meetings[0].attendees}
    assert roles[AttendeeRole.PARTICIPANT] == "Fatima Yılmaz"


def test_her_name_is_blank_on_the_attendee_list_but_her_role_stays(vault: Vault) -> None:
    seeded = seed(vault.sessions)
    add_consent(
        vault.sessions,
        seeded.participant_id,
        {C.MEETING_SUMMARIES},
        organisation_id=seeded.job_centre_id,
    )
    attendees = _filtered(vault, seeded).meetings[0].attendees
    assert [(a.name, a.role) for a in attendees] == [
        ("Petra Schulz", AttendeeRole.COACH),
        ("", AttendeeRole.PARTICIPANT),
    ]


def test_facts_are_the_filled_fields_each_with_its_category(vault: Vault) -> None:
    seeded = seed(vault.sessions)
    add_consent(vault.sessions, seeded.participant_id, set(C), organisation_id=seeded.job_centre_id)
    facts = _filtered(vault, seeded).facts
    assert facts, "with every category covered, her filled fields are listed"
    for fact in facts:
        assert fact.value not in (None, ""), fact.field  # an empty line says nothing
        assert fact.category == category_of(Participant, fact.field)
    by_field = {fact.field: fact for fact in facts}
    assert by_field["health_notes"].category == C.HEALTH
    assert by_field["health_notes"].value == MARKERS[C.HEALTH]
    assert "phone" not in by_field and "date_of_birth" not in by_field  # left empty in seed


def test_the_consent_basis_repeats_the_terms_she_agreed_to(vault: Vault) -> None:
    seeded = seed(vault.sessions)
    cid = add_consent(
        vault.sessions,
        seeded.participant_id,
        {C.GOALS_PROGRESS, C.HEALTH},
        organisation_id=seeded.job_centre_id,
        valid_until=dt.date(2026, 12, 31),
    )
    with vault.sessions.begin() as s:
        c = s.get(Consent, cid)
        assert c is not None
        c.legal_basis = LegalBasis.EXPLICIT_CONSENT
        c.method = ConsentMethod.WRITTEN
    (basis,) = _filtered(vault, seeded).consent_basis
    assert basis.consent_id == cid
    assert basis.given_on == dt.date(2026, 1, 5)
    assert basis.valid_until == dt.date(2026, 12, 31)
    assert basis.purpose == "Cooperation in the programme"
    assert basis.legal_basis == LegalBasis.EXPLICIT_CONSENT
    assert basis.method == ConsentMethod.WRITTEN
    assert basis.notice_version == "2026-01"
    assert basis.categories == {C.GOALS_PROGRESS, C.HEALTH}


def test_a_consent_for_one_person_is_not_one_for_her_organisation(vault: Vault) -> None:
    seeded = seed(vault.sessions)
    add_consent(
        vault.sessions,
        seeded.participant_id,
        {C.HEALTH},
        contact_id=seeded.officer_id,
        valid_until=TODAY - dt.timedelta(days=1),
    )
    add_consent(
        vault.sessions, seeded.participant_id, {C.GOALS_PROGRESS}, contact_id=seeded.officer_id
    )
    to_officer = _filtered(vault, seeded, contact_id=seeded.officer_id)
    # The document names whom it is about, for whom and why.
    assert (to_officer.participant_id, to_officer.purpose) == (seeded.participant_id, "Exit")
    assert (to_officer.organisation_id, to_officer.contact_id) == (
        seeded.job_centre_id,
        seeded.officer_id,
    )
    assert to_officer.covered == {C.GOALS_PROGRESS}
    reasons = {w.category: w.reason for w in to_officer.withheld}
    assert reasons[C.HEALTH] == WithheldReason.EXPIRED  # hers ran out: not "someone else's"
    to_organisation = _filtered(vault, seeded)
    assert to_organisation.covered == frozenset()
    reasons = {w.category: w.reason for w in to_organisation.withheld}
    assert reasons[C.GOALS_PROGRESS] == WithheldReason.OTHER_RECIPIENT


def test_an_uncovered_column_never_leaves_even_if_asked_for(vault: Vault) -> None:
    """The second lock: building a record from a row checks every column's category again."""
    seeded = seed(vault.sessions)
    with vault.sessions() as s:
        handover = s.query(Handover).one()
        covered = frozenset({C.HANDOVER_FACTS})
        made = consent_filter._copy(HandoverFacts, handover, covered, handover_id=handover.id)
        assert made.recommendation == MARKERS[C.HANDOVER_FACTS]
        with pytest.raises(PermissionError, match=r"^Handover\.\w+ is not covered$"):
            consent_filter._copy(HandoverFacts, handover, frozenset(), handover_id=handover.id)
    assert seeded.participant_id


def test_each_column_category_is_read_from_the_model_not_a_stale_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(consent_filter, "_CATEGORIES", {})
    assert category_of(Participant, "health_notes") == C.HEALTH
    assert category_of(Participant, "internal_notes") is None
    assert category_of(Participant, "jobcentre_customer_number") == C.IDENTITY_CONTACT
    assert category_of(Participant, "health_notes") == C.HEALTH  # the cached answer is the same
    assert consent_filter._CATEGORIES[(Participant, "internal_notes")] is None


def test_the_consent_form_holds_her_name_and_the_terms(vault: Vault) -> None:
    seeded = seed(vault.sessions)
    cid = add_consent(
        vault.sessions,
        seeded.participant_id,
        {C.IDENTITY_CONTACT, C.GOALS_PROGRESS},
        contact_id=seeded.officer_id,
        organisation_id=seeded.job_centre_id,
        valid_until=dt.date(2027, 1, 31),
    )
    with vault.sessions.begin() as s:
        p = s.get(Participant, seeded.participant_id)
        assert p is not None
        p.date_of_birth = dt.date(1990, 5, 17)
    with vault.sessions() as s:
        form = consent_form_facts(s, cid)
        with pytest.raises(NotFoundError) as missing:
            consent_form_facts(s, cid + 100)
    assert (missing.value.entity, missing.value.record_id) == ("consent", cid + 100)
    expected = {
        "consent_id": cid,
        "participant_id": seeded.participant_id,
        "participant_name": "Fatima Yılmaz",
        "date_of_birth": dt.date(1990, 5, 17),
        "recipient_organisation_id": seeded.job_centre_id,
        "recipient_contact_id": seeded.officer_id,
        "purpose": "Cooperation in the programme",
        "legal_basis": LegalBasis.CONSENT,
        "categories": {C.IDENTITY_CONTACT, C.GOALS_PROGRESS},
        "notice_version": "2026-01",
        "valid_until": dt.date(2027, 1, 31),
    }
    assert dataclasses.asdict(form) == expected


def test_an_unknown_participant_is_named_in_the_error(vault: Vault) -> None:
    seeded = seed(vault.sessions)
    with vault.sessions() as s, pytest.raises(NotFoundError) as missing:
        filter_participant(s, seeded.participant_id + 50, seeded.job_centre_id, None, "Exit", TODAY)
    assert (missing.value.entity, missing.value.record_id) == (
        "participant",
        seeded.participant_id + 50,
    )


def test_the_history_and_the_audit_entry_say_what_left_and_to_whom(services) -> None:  # type: ignore[no-untyped-def]
    services.settings.set_coach_name("Anna Çoban")
    exports = ExportService(services.ctx)
    seeded = seed(services.ctx.sessions)
    pid, jc = seeded.participant_id, seeded.job_centre_id
    granted = {C.IDENTITY_CONTACT, C.GOALS_PROGRESS}
    cid = add_consent(services.ctx.sessions, pid, granted, organisation_id=jc)
    again = {C.IDENTITY_CONTACT}  # a second consent used by the same document
    cid2 = add_consent(
        services.ctx.sessions, pid, again, organisation_id=jc, given_on=dt.date(2026, 2, 1)
    )
    signer = exports.create_identity()
    first = exports.export(
        ExportRequest(
            participant_id=pid,
            document="exit_handover",
            organisation_id=jc,
            purpose="Exit",
            lang="en",
        )
    )
    second = exports.export(
        ExportRequest(
            participant_id=pid,
            document="interim_feedback",
            organisation_id=jc,
            contact_id=seeded.officer_id,
            purpose="Mid",
        )
    )
    history = exports.history(pid)
    assert [h.id for h in history] == [second.record_id, first.record_id]  # newest first
    older = history[1]
    assert (older.document_type, older.language, older.purpose) == ("exit_handover", "en", "Exit")
    assert older.actor == "Anna Çoban" and older.sha256 == first.sha256  # the signer named
    assert older.recipient_name == "Jobcenter Musterstadt"
    assert history[0].recipient_name == "Jobcenter Musterstadt – Petra Schulz"
    assert older.categories == (C.GOALS_PROGRESS, C.IDENTITY_CONTACT)
    assert older.withheld_categories == tuple(sorted(set(C) - granted))
    assert all(isinstance(c, C) for c in older.categories + older.withheld_categories)
    assert older.signer_fingerprint == signer.fingerprint_sha256 and older.enclosures == ()
    assert isinstance(older.created_at, dt.datetime)
    entry = services.audit.entries(action="export")[1]
    assert (entry.entity, entry.entity_id, entry.participant_id) == (
        "document",
        first.record_id,
        pid,
    )
    assert entry.details == {
        "document_type": "exit_handover",
        "language": "en",
        "recipient_organisation_id": jc,
        "recipient_contact_id": None,
        "purpose": "Exit",
        "categories": ["goals_progress", "identity_contact"],
        "consent_ids": [cid, cid2],
        "sha256": first.sha256,
        "signer_fingerprint": signer.fingerprint_sha256,
        "enclosures": [],
    }
    from coachdesk.models import ExportRecord

    with services.ctx.read() as s:  # the record itself, as the vault keeps it
        row = s.get(ExportRecord, first.record_id)
        assert row is not None
        assert (row.consent_ids, row.categories) == (
            f"{cid},{cid2}",
            "goals_progress,identity_contact",
        )
        assert row.withheld_categories == ",".join(sorted(set(C) - granted))
        assert (row.language, row.purpose, row.enclosures) == ("en", "Exit", "")
    newer = services.audit.entries(action="export")[0].details
    assert (newer["recipient_contact_id"], newer["language"]) == (seeded.officer_id, "de")


def test_the_history_lists_each_enclosed_paper_and_orders_by_time(services) -> None:  # type: ignore[no-untyped-def]
    from coachdesk.models import ExportRecord
    from coachdesk.services.attachments import AttachmentDraft
    from tests.unit.attachment_files import pdf_bytes

    services.settings.set_coach_name("Anna Çoban")
    exports = ExportService(services.ctx)
    seeded = seed(services.ctx.sessions)
    pid, jc = seeded.participant_id, seeded.job_centre_id
    add_consent(services.ctx.sessions, pid, {C.LANGUAGES_QUALIFICATIONS}, organisation_id=jc)
    quals = C.LANGUAGES_QUALIFICATIONS
    papers = [
        services.attachments.add(pid, pdf_bytes(f"Papier {n}"), AttachmentDraft(f"Z{n}", quals))
        for n in (1, 2)
    ]
    exports.create_identity()
    request = ExportRequest(
        participant_id=pid,
        document="exit_handover",
        organisation_id=jc,
        purpose="Exit",
        attachment_ids=tuple(p.id for p in papers),
    )
    first = exports.export(request)
    second = exports.export(dataclasses.replace(request, attachment_ids=()))
    newest, oldest = exports.history(pid)
    assert [(e.attachment_id, e.sha256) for e in oldest.enclosures] == [
        (p.id, p.sha256) for p in papers
    ]
    assert newest.enclosures == ()
    logged = services.audit.entries(action="export")[1].details["enclosures"]
    assert logged == [{"attachment_id": p.id, "sha256": p.sha256} for p in papers]
    # The clock of the computer went back between the two: the history goes by the time
    # each left, then by the order they were made.
    with services.ctx.write() as s:
        for record_id, at in (
            (first.record_id, dt.datetime(2026, 3, 2)),
            (second.record_id, dt.datetime(2026, 3, 1)),
        ):
            row = s.get(ExportRecord, record_id)
            assert row is not None
            row.created_at = at
    assert [h.id for h in exports.history(pid)] == [first.record_id, second.record_id]
    with services.ctx.write() as s:
        for record_id in (first.record_id, second.record_id):
            row = s.get(ExportRecord, record_id)
            assert row is not None
            row.created_at = dt.datetime(2026, 3, 1)
    assert [h.id for h in exports.history(pid)] == [second.record_id, first.record_id]


def test_a_document_names_her_programme_never_its_number(vault: Vault) -> None:
    seeded = seed(vault.sessions)
    add_consent(vault.sessions, seeded.participant_id, set(C), organisation_id=seeded.job_centre_id)
    with vault.sessions.begin() as s:
        s.add_all([Programme(name="Aufbruch 2027"), Programme(name="Neustart Nord")])
        s.flush()
        chosen = s.query(Programme).filter_by(name="Neustart Nord").one()
        s.get_one(Participant, seeded.participant_id).programme_id = chosen.id
    by_field = {fact.field: fact for fact in _filtered(vault, seeded).facts}
    assert by_field["programme_id"].value == "Neustart Nord"
    assert by_field["programme_id"].category == category_of(Participant, "programme_id")
    with vault.sessions.begin() as s:
        s.get_one(Participant, seeded.participant_id).programme_id = None
    assert "programme_id" not in {fact.field for fact in _filtered(vault, seeded).facts}
