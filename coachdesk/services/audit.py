"""Writing and reading the audit log. Entries name fields and ids, never field values."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.models import AuditEntry
from coachdesk.services.context import ServiceContext


def record(
    s: Session,
    ctx: ServiceContext,
    action: str,
    entity: str,
    entity_id: int | None,
    participant_id: int | None = None,
    details: Mapping[str, Any] | None = None,
) -> None:
    """Add an audit entry to the session's transaction (it commits or rolls back with it)."""
    s.add(
        AuditEntry(
            actor=ctx.actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            participant_id=participant_id,
            details=json.dumps(dict(details or {}), sort_keys=True, default=str),
        )
    )


@dataclass(frozen=True)
class AuditRecord:
    id: int
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: int | None
    participant_id: int | None
    details: Mapping[str, Any]


class AuditService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def entries(
        self, *, participant_id: int | None = None, action: str | None = None, limit: int = 500
    ) -> list[AuditRecord]:
        with self.ctx.read() as s:
            q = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
            if participant_id is not None:
                q = q.where(AuditEntry.participant_id == participant_id)
            if action is not None:
                q = q.where(AuditEntry.action == action)
            return [
                AuditRecord(
                    e.id,
                    e.at,
                    e.actor,
                    e.action,
                    e.entity,
                    e.entity_id,
                    e.participant_id,
                    json.loads(e.details or "{}"),
                )
                for e in s.scalars(q)
            ]
