"""Handing a participant over to a colleague, and taking one over: the use cases.

Sending writes the package and registers it (audit entry and transfer record) in one
transaction; receiving imports every record, registers the package and writes the audit
entry in one transaction, so a package is imported whole, once, or not at all.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from coachdesk.export.identities import active_material
from coachdesk.export.transfer.arrival import Arrival, arrival_of, unlock
from coachdesk.export.transfer.container import altered, new_package_id, seal
from coachdesk.export.transfer.content import Gathered, gather, person_of
from coachdesk.export.transfer.intake import add_records, new_participant
from coachdesk.export.transfer.plan import TransferPlan, TransferRequest, covered_for
from coachdesk.export.transfer.unseal import decrypt_records
from coachdesk.i18n import N_
from coachdesk.models import ColleagueCertificate, Consent, ReceivedPackage, TransferRecord
from coachdesk.models.enums import DataCategory
from coachdesk.services import audit
from coachdesk.services.common import load_participant
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.errors import FieldError, ValidationError
from coachdesk.services.participants import _retention_date
from coachdesk.services.programmes import named_or_new
from coachdesk.services.settings import document_issuer
from coachdesk.vault.saving import save_atomically

PACKAGE_LIMIT = 1024 * 1024 * 1024
"""A package larger than this is not read (a participant's papers stay far below)."""


@dataclass(frozen=True)
class SentTransfer:
    package_id: str
    sha256: str
    path: Path
    plan: TransferPlan


@dataclass(frozen=True)
class ReceivedTransfer:
    participant_id: int
    merged: bool


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class TransferService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- sending ------------------------------------------------------------------------------

    def plan(self, request: TransferRequest) -> TransferPlan:
        """What would go, to whom, on which basis (raises when it may not go at all)."""
        with self.ctx.read() as s:
            return self._plan(s, request)[0]

    def _plan(
        self, s: Session, request: TransferRequest
    ) -> tuple[TransferPlan, ColleagueCertificate, Gathered]:
        p, colleague, covered, consent_ids = covered_for(s, request, self.ctx.today())
        gathered = gather(s, p, covered)
        plan = TransferPlan(
            participant_id=p.id,
            participant_name=p.display_name,
            colleague_name=colleague.name,
            colleague_fingerprint=colleague.fingerprint_sha256,
            categories=covered,
            withheld=frozenset(DataCategory) - covered,
            consent_ids=consent_ids,
            legal_basis=request.legal_basis,
            basis_note=request.basis_note.strip(),
            counts=gathered.counts,
        )
        return plan, colleague, gathered

    def send(self, request: TransferRequest, out: Path | str) -> SentTransfer:
        """Write the package for the colleague to ``out`` and register it."""
        out = Path(out)
        with self.ctx.write() as s:
            plan, colleague, gathered = self._plan(s, request)
            p = load_participant(s, plan.participant_id)
            material = active_material(s)
            organisation, coach = document_issuer(s, self.ctx.actor)
            now = _now()
            package_id = new_package_id()
            manifest = {
                "package_id": package_id,
                "created": now.isoformat(timespec="seconds"),
                "sender": {
                    "name": coach,
                    "organisation": organisation,
                    "fingerprint": material.fingerprint_sha256,
                },
                "recipient": {
                    "name": plan.colleague_name,
                    "fingerprint": colleague.fingerprint_sha256,
                },
                "person": person_of(p),
                "categories": sorted(plan.categories),
                "counts": plan.counts,
                "basis": _basis(plan, s),
            }
            data = seal(
                _json(manifest),
                _json(gathered.records),
                package_id=package_id,
                sender=material,
                recipient_certificate_der=colleague.certificate_der,
                now=now,
            )
            digest = hashlib.sha256(data).hexdigest()
            s.add(
                TransferRecord(
                    package_id=package_id,
                    direction="sent",
                    actor=self.ctx.actor,
                    participant_id=p.id,
                    colleague_fingerprint=plan.colleague_fingerprint,
                    sha256=digest,
                    categories=",".join(sorted(plan.categories)),
                    legal_basis=str(plan.legal_basis or ""),
                    consent_ids=",".join(map(str, plan.consent_ids)),
                    basis_note=plan.basis_note,
                )
            )
            details = {
                "package": package_id,
                "sha256": digest,
                "recipient": plan.colleague_fingerprint,
                "categories": sorted(plan.categories),
            }
            audit.record(s, self.ctx, "transfer_sent", "participant", p.id, p.id, details)
            s.flush()
            save_atomically(out, data)
        self.ctx.publish(Changes.of({ChangeKind.TRANSFER, ChangeKind.AUDIT}, {p.id}))
        return SentTransfer(package_id, digest, out, plan)

    # -- receiving ----------------------------------------------------------------------------

    def open(self, data: bytes) -> Arrival:
        """Who and what is inside, who sent it and whether it may be imported; nothing stored."""
        _check_size(data)
        with self.ctx.read() as s:
            sealed, _key, manifest = unlock(s, data)
            return arrival_of(s, sealed, manifest, _now().replace(tzinfo=None))

    def receive(self, data: bytes, *, into: int | None = None) -> ReceivedTransfer:
        """Import the package as a new person, or attach its records to ``into``."""
        _check_size(data)
        with self.ctx.write() as s:
            sealed, key, manifest = unlock(s, data)
            arrival = arrival_of(s, sealed, manifest, _now().replace(tzinfo=None))
            if arrival.problem is not None:
                raise ValidationError([_field(arrival)])
            try:
                records = json.loads(decrypt_records(sealed, key))
                if not isinstance(records, dict):
                    raise ValueError("records must be an object")
                if into is None:
                    named = functools.partial(named_or_new, s, self.ctx)
                    p = new_participant(s, records, _retention_date, named)
                else:
                    p = load_participant(s, into)
                add_records(s, p, records)
            except (ValueError, TypeError, KeyError) as exc:
                raise ValidationError.single(
                    "package",
                    N_("This transfer file's records cannot be read; nothing was imported."),
                ) from exc
            basis = arrival.basis
            s.add(ReceivedPackage(package_id=arrival.package_id))
            s.add(
                TransferRecord(
                    package_id=arrival.package_id,
                    direction="received",
                    actor=self.ctx.actor,
                    participant_id=p.id,
                    colleague_fingerprint=arrival.sender_fingerprint,
                    sha256=arrival.sha256,
                    categories=",".join(sorted(arrival.categories)),
                    legal_basis=str(basis.get("legal_basis", ""))[:40],
                    basis_note=str(basis.get("note", "")),
                    merged=int(into is not None),
                )
            )
            audit.record(
                s,
                self.ctx,
                "transfer_received",
                "participant",
                p.id,
                p.id,
                {
                    "package": arrival.package_id,
                    "sha256": arrival.sha256,
                    "sender": arrival.sender_fingerprint,
                    "merged": into is not None,
                },
            )
            s.flush()
            result = ReceivedTransfer(p.id, into is not None)
        kinds = {ChangeKind.PARTICIPANT, ChangeKind.TRANSFER, ChangeKind.AUDIT}
        kinds.add(ChangeKind.PROGRAMME)  # hers may have been made on the way
        self.ctx.publish(Changes.of(kinds, {result.participant_id}))
        return result


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _basis(plan: TransferPlan, s: Session) -> dict[str, Any]:
    """On which basis it goes, as the colleague's preview shows it."""
    if plan.legal_basis is not None:
        return {
            "kind": "legal_basis",
            "legal_basis": str(plan.legal_basis),
            "note": plan.basis_note,
        }
    rows = [s.get(Consent, cid) for cid in plan.consent_ids]
    return {
        "kind": "consent",
        "consents": [
            {
                "given_on": c.given_on.isoformat(),
                "valid_until": c.valid_until.isoformat() if c.valid_until else None,
                "purpose": c.purpose,
                "legal_basis": str(c.legal_basis),
            }
            for c in rows
            if c is not None
        ],
    }


def _check_size(data: bytes) -> None:
    if len(data) > PACKAGE_LIMIT:
        raise altered()


def _field(arrival: Arrival) -> FieldError:
    assert arrival.problem is not None
    return FieldError("package", arrival.problem)
