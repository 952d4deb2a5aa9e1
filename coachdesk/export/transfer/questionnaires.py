"""Her ESF Plus questionnaires in a package: on entry, on leaving, six months later.

One row of each per person. Like every record, a questionnaire carries only the columns
whose data category is covered: the monitoring answers with ``esf_monitoring``, the
disability and minority answers only with their own special categories. A questionnaire
none of whose columns is covered does not go at all. On arrival, a questionnaire she has
no row of is added; one she has is completed (empty answers filled, hers kept).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.export.transfer.values import fill_empty, from_json, to_json
from coachdesk.models import EsfEntry, EsfExit, EsfFollowUp
from coachdesk.models.base import Base
from coachdesk.models.enums import DataCategory

QUESTIONNAIRES: dict[str, type[EsfEntry] | type[EsfExit] | type[EsfFollowUp]] = {
    "entry": EsfEntry,
    "exit": EsfExit,
    "followup": EsfFollowUp,
}


def gather_questionnaires(
    s: Session, pid: int, covered: frozenset[DataCategory]
) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for key, model in QUESTIONNAIRES.items():
        row = s.scalar(select(model).where(model.participant_id == pid))
        if row is not None and (values := to_json(row, covered)):
            out[key] = values
    return out


def add_questionnaires(s: Session, pid: int, value: object) -> None:
    """The package's questionnaires of her: added, or completing the ones she has."""
    if value is None:
        return
    if not isinstance(value, dict):
        raise ValueError("esf must be an object")
    for key, values in value.items():
        model = QUESTIONNAIRES.get(key)
        if model is None:
            raise ValueError(f"unknown questionnaire {key}")
        fields = from_json(model, values)
        row: Base | None = s.scalar(select(model).where(model.participant_id == pid))
        if row is None:
            s.add(model(participant_id=pid, **fields))
        else:
            fill_empty(row, fields)
