"""A record's categorized fields to JSON and back: the only fields a package carries.

What goes is decided column by column, as for every document: a column leaves only when
it names a data category that is covered (``consent_filter.category_of``); columns without
one (internal notes, ids, search keys) never do. On arrival, only those same columns are
written, so a package cannot set an id, a link or an internal note.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Integer

from coachdesk.export.consent_filter import category_of
from coachdesk.models.base import Base
from coachdesk.models.enums import DataCategory


def carried_columns(model: type[Base], covered: frozenset[DataCategory]) -> list[str]:
    """The columns of ``model`` that a package with ``covered`` categories holds."""
    return [
        c.key
        for c in model.__table__.columns
        if (cat := category_of(model, c.key)) is not None and cat in covered
    ]


def to_json(obj: Base, covered: frozenset[DataCategory]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in carried_columns(type(obj), covered):
        value = getattr(obj, key)
        if isinstance(value, dt.date | dt.datetime):
            value = value.isoformat()
        elif isinstance(value, enum.Enum):
            value = value.value
        out[key] = value
    return out


def from_json(model: type[Base], values: object) -> dict[str, Any]:
    """Column values for ``model`` from a package, each checked against the column's type.

    Raises ``ValueError`` for anything else: an unknown or uncategorized field, a wrong type.
    """
    if not isinstance(values, dict):
        raise ValueError("a record must be an object")
    allowed = set(carried_columns(model, frozenset(DataCategory)))
    out: dict[str, Any] = {}
    for key, value in values.items():
        if key not in allowed:
            raise ValueError(f"{model.__name__}.{key} cannot be received")
        out[key] = _column_value(model, key, value)
    return out


def is_empty(value: object) -> bool:
    return value is None or value == ""


def fill_empty(
    row: Base, values: dict[str, Any], *, dry_run: bool = False
) -> tuple[list[str], list[str]]:
    """Write into ``row`` the ``values`` of fields it has empty; never overwrite a filled one.

    Returns the fields filled (with ``dry_run``: that would be) and the conflicts (both
    filled, and different): hers stay.
    """
    filled: list[str] = []
    conflicts: list[str] = []
    for key, value in values.items():
        if is_empty(value):
            continue
        mine = getattr(row, key)
        if is_empty(mine):
            if not dry_run:
                setattr(row, key, value)
            filled.append(key)
        elif mine != value:
            conflicts.append(key)
    return filled, conflicts


def _column_value(model: type[Base], key: str, value: object) -> Any:
    column = model.__table__.columns[key]
    kind = column.type
    if value is None:
        if not column.nullable:
            raise ValueError(f"{key} is required")
        return None
    impl = getattr(kind, "impl", kind)
    if isinstance(impl, DateTime) or isinstance(kind, DateTime):
        return dt.datetime.fromisoformat(_text(value))
    if isinstance(kind, Date):
        return dt.date.fromisoformat(_text(value))
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise ValueError(f"{key} must be true or false")
        return value
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{key} must be a number")
        return value
    enum_cls = getattr(kind, "enum_cls", None)
    if enum_cls is not None:
        return enum_cls(_text(value))
    return _text(value)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("text expected")
    return value
