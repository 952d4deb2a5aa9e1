"""Retention and erasure: who is due for deletion, and deleting a person without a trace.

Erasure removes the participant and everything about her (goals, meetings,
enrolments, consents, handovers, aftercare, export history, her search index
entries, her drafts and her audit entries). The audit log then holds only that
an erasure of a pseudonymous id happened. Afterwards the file is compacted
(WAL checkpoint and VACUUM), so nothing of her survives in free pages either.
Backups made before the erasure still hold her until they are pruned.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, delete, or_, select
from sqlalchemy.orm import Session

from coachdesk.models import AuditEntry, Draft, Participant, VaultSetting
from coachdesk.models.base import utcnow
from coachdesk.services import audit
from coachdesk.services.common import load_participant
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.vault.compact import compact

ERASURE_SALT = "erasure_salt"
ERASED_KINDS = frozenset(ChangeKind) - {ChangeKind.SETTING, ChangeKind.SIGNING_IDENTITY}
"""Everything of hers goes: every view showing any of it refreshes."""


@dataclass(frozen=True)
class DueForErasure:
    """A person whose retention date has come."""

    participant_id: int
    display_name: str
    exit_date: dt.date | None
    retention_until: dt.date
    archived: bool


@dataclass(frozen=True)
class Erasure:
    """What an erasure left behind: only this pseudonymous id, also in the audit log."""

    pseudonymous_id: str
    erased_at: dt.datetime


class RetentionService:
    def __init__(
        self, ctx: ServiceContext, compact_vault: Callable[[], None] | None = None
    ) -> None:
        self.ctx = ctx
        self._compact = compact_vault or self._compact_bound_engine

    def due_for_erasure(self, day: dt.date | None = None) -> list[DueForErasure]:
        """Everyone (archived or not) whose retention date is ``day`` (default today) or earlier."""
        day = day or self.ctx.today()
        with self.ctx.read() as s:
            rows = s.scalars(
                select(Participant)
                .where(Participant.retention_until.is_not(None))
                .where(Participant.retention_until <= day)
                .order_by(Participant.retention_until, Participant.id)
            )
            return [
                DueForErasure(
                    p.id,
                    p.display_name,
                    p.exit_date,
                    p.retention_until or day,
                    p.archived_at is not None,
                )
                for p in rows
            ]

    def erase(self, participant_id: int) -> Erasure:
        """Delete the person and everything about her, then compact the vault file."""
        with self.ctx.write() as s:
            load_participant(s, participant_id)  # NotFoundError if she is not (or no longer) there
            pseudonym = _pseudonymous_id(s, participant_id)
            _delete_drafts_of(s, participant_id)
            s.execute(
                delete(AuditEntry).where(
                    or_(
                        AuditEntry.participant_id == participant_id,
                        (AuditEntry.entity == "participant")
                        & (AuditEntry.entity_id == participant_id),
                    )
                )
            )
            # The database cascades to every record about her; triggers clear the search index.
            s.execute(delete(Participant).where(Participant.id == participant_id))
            s.expunge_all()
            audit.record(s, self.ctx, "erasure", "participant", None, None, {"id": pseudonym})
        erased_at = utcnow()
        self.ctx.publish(Changes.of(ERASED_KINDS, {participant_id}))
        self._compact()
        return Erasure(pseudonym, erased_at)

    def _compact_bound_engine(self) -> None:
        engine = self.ctx.sessions.kw.get("bind")
        if isinstance(engine, Engine):
            compact(engine)


def _pseudonymous_id(s: Session, participant_id: int) -> str:
    """A keyed hash of the id: stable within this vault, meaningless outside it."""
    row = s.get(VaultSetting, ERASURE_SALT)
    if row is None:
        row = VaultSetting(key=ERASURE_SALT, value=secrets.token_hex(16))
        s.add(row)
    digest = hmac.new(bytes.fromhex(row.value), str(participant_id).encode(), hashlib.sha256)
    return digest.hexdigest()[:16]


def _delete_drafts_of(s: Session, participant_id: int) -> None:
    """Drafts whose key names her id (e.g. "participant-file:17") or whose content does."""
    token = str(participant_id)
    for key, payload in s.execute(select(Draft.key, Draft.payload)).all():
        if token in key.split(":") or _payload_names(payload, participant_id):
            s.execute(delete(Draft).where(Draft.key == key))


def _payload_names(payload: str, participant_id: int) -> bool:
    try:
        data = json.loads(payload)
    except ValueError:
        return False
    return isinstance(data, dict) and data.get("participant_id") == participant_id
