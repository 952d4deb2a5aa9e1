"""The participant list's stored order by name, made anew when ICU's collation changes.

``participant.name_order`` holds each name's collation key (coachdesk.collation), so the
list's first page is read in order from an index instead of sorting every name in Python.
Keys made by another ICU version may order some names differently: the vault setting
``name_order_collation`` names the collation its keys were made with, and opening a vault
for work makes them anew when it differs (once after an update of ICU; a new vault and a
vault migrated to 0014 get theirs this way too). Until then the list sorts in Python.
"""

from __future__ import annotations

from sqlalchemy import Engine, insert, select, text, update

from coachdesk.collation import STORED_ORDER, stored_order_key, stored_order_version
from coachdesk.models import Participant, VaultSetting


def renew_if_stale(engine: Engine) -> int:
    """Make every stored name order anew unless it is of this collation; how many were made."""
    version = stored_order_version()
    with engine.begin() as conn:
        stored = conn.scalar(select(VaultSetting.value).where(VaultSetting.key == STORED_ORDER))
        if stored == version:
            return 0
        rows = conn.execute(
            select(Participant.id, Participant.last_name, Participant.first_name)
        ).all()
        keys = [{"pid": pid, "key": stored_order_key(last, first)} for pid, last, first in rows]
        if keys:
            # Plain SQL: a key is no change of her file (the model's update would set
            # ``updated_at``); the search index's triggers do not watch this column.
            conn.execute(text("UPDATE participant SET name_order = :key WHERE id = :pid"), keys)
        if stored is None:
            conn.execute(insert(VaultSetting).values(key=STORED_ORDER, value=version))
        else:
            conn.execute(
                update(VaultSetting).where(VaultSetting.key == STORED_ORDER).values(value=version)
            )
        return len(keys)
