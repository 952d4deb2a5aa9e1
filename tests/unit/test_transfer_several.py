"""Several participants in one package, between two real vaults: each arrives whole, as new,
merged (filling only her empty fields, adding no record twice) or skipped; a version 1
package still opens; her ESF Plus answers travel only as far as her consent goes."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from coachdesk.export.identities import active_material
from coachdesk.export.transfer.container import new_package_id, seal
from coachdesk.export.transfer.content import gather, person_of
from coachdesk.export.transfer.plan import TransferRequest
from coachdesk.export.transfer.receiving import Take
from coachdesk.models import (
    ColleagueCertificate,
    Consent,
    EsfEntry,
    Goal,
    Meeting,
    Participant,
    TransferRecord,
)
from coachdesk.models.enums import DataCategory, EsfAnswer, Gender
from coachdesk.services.errors import ValidationError
from tests.unit.test_export_support import INTERNAL_MARKERS, MARKERS, add_consent
from tests.unit.transfer_support import (
    AFTERCARE_MARKER,
    BORN,
    FIRST,
    LAST,
    PAPER_MARKER,
    Pair,
    make_pair,
    open_coach,
)

OTHERS = (("Ivana", "Horvat", dt.date(1985, 2, 3)), ("Amina", "Haddad", dt.date(1999, 9, 9)))
ALL = frozenset(DataCategory)


@pytest.fixture
def pair(template_vault: tuple[Path, str], tmp_path: Path) -> Iterator[Pair]:
    yield from make_pair(template_vault, tmp_path)


def _add(pair: Pair, first: str, last: str, born: dt.date, *, consent: bool = True) -> int:
    with pair.anna.vault.sessions.begin() as s:
        p = Participant(first_name=first, last_name=last, date_of_birth=born, phone="0221 77")
        s.add(p)
        s.flush()
        s.add(Goal(participant_id=p.id, title=f"Goal of {first}", position=1))
        pid = p.id
    if consent:
        add_consent(pair.anna.vault.sessions, pid, ALL, organisation_id=pair.berit_org_in_anna)
    return pid


def _three(pair: Pair) -> list[int]:
    return [pair.participant_id, *(_add(pair, *other) for other in OTHERS)]


def _send(pair: Pair, ids: list[int], out: Path) -> bytes:
    request = TransferRequest(
        participant_ids=tuple(ids), colleague_fingerprint=pair.berit.fingerprint
    )
    pair.anna.services.transfers.send(request, out)
    return out.read_bytes()


def _file_of(sessions: sessionmaker[Session], pid: int) -> dict[str, Any]:
    with sessions() as s:
        p = s.get(Participant, pid)
        assert p is not None
        return gather(s, p, ALL).records


def _count(sessions: sessionmaker[Session], model: Any) -> int:
    with sessions() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_three_people_arrive_equal_and_the_bytes_hold_no_marker(pair: Pair, tmp_path: Path) -> None:
    ids = _three(pair)
    data = _send(pair, ids, tmp_path / "three.cdtransfer")
    for marker in (*MARKERS.values(), *INTERNAL_MARKERS, PAPER_MARKER, AFTERCARE_MARKER):
        assert marker.encode() not in data
    for first, last, _born in (*OTHERS, (FIRST, LAST, BORN)):
        assert first.encode() not in data and last.encode() not in data
    arrival = pair.berit.services.transfers.open(data)
    assert [p.name for p in arrival.people][1:] == [f"{f} {la}" for f, la, _b in OTHERS]
    assert arrival.can_import and all(p.matches == () for p in arrival.people)
    got = pair.berit.services.transfers.receive(data)
    assert len(got.people) == 3 and got.skipped == 0
    assert _count(pair.berit.vault.sessions, Participant) == 3
    for sent_id, taken in zip(ids, got.people, strict=True):
        assert not taken.merged
        sent = _file_of(pair.anna.vault.sessions, sent_id)
        assert _file_of(pair.berit.vault.sessions, taken.participant_id) == sent
    with pair.anna.vault.sessions() as s:
        sent_rows = s.scalars(select(TransferRecord)).all()
    with pair.berit.vault.sessions() as s:
        received_rows = s.scalars(select(TransferRecord)).all()
    assert sorted(r.participant_id or 0 for r in sent_rows) == sorted(ids)
    assert {r.package_id for r in sent_rows} == {r.package_id for r in received_rows}
    assert sorted(r.participant_id or 0 for r in received_rows) == sorted(
        t.participant_id for t in got.people
    )


def test_who_has_no_consent_is_named_and_stays(pair: Pair, tmp_path: Path) -> None:
    ids = [pair.participant_id, _add(pair, "Ivana", "Horvat", dt.date(1985, 2, 3), consent=False)]
    plan = pair.anna.services.transfers.plan(
        TransferRequest(participant_ids=tuple(ids), colleague_fingerprint=pair.berit.fingerprint)
    )
    assert [p.participant_id for p in plan.people] == [pair.participant_id]
    assert [r.participant_id for r in plan.refused] == [ids[1]]
    assert "No valid consent" in plan.refused[0].reason.render()
    data = _send(pair, ids, tmp_path / "p.cdtransfer")
    assert len(pair.berit.services.transfers.open(data).people) == 1


def test_a_skipped_person_is_not_imported(pair: Pair, tmp_path: Path) -> None:
    data = _send(pair, _three(pair), tmp_path / "three.cdtransfer")
    with pytest.raises(ValidationError, match="nothing to import"):
        pair.berit.services.transfers.receive(data, [Take.SKIP] * 3)
    with pytest.raises(ValidationError, match="every person"):
        pair.berit.services.transfers.receive(data, [Take.NEW])
    got = pair.berit.services.transfers.receive(data, [Take.NEW, Take.SKIP, Take.NEW])
    assert got.skipped == 1 and len(got.people) == 2
    with pair.berit.vault.sessions() as s:
        names = set(s.scalars(select(Participant.first_name)))
        assert _count(pair.berit.vault.sessions, TransferRecord) == 2
    assert "Ivana" not in names and "Amina" in names


def test_a_merge_fills_her_empty_fields_keeps_hers_and_adds_nothing_twice(
    pair: Pair, tmp_path: Path
) -> None:
    with pair.anna.vault.sessions.begin() as s:
        anna_olena = s.get(Participant, pair.participant_id)
        assert anna_olena is not None
        anna_olena.phone, anna_olena.email = "0221 123456", "olena@anna.example"
    with pair.berit.vault.sessions.begin() as s:
        olena = Participant(
            first_name="Olena",
            last_name="Shevchenko",
            date_of_birth=BORN,
            email="olena@berit.example",
        )
        s.add(olena)
        s.flush()
        olena_id = olena.id
    data = _send(pair, _three(pair), tmp_path / "three.cdtransfer")
    arrival = pair.berit.services.transfers.open(data)
    assert [m.participant_id for m in arrival.people[0].matches] == [olena_id]
    filled, conflicts = pair.berit.services.transfers.merge_preview(data, 0, olena_id)
    assert "phone" in filled and "jobcentre_customer_number" in filled
    assert "email" in conflicts and "first_name" in conflicts  # another script: hers stay
    assert "email" not in filled and "date_of_birth" not in filled
    got = pair.berit.services.transfers.receive(data, [olena_id, Take.NEW, Take.SKIP])
    assert got.people[0].merged and got.people[0].participant_id == olena_id
    assert set(got.people[0].filled) == set(filled)
    with pair.berit.vault.sessions() as s:
        merged = s.get(Participant, olena_id)
        assert merged is not None
        assert merged.phone == "0221 123456" and merged.email == "olena@berit.example"
        assert merged.first_name == "Olena"
        assert merged.jobcentre_customer_number == MARKERS[DataCategory.IDENTITY_CONTACT]
    received = _file_of(pair.berit.vault.sessions, olena_id)
    sent = _file_of(pair.anna.vault.sessions, pair.participant_id)
    for kind in ("goals", "aftercare", "enrolments", "meetings", "handovers", "attachments"):
        assert received[kind] == sent[kind]
    # The same file of hers again: every record is there already, nothing is added twice.
    again = _send(pair, [pair.participant_id], tmp_path / "again.cdtransfer")
    counts = {m: _count(pair.berit.vault.sessions, m) for m in (Goal, Meeting, Participant)}
    pair.berit.services.transfers.receive(again, [olena_id])
    assert {m: _count(pair.berit.vault.sessions, m) for m in counts} == counts
    assert _file_of(pair.berit.vault.sessions, olena_id) == received


def test_altered_bytes_and_a_third_coach_are_refused(
    pair: Pair, tmp_path: Path, template_vault: tuple[Path, str]
) -> None:
    data = _send(pair, _three(pair), tmp_path / "three.cdtransfer")
    rng = random.Random(18)
    for at in [*rng.sample(range(len(data)), 12), len(data) - 1, 40]:
        flipped = bytearray(data)
        flipped[at] ^= 0x01
        with pytest.raises(ValidationError, match=r"altered|newer"):
            pair.berit.services.transfers.open(bytes(flipped))
    carla = open_coach(None, tmp_path / "carla", "Carla Weber")
    try:
        with pytest.raises(ValidationError, match="another colleague"):
            carla.services.transfers.open(data)
    finally:
        carla.vault.lock()
    assert _count(pair.berit.vault.sessions, Participant) == 0


def test_a_version_1_package_still_opens(pair: Pair, tmp_path: Path) -> None:
    with pair.anna.vault.sessions() as s:
        p = s.get(Participant, pair.participant_id)
        assert p is not None
        gathered = gather(s, p, ALL)
        material = active_material(s)
        person = person_of(p)
        consent_ids = [c.id for c in s.scalars(select(Consent))]
        colleague = s.scalars(select(ColleagueCertificate)).one()
        certificate = colleague.certificate_der
    records = {k: v for k, v in gathered.records.items() if k != "esf"}  # v1 knew no ESF
    package_id = new_package_id()
    manifest = {
        "package_id": package_id,
        "created": "2026-12-01T10:00:00+00:00",
        "sender": {"name": "Anna Çoban", "organisation": "Frauen in Arbeit e. V."},
        "recipient": {"name": "Berit Hansen"},
        "person": person,
        "categories": sorted(ALL),
        "counts": gathered.counts,
        "basis": {"kind": "consent", "consents": [], "ids": consent_ids},
    }
    data = seal(
        json.dumps(manifest).encode(),
        json.dumps(records).encode(),
        package_id=package_id,
        sender=material,
        recipient_certificate_der=certificate,
        now=dt.datetime(2026, 12, 1, 10, tzinfo=dt.UTC),
        version=1,
    )
    assert b'"version":1' in data
    arrival = pair.berit.services.transfers.open(data)
    assert len(arrival.people) == 1 and arrival.people[0].person == person
    got = pair.berit.services.transfers.receive(data)
    received = _file_of(pair.berit.vault.sessions, got.participant_id)
    assert {k: v for k, v in received.items() if k != "esf"} == records


def _esf_entry(pair: Pair) -> None:
    """Her entry answers as the test needs them (her full file may already hold a row)."""
    with pair.anna.vault.sessions.begin() as s:
        q = select(EsfEntry).where(EsfEntry.participant_id == pair.participant_id)
        entry = s.scalar(q) or EsfEntry(participant_id=pair.participant_id)
        entry.answered_on = dt.date(2026, 1, 5)
        entry.gender = Gender.FEMALE
        entry.disability = EsfAnswer.YES
        entry.minority = EsfAnswer.NO
        s.add(entry)


def _received_entry(pair: Pair, data: bytes) -> EsfEntry | None:
    got = pair.berit.services.transfers.receive(data)
    with pair.berit.vault.sessions() as s:
        q = select(EsfEntry).where(EsfEntry.participant_id == got.participant_id)
        entry = s.scalar(q)
        if entry is not None:
            s.expunge(entry)
        return entry


def test_esf_answers_go_where_her_consent_covers_them(pair: Pair, tmp_path: Path) -> None:
    _esf_entry(pair)
    with pair.anna.vault.sessions.begin() as s:
        for c in s.scalars(select(Consent)):
            c.withdrawn_on = dt.date(2026, 1, 6)
    covered = ALL - {DataCategory.DISABILITY}
    add_consent(
        pair.anna.vault.sessions,
        pair.participant_id,
        covered,
        organisation_id=pair.berit_org_in_anna,
    )
    data = _send(pair, [pair.participant_id], tmp_path / "p.cdtransfer")
    arrival = pair.berit.services.transfers.open(data)
    assert arrival.people[0].counts["questionnaires"] == 1
    entry = _received_entry(pair, data)
    assert entry is not None
    assert entry.gender == Gender.FEMALE and entry.minority == EsfAnswer.NO
    assert entry.disability is None  # a special category her consent does not cover


def test_without_their_categories_no_esf_answer_goes(pair: Pair, tmp_path: Path) -> None:
    _esf_entry(pair)
    with pair.anna.vault.sessions.begin() as s:
        for c in s.scalars(select(Consent)):
            c.withdrawn_on = dt.date(2026, 1, 6)
    esf = {DataCategory.ESF_MONITORING, DataCategory.DISABILITY, DataCategory.MINORITY}
    add_consent(
        pair.anna.vault.sessions,
        pair.participant_id,
        ALL - esf,
        organisation_id=pair.berit_org_in_anna,
    )
    data = _send(pair, [pair.participant_id], tmp_path / "p.cdtransfer")
    assert pair.berit.services.transfers.open(data).people[0].counts["questionnaires"] == 0
    assert _received_entry(pair, data) is None
