"""Noticing an older copy of the vault put back in place (a sync tool, a USB stick, an undo).

The database carries a write counter (SQLite's ``user_version``, inside the encrypted and
authenticated first page, so only the key's holder can set it). It goes up at the first
write of a session and again at locking after writes. This computer remembers, outside the
vault folder, the highest counter it has seen for each vault, under a name derived from the
vault's key (no path, no name). A vault whose counter is below that was replaced by an
older state; the app says so and she decides. A restore made through CoachDesk is
deliberate and lowers the record to the restored state.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.exc import DBAPIError

from coachdesk.vault.engine import SQLCIPHER_ERRORS, keyed_connection
from coachdesk.vault.files import atomic_write

STATE_ENV = "COACHDESK_STATE_DIR"
RECORD_NAME = "seen-vaults.json"


@dataclass(frozen=True)
class OlderState:
    """The vault opened is older than the newest state this computer has seen of it."""

    counter: int
    seen: int


def vault_identity(key: bytes | bytearray) -> str:
    """A stable name for a vault that reveals nothing: a keyed hash of its data key."""
    return hmac.new(bytes(key), b"coachdesk seen-vaults record", hashlib.sha256).hexdigest()[:32]


def state_dir() -> Path:
    """Where this computer keeps CoachDesk's own state (never inside a vault folder)."""
    override = os.environ.get(STATE_ENV)
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":  # pragma: no cover - Windows builds only
        return Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / "CoachDesk"
    if sys.platform == "darwin":  # pragma: no cover - macOS builds only
        return home / "Library" / "Application Support" / "CoachDesk"
    base = os.environ.get("XDG_STATE_HOME") or str(home / ".local" / "state")
    return Path(base) / "coachdesk"


class SeenStates:
    """The highest write counter seen per vault, kept in one small JSON file."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or state_dir() / RECORD_NAME

    def _read(self) -> dict[str, int]:
        try:
            data: Any = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # no record yet, or an unreadable one: nothing to compare with
        if not isinstance(data, dict):
            return {}
        return {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, int)}

    def seen(self, identity: str) -> int | None:
        return self._read().get(identity)

    def remember(self, identity: str, counter: int) -> None:
        """Record ``counter`` as the newest state (best effort: a record never blocks work)."""
        record = self._read()
        record[identity] = counter
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            atomic_write(self.path, json.dumps(record, sort_keys=True).encode())

    def check(self, identity: str, counter: int) -> OlderState | None:
        seen = self.seen(identity)
        if seen is not None and counter < seen:
            return OlderState(counter, seen)
        return None


def read_counter(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)


def advance_counter(engine: Engine) -> int:
    """Count one more state of the vault; returns the new counter."""
    with engine.begin() as conn:
        counter = int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0) + 1
        conn.exec_driver_sql(f"PRAGMA user_version = {counter:d}")
    return counter


_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class StateCounter:
    """The write counter of one vault opened for work, and this computer's record of it.

    Nothing is counted until something is written: a command that only reads, or fails before
    it writes, leaves the vault's files as they were. The first write of a session advances
    the counter in the same transaction (a crash later cannot leave writes uncounted); locking
    advances it once more if anything was written since (a copy taken while the vault was open
    is then older than what is left). The record follows committed counters only.
    """

    def __init__(self, engine: Engine, key: bytearray) -> None:
        self.engine = engine
        self.identity = vault_identity(key)
        self.counter = read_counter(engine)
        self.older: OlderState | None = SeenStates().check(self.identity, self.counter)
        self._guard = threading.Lock()
        self._pending: tuple[Any, int] | None = None  # (connection, counter) not yet committed
        self._counted = False
        self._written_since = False  # a committed write after the last counted state
        self._dirty: set[Any] = set()  # connections whose open transaction wrote
        event.listen(engine, "after_cursor_execute", self._executed)
        event.listen(engine, "commit", self._committed)
        event.listen(engine, "rollback", self._rolled_back)

    @property
    def counting(self) -> bool:
        return self.older is None

    def _executed(self, conn: Any, cursor: Any, statement: str, *_args: Any) -> None:
        if not self.counting or not statement.lstrip()[:7].upper().startswith(_WRITES):
            return
        with self._guard:
            self._dirty.add(conn)
            if self._counted or self._pending is not None:
                return
            # A cursor of its own: the statement's cursor still holds its row count.
            cursor.connection.execute(f"PRAGMA user_version = {self.counter + 1:d}")
            self._pending = (conn, self.counter + 1)

    def _committed(self, conn: Any) -> None:
        with self._guard:
            wrote = conn in self._dirty
            self._dirty.discard(conn)
            if self._pending is None or self._pending[0] is not conn:
                self._written_since = self._written_since or wrote
                return
            self.counter, self._pending = self._pending[1], None
            self._counted = True
        SeenStates().remember(self.identity, self.counter)

    def _rolled_back(self, conn: Any) -> None:
        with self._guard:
            self._dirty.discard(conn)
            if self._pending is not None and self._pending[0] is conn:
                self._pending = None

    def finish(self) -> None:
        """At locking: one more state if anything was written since the last one counted.

        Best effort: a full disk that refuses this small write must not refuse locking; the
        record then stays at the last counted state, which is still this one or older.
        """
        if not (self.counting and self._written_since):
            return
        # A damaged page can surface as SQLite's "out of memory"; locking must still succeed.
        with contextlib.suppress(*SQLCIPHER_ERRORS, DBAPIError, MemoryError, OSError):
            self.counter = advance_counter(self.engine)
            self._written_since = False
            SeenStates().remember(self.identity, self.counter)

    def accept(self) -> None:
        """She continues knowingly with the older state: from now on it is the newest."""
        self.older = None
        SeenStates().remember(self.identity, self.counter)


def remember_restored(db: Path, key: bytearray) -> None:
    """A restore through CoachDesk is deliberate: the restored state becomes the newest."""
    with contextlib.suppress(*SQLCIPHER_ERRORS, OSError):
        conn = keyed_connection(db, key)
        try:
            counter = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
        SeenStates().remember(vault_identity(key), counter)
