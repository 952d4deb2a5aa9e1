"""The module catalogue (offers) and participants' enrolments, attendance and results.

Change kinds: "module" for the catalogue, "enrolment" (with the participant) for
enrolments, attendance and results.
"""

from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from coachdesk.i18n import N_, Message
from coachdesk.models import Enrolment, Module, Programme
from coachdesk.services import audit, validation
from coachdesk.services.attendance_register import RegisterMixin, RegisterRow
from coachdesk.services.common import (
    audit_update,
    get_row,
    load,
    load_participant,
    mark_archived,
    name_taken,
)
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.enrolments import AttendanceRecord, EnrolmentMixin, EnrolmentRecord
from coachdesk.services.errors import FieldError
from coachdesk.services.programmes import names_by_id
from coachdesk.services.records import apply_draft, strip_text, to_record

__all__ = [
    "AttendanceRecord",
    "EnrolmentRecord",
    "ModuleDraft",
    "ModuleRecord",
    "ModuleService",
    "RegisterRow",
    "validate_module",
]


@dataclass(frozen=True)
class ModuleDraft:
    title: str
    description: str = ""
    target_group: str = ""
    schedule: str = ""
    location: str = ""
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    childcare_available: bool = False
    languages: str = ""
    how_to_refer: str = ""
    capacity: int | None = None
    """Places in the module; None when there is no limit."""
    programme_id: int | None = None
    """The programme whose catalogue holds it; None: offered to every programme."""


@dataclass(frozen=True)
class ModuleRecord(ModuleDraft):
    id: int = 0
    archived_at: dt.datetime | None = None
    enrolled: int = 0
    """How many participants are enrolled (any result)."""
    programme: str = ""
    """Its programme's name ("" when offered to every programme)."""

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def draft(self) -> ModuleDraft:
        return to_record(ModuleDraft, self)


def validate_module(draft: ModuleDraft) -> list[FieldError]:
    problems: list[FieldError] = []
    validation.required(problems, "title", draft.title, N_("the title"))
    validation.lengths(problems, Module, draft)
    validation.date_order(
        problems,
        draft.starts_on,
        draft.ends_on,
        "ends_on",
        N_("The module cannot end before it starts."),
    )
    if draft.capacity is not None and not 1 <= draft.capacity <= 1000:
        problems.append(
            FieldError("capacity", Message(N_("The number of places must be between 1 and 1000.")))
        )
    return problems


class ModuleService(EnrolmentMixin, RegisterMixin):
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- catalogue ---------------------------------------------------------------------------

    def get(self, module_id: int) -> ModuleRecord:
        with self.ctx.read() as s:
            module = load(s, Module, module_id, "module")
            return _record(s, module, _enrolled_count(s, module_id))

    def list(
        self, include_archived: bool = False, programme_id: int | None = None
    ) -> builtins.list[ModuleRecord]:
        """The catalogue; of one programme: its own modules and those offered to every one."""
        with self.ctx.read() as s:
            counts = dict(
                s.execute(  # type: ignore[arg-type]
                    select(Enrolment.module_id, func.count(Enrolment.id)).group_by(
                        Enrolment.module_id
                    )
                ).all()
            )
            q = select(Module).order_by(Module.starts_on.is_(None), Module.starts_on, Module.title)
            if not include_archived:
                q = q.where(Module.archived_at.is_(None))
            if programme_id is not None:
                q = q.where(or_(Module.programme_id == programme_id, Module.programme_id.is_(None)))
            names = names_by_id(s)
            return [_record(s, m, int(counts.get(m.id, 0)), names) for m in s.scalars(q)]

    def offered_to(
        self, participant_id: int
    ) -> tuple[builtins.list[ModuleRecord], builtins.list[ModuleRecord]]:
        """The modules to enrol her in: those of her programme and those for every programme,
        then the other programmes' modules (she may still take one of them)."""
        with self.ctx.read() as s:
            mine = load_participant(s, participant_id).programme_id
        current = self.list()
        hers = [m for m in current if m.programme_id in (None, mine)]
        return hers, [m for m in current if m.programme_id not in (None, mine)]

    def create(self, draft: ModuleDraft) -> ModuleRecord:
        draft = strip_text(to_record(ModuleDraft, draft))
        validation.raise_if(validate_module(draft))
        with self.ctx.write() as s:
            validation.raise_if(_duplicate_title(s, draft.title, None) + _programme(s, draft))
            module = Module()
            apply_draft(module, draft)
            s.add(module)
            s.flush()
            audit.record(s, self.ctx, "create", "module", module.id)
            result = _record(s, module, 0)
        self.ctx.publish(Changes.of({ChangeKind.MODULE}))
        return result

    def update(self, module_id: int, draft: ModuleDraft) -> ModuleRecord:
        draft = strip_text(to_record(ModuleDraft, draft))
        validation.raise_if(validate_module(draft))
        with self.ctx.write() as s:
            module = load(s, Module, module_id, "module")
            validation.raise_if(_duplicate_title(s, draft.title, module_id) + _programme(s, draft))
            changed = apply_draft(module, draft)
            audit_update(s, self.ctx, "module", module.id, None, changed)
            s.flush()
            result = _record(s, module, _enrolled_count(s, module_id))
        self.ctx.publish(Changes.of({ChangeKind.MODULE}))
        return result

    def archive(self, module_id: int) -> None:
        """Take the module out of the catalogue; existing enrolments stay."""
        self._set_archived(module_id, archived=True)

    def unarchive(self, module_id: int) -> None:
        """Offer the module again."""
        self._set_archived(module_id, archived=False)

    def _set_archived(self, module_id: int, *, archived: bool) -> None:
        with self.ctx.write() as s:
            module = load(s, Module, module_id, "module")
            mark_archived(s, self.ctx, module, "module", module.id, archived)
        self.ctx.publish(Changes.of({ChangeKind.MODULE}))


def _record(
    s: Session, module: Module, enrolled: int, names: dict[int, str] | None = None
) -> ModuleRecord:
    pid = module.programme_id
    if names is None:
        names = names_by_id(s) if pid is not None else {}
    programme = names.get(pid, "") if pid is not None else ""
    return to_record(ModuleRecord, module, enrolled=enrolled, programme=programme)


def _programme(s: Session, draft: ModuleDraft) -> list[FieldError]:
    """Its programme must be a record of the vault (else: a foreign-key crash)."""
    if draft.programme_id is None or get_row(s, Programme, draft.programme_id) is not None:
        return []
    return [FieldError("programme_id", Message(N_("This programme no longer exists.")))]


def _enrolled_count(s: Session, module_id: int) -> int:
    return int(
        s.scalar(select(func.count(Enrolment.id)).where(Enrolment.module_id == module_id)) or 0
    )


def _duplicate_title(s: Session, title: str, own_id: int | None) -> list[FieldError]:
    if not name_taken(s, Module.id, Module.title, title, own_id, Module.archived_at.is_(None)):
        return []
    return [FieldError("title", Message(N_("A module with this title is already offered.")))]
