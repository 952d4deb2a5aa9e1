"""The vault's schema history (Alembic) and the encrypted copy kept before an upgrade."""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from coachdesk.vault.errors import DamagedVaultError, StorageError, VaultTooNewError
from coachdesk.vault.files import fsync_dir, fsync_file

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


# The schema revisions of migrations/versions, oldest first; the last one is head.
# Listed here so that opening a vault that is already current needs no Alembic import and
# no parsing of migration scripts (a third of a second at start-up); a test checks the
# list against the scripts.
REVISIONS: tuple[str, ...] = (
    "0001",
    "0002",
    "0003",
    "0004",
    "0005",
    "0006",
    "0007",
    "0008",
    "0009",
    "0010",
    "0011",
    "0012",
    "0013",
    "0014",
    "0015",
    "0016",
    "0017",
    "0018",
    "0019",
    "0020",
)


PRE_MIGRATION_DIR = "pre-migration"
"""Encrypted copies of the vault taken before a schema upgrade, inside the vault folder."""


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return REVISIONS[-1]


@functools.cache
def known_revisions() -> frozenset[str]:
    """Every schema revision this program can open (and upgrade to head)."""
    return frozenset(REVISIONS)


def copy_before_migration(folder: Path, names: Iterable[str], target: Path) -> None:
    """Copy the (encrypted) files ``names`` of the vault ``folder`` into ``target``.

    Copied under a ".partial" name and renamed when complete, so a copy cut off by a
    crash is never mistaken for a good one.
    """
    if target.exists():
        target = target.with_name(f"{target.name}-{dt.datetime.now():%f}")
    partial = target.with_name(target.name + ".partial")
    try:
        if partial.exists():
            shutil.rmtree(partial)
        partial.mkdir(parents=True, mode=0o700)
        for name in names:
            shutil.copy2(folder / name, partial / name)
            fsync_file(partial / name)
        fsync_dir(partial)
        os.replace(partial, target)
        fsync_dir(target.parent)
    except OSError as exc:
        raise StorageError.from_os_error(exc) from exc


def stored_revision(engine: Engine) -> str | None:
    """The Alembic revision stored in the vault (None for a new, empty database)."""
    with engine.connect() as conn:
        has_table = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")
        ).scalar()
        if not has_table:
            return None
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return None if revision is None else str(revision)


def check_revision(engine: Engine) -> None:
    """A schema this version knows; tables without a revision are a damaged vault."""
    current = stored_revision(engine)
    if current is None:
        with engine.connect() as conn:
            if conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar():
                raise DamagedVaultError()
        return
    if current not in known_revisions():
        raise VaultTooNewError()


def migrate(engine: Engine, folder: Path, names: Iterable[str], *, target: str = "head") -> None:
    """Bring the schema to ``target``; an existing vault is copied (encrypted) first (a new
    database has no revision yet, and nothing of hers to keep)."""
    current = stored_revision(engine)
    if current == head_revision():
        return
    if current is not None:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        copy_before_migration(
            folder, names, folder / PRE_MIGRATION_DIR / f"{stamp}-schema-{current}"
        )
    from alembic import command

    cfg = alembic_config()
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
    except OperationalError as exc:
        raise StorageError.from_db_error(exc) from exc
