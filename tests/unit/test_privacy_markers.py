"""No stored text ever reaches a file in the clear: database, WAL, key slots or temp files.

The workload is generic over ``Base.metadata``: every String/Text (and binary)
column of every table gets a unique marker, so a field added later is covered
without touching this test.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import secrets
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    String,
    Table,
)

from coachdesk.models import Base
from coachdesk.models.base import StrEnumType
from coachdesk.services.search import participant_ids_matching
from coachdesk.vault.store import Vault


def new_marker() -> str:
    # One lowercase alphanumeric word, so it is also exactly one full-text token.
    return "zqmark" + secrets.token_hex(8)


def is_text(col: Column[Any]) -> bool:
    return isinstance(col.type, String) and not isinstance(col.type, StrEnumType)


def is_marked(col: Column[Any]) -> bool:
    return is_text(col) or isinstance(col.type, LargeBinary)


def plain_value(col: Column[Any]) -> Any:
    """A valid value for a required column that carries no text."""
    kind = col.type
    if isinstance(kind, StrEnumType):
        members: list[enum.StrEnum] = list(kind.enum_cls)
        return members[0]
    impl = getattr(kind, "impl", kind)
    if isinstance(impl, DateTime):
        return dt.datetime(2026, 3, 16, 9, 30)
    if isinstance(impl, Date):
        return dt.date(2026, 3, 16)
    if isinstance(impl, Boolean):
        return False
    if isinstance(impl, Integer):
        return 1
    raise AssertionError(f"no test value for {col.table.name}.{col.name} ({kind!r})")


def insert_one_row_per_table(conn: Connection, markers: dict[str, str]) -> dict[str, Any]:
    """One row in every table (parents first); returns each table's primary key value."""
    ids: dict[str, Any] = {}
    for table in Base.metadata.sorted_tables:
        values: dict[str, Any] = {}
        for col in table.columns:
            parents = [fk.column.table.name for fk in col.foreign_keys]
            if parents:
                values[col.name] = ids[parents[0]]
            elif is_marked(col):
                marker = markers[f"{table.name}.{col.name}"] = new_marker()
                values[col.name] = marker.encode() if isinstance(col.type, LargeBinary) else marker
            elif col.primary_key and isinstance(col.type, Integer):
                continue
            elif not col.nullable and col.default is None and col.server_default is None:
                values[col.name] = plain_value(col)
        result = conn.execute(table.insert().values(values))
        ids[table.name] = result.inserted_primary_key[0]
    return ids


def pk_column(table: Table) -> Column[Any]:
    (col,) = table.primary_key.columns
    return col


def update_every_text(conn: Connection, ids: dict[str, Any], markers: dict[str, str]) -> None:
    for table in Base.metadata.sorted_tables:
        values: dict[str, Any] = {}
        for col in table.columns:
            if is_marked(col) and not col.primary_key and not col.foreign_keys:
                marker = markers[f"{table.name}.{col.name}"] = new_marker()
                values[col.name] = marker.encode() if isinstance(col.type, LargeBinary) else marker
        if values:
            conn.execute(table.update().where(pk_column(table) == ids[table.name]).values(values))


def delete_rows(conn: Connection, ids: dict[str, Any]) -> None:
    for table in reversed(Base.metadata.sorted_tables):
        conn.execute(table.delete().where(pk_column(table) == ids[table.name]))


def files_under(folder: Path, since: float | None = None) -> Iterator[Path]:
    # os.walk, not rglob: a temporary folder of another process may vanish while it is read.
    for parent, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(parent) / name
            try:
                recent = since is None or path.stat().st_mtime >= since
                if path.is_file() and not path.is_symlink() and recent:
                    yield path
            except OSError:
                continue


def leaks(files: Iterable[Path], markers: list[str]) -> list[tuple[str, str]]:
    needles = [(m, m.encode("utf-8")) for m in markers]
    needles += [(m, m.encode("utf-16-le")) for m in markers]
    found = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            continue  # another process's temp file that vanished or is not ours to read
        found += [(str(path), m) for m, needle in needles if needle in data]
    return found


def test_no_marker_in_any_file(vault_path: Path) -> None:
    started = time.time() - 1
    overwritten: dict[str, str] = {}
    live: dict[str, str] = {}
    deleted_rows: dict[str, str] = {}
    vault = Vault.open(vault_path, "Kaffee im Müttercafé 2026!")
    try:
        with vault.engine.begin() as conn:
            kept = insert_one_row_per_table(conn, overwritten)
        with vault.engine.begin() as conn:
            update_every_text(conn, kept, live)
        with vault.engine.begin() as conn:
            deleted = insert_one_row_per_table(conn, deleted_rows)
        with vault.engine.begin() as conn:
            delete_rows(conn, deleted)

        with_text = {t.name for t in Base.metadata.tables.values() if any(map(is_marked, t.c))}
        assert {key.split(".")[0] for key in overwritten} == with_text
        assert {"participant", "goal", "meeting", "consent", "audit_log"} <= with_text
        # The full-text index holds the words (so the search works) yet only inside the
        # encrypted database: no search_index file or plain shadow table exists beside it.
        with vault.sessions() as s:
            for field in ("participant.first_name", "goal.title", "meeting.shared_summary"):
                assert participant_ids_matching(s, live[field]) == [kept["participant"]]
                assert participant_ids_matching(s, overwritten[field]) == []
                assert participant_ids_matching(s, deleted_rows[field]) == []

        everything = [*overwritten.values(), *live.values(), *deleted_rows.values()]
        wal = vault_path / "vault.db-wal"
        assert wal.exists() and wal.stat().st_size > 0, "the check must see the WAL"
        names = {p.name for p in vault_path.iterdir()}
        assert names <= {
            "vault.db",
            "vault.db-wal",
            "vault.db-shm",
            "keyslots.json",
            "keyslots.json.bak",
            "vault.lock",
        }
        assert leaks(files_under(vault_path), everything) == []
        temp = Path(tempfile.gettempdir())
        assert leaks(files_under(temp, since=started), everything) == []
    finally:
        vault.lock()
    assert leaks(files_under(vault_path), everything) == []
    assert leaks(files_under(Path(tempfile.gettempdir()), since=started), everything) == []
