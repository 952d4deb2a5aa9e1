"""Programmes (MY TURN, Stark im Beruf): the records participants and modules belong to.

Change kind: "programme". Lists come in the order of the names as the user's language sorts.
A name is unique whatever its case and spacing: "MY TURN", "My Turn" and "MYTURN" are one
programme (a second one would split her reports in two without anyone noticing).
"""

from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.collation import sort_key
from coachdesk.i18n import N_, Message
from coachdesk.models import Programme
from coachdesk.services import audit, validation
from coachdesk.services.common import audit_update, load, mark_archived
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.errors import FieldError
from coachdesk.services.records import apply_draft, strip_text, to_record


@dataclass(frozen=True)
class ProgrammeDraft:
    """The editable fields of a programme, as its form fills them."""

    name: str
    funder: str = ""
    """Who pays for it (ESF Plus, the job centre, a foundation)."""
    funded_from: dt.date | None = None
    funded_until: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class ProgrammeRecord(ProgrammeDraft):
    id: int = 0
    archived: bool = False

    def draft(self) -> ProgrammeDraft:
        return to_record(ProgrammeDraft, self)


def _record(p: Programme) -> ProgrammeRecord:
    return to_record(ProgrammeRecord, p, archived=p.archived_at is not None)


def name_key(name: str) -> str:
    """What two names of one programme share: no spaces, no case."""
    return "".join(name.split()).casefold()


def tidy_name(name: str) -> str:
    """The name as stored: single spaces, none around it."""
    return " ".join(name.split())


def validate_programme(draft: ProgrammeDraft) -> list[FieldError]:
    problems: list[FieldError] = []
    validation.required(problems, "name", draft.name, N_("the name"))
    validation.lengths(problems, Programme, draft)
    validation.date_order(
        problems,
        draft.funded_from,
        draft.funded_until,
        "funded_until",
        N_("The funding cannot end before it begins."),
    )
    return problems


def named(s: Session, name: str) -> Programme | None:
    """The programme of this name, whatever its case and spacing (archived ones too)."""
    wanted = name_key(name)
    if not wanted:
        return None
    return next((p for p in s.scalars(select(Programme)) if name_key(p.name) == wanted), None)


def names_by_id(s: Session) -> dict[int, str]:
    """Every programme's name by its id (a vault holds a handful)."""
    return {pid: name for pid, name in s.execute(select(Programme.id, Programme.name))}


def named_or_new(s: Session, ctx: ServiceContext, name: str) -> int | None:
    """The id of the programme of this name, made (and audited) if there is none yet; None
    for an empty name. For an import or a colleague's package, inside their transaction."""
    name = tidy_name(name)[: Programme.name.type.length]
    if not name:
        return None
    found = named(s, name)
    if found is not None:
        return found.id
    p = Programme(name=name)
    s.add(p)
    s.flush()
    audit.record(s, ctx, "create", "programme", p.id)
    return p.id


def _taken(s: Session, name: str, own_id: int | None) -> list[FieldError]:
    found = named(s, name)
    if found is None or found.id == own_id:
        return []
    text = N_("There is already a programme of this name: {name}.")
    return [FieldError("name", Message(text, {"name": found.name}))]


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

    def get(self, programme_id: int) -> ProgrammeRecord:
        with self.ctx.read() as s:
            return _record(load(s, Programme, programme_id, "programme"))

    def find(self, name: str) -> ProgrammeRecord | None:
        """The programme of this name, whatever its case and spacing."""
        with self.ctx.read() as s:
            found = named(s, name)
            return None if found is None else _record(found)

    def create(self, draft: ProgrammeDraft) -> ProgrammeRecord:
        draft = _normalise(draft)
        validation.raise_if(validate_programme(draft))
        with self.ctx.write() as s:
            validation.raise_if(_taken(s, draft.name, None))
            p = Programme()
            apply_draft(p, draft)
            s.add(p)
            s.flush()
            audit.record(s, self.ctx, "create", "programme", p.id)
            result = _record(p)
        self.ctx.publish(Changes.of({ChangeKind.PROGRAMME}))
        return result

    def update(self, programme_id: int, draft: ProgrammeDraft) -> ProgrammeRecord:
        draft = _normalise(draft)
        validation.raise_if(validate_programme(draft))
        with self.ctx.write() as s:
            p = load(s, Programme, programme_id, "programme")
            validation.raise_if(_taken(s, draft.name, programme_id))
            changed = apply_draft(p, draft)
            audit_update(s, self.ctx, "programme", p.id, None, changed)
            s.flush()
            result = _record(p)
        # Views that show a programme's name (her file, the list) listen to this kind too.
        self.ctx.publish(Changes.of({ChangeKind.PROGRAMME}))
        return result

    def archive(self, programme_id: int) -> None:
        """No longer offered for new files; her files and past reports keep it."""
        self._set_archived(programme_id, archived=True)

    def unarchive(self, programme_id: int) -> None:
        self._set_archived(programme_id, archived=False)

    def _set_archived(self, programme_id: int, *, archived: bool) -> None:
        with self.ctx.write() as s:
            p = load(s, Programme, programme_id, "programme")
            mark_archived(s, self.ctx, p, "programme", p.id, archived)
        self.ctx.publish(Changes.of({ChangeKind.PROGRAMME}))


def _normalise(draft: ProgrammeDraft) -> ProgrammeDraft:
    draft = strip_text(to_record(ProgrammeDraft, draft))
    return ProgrammeDraft(
        name=tidy_name(draft.name),
        funder=draft.funder,
        funded_from=draft.funded_from,
        funded_until=draft.funded_until,
        note=draft.note,
    )
