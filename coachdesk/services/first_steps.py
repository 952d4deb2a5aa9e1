"""Her first steps in a new vault, for the checklist Today shows until they are done."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from coachdesk.models import AuditEntry, Consent, Organisation, Participant
from coachdesk.services.context import ServiceContext
from coachdesk.services.settings import COACH_NAME, get_value


@dataclass(frozen=True)
class FirstSteps:
    named: bool
    """Her name (for the documents she signs) is set."""
    partner: bool
    """The directory holds an organisation (the job centre, to send documents to)."""
    participant: bool
    """She has taken up a participant."""
    consent: bool
    """A consent is recorded: without one, nothing about a participant can be sent."""
    backup: bool
    """She has made a backup by hand (onto a USB stick, away from the laptop)."""

    @property
    def done(self) -> bool:
        return self.named and self.partner and self.participant and self.consent and self.backup


def _exists(s: Session, query: Select[Any]) -> bool:
    return s.scalar(query.limit(1)) is not None


class FirstStepsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def status(self) -> FirstSteps:
        with self.ctx.read() as s:
            return FirstSteps(
                named=bool(get_value(s, COACH_NAME)),
                partner=_exists(s, select(Organisation.id)),
                participant=_exists(s, select(Participant.id)),
                consent=_exists(s, select(Consent.id)),
                backup=_exists(
                    s,
                    select(AuditEntry.id).where(
                        AuditEntry.entity == "vault", AuditEntry.action == "backup"
                    ),
                ),
            )
