"""The vault's schema history (Alembic) and the encrypted copy kept before an upgrade."""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from coachdesk.vault.errors import StorageError
from coachdesk.vault.files import fsync_dir, fsync_file

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


# The schema revisions of migrations/versions, oldest first; the last one is head.
# Listed here so that opening a vault that is already current needs no Alembic import and
# no parsing of migration scripts (a third of a second at start-up); a test checks the
# list against the scripts.
REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004")


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
