"""What the coach should know before she signs, though the document itself may not say it.

Shown in the export dialog only (never in the document): an exit handover for a woman who
is still in the programme, or one with no exit handover recorded, would go out saying
"Nothing recorded yet." under her name and the coach's signature.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.export.preview import DocumentType
from coachdesk.i18n import N_, Message
from coachdesk.labels import label
from coachdesk.models import Handover, Participant
from coachdesk.models.enums import HandoverKind, ParticipantStatus

STILL_IN_PROGRAMME = frozenset(
    {ParticipantStatus.INTAKE, ParticipantStatus.ACTIVE, ParticipantStatus.PAUSED}
)


def cautions(s: Session, doc: DocumentType, participant_id: int) -> tuple[Message, ...]:
    if doc != DocumentType.EXIT_HANDOVER:
        return ()
    found: list[Message] = []
    participant = s.get(Participant, participant_id)
    if participant is not None:
        found += still_in_programme(doc, participant.status)
    exit_handover = s.scalar(
        select(Handover.id)
        .where(Handover.participant_id == participant_id, Handover.kind == HandoverKind.EXIT)
        .limit(1)
    )
    if exit_handover is None:
        found.append(
            Message(
                N_(
                    "No exit handover is recorded for her: the document would say "
                    "“Nothing recorded yet.” Record it in her file under Handovers first."
                )
            )
        )
    return tuple(found)


def still_in_programme(doc: DocumentType, status: ParticipantStatus) -> tuple[Message, ...]:
    """An exit handover for a woman who has not left the programme: worth a second look."""
    if doc != DocumentType.EXIT_HANDOVER or status not in STILL_IN_PROGRAMME:
        return ()
    return (
        Message(
            N_(
                "She is still in the programme (status: {status}). An exit handover is "
                "usually written when she leaves."
            ),
            {"status": label(status)},
        ),
    )
