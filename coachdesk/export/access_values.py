"""Stored values as the access file writes them: ISO dates, enums as a code and a label.

A record is written column by column from its table, so a field added to a table later is in
her file without anyone remembering to add it here; what is left out is named below, each with
its reason (``LEFT_OUT``), and a test holds every column of her tables to one or the other.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from coachdesk.export.access_texts import OTHER_LABELS
from coachdesk.i18n import _
from coachdesk.labels import has_label, label
from coachdesk.models.enums import DataCategory

Json = dict[str, Any]

INTERNAL = "internal_notes"
"""The coach's own working notes: in the file only when she chose so."""
LEFT_OUT: dict[str, str] = {
    "name_key": "her names folded for the search, made from the names in the file",
    "name_order": "her place in the list by name, made from the names in the file",
    "position": "the order of a list: lists are written in that order",
    "participant_id": "the file is hers: every record in it is",
    "content_id": "the stored bytes: name, type, size and SHA-256 are written instead",
    "programme_id": "her programme: written by its name as 'programme'",
}
"""Columns of any of her tables not written as such, and why."""
PARENT_KEYS = frozenset(
    {
        ("milestone", "goal_id"),
        ("meeting_attendee", "meeting_id"),
        ("agreement", "meeting_id"),
        ("attendance", "enrolment_id"),
        ("consent_category", "consent_id"),
        ("document_acknowledgement", "export_record_id"),
    }
)
"""A record written inside its parent (a step inside its goal) does not repeat the parent's id."""
LOCAL_TIMES = frozenset({("meeting", "held_at")})
"""Wall-clock times as the coach entered them; every other time is stored in UTC."""


def code(value: enum.StrEnum | None, lang: str) -> Json | None:
    """An enum value as ``{"code": ..., "label": ...}``: the code stays, the label is translated."""
    if value is None:
        return None
    text = label(value, lang) if has_label(value) else OTHER_LABELS.get(str(value), str(value))
    return {"code": str(value.value), "label": _(text, lang)}


def iso(value: dt.date | dt.datetime | None, local: bool = False) -> str | None:
    """ISO 8601: a day as ``2026-03-16``, a UTC time with ``Z``, a wall-clock time without."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        text = value.replace(tzinfo=None).isoformat(timespec="seconds")
        return text if local else text + "Z"
    return value.isoformat()


def value_of(value: object, lang: str, local: bool = False) -> object:
    if isinstance(value, enum.StrEnum):
        return code(value, lang)
    if isinstance(value, dt.date):
        return iso(value, local)
    if isinstance(value, bytes):
        return None  # binary columns are written by the reader that knows them
    return value


def record(row: Any, lang: str, *, notes: bool, skip: tuple[str, ...] = ()) -> Json:
    """Every column of ``row`` but those left out (see ``LEFT_OUT``), in the table's order.

    Foreign keys to the directory (an organisation, a contact person) are written by the
    caller as names, so they are skipped here with ``skip``.
    """
    table = row.__table__
    out: Json = {}
    for column in table.columns:
        key = column.key
        if key in LEFT_OUT or key in skip or (table.name, key) in PARENT_KEYS:
            continue
        if key == INTERNAL and not notes:
            continue
        local = (table.name, key) in LOCAL_TIMES
        out[key] = value_of(getattr(row, key), lang, local)
    return out


def code_of(value: str, lang: str) -> Json:
    """A stored code that is no enum of the domain (a document type) as code and label."""
    return {
        "code": value,
        "label": _(OTHER_LABELS[value], lang) if value in OTHER_LABELS else value,
    }


def categories_of(value: str, lang: str) -> list[Json | None]:
    return [code(DataCategory(v), lang) for v in value.split(",") if v]
