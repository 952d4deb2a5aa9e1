"""Copying between ORM objects and the frozen dataclasses that services hand out."""

from __future__ import annotations

import enum
from dataclasses import fields
from typing import Any, TypeVar

T = TypeVar("T")


def to_record(cls: type[T], obj: object, **extra: Any) -> T:
    """Build ``cls`` from the attributes of ``obj`` with the same names (plus ``extra``)."""
    values = {}
    for f in fields(cls):  # type: ignore[arg-type]
        if f.name in extra:
            values[f.name] = extra[f.name]
        else:
            values[f.name] = getattr(obj, f.name)
    return cls(**values)


def apply_draft(obj: object, draft: object) -> list[str]:
    """Copy every field of ``draft`` onto ``obj``; returns the names of fields that changed."""
    changed = []
    for f in fields(draft):  # type: ignore[arg-type]
        value = getattr(draft, f.name)
        if getattr(obj, f.name, None) != value:
            setattr(obj, f.name, value)
            changed.append(f.name)
    return changed


def strip_text(draft: T) -> T:
    """The draft with surrounding whitespace removed from every text field.

    A StrEnum value is a ``str`` too, but ``.strip()`` would turn it into a plain string:
    the record came back with ``status == "active"`` instead of ``ParticipantStatus.ACTIVE``
    and the participant's file ended in the error box after saving a status change.
    """
    from dataclasses import replace

    updates = {
        f.name: value.strip()
        for f in fields(draft)  # type: ignore[arg-type]
        if isinstance(value := getattr(draft, f.name), str) and not isinstance(value, enum.Enum)
    }
    return replace(draft, **updates)  # type: ignore[type-var]
