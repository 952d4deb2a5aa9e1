"""The record of what left the vault: export records, their audit entry, the history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.documents.signing import SigningMaterial
from coachdesk.export.acknowledgement_log import audit_details, store_acknowledgement
from coachdesk.export.compose import Composed, DocumentRequest
from coachdesk.export.plan_versions import keep_version
from coachdesk.export.recipients import recipient_name
from coachdesk.models import ExportRecord
from coachdesk.models.enums import DataCategory
from coachdesk.services import audit
from coachdesk.services.context import ServiceContext


@dataclass(frozen=True)
class ExportHistoryRow:
    id: int
    created_at: dt.datetime
    actor: str
    document_type: str
    language: str
    recipient_name: str
    purpose: str
    categories: tuple[DataCategory, ...]
    withheld_categories: tuple[DataCategory, ...]
    sha256: str
    signer_fingerprint: str
    enclosures: tuple[Enclosed, ...] = ()
    """The papers appended to the document."""


@dataclass(frozen=True)
class Enclosed:
    """A paper that left with a document: which one, and the SHA-256 of its file."""

    attachment_id: int
    sha256: str


def log_export(
    s: Session,
    ctx: ServiceContext,
    request: DocumentRequest,
    made: Composed,
    digest: str,
    material: SigningMaterial,
) -> int:
    """Record what left the vault (categories, recipient, hash, signer) and its audit entry.

    Her acknowledgement, if recorded, is kept with the record; the audit entry says how she
    took note and whether she agrees, never what she said.
    """
    participant_id, doc, lang = request.participant_id, request.document_type, request.lang
    recipient, purpose = request.recipient, made.purpose
    included, withheld, consent_ids = made.included, made.withheld, made.consent_ids
    categories = ",".join(sorted(included))
    enclosed = [Enclosed(e.attachment_id, e.sha256) for e in made.enclosures]
    record = ExportRecord(
        participant_id=participant_id,
        actor=ctx.actor,
        document_type=str(doc),
        language=lang,
        recipient_organisation_id=recipient.organisation_id,
        recipient_contact_id=recipient.contact_id,
        purpose=purpose,
        categories=categories,
        withheld_categories=",".join(sorted(withheld)),
        consent_ids=",".join(str(c) for c in consent_ids),
        sha256=digest,
        signer_fingerprint=material.fingerprint_sha256,
        enclosures=",".join(f"{e.attachment_id}:{e.sha256}" for e in enclosed),
    )
    s.add(record)
    s.flush()
    if made.plan is not None:  # her plan: kept as a version, for the next one to compare
        keep_version(s, made.plan, request.on, ctx.actor, record.id)
    ack = request.acknowledgement
    if ack is not None:
        store_acknowledgement(s, record.id, ack)
    audit.record(
        s,
        ctx,
        "export",
        "document",
        record.id,
        participant_id,
        {
            **({"acknowledgement": audit_details(ack)} if ack is not None else {}),
            "document_type": str(doc),
            "language": lang,
            "recipient_organisation_id": recipient.organisation_id,
            "recipient_contact_id": recipient.contact_id,
            "purpose": purpose,
            "categories": sorted(included),
            "consent_ids": consent_ids,
            "sha256": digest,
            "signer_fingerprint": material.fingerprint_sha256,
            "enclosures": [
                {"attachment_id": e.attachment_id, "sha256": e.sha256} for e in enclosed
            ],
        },
    )
    return record.id


def history_rows(s: Session, participant_id: int) -> list[ExportHistoryRow]:
    q = select(ExportRecord).where(ExportRecord.participant_id == participant_id)
    rows = s.scalars(q.order_by(ExportRecord.created_at.desc(), ExportRecord.id.desc()))
    return [
        ExportHistoryRow(
            r.id,
            r.created_at,
            r.actor,
            r.document_type,
            r.language,
            recipient_name(s, r.recipient_organisation_id, r.recipient_contact_id),
            r.purpose,
            _categories(r.categories),
            _categories(r.withheld_categories),
            r.sha256,
            r.signer_fingerprint,
            _enclosed(r.enclosures),
        )
        for r in rows
    ]


def _categories(value: str) -> tuple[DataCategory, ...]:
    return tuple(DataCategory(v) for v in value.split(",") if v)


def _enclosed(value: str) -> tuple[Enclosed, ...]:
    pairs = (item.split(":", 1) for item in value.split(",") if item)
    return tuple(Enclosed(int(attachment_id), sha256) for attachment_id, sha256 in pairs)
