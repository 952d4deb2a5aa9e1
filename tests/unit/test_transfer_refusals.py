"""Transfers refused with a clear message: altered, wrong recipient, unknown or unverified
sender, expired or removed certificates, no consent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import delete, select

from coachdesk.export.identities import active_material
from coachdesk.export.transfer.arrival import SenderState
from coachdesk.export.transfer.container import MAGIC
from coachdesk.export.transfer.plan import TransferRequest
from coachdesk.export.transfer.unseal import content_key, read_sealed
from coachdesk.models import Consent, Participant
from coachdesk.models.enums import LegalBasis
from coachdesk.services.errors import ValidationError
from tests.unit.transfer_support import Pair, introduce, make_pair, open_coach


@pytest.fixture
def pair(template_vault: tuple[Path, str], tmp_path: Path) -> Iterator[Pair]:
    yield from make_pair(template_vault, tmp_path)


def _request(pair: Pair, **extra: object) -> TransferRequest:
    return TransferRequest(
        participant_ids=(pair.participant_id,),
        colleague_fingerprint=pair.berit.fingerprint,
        **extra,  # type: ignore[arg-type]
    )


def _package(pair: Pair, tmp_path: Path) -> bytes:
    out = tmp_path / "p.cdtransfer"
    pair.anna.services.transfers.send(_request(pair), out)
    return out.read_bytes()


def _count(pair: Pair) -> int:
    with pair.berit.vault.sessions() as s:
        return len(s.scalars(select(Participant.id)).all())


def test_any_flipped_byte_is_refused_as_altered(pair: Pair, tmp_path: Path) -> None:
    data = _package(pair, tmp_path)
    header_end = len(MAGIC) + 4 + int.from_bytes(data[len(MAGIC) : len(MAGIC) + 4], "big")
    places = [0, len(MAGIC) + 10, header_end - 3, header_end + 20, len(data) // 2, len(data) - 5]
    for place in places:
        broken = bytearray(data)
        broken[place] ^= 0x01
        with pytest.raises(ValidationError, match="altered"):
            pair.berit.services.transfers.open(bytes(broken))
        with pytest.raises(ValidationError, match="altered"):
            pair.berit.services.transfers.receive(bytes(broken))
    for cut in (data[:-1], data + b"\0", data[: len(data) // 2], b"", b"not a package"):
        with pytest.raises(ValidationError, match="altered"):
            pair.berit.services.transfers.open(cut)
    assert _count(pair) == 0


def test_a_third_coach_cannot_open_it(
    pair: Pair,
    tmp_path: Path,
) -> None:
    data = _package(pair, tmp_path)
    carla = open_coach(None, tmp_path / "carla", "Carla Weber")
    try:
        introduce(carla, pair.anna, "Frauen in Arbeit e. V.")
        with pytest.raises(ValidationError, match="another colleague"):
            carla.services.transfers.open(data)
        with pytest.raises(ValidationError, match="another colleague"):
            carla.services.transfers.receive(data)
        # Even past the fingerprint check, her key does not unwrap the content key.
        with carla.vault.sessions() as s:
            carla_key = active_material(s)
        with pytest.raises(ValidationError, match="altered"):
            content_key(read_sealed(data), carla_key)
    finally:
        carla.vault.lock()


def test_a_wrong_signer_is_refused(
    pair: Pair,
    tmp_path: Path,
) -> None:
    carla = open_coach(None, tmp_path / "carla", "Carla Weber")
    try:
        # Carla's own package for Berit: a good signature by someone Berit does not know.
        introduce(carla, pair.berit, "Frauen in Arbeit Köln")
        with carla.vault.sessions.begin() as s:
            s.add(Participant(first_name="Mina", last_name="Ahmadi"))
        out = tmp_path / "carla.cdtransfer"
        request = TransferRequest(
            participant_ids=(1,),
            colleague_fingerprint=pair.berit.fingerprint,
            legal_basis=LegalBasis.OTHER,
            basis_note="Test",
        )
        carla.services.transfers.send(request, out)
        arrival = pair.berit.services.transfers.open(out.read_bytes())
        assert arrival.sender_state == SenderState.UNKNOWN and not arrival.can_import
        with pytest.raises(ValidationError, match="not among your colleagues"):
            pair.berit.services.transfers.receive(out.read_bytes())
        # Anna's package re-signed by Carla: the header names Anna, the signature is Carla's.
        data = _package(pair, tmp_path)
        carla_pkg = out.read_bytes()
        body_end = len(data) - 4 - _block_length(data)
        forged = data[:body_end] + carla_pkg[len(carla_pkg) - 4 - _block_length(carla_pkg) :]
        with pytest.raises(ValidationError, match="altered"):
            pair.berit.services.transfers.open(forged)
    finally:
        carla.vault.lock()
    assert _count(pair) == 0


def _block_length(data: bytes) -> int:
    """The signature block is the last length-prefixed part; find it from the JSON's start."""
    start = data.rindex(b'{"algorithm"')
    return len(data) - start


def test_an_unverified_sender_is_warned_and_refused(pair: Pair, tmp_path: Path) -> None:
    data = _package(pair, tmp_path)
    anna_in_berit = pair.berit.services.colleagues.colleagues()[0]
    pair.berit.services.colleagues.remove(anna_in_berit.id)
    pair.berit.services.colleagues.import_certificate(pair.anna.certificate)  # not verified
    arrival = pair.berit.services.transfers.open(data)
    assert arrival.sender_state == SenderState.UNVERIFIED
    assert arrival.problem is not None and "not verified" in arrival.problem.render("en")
    with pytest.raises(ValidationError, match="not verified"):
        pair.berit.services.transfers.receive(data)
    assert _count(pair) == 0


def test_a_removed_sender_is_refused(pair: Pair, tmp_path: Path) -> None:
    data = _package(pair, tmp_path)
    pair.berit.services.colleagues.remove(pair.berit.services.colleagues.colleagues()[0].id)
    assert pair.berit.services.transfers.open(data).sender_state == SenderState.REFUSED
    with pytest.raises(ValidationError, match="removed"):
        pair.berit.services.transfers.receive(data)


def test_sending_to_a_removed_or_unverified_colleague_is_refused(
    pair: Pair, tmp_path: Path
) -> None:
    colleague = pair.anna.services.colleagues.colleagues()[0]
    pair.anna.services.colleagues.remove(colleague.id)
    with pytest.raises(ValidationError, match="removed"):
        pair.anna.services.transfers.plan(_request(pair))
    again = pair.anna.services.colleagues.import_certificate(pair.berit.certificate)
    with pytest.raises(ValidationError, match="not verified"):
        pair.anna.services.transfers.send(_request(pair), tmp_path / "p.cdtransfer")
    assert not (tmp_path / "p.cdtransfer").exists()
    pair.anna.services.colleagues.verify(again.id)
    with pytest.raises(ValidationError, match="consent"):  # the new entry has no organisation
        pair.anna.services.transfers.plan(_request(pair))


def _certificate(not_before: dt.datetime, not_after: dt.datetime) -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Dora Expired")])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_after)
        .sign(key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM)


@pytest.mark.parametrize("when", ["expired", "not yet valid"])
def test_an_expired_or_future_certificate_is_refused(pair: Pair, when: str) -> None:
    now = dt.datetime.now(dt.UTC)
    day = dt.timedelta(days=1)
    pem = (
        _certificate(now - 400 * day, now - day)
        if when == "expired"
        else _certificate(now + day, now + 400 * day)
    )
    info = pair.anna.services.colleagues.import_certificate(
        pem, organisation_id=pair.berit_org_in_anna
    )
    pair.anna.services.colleagues.verify(info.id)
    request = TransferRequest(
        participant_ids=(pair.participant_id,), colleague_fingerprint=info.fingerprint
    )
    with pytest.raises(ValidationError, match="expired" if when == "expired" else "not valid yet"):
        pair.anna.services.transfers.plan(request)


def test_no_consent_refuses_unless_a_legal_basis_is_documented(
    pair: Pair,
    tmp_path: Path,
) -> None:
    with pair.anna.vault.sessions.begin() as s:
        s.execute(delete(Consent))
    with pytest.raises(ValidationError, match="No valid consent"):
        pair.anna.services.transfers.plan(_request(pair))
    with pytest.raises(ValidationError, match="write down the legal basis"):
        pair.anna.services.transfers.plan(_request(pair, legal_basis=LegalBasis.SOCIAL_CODE))
    with pytest.raises(ValidationError, match="consent must be recorded"):
        pair.anna.services.transfers.plan(
            _request(pair, legal_basis=LegalBasis.CONSENT, basis_note="Art. 6")
        )
    note = "§ 67b SGB X, Übergabe an die Nachfolgerin im Projekt"
    out = tmp_path / "p.cdtransfer"
    pair.anna.services.transfers.send(
        _request(pair, legal_basis=LegalBasis.SOCIAL_CODE, basis_note=note), out
    )
    arrival = pair.berit.services.transfers.open(out.read_bytes())
    assert arrival.people[0].basis == {
        "kind": "legal_basis",
        "legal_basis": "sgb_x_67b",
        "note": note,
    }


def test_a_consent_for_another_recipient_does_not_cover_it(pair: Pair) -> None:
    with pair.anna.vault.sessions.begin() as s:
        consent = s.scalars(select(Consent)).one()
        consent.recipient_organisation_id = None
        consent.recipient_contact_id = None
        s.flush()
        from coachdesk.models import Organisation
        from coachdesk.models.enums import OrganisationKind

        other = Organisation(name="Elsewhere", kind=OrganisationKind.OTHER)
        s.add(other)
        s.flush()
        consent.recipient_organisation_id = other.id
    with pytest.raises(ValidationError, match="No valid consent"):
        pair.anna.services.transfers.plan(_request(pair))


def test_only_the_covered_categories_go(pair: Pair, tmp_path: Path) -> None:
    from coachdesk.models import ConsentCategory
    from coachdesk.models.enums import DataCategory as C

    with pair.anna.vault.sessions.begin() as s:
        s.execute(
            delete(ConsentCategory).where(
                ConsentCategory.category.not_in([C.IDENTITY_CONTACT, C.GOALS_PROGRESS])
            )
        )
    plan = pair.anna.services.transfers.plan(_request(pair))
    assert plan.people[0].categories == {C.IDENTITY_CONTACT, C.GOALS_PROGRESS}
    assert plan.people[0].counts["meetings"] == 0 and plan.people[0].counts["attachments"] == 0
    data = _package(pair, tmp_path)
    got = pair.berit.services.transfers.receive(data)
    her = pair.berit.services.participants.get(got.participant_id)
    assert her.health_notes == "" and her.residence_status == ""


def test_a_file_that_cannot_be_written_leaves_no_record(pair: Pair, tmp_path: Path) -> None:
    from coachdesk.models import AuditEntry, TransferRecord
    from coachdesk.vault.errors import VaultError

    for target in (tmp_path / "missing folder" / "p.cdtransfer", pair.anna.vault.path / "p"):
        with pytest.raises(VaultError):
            pair.anna.services.transfers.send(_request(pair), target)
        assert not target.exists()
    with pair.anna.vault.sessions() as s:
        assert s.scalars(select(TransferRecord)).all() == []
        assert s.scalars(select(AuditEntry).where(AuditEntry.action == "transfer_sent")).all() == []
