"""Rewrite the database file so that nothing deleted survives in it (after an erasure).

``secure_delete`` already overwrites deleted rows with zeros; ``VACUUM`` then
rebuilds every page, and checkpointing with TRUNCATE empties the WAL, whose
older frames could still hold deleted rows (encrypted, but there).
"""

from __future__ import annotations

from sqlalchemy import Engine

from coachdesk.vault.engine import SQLCIPHER_ERRORS
from coachdesk.vault.errors import StorageError


def compact(engine: Engine) -> None:
    """Checkpoint, VACUUM and checkpoint again; needs no other open transaction."""
    raw = engine.raw_connection()
    try:
        conn = raw.driver_connection
        assert conn is not None
        # Outside any transaction: the raw connection is in autocommit (isolation_level=None).
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except SQLCIPHER_ERRORS as exc:
        raise StorageError.from_db_error(exc) from exc
    except OSError as exc:
        raise StorageError.from_os_error(exc) from exc
    finally:
        raw.close()
