"""The one error type services raise for input a user can correct."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from coachdesk.i18n import N_, Message


@dataclass(frozen=True)
class FieldError:
    """What is wrong with one field (``field`` is None for the record as a whole)."""

    field: str | None
    message: Message


class ValidationError(Exception):
    """Input that cannot be saved; each problem names its field and a translatable message."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        if not errors:
            raise ValueError("a ValidationError needs at least one problem")
        self.errors = tuple(errors)
        super().__init__("; ".join(e.message.msgid for e in self.errors))

    @classmethod
    def single(
        cls, field: str | None, msgid: str, params: Mapping[str, object] | None = None
    ) -> ValidationError:
        return cls([FieldError(field, Message(msgid, dict(params or {})))])

    @property
    def message(self) -> Message:
        return self.errors[0].message

    def for_field(self, field: str) -> Message | None:
        for error in self.errors:
            if error.field == field:
                return error.message
        return None

    def render(self, lang: str | None = None) -> str:
        return "\n".join(e.message.render(lang) for e in self.errors)

    def __str__(self) -> str:
        return self.render()


class NotFoundError(Exception):
    """The record does not exist (any more); the UI shows ``message``."""

    def __init__(self, entity: str, record_id: int) -> None:
        self.entity = entity
        self.record_id = record_id
        self.message = Message(N_("This record no longer exists. It may have been erased."))
        super().__init__(f"{entity} {record_id} not found")

    def __str__(self) -> str:
        return self.message.render()
