"""A participant handed over between two real vaults arrives whole; nothing readable travels."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from coachdesk.export.transfer.content import gather
from coachdesk.export.transfer.plan import TransferRequest
from coachdesk.models import (
    Attachment,
    AuditEntry,
    Meeting,
    Participant,
    TransferRecord,
)
from coachdesk.models.enums import DataCategory
from coachdesk.services.errors import ValidationError
from tests.unit.test_export_support import INTERNAL_MARKERS, MARKERS
from tests.unit.transfer_support import (
    AFTERCARE_MARKER,
    BORN,
    FIRST,
    LAST,
    PAPER_MARKER,
    Pair,
    make_pair,
)


@pytest.fixture
def pair(template_vault: tuple[Path, str], tmp_path: Path) -> Iterator[Pair]:
    yield from make_pair(template_vault, tmp_path)


def _send(pair: Pair, out: Path, **extra: Any) -> Path:
    request = TransferRequest(
        participant_ids=(pair.participant_id,),
        colleague_fingerprint=pair.berit.fingerprint,
        **extra,
    )
    pair.anna.services.transfers.send(request, out)
    return out


def _file_of(sessions: sessionmaker[Session], pid: int) -> dict[str, Any]:
    with sessions() as s:
        p = s.get(Participant, pid)
        assert p is not None
        return gather(s, p, frozenset(DataCategory)).records


def _ids(sessions: sessionmaker[Session]) -> list[int]:
    with sessions() as s:
        return list(s.scalars(select(Participant.id)))


def test_every_record_kind_and_a_paper_arrive_equal(pair: Pair, tmp_path: Path) -> None:
    package = _send(pair, tmp_path / "olena.cdtransfer")
    arrival = pair.berit.services.transfers.open(package.read_bytes())
    assert arrival.people[0].name == f"{FIRST} {LAST}" and arrival.can_import
    assert arrival.sender_name == "Anna Çoban" and arrival.people[0].matches == ()
    got = pair.berit.services.transfers.receive(package.read_bytes())
    assert not got.merged
    sent = _file_of(pair.anna.vault.sessions, pair.participant_id)
    received = _file_of(pair.berit.vault.sessions, got.participant_id)
    assert received == sent
    counts = {k: len(v) for k, v in sent.items() if isinstance(v, list)}
    assert all(counts[k] == 1 for k in ("goals", "aftercare", "enrolments", "meetings"))
    assert counts["handovers"] == 1 and counts["attachments"] == 1
    assert arrival.people[0].counts["milestones"] == arrival.people[0].counts["agreements"] == 1
    assert arrival.people[0].counts["attendance"] == 1
    paper = pair.berit.services.attachments.list_for_participant(got.participant_id)[0]
    original = pair.anna.services.attachments.list_for_participant(pair.participant_id)[0]
    assert pair.berit.services.attachments.content(paper.id) == (
        pair.anna.services.attachments.content(original.id)
    )
    with pair.berit.vault.sessions() as s:
        her = s.get(Participant, got.participant_id)
        assert her is not None and her.date_of_birth == BORN
        # Internal notes never travel.
        assert her.internal_notes == ""
        assert all(m.internal_notes == "" for m in s.scalars(select(Meeting)))


def test_the_package_holds_no_readable_marker(pair: Pair, tmp_path: Path) -> None:
    data = _send(pair, tmp_path / "p.cdtransfer").read_bytes()
    markers = [*MARKERS.values(), *INTERNAL_MARKERS, PAPER_MARKER, AFTERCARE_MARKER, FIRST, LAST]
    for marker in markers:
        assert marker.encode() not in data
        assert marker.encode("utf-16-le") not in data


def test_both_vaults_record_the_transfer(pair: Pair, tmp_path: Path) -> None:
    package = _send(pair, tmp_path / "p.cdtransfer")
    got = pair.berit.services.transfers.receive(package.read_bytes())
    for coach, direction, action in (
        (pair.anna, "sent", "transfer_sent"),
        (pair.berit, "received", "transfer_received"),
    ):
        with coach.vault.sessions() as s:
            record = s.scalars(select(TransferRecord)).one()
            assert record.direction == direction
            entry = s.scalars(select(AuditEntry).where(AuditEntry.action == action)).one()
            assert entry.details.count(record.package_id) == 1
            assert FIRST not in entry.details and LAST not in entry.details
    assert record.participant_id == got.participant_id
    # The sender may then archive or erase her copy with the services she has.
    pair.anna.services.participants.archive(pair.participant_id)
    pair.anna.services.retention.erase(pair.participant_id)
    assert pair.participant_id not in _ids(pair.anna.vault.sessions)


def test_a_package_is_imported_once(pair: Pair, tmp_path: Path) -> None:
    data = _send(pair, tmp_path / "p.cdtransfer").read_bytes()
    pair.berit.services.transfers.receive(data)
    again = pair.berit.services.transfers.open(data)
    assert again.received_before is not None and not again.can_import
    with pytest.raises(ValidationError, match="already imported"):
        pair.berit.services.transfers.receive(data)
    assert len(_ids(pair.berit.vault.sessions)) == 1
    # Erasing her later does not make the old file importable again.
    pair.berit.services.retention.erase(_ids(pair.berit.vault.sessions)[0])
    with pytest.raises(ValidationError, match="already imported"):
        pair.berit.services.transfers.receive(data)


def test_a_person_found_across_scripts_is_offered_for_merging(
    pair: Pair,
    tmp_path: Path,
) -> None:
    with pair.berit.vault.sessions.begin() as s:
        existing = Participant(first_name="Olena", last_name="Shevchenko", date_of_birth=BORN)
        s.add(existing)
        s.flush()
        existing_id = existing.id
    data = _send(pair, tmp_path / "p.cdtransfer").read_bytes()
    arrival = pair.berit.services.transfers.open(data)
    assert [m.participant_id for m in arrival.people[0].matches] == [existing_id]
    got = pair.berit.services.transfers.receive(data, [existing_id])
    assert got.merged and got.participant_id == existing_id
    assert _ids(pair.berit.vault.sessions) == [existing_id]
    received = _file_of(pair.berit.vault.sessions, existing_id)
    sent = _file_of(pair.anna.vault.sessions, pair.participant_id)
    # Her own fields stay as Berit keeps them; every record is attached to her.
    assert received["participant"]["first_name"] == "Olena"
    for kind in ("goals", "aftercare", "enrolments", "meetings", "handovers", "attachments"):
        assert received[kind] == sent[kind]


def test_an_import_that_fails_leaves_nothing(pair: Pair, tmp_path: Path) -> None:
    data = _send(pair, tmp_path / "p.cdtransfer").read_bytes()
    with pytest.raises(Exception):  # noqa: B017 - any failure inside the transaction
        pair.berit.services.transfers.receive(data, [999_999])
    assert _ids(pair.berit.vault.sessions) == []
    with pair.berit.vault.sessions() as s:
        assert s.scalars(select(TransferRecord)).all() == []
        assert s.scalars(select(Attachment)).all() == []
    assert pair.berit.services.transfers.receive(data).merged is False
