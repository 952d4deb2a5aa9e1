"""SQLAlchemy engine on an SQLCipher file, keyed with a raw 256-bit key.

The key never goes into a URL or a log: a ``creator`` opens each connection
and keys it. Python's sqlite3 transaction emulation is switched off and
SQLAlchemy emits BEGIN itself, so every session (and every migration, DDL
included) is one real transaction.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from coachdesk.vault.errors import EmptyDatabaseError, VaultLockedError

CACHE_KIB = 32 * 1024
SQLCIPHER_ERRORS = (sqlcipher3.DatabaseError,)

CONNECTION_PRAGMAS: tuple[str, ...] = (
    "foreign_keys = ON",
    "secure_delete = ON",
    "temp_store = MEMORY",
    "journal_mode = WAL",
    "synchronous = FULL",
    "busy_timeout = 5000",
    # 32 MiB of decrypted pages per connection: SQLCipher decrypts and checks every page
    # it reads, so a cache that holds the search index keeps searching fast at 10,000
    # participants (the default 2 MiB cache made it twice as slow as plain SQLite).
    f"cache_size = -{CACHE_KIB}",
)
"""The vault's connection settings, in order; benchmarks give a plain copy the same ones."""


def configure(conn: Any, pragmas: Sequence[str] = CONNECTION_PRAGMAS) -> None:
    """Apply the connection settings (``PRAGMA`` lines without the word) to ``conn``."""
    for pragma in pragmas:
        conn.execute(f"PRAGMA {pragma}")


def keyed_connection(
    db_path: Path, key: bytearray, pragmas: Sequence[str] = CONNECTION_PRAGMAS
) -> Any:
    """Open ``db_path`` with the raw key and the connection settings of the vault."""
    if not any(key):
        # Locking wipes the key in place: a late timer or signal asking for a connection
        # afterwards hears "locked", not "file is not a database" (which reads as damage).
        raise VaultLockedError()
    if not db_path.exists():
        # Created here so that it is readable by its owner only.
        os.close(os.open(db_path, os.O_WRONLY | os.O_CREAT, 0o600))
    conn = sqlcipher3.connect(str(db_path), check_same_thread=False, isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        # Fails here with "file is not a database" if the key or the file is wrong.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        configure(conn, pragmas)
    except BaseException:
        conn.close()
        raise
    return conn


def probe_tables(db: Path, key: bytearray) -> None:
    """Open the database once with the key: it must hold the vault's tables."""
    probe = keyed_connection(db, key)
    try:
        tables = probe.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    finally:
        probe.close()
    if not tables:
        raise EmptyDatabaseError()


def make_engine(
    db_path: Path, key: bytearray, pragmas: Sequence[str] = CONNECTION_PRAGMAS
) -> Engine:
    return engine_from(lambda: keyed_connection(db_path, key, pragmas))


def engine_from(creator: Callable[[], Any], *, lifo: bool = True) -> Engine:
    """The vault's engine (pool, transaction hooks) on connections ``creator`` opens.

    The pool hands out the connection returned last (``lifo``): in WAL mode a connection
    drops its whole page cache when another one has written since its last transaction, and
    SQLCipher then decrypts and checks every page it reads again, several times what a stale
    cache costs plain SQLite (benchmarks/page_cache.py). Handed out in turn, the two pooled
    connections there are after any background job made one thread's every other session
    start cold; now a thread keeps the connection whose cache is warm.
    """
    engine = create_engine(
        "sqlite://",
        module=sqlcipher3,
        creator=creator,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=4,
        pool_use_lifo=lifo,
        hide_parameters=True,
    )
    _install_transaction_hooks(engine)
    return engine


BEGIN_MODE = "coachdesk_begin"
"""Execution option: "IMMEDIATE" for a transaction that will write."""


def _install_transaction_hooks(engine: Engine) -> None:
    def begin(conn: Any) -> None:
        # A deferred transaction that reads and then writes fails at once ("database is
        # locked") when another thread wrote in between, whatever the busy timeout; one that
        # takes the write lock at its start waits for the other writer instead.
        mode = conn.get_execution_options().get(BEGIN_MODE, "")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if mode == "IMMEDIATE" else "BEGIN")

    event.listen(engine, "begin", begin)
