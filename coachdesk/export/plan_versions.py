"""Each printed plan kept as a version: what it held, when, by whom; the last one read back.

The content is the plan's facts as JSON inside the vault (encrypted like everything in it),
so that the next plan can say what changed. A version is written in the transaction that
records the plan's export, so there is no version without its register entry.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.export.plan_facts import (
    PlanAgreement,
    PlanAppointment,
    PlanContact,
    PlanFacts,
    PlanGoal,
    PlanStep,
)
from coachdesk.models import PlanVersion

FORMAT = 1
"""The version of the stored JSON, for a reader of an older plan."""


@dataclass(frozen=True)
class StoredPlan:
    """A plan printed earlier."""

    id: int
    created_at: dt.datetime
    issued_on: dt.date
    """The date printed on it."""
    actor: str
    export_record_id: int | None
    facts: PlanFacts


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def to_json(facts: PlanFacts) -> str:
    return json.dumps({"format": FORMAT, "plan": _plain(asdict(facts))}, ensure_ascii=False)


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def from_json(text: str) -> PlanFacts:
    p = json.loads(text)["plan"]
    goals = tuple(
        PlanGoal(
            g["id"],
            g["title"],
            g["status"],
            _day(g["target"]),
            _day(g["reached"]),
            tuple(
                PlanStep(x["id"], x["title"], x["kind"], _day(x["due"]), _day(x["done"]))
                for x in g["steps"]
            ),
        )
        for g in p["goals"]
    )
    agreements = tuple(
        PlanAgreement(a["id"], a["who"], a["what"], _day(a["due"]), _day(a["done"]))
        for a in p["agreements"]
    )
    appointments = tuple(
        PlanAppointment(a["id"], dt.datetime.fromisoformat(a["at"]), a["kind"], a["location"])
        for a in p["appointments"]
    )
    contacts = tuple(PlanContact(**c) for c in p["contacts"])
    return PlanFacts(
        p["participant_id"], p["name"], p["latin_name"], goals, agreements, appointments, contacts
    )


def last_version(s: Session, participant_id: int) -> StoredPlan | None:
    """Her plan printed last, or None before the first."""
    row = s.scalars(
        select(PlanVersion)
        .where(PlanVersion.participant_id == participant_id)
        .order_by(PlanVersion.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return None
    return StoredPlan(
        row.id,
        row.created_at,
        row.issued_on,
        row.actor,
        row.export_record_id,
        from_json(row.content),
    )


def keep_version(
    s: Session, facts: PlanFacts, issued_on: dt.date, actor: str, export_record_id: int
) -> int:
    row = PlanVersion(
        participant_id=facts.participant_id,
        issued_on=issued_on,
        actor=actor,
        export_record_id=export_record_id,
        content=to_json(facts),
    )
    s.add(row)
    s.flush()
    return row.id
