"""Her file handed to a colleague or received from one, as her access file lists it."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.export.access_values import Json, categories_of, code, code_of, iso
from coachdesk.models import ColleagueCertificate, TransferRecord
from coachdesk.models.enums import LegalBasis


def transfers(s: Session, pid: int, lang: str, notes: bool) -> list[Json]:
    """Her file handed to a colleague or received from one (the package itself is not kept)."""
    names = {
        c.fingerprint_sha256: c.name
        for c in s.scalars(select(ColleagueCertificate))  # a handful: the coach's colleagues
    }
    q = select(TransferRecord).where(TransferRecord.participant_id == pid)
    return [
        {
            "id": r.id,
            "at": iso(r.at),
            "direction": code_of(r.direction, lang),
            "colleague": names.get(r.colleague_fingerprint, ""),
            "colleague_fingerprint": r.colleague_fingerprint,
            "actor": r.actor,
            "package_id": r.package_id,
            "sha256": r.sha256,
            "categories": categories_of(r.categories, lang),
            "legal_basis": _legal_basis(r.legal_basis, lang),
            "consent_ids": [int(c) for c in r.consent_ids.split(",") if c],
            "basis_note": r.basis_note,
            "merged": bool(r.merged),
        }
        for r in s.scalars(q.order_by(TransferRecord.at, TransferRecord.id))
    ]


def _legal_basis(value: str, lang: str) -> Json | str | None:
    """A transfer's legal basis as code and label (none recorded: her consent was it)."""
    known = {b.value: b for b in LegalBasis}
    if not value:
        return None
    return code(known[value], lang) if value in known else value
