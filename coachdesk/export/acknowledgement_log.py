"""Which documents take her acknowledgement, and its record beside the export register entry.

The reports *about* her that go to a third party take it: the exit handover, the interim
feedback and a meeting summary say what the coach reports of her, and she has a right to
know and to answer before they leave. The consent form does not: it is her own declaration,
signed on paper. A plan made for her (it goes to her) needs none either.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.documents.drawn_signature import DrawnSignature
from coachdesk.export.acknowledgement import Acknowledgement, check
from coachdesk.export.preview import DocumentType
from coachdesk.i18n import N_, Message
from coachdesk.models import DocumentAcknowledgement
from coachdesk.services.errors import FieldError

ACKNOWLEDGED_DOCUMENTS = frozenset(
    {DocumentType.EXIT_HANDOVER, DocumentType.INTERIM_FEEDBACK, DocumentType.MEETING_SUMMARY}
)


def takes_acknowledgement(document: object) -> bool:
    return document in ACKNOWLEDGED_DOCUMENTS


def check_acknowledgement(
    problems: list[FieldError], document: DocumentType, ack: Acknowledgement | None
) -> None:
    if ack is None:
        return
    if not takes_acknowledgement(document):
        problems.append(
            FieldError(
                "acknowledgement",
                Message(N_("Her acknowledgement is recorded for reports about her only.")),
            )
        )
        return
    check(problems, ack)


def store_acknowledgement(s: Session, export_record_id: int, ack: Acknowledgement) -> None:
    """Keep it with the export record, in the same transaction as the record."""
    s.add(
        DocumentAcknowledgement(
            export_record_id=export_record_id,
            how=ack.how,
            helper_name=ack.by,
            language=ack.language,
            agrees=ack.agrees,
            objection="" if ack.agrees else ack.objection,
            signature=ack.signature.to_bytes() if ack.signature is not None else None,
        )
    )


def audit_details(ack: Acknowledgement) -> dict[str, Any]:
    """What the audit entry of the export says of it: never her words, her signature or a name."""
    return {
        "how": str(ack.how),
        "language": ack.language,
        "agrees": ack.agrees,
        "signed_by_hand": ack.signature is not None,
    }


def acknowledgement_of(s: Session, export_record_id: int) -> Acknowledgement | None:
    """The acknowledgement recorded with an export, as it was printed."""
    row = s.scalar(
        select(DocumentAcknowledgement).where(
            DocumentAcknowledgement.export_record_id == export_record_id
        )
    )
    if row is None:
        return None
    return Acknowledgement(
        how=row.how,
        by=row.helper_name,
        language=row.language,
        agrees=row.agrees,
        objection=row.objection,
        signature=DrawnSignature.from_bytes(row.signature) if row.signature else None,
    )
