"""Writing the imported participants: one multi-row INSERT for them and one for their
audit entries, inside the caller's transaction.

Ten thousand ORM objects would take seconds of bookkeeping that an import does not need
(nothing is read back); what the ORM would add by itself is added here: the name key
the search and the duplicate check use, the retention date, the audit entry per creation.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import fields

from sqlalchemy import insert
from sqlalchemy.orm import Session

from coachdesk.models import AuditEntry, EsfFollowUp, Participant
from coachdesk.services.context import ServiceContext
from coachdesk.services.esf_rules import six_months_after
from coachdesk.services.participants import ParticipantDraft, _retention_date
from coachdesk.transliteration import search_key

CHUNK = 500


def store_participants(
    s: Session,
    ctx: ServiceContext,
    drafts: Sequence[ParticipantDraft],
    progress: Callable[[int], None] | None = None,
) -> list[int]:
    """Insert ``drafts`` (already checked) and audit each; returns their new ids in order."""
    names = [f.name for f in fields(ParticipantDraft)]
    ids: list[int] = []
    statement = insert(Participant).returning(Participant.id, sort_by_parameter_order=True)
    for start in range(0, len(drafts), CHUNK):
        chunk = drafts[start : start + CHUNK]
        values = []
        for draft in chunk:
            row = {name: getattr(draft, name) for name in names}
            row["name_key"] = search_key(
                draft.first_name, draft.last_name, draft.first_name_latin, draft.last_name_latin
            )
            row["retention_until"] = _retention_date(s, draft.exit_date)
            values.append(row)
        ids.extend(s.scalars(statement, values))
        if progress is not None:
            progress(start + len(chunk))
    if not ids:
        return ids  # an empty INSERT would be one row of defaults
    # Who has left already gets her six-month ESF Plus follow-up, as a saved exit date does.
    follow_ups = [
        {"participant_id": pid, "due_on": six_months_after(d.exit_date)}
        for pid, d in zip(ids, drafts, strict=True)
        if d.exit_date is not None
    ]
    if follow_ups:
        s.execute(insert(EsfFollowUp), follow_ups)
    details = json.dumps({"source": "import"}, sort_keys=True)
    s.execute(
        insert(AuditEntry),
        [
            {
                "actor": ctx.actor,
                "action": "create",
                "entity": "participant",
                "entity_id": pid,
                "participant_id": pid,
                "details": details,
            }
            for pid in ids
        ],
    )
    return ids
