"""The vault's pool hands one thread the connection it returned last.

In WAL mode a connection drops its page cache when another connection has written since
its last transaction, and SQLCipher then decrypts and checks every page again; connections
handed out in turn made each save and each reopening of a file read cold pages.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from coachdesk.facade import Services
from coachdesk.services.participants import ParticipantDraft
from coachdesk.vault.store import Vault
from tests.conftest import COACH


def test_one_thread_keeps_one_connection_after_the_pool_held_two(vault: Vault) -> None:
    with vault.engine.connect() as one, vault.engine.connect() as two:  # a background job
        assert one.connection.dbapi_connection is not two.connection.dbapi_connection
    checked_out: list[int] = []

    def on_checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        checked_out.append(id(dbapi_connection))

    event.listen(vault.engine, "checkout", on_checkout)
    services = Services(vault.sessions, actor=COACH)
    for n in range(4):
        created = services.participants.create(ParticipantDraft("Pool", f"Nr {n}"))
        assert services.participants.get(created.id).last_name == f"Nr {n}"
    assert len(checked_out) >= 8
    assert len(set(checked_out)) == 1
