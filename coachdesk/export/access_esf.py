"""Her ESF Plus questionnaires (entry, leaving, six months after) as her access file lists them.

Each is at most one record; the answers of the special categories (disability, minority) are
hers like every other answer and are written with the rest.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.export.access_values import Json, record
from coachdesk.models import EsfEntry, EsfExit, EsfFollowUp


def esf_entry(s: Session, pid: int, lang: str, notes: bool) -> list[Json]:
    q = select(EsfEntry).where(EsfEntry.participant_id == pid)
    return [record(r, lang, notes=notes) for r in s.scalars(q)]


def esf_exit(s: Session, pid: int, lang: str, notes: bool) -> list[Json]:
    q = select(EsfExit).where(EsfExit.participant_id == pid)
    return [record(r, lang, notes=notes) for r in s.scalars(q)]


def esf_follow_up(s: Session, pid: int, lang: str, notes: bool) -> list[Json]:
    q = select(EsfFollowUp).where(EsfFollowUp.participant_id == pid)
    return [record(r, lang, notes=notes) for r in s.scalars(q)]
