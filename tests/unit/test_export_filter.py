from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from coachdesk.export.consent_filter import category_of, filter_participant, filter_participants
from coachdesk.export.facts import FilteredFile, WithheldReason
from coachdesk.models import Handover, Meeting, Participant
from coachdesk.models.enums import DataCategory as C
from tests.conftest import TODAY
from tests.unit.test_export_support import INTERNAL_MARKERS, MARKERS, add_consent, seed


def _filter(vault, seeded, contact_id=None, on=TODAY, org=None):  # type: ignore[no-untyped-def]
    with vault.sessions() as s:
        return filter_participant(
            s,
            seeded.participant_id,
            seeded.job_centre_id if org is None else org,
            contact_id,
            "Exit handover",
            on,
        )


def _all_text(f: FilteredFile) -> str:
    return repr(dataclasses.asdict(f))


def test_without_consent_nothing_but_reasons_leaves(vault) -> None:  # type: ignore[no-untyped-def]
    seeded = seed(vault.sessions)
    f = _filter(vault, seeded)
    assert f.covered == frozenset()
    assert f.facts == () and f.goals == () and f.meetings == () and f.handovers == ()
    reasons = {w.category: w.reason for w in f.withheld}
    assert reasons[C.HEALTH] == WithheldReason.NO_CONSENT
    assert reasons[None] == WithheldReason.INTERNAL_NOTE
    for marker in (*MARKERS.values(), *INTERNAL_MARKERS):
        assert marker not in _all_text(f)


def test_covered_categories_only_and_never_internal_notes(vault) -> None:  # type: ignore[no-untyped-def]
    seeded = seed(vault.sessions)
    granted = {C.IDENTITY_CONTACT, C.GOALS_PROGRESS, C.MEETING_SUMMARIES, C.HANDOVER_FACTS}
    cid = add_consent(
        vault.sessions, seeded.participant_id, granted, organisation_id=seeded.job_centre_id
    )
    f = _filter(vault, seeded)
    text = _all_text(f)
    assert f.covered == granted
    for cat, marker in MARKERS.items():
        assert (marker in text) == (cat in granted), cat
    for marker in INTERNAL_MARKERS:
        assert marker not in text
    assert f.display_name == "Fatima Yılmaz"
    assert [b.consent_id for b in f.consent_basis] == [cid]
    assert f.consent_basis[0].given_on == dt.date(2026, 1, 5)
    assert f.meetings[0].agreements[0].what.startswith("Send two applications")


def test_reasons_withdrawn_expired_other_recipient(vault) -> None:  # type: ignore[no-untyped-def]
    seeded = seed(vault.sessions)
    pid, jc = seeded.participant_id, seeded.job_centre_id
    add_consent(
        vault.sessions, pid, {C.HEALTH}, organisation_id=jc, withdrawn_on=dt.date(2026, 3, 1)
    )
    add_consent(
        vault.sessions,
        pid,
        {C.RESIDENCE_STATUS},
        organisation_id=jc,
        valid_until=dt.date(2026, 2, 1),
    )
    add_consent(vault.sessions, pid, {C.FAMILY_CHILDCARE}, organisation_id=seeded.other_org_id)
    add_consent(vault.sessions, pid, {C.GOALS_PROGRESS}, contact_id=seeded.officer_id)
    f = _filter(vault, seeded)
    reasons = {w.category: w.reason for w in f.withheld}
    assert reasons[C.HEALTH] == WithheldReason.WITHDRAWN
    assert reasons[C.RESIDENCE_STATUS] == WithheldReason.EXPIRED
    assert reasons[C.FAMILY_CHILDCARE] == WithheldReason.OTHER_RECIPIENT
    # A consent for one officer does not cover her whole organisation ...
    assert reasons[C.GOALS_PROGRESS] == WithheldReason.OTHER_RECIPIENT
    # ... but it covers her.
    assert _filter(vault, seeded, contact_id=seeded.officer_id).covered == {C.GOALS_PROGRESS}
    # Before the withdrawal the health consent held.
    assert C.HEALTH in _filter(vault, seeded, on=dt.date(2026, 2, 28)).covered


def test_every_personal_column_names_a_category_except_internal_fields() -> None:
    """A new participant field must say its category, or it can never be exported."""
    technical = {"id", "participant_id", "created_at", "updated_at", "archived_at", "position"}
    for model in (Participant, Meeting, Handover):
        for column in model.__table__.columns:
            if column.key in technical or column.key.endswith("_id"):
                continue
            derived = {"name_key", "name_order"}  # made from her names, never exported
            if column.key in {"internal_notes", "retention_until", *derived}:
                assert category_of(model, column.key) is None
            else:
                assert category_of(model, column.key) is not None, column.key


def test_unknown_participant(vault) -> None:  # type: ignore[no-untyped-def]
    from coachdesk.services.errors import NotFoundError

    with vault.sessions() as s, pytest.raises(NotFoundError):
        filter_participant(s, 999, 1, None, "", TODAY)


def test_participant_name_on_attendee_list_needs_identity_consent(vault) -> None:  # type: ignore[no-untyped-def]
    seeded = seed(vault.sessions)
    jc = seeded.job_centre_id
    add_consent(vault.sessions, seeded.participant_id, {C.MEETING_SUMMARIES}, organisation_id=jc)
    names = [a.name for a in _filter(vault, seeded).meetings[0].attendees]
    assert names == ["Petra Schulz", ""]
    add_consent(vault.sessions, seeded.participant_id, {C.IDENTITY_CONTACT}, organisation_id=jc)
    names = [a.name for a in _filter(vault, seeded).meetings[0].attendees]
    assert names == ["Petra Schulz", "Fatima Yılmaz"]


def test_many_participants_at_once_get_what_each_gets_alone(vault) -> None:  # type: ignore[no-untyped-def]
    """A batch filters its participants together: the same files as one by one."""
    a = seed(vault.sessions)
    b = seed(vault.sessions, "Olena", "Kovalenko")
    jc = a.job_centre_id
    add_consent(vault.sessions, a.participant_id, set(C), organisation_id=jc)
    add_consent(
        vault.sessions,
        b.participant_id,
        {C.IDENTITY_CONTACT, C.MEETING_SUMMARIES},
        organisation_id=jc,
    )
    add_consent(vault.sessions, b.participant_id, {C.HEALTH}, organisation_id=b.job_centre_id)
    ids = [a.participant_id, b.participant_id]
    with vault.sessions() as s:
        many = filter_participants(s, [*ids, 999_999, 2**70], jc, None, "Exit handover", TODAY)
        alone = {pid: filter_participant(s, pid, jc, None, "Exit handover", TODAY) for pid in ids}
    assert many == alone
    assert many[a.participant_id].goals and many[a.participant_id].enrolments
    assert many[b.participant_id].meetings and not many[b.participant_id].goals
    assert MARKERS[C.HEALTH] not in _all_text(many[b.participant_id])
