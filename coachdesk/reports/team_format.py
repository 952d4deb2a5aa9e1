"""The signed team figures file: one coach's raw quarterly counts for her project lead.

Format ``coachdesk-team-figures`` version 1, described in ``docs/team-figures-format.md``:
one JSON object in canonical form (keys sorted, no spaces, UTF-8, one newline at the end)
holding the signed ``payload``, the coach's certificate (DER, base64) and a signature over
the payload's canonical bytes. Any changed byte is refused: either the file is no longer in
canonical form or the signature no longer matches.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509.oid import NameOID

from coachdesk.documents.signing import SigningMaterial
from coachdesk.i18n import N_
from coachdesk.reports.quarterly import QuarterlyFigures
from coachdesk.reports.team_esf import esf_from_json, esf_to_json
from coachdesk.reports.team_figures import figures_from_json, figures_to_json
from coachdesk.services.errors import ValidationError

FORMAT = "coachdesk-team-figures"
VERSION = 2
"""Version 2 adds the ESF Plus indicator counts (``payload.esf``); version 1 is still read."""
SUFFIX = ".cdteam"
MAX_BYTES = 2_000_000
"""A quarter's counts take a few kilobytes; anything far larger is not ours."""


@dataclass(frozen=True)
class TeamFile:
    """A verified team figures file (``read_team_file`` checked the signature)."""

    file_id: str
    """Random UUID made at export: the same file imported twice has the same id."""
    sha256: str
    """Of the file's bytes."""
    coach_fingerprint: str
    """SHA-256 of the coach's certificate (DER), hex."""
    coach_name: str
    """The certificate's common name: the coach, never a participant."""
    organisation: str
    programme: str
    exported_at: dt.datetime
    figures: QuarterlyFigures
    content: bytes
    """The file exactly as read, kept so the lead can check it again later."""
    esf: dict[str, tuple[int, ...]] | None = None
    """The ESF Plus indicator counts (``team_esf``); None in a version-1 file."""


@dataclass(frozen=True)
class TeamSource:
    """One coach's imported file for a period, as the lead's list shows it."""

    id: int
    coach_name: str
    coach_fingerprint: str
    organisation: str
    programme: str
    period_start: dt.date
    period_end: dt.date
    exported_at: dt.datetime
    imported_at: dt.datetime
    file_id: str
    signature_valid: bool
    """Checked again when listed: the stored file still matches its signature."""


def canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def write_team_file(
    figures: QuarterlyFigures,
    material: SigningMaterial,
    *,
    organisation: str,
    programme: str,
    now: dt.datetime,
    esf: dict[str, tuple[int, ...]] | None = None,
) -> bytes:
    """The signed file for ``figures`` (raw counts: it is meant for the lead's vault only)."""
    payload = {
        "file_id": str(uuid.uuid4()),
        "exported_at": now.astimezone(dt.UTC).replace(microsecond=0).isoformat(),
        "organisation": organisation,
        "programme": programme,
        "coach_fingerprint": material.fingerprint_sha256,
        "figures": figures_to_json(figures),
    }
    if esf is not None:
        payload["esf"] = esf_to_json(esf)
    algorithm, signature = _sign(canonical(payload), material.private_key_der)
    envelope = {
        "format": FORMAT,
        "version": VERSION if esf is not None else 1,
        "payload": payload,
        "certificate": base64.b64encode(material.certificate_der).decode("ascii"),
        "signature": {"algorithm": algorithm, "value": base64.b64encode(signature).decode()},
    }
    return canonical(envelope) + b"\n"


def _sign(data: bytes, private_key_der: bytes) -> tuple[str, bytes]:
    key = serialization.load_der_private_key(private_key_der, password=None)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return "ecdsa-sha256", key.sign(data, ec.ECDSA(hashes.SHA256()))
    if isinstance(key, rsa.RSAPrivateKey):
        return "rsa-pkcs1v15-sha256", key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    raise ValidationError.single(None, N_("Only RSA and EC keys can sign documents."))


def _refuse(msgid: str, **params: object) -> ValidationError:
    return ValidationError.single("file", msgid, params)


NOT_OURS = N_("This is not a team figures file from CoachDesk, or it is damaged.")
CHANGED = N_(
    "This file was changed after the coach signed it (its signature does not match). "
    "Ask the coach to export her figures again."
)


def read_team_file(content: bytes) -> TeamFile:
    """Parse and verify a team figures file; a ValidationError says in words what is wrong."""
    if len(content) > MAX_BYTES:
        raise _refuse(NOT_OURS)
    try:
        doc = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _refuse(NOT_OURS) from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise _refuse(NOT_OURS)
    version = doc.get("version")
    if type(version) is not int or version < 1:
        raise _refuse(NOT_OURS)
    if version > VERSION:
        raise _refuse(
            N_("This team figures file was made by a newer CoachDesk. Please update CoachDesk.")
        )
    if canonical(doc) + b"\n" != content:
        raise _refuse(CHANGED)
    try:
        payload = doc["payload"]
        cert_der = _b64(doc["certificate"])
        algorithm = doc["signature"]["algorithm"]
        signature = _b64(doc["signature"]["value"])
        cert = x509.load_der_x509_certificate(cert_der)
    except (KeyError, TypeError, ValueError, binascii.Error) as exc:
        raise _refuse(NOT_OURS) from exc
    if not isinstance(payload, dict) or not _verify(cert, algorithm, signature, canonical(payload)):
        raise _refuse(CHANGED)
    fingerprint = hashlib.sha256(cert_der).hexdigest()
    if payload.get("coach_fingerprint") != fingerprint:
        raise _refuse(CHANGED)
    try:
        exported_at = dt.datetime.fromisoformat(payload["exported_at"])
        figures = figures_from_json(payload["figures"])
        esf = esf_from_json(payload["esf"]) if version >= 2 else None
        texts = [str(payload[k]) for k in ("file_id", "organisation", "programme")]
        texts[0] = str(uuid.UUID(texts[0]))
    except (KeyError, TypeError, ValueError) as exc:
        raise _refuse(NOT_OURS) from exc
    if exported_at.tzinfo is None:
        raise _refuse(NOT_OURS)
    if not cert.not_valid_before_utc <= exported_at <= cert.not_valid_after_utc:
        raise _refuse(N_("The coach's certificate was not valid when this file was signed."))
    return TeamFile(
        file_id=texts[0],
        sha256=hashlib.sha256(content).hexdigest(),
        coach_fingerprint=fingerprint,
        coach_name=_common_name(cert),
        organisation=texts[1],
        programme=texts[2],
        exported_at=exported_at.astimezone(dt.UTC).replace(tzinfo=None),
        figures=figures,
        content=content,
        esf=esf,
    )


def _b64(text: str) -> bytes:
    """Base64 in its one canonical spelling (unused low bits changed are a changed file)."""
    data = base64.b64decode(text, validate=True)
    if base64.b64encode(data).decode("ascii") != text:
        raise ValueError("not canonical base64")
    return data


def _verify(cert: x509.Certificate, algorithm: object, signature: bytes, data: bytes) -> bool:
    try:
        key = cert.public_key()
        if algorithm == "ecdsa-sha256" and isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
        elif algorithm == "rsa-pkcs1v15-sha256" and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        else:
            return False
    except (InvalidSignature, UnsupportedAlgorithm, ValueError):
        return False
    return True


def _common_name(cert: x509.Certificate) -> str:
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()
