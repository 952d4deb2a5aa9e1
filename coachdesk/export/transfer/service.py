"""Handing a participant over to a colleague, and taking one over: the use cases.

Sending writes one package for one or several people and registers it (an audit entry and a
transfer record per person) in one transaction; receiving imports every chosen person's
records, registers the package and writes the audit entries in one transaction, so a
package is imported whole, once, or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from coachdesk.export.identities import active_material
from coachdesk.export.transfer.arrival import Arrival, arrival_of, unlock
from coachdesk.export.transfer.container import altered, new_package_id, seal
from coachdesk.export.transfer.content import Gathered, gather, person_of
from coachdesk.export.transfer.plan import (
    PersonPlan,
    Refusal,
    TransferPlan,
    TransferRequest,
    colleague_for,
    covered_for,
    load_all,
)
from coachdesk.export.transfer.receiving import (
    Choice,
    ReceivedTransfer,
    choices_for,
    decrypted,
    preview_merge,
    take_over,
)
from coachdesk.i18n import N_
from coachdesk.models import ColleagueCertificate, Consent, TransferRecord
from coachdesk.models.enums import DataCategory
from coachdesk.services import audit
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.errors import FieldError, ValidationError
from coachdesk.services.participants import _retention_date
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
class _Going:
    plan: PersonPlan
    gathered: Gathered
    person: dict[str, Any]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class TransferService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- sending ------------------------------------------------------------------------------

    def plan(self, request: TransferRequest) -> TransferPlan:
        """What would go, to whom, on which basis, and who cannot go and why (raises when
        nobody may go at all)."""
        with self.ctx.read() as s:
            return self._plan(s, request)[0]

    def _plan(
        self, s: Session, request: TransferRequest
    ) -> tuple[TransferPlan, ColleagueCertificate, list[_Going]]:
        colleague = colleague_for(s, request)
        going: list[_Going] = []
        refused: list[Refusal] = []
        for p in load_all(s, request.participant_ids):
            found = covered_for(s, p, colleague, request, self.ctx.today())
            if not isinstance(found, tuple):
                refused.append(Refusal(p.id, p.display_name, found))
                continue
            covered, consent_ids = found
            gathered = gather(s, p, covered)
            person = PersonPlan(
                participant_id=p.id,
                participant_name=p.display_name,
                categories=covered,
                withheld=frozenset(DataCategory) - covered,
                consent_ids=consent_ids,
                counts=gathered.counts,
            )
            going.append(_Going(person, gathered, person_of(p)))
        if not going:
            raise ValidationError([FieldError("consent", refused[0].reason)])
        plan = TransferPlan(
            colleague_name=colleague.name,
            colleague_fingerprint=colleague.fingerprint_sha256,
            legal_basis=request.legal_basis,
            basis_note=request.basis_note.strip(),
            people=tuple(g.plan for g in going),
            refused=tuple(refused),
        )
        return plan, colleague, going

    def send(self, request: TransferRequest, out: Path | str) -> SentTransfer:
        """Write the package for the colleague to ``out`` and register it, for each person
        who may go (the plan names who may not)."""
        out = Path(out)
        with self.ctx.write() as s:
            plan, colleague, going = self._plan(s, request)
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
                "people": [
                    {
                        "person": g.person,
                        "categories": sorted(g.plan.categories),
                        "counts": g.plan.counts,
                        "basis": _basis(plan, g.plan, s),
                    }
                    for g in going
                ],
            }
            records = {"people": [g.gathered.records for g in going]}
            data = seal(
                _json(manifest),
                _json(records),
                package_id=package_id,
                sender=material,
                recipient_certificate_der=colleague.certificate_der,
                now=now,
            )
            digest = hashlib.sha256(data).hexdigest()
            for g in going:
                self._register_sent(s, plan, g.plan, package_id, digest)
            s.flush()
            save_atomically(out, data)
        ids = {g.plan.participant_id for g in going}
        self.ctx.publish(Changes.of({ChangeKind.TRANSFER, ChangeKind.AUDIT}, ids))
        return SentTransfer(package_id, digest, out, plan)

    def _register_sent(
        self, s: Session, plan: TransferPlan, person: PersonPlan, package_id: str, digest: str
    ) -> None:
        pid = person.participant_id
        s.add(
            TransferRecord(
                package_id=package_id,
                direction="sent",
                actor=self.ctx.actor,
                participant_id=pid,
                colleague_fingerprint=plan.colleague_fingerprint,
                sha256=digest,
                categories=",".join(sorted(person.categories)),
                legal_basis=str(plan.legal_basis or ""),
                consent_ids=",".join(map(str, person.consent_ids)),
                basis_note=plan.basis_note,
            )
        )
        details = {
            "package": package_id,
            "sha256": digest,
            "recipient": plan.colleague_fingerprint,
            "categories": sorted(person.categories),
        }
        audit.record(s, self.ctx, "transfer_sent", "participant", pid, pid, details)

    # -- receiving ----------------------------------------------------------------------------

    def open(self, data: bytes) -> Arrival:
        """Who and what is inside, who sent it and whether it may be imported; nothing stored."""
        _check_size(data)
        with self.ctx.read() as s:
            sealed, _key, manifest = unlock(s, data)
            return arrival_of(s, sealed, manifest, _now().replace(tzinfo=None))

    def merge_preview(self, data: bytes, index: int, into: int) -> tuple[list[str], list[str]]:
        """Which fields of participant ``into`` a merge of the package's person ``index``
        would fill, and which differ (hers kept); nothing is stored."""
        _check_size(data)
        with self.ctx.read() as s:
            sealed, key, manifest = unlock(s, data)
            arrival = arrival_of(s, sealed, manifest, _now().replace(tzinfo=None))
            if arrival.problem is not None:
                raise ValidationError([_field(arrival)])
            people = decrypted(sealed, key, arrival)
            if not 0 <= index < len(people):
                raise ValidationError.single("choices", N_("No such person in this file."))
            return preview_merge(s, people[index], into)

    def receive(self, data: bytes, choices: Sequence[Choice] | None = None) -> ReceivedTransfer:
        """Import each person of the package as ``choices`` says (default: all as new)."""
        _check_size(data)
        with self.ctx.write() as s:
            sealed, key, manifest = unlock(s, data)
            arrival = arrival_of(s, sealed, manifest, _now().replace(tzinfo=None))
            if arrival.problem is not None:
                raise ValidationError([_field(arrival)])
            chosen = choices_for(arrival, choices)
            people = decrypted(sealed, key, arrival)
            result = take_over(s, self.ctx, arrival, people, chosen, _retention_date)
        kinds = {ChangeKind.PARTICIPANT, ChangeKind.TRANSFER, ChangeKind.AUDIT}
        kinds.add(ChangeKind.PROGRAMME)  # hers may have been made on the way
        self.ctx.publish(Changes.of(kinds, {t.participant_id for t in result.people}))
        return result


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _basis(plan: TransferPlan, person: PersonPlan, s: Session) -> dict[str, Any]:
    """On which basis she goes, as the colleague's preview shows it."""
    if plan.legal_basis is not None:
        return {
            "kind": "legal_basis",
            "legal_basis": str(plan.legal_basis),
            "note": plan.basis_note,
        }
    rows = [s.get(Consent, cid) for cid in person.consent_ids]
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
