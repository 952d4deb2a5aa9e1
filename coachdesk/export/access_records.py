"""Everything the vault holds about one participant, read into the access file's lists.

Each list is read by her id only: a query of another table reaches her records through her
participant id (or a record that has it), never by a name, so another woman's data cannot
come along. The directory's organisations and contact persons are named where her records
point to them (her integration officer, a consent's recipient), nothing more of them.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.export.access_esf import esf_entry, esf_exit, esf_follow_up
from coachdesk.export.access_transfers import transfers
from coachdesk.export.access_values import Json, categories_of, code, code_of, iso, record
from coachdesk.models import (
    AftercareFollowUp,
    Attachment,
    AttachmentContent,
    AuditEntry,
    Consent,
    ContactPerson,
    DocumentAcknowledgement,
    Enrolment,
    ExportRecord,
    Goal,
    Handover,
    Meeting,
    Organisation,
    PlanVersion,
    Programme,
)
from coachdesk.services.common import load_participant


def person(s: Session, organisation_id: int | None, contact_id: int | None) -> Json | None:
    """Who her record points to: ``{"organisation": ..., "contact_person": ...}`` with ids."""
    org = s.get(Organisation, organisation_id) if organisation_id is not None else None
    contact = s.get(ContactPerson, contact_id) if contact_id is not None else None
    if contact is not None and org is None:
        org = contact.organisation
    if org is None and contact is None:
        return None
    return {
        "organisation": {"id": org.id, "name": org.name} if org is not None else None,
        "contact_person": {"id": contact.id, "name": contact.name} if contact else None,
    }


def participant(s: Session, pid: int, lang: str, notes: bool) -> Json:
    p = load_participant(s, pid)
    out = record(p, lang, notes=notes, skip=("integration_officer_id",))
    programme = s.get(Programme, p.programme_id) if p.programme_id is not None else None
    out["programme"] = programme.name if programme is not None else ""
    out["integration_officer"] = person(s, None, p.integration_officer_id)
    return out


def goals(s: Session, pid: int, lang: str, notes: bool) -> list[Json]:
    rows = s.scalars(select(Goal).where(Goal.participant_id == pid).order_by(Goal.position))
    return [
        {
            **record(g, lang, notes=notes),
            "milestones": [record(m, lang, notes=notes) for m in g.milestones],
        }
        for g in rows
    ]


def meetings(s: Session, pid: int, lang: str, notes: bool) -> list[Json]:
    q = select(Meeting).where(Meeting.participant_id == pid)
    out = []
    for m in s.scalars(q.order_by(Meeting.held_at, Meeting.id)):
        attendees = [
            {
                **record(a, lang, notes=notes, skip=("contact_person_id",)),
                "contact_person": person(s, None, a.contact_person_id),
            }
            for a in m.attendees
        ]
        agreements = [record(a, lang, notes=notes) for a in m.agreements]
        out.append(
            {**record(m, lang, notes=notes), "attendees": attendees, "agreements": agreements}
        )
    return out


def enrolments(s: Session, pid: int, lang: str, notes: bool) -> list[Json]:
    q = select(Enrolment).where(Enrolment.participant_id == pid)
    out = []
    for e in s.scalars(q.order_by(Enrolment.enrolled_on, Enrolment.id)):
        mod = e.module
        module = {
            "id": mod.id,
            "title": mod.title,
            "starts_on": iso(mod.starts_on),
            "ends_on": iso(mod.ends_on),
            "location": mod.location,
        }
        attendance = [record(a, lang, notes=notes) for a in e.attendance]
        item = record(e, lang, notes=notes, skip=("module_id",))
        out.append({**item, "module": module, "attendance": attendance})
    return out


def consents(s: Session, pid: int, lang: str, notes: bool) -> list[Json]:
    q = select(Consent).where(Consent.participant_id == pid)
    out = []
    for c in s.scalars(q.order_by(Consent.given_on, Consent.id)):
        scans = s.scalars(
            select(Attachment.id).where(Attachment.consent_id == c.id).order_by(Attachment.id)
        )
        out.append(
            {
                **record(
                    c, lang, notes=notes, skip=("recipient_organisation_id", "recipient_contact_id")
                ),
                "recipient": person(s, c.recipient_organisation_id, c.recipient_contact_id),
                "categories": [code(cat, lang) for cat in sorted(c.categories)],
                "scans": list(scans),
            }
        )
    return out


_RECIPIENT = ("recipient_organisation_id", "recipient_contact_id")


def handovers(s: Session, pid: int, lang: str, notes: bool) -> list[Json]:
    q = select(Handover).where(Handover.participant_id == pid)
    return [
        {
            **record(h, lang, notes=notes, skip=("organisation_id", "contact_person_id")),
            "other_side": person(s, h.organisation_id, h.contact_person_id),
        }
        for h in s.scalars(q.order_by(Handover.handover_date, Handover.id))
    ]


def aftercare(s: Session, pid: int, lang: str, notes: bool) -> list[Json]:
    q = select(AftercareFollowUp).where(AftercareFollowUp.participant_id == pid)
    rows = s.scalars(q.order_by(AftercareFollowUp.due_on, AftercareFollowUp.id))
    return [record(f, lang, notes=notes) for f in rows]


def papers(s: Session, pid: int, lang: str, notes: bool) -> list[Json]:
    """Her papers, each with the name, type, size, date and SHA-256 of its file."""
    q = (
        select(Attachment, AttachmentContent)
        .join(AttachmentContent, AttachmentContent.id == Attachment.content_id)
        .where(Attachment.participant_id == pid)
        .order_by(Attachment.id)
    )
    out = []
    for paper, content in s.execute(q).all():
        item = record(paper, lang, notes=notes)
        item.update(
            media_type=content.media_type,
            size=content.size,
            sha256=content.sha256,
            page_count=content.page_count,
            file=None,  # the name in the archive, once it is written (``access_papers``)
        )
        out.append(item)
    return out


def plan_versions(s: Session, pid: int, lang: str, notes: bool) -> list[Json]:
    q = select(PlanVersion).where(PlanVersion.participant_id == pid).order_by(PlanVersion.id)
    out = []
    for v in s.scalars(q):
        item = record(v, lang, notes=notes)
        item["content"] = _json_or_text(v.content)
        out.append(item)
    return out


def exports(s: Session, pid: int, lang: str, notes: bool) -> list[Json]:
    """The export register: what left the vault about her, to whom, when, with her answer."""
    q = select(ExportRecord).where(ExportRecord.participant_id == pid)
    out = []
    for r in s.scalars(q.order_by(ExportRecord.created_at, ExportRecord.id)):
        ack = s.scalars(
            select(DocumentAcknowledgement).where(DocumentAcknowledgement.export_record_id == r.id)
        ).one_or_none()
        out.append(
            {
                "id": r.id,
                "created_at": iso(r.created_at),
                "actor": r.actor,
                "document_type": code_of(r.document_type, lang),
                "language": r.language,
                "recipient": person(s, r.recipient_organisation_id, r.recipient_contact_id),
                "purpose": r.purpose,
                "categories": categories_of(r.categories, lang),
                "withheld_categories": categories_of(r.withheld_categories, lang),
                "consent_ids": [int(c) for c in r.consent_ids.split(",") if c],
                "sha256": r.sha256,
                "signer_fingerprint": r.signer_fingerprint,
                "enclosures": [
                    {"attachment_id": int(a), "sha256": h}
                    for a, h in (e.split(":", 1) for e in r.enclosures.split(",") if e)
                ],
                "acknowledgement": acknowledgement(ack, lang, notes) if ack else None,
            }
        )
    return out


def acknowledgement(ack: DocumentAcknowledgement, lang: str, notes: bool) -> Json:
    out = record(ack, lang, notes=notes)
    out["signature"] = _json_or_text(ack.signature.decode()) if ack.signature else None
    return out


def audit_log(s: Session, pid: int, lang: str, notes: bool) -> list[Json]:
    """The audit entries about her: what was done to her file, by whom, when (never values)."""
    q = select(AuditEntry).where(AuditEntry.participant_id == pid)  # by its index
    return [
        {
            "id": e.id,
            "at": iso(e.at),
            "actor": e.actor,
            "action": e.action,
            "entity": e.entity,
            "entity_id": e.entity_id,
            "details": _json_or_text(e.details),
        }
        for e in s.scalars(q.order_by(AuditEntry.at, AuditEntry.id))
    ]


def _json_or_text(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text


READERS = {
    "goals": goals,
    "meetings": meetings,
    "enrolments": enrolments,
    "consents": consents,
    "handovers": handovers,
    "aftercare": aftercare,
    "esf_entry": esf_entry,
    "esf_exit": esf_exit,
    "esf_follow_up": esf_follow_up,
    "papers": papers,
    "plan_versions": plan_versions,
    "exports": exports,
    "transfers": transfers,
    "audit_log": audit_log,
}
"""The lists of her file after her own record, in the file's order (``access_texts.SECTIONS``)."""
