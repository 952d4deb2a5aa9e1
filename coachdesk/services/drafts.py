"""Unsaved form content, kept inside the encrypted vault when the app locks or crashes.

A form saves its fields under a key of its own choosing (for example
"meeting:new:17" or "goal:42") and offers to restore them when it opens again.
Drafts are not audited: they are not records yet, and saving happens while typing.
Dates and datetimes survive the round trip; other values must be JSON types.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import select

from coachdesk.models import Draft
from coachdesk.services.context import ServiceContext

_KEY_LIMIT = 200


def _encode(value: object) -> object:
    if isinstance(value, dt.datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, dt.date):
        return {"__date__": value.isoformat()}
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"a draft cannot hold a {type(value).__name__}")


def _decode(obj: dict[str, Any]) -> object:
    if len(obj) == 1:
        if "__datetime__" in obj:
            return dt.datetime.fromisoformat(obj["__datetime__"])
        if "__date__" in obj:
            return dt.date.fromisoformat(obj["__date__"])
    return obj


def _check_key(key: str) -> None:
    if not key or len(key) > _KEY_LIMIT:
        raise ValueError(f"a draft key must have 1 to {_KEY_LIMIT} characters")


class DraftService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def save(self, key: str, payload: dict[str, Any]) -> None:
        """Keep ``payload`` under ``key``, replacing what was kept before."""
        _check_key(key)
        text = json.dumps(payload, default=_encode, ensure_ascii=False, sort_keys=True)
        with self.ctx.write() as s:
            row = s.get(Draft, key)
            if row is None:
                s.add(Draft(key=key, payload=text))
            else:
                row.payload = text

    def load(self, key: str) -> dict[str, Any] | None:
        """What was kept under ``key``, or None."""
        with self.ctx.read() as s:
            row = s.get(Draft, key)
            if row is None:
                return None
            result: dict[str, Any] = json.loads(row.payload, object_hook=_decode)
            return result

    def discard(self, key: str) -> None:
        """Forget the draft (after saving the form or when the coach throws it away)."""
        with self.ctx.write() as s:
            row = s.get(Draft, key)
            if row is not None:
                s.delete(row)

    def keys(self, prefix: str = "") -> list[str]:
        """The keys of all kept drafts (starting with ``prefix``), oldest first."""
        with self.ctx.read() as s:
            q = select(Draft.key).order_by(Draft.updated_at, Draft.key)
            if prefix:
                q = q.where(Draft.key.startswith(prefix, autoescape=True))
            return list(s.scalars(q))
