"""Noticing an older copy of the vault put back in place (a sync tool, a USB stick, an undo).

The database carries a write counter (SQLite's ``user_version``, inside the encrypted and
authenticated first page, so only the key's holder can set it). It goes up when the vault
is opened for work and again when it is locked. This computer remembers, outside the vault
folder, the highest counter it has seen for each vault, under a name derived from the
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
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


class StateCounter:
    """The write counter of one open vault and this computer's record of it."""

    def __init__(self, engine: Engine, key: bytearray) -> None:
        self.engine = engine
        self.identity = vault_identity(key)
        self.older: OlderState | None = SeenStates().check(self.identity, read_counter(engine))
        self.counting = self.older is None

    def advance(self) -> None:
        """A new state (opened for work, locked after work): counted and remembered.

        Best effort: a full disk that refuses this small write must not refuse her work;
        the record then stays at the last counted state, which is still this one or older.
        """
        if not self.counting:
            return
        # A damaged page can surface as SQLite's "out of memory"; locking must still succeed.
        with contextlib.suppress(*SQLCIPHER_ERRORS, DBAPIError, MemoryError, OSError):
            SeenStates().remember(self.identity, advance_counter(self.engine))

    def accept(self) -> None:
        """She continues knowingly with the older state: from now on it is the newest."""
        self.older = None
        self.counting = True
        self.advance()


def remember_restored(db: Path, key: bytearray) -> None:
    """A restore through CoachDesk is deliberate: the restored state becomes the newest."""
    with contextlib.suppress(*SQLCIPHER_ERRORS, OSError):
        conn = keyed_connection(db, key)
        try:
            counter = int(conn.execute("PRAGMA user_version").fetchone()[0])
        finally:
            conn.close()
        SeenStates().remember(vault_identity(key), counter)
