"""Programmes (MY TURN, Stark im Beruf): the records participants and modules belong to.

Change kind: "programme". Lists come in the order of the names as the user's language sorts.
"""

from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from coachdesk.collation import sort_key
from coachdesk.models import Programme
from coachdesk.services.context import ServiceContext


@dataclass(frozen=True)
class ProgrammeRecord:
    id: int
    name: str
    funder: str = ""
    funded_from: dt.date | None = None
    funded_until: dt.date | None = None
    note: str = ""
    archived: bool = False


def _record(p: Programme) -> ProgrammeRecord:
    return ProgrammeRecord(
        id=p.id,
        name=p.name,
        funder=p.funder,
        funded_from=p.funded_from,
        funded_until=p.funded_until,
        note=p.note,
        archived=p.archived_at is not None,
    )


class ProgrammeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def list(self, *, include_archived: bool = False) -> builtins.list[ProgrammeRecord]:
        """The programmes by name; archived ones only when asked for (a report of a past
        period may still need them)."""
        with self.ctx.read() as s:
            q = select(Programme)
            if not include_archived:
                q = q.where(Programme.archived_at.is_(None))
            found = [_record(p) for p in s.scalars(q)]
        return sorted(found, key=lambda p: sort_key(p.name))
