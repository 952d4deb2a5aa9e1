"""Automatic backups: a number of generations in one folder, the oldest pruned.

Pruning matters for privacy as well as space: after a person is erased, her data
lives on only in backups made before, and those disappear as new generations
come. :func:`list_backups` tells the UI which backups may still hold her data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from coachdesk.vault import backup_format as fmt
from coachdesk.vault.backup import (
    AUTO_PREFIX,
    DEFAULT_GENERATIONS,
    BackupInfo,
    Progress,
    backup,
    new_backup_name,
)
from coachdesk.vault.errors import VaultError
from coachdesk.vault.store import PRE_MIGRATION_DIR, Vault


@dataclass(frozen=True)
class BackupFile:
    """A backup found in a folder, described by its header (no passphrase needed)."""

    path: Path
    created_at: dt.datetime
    """When it was made (UTC)."""
    automatic: bool
    size_bytes: int


def automatic_backup_folder(vault_path: Path) -> Path:
    """Beside the vault (never inside it, so a restore does not move its own backups)."""
    return vault_path.parent / f"{vault_path.name}-backups"


def automatic_backup(
    vault: Vault,
    folder: Path | None = None,
    *,
    keep: int = DEFAULT_GENERATIONS,
    progress: Progress | None = None,
) -> BackupInfo:
    """Make a new automatic generation, then delete automatic ones beyond ``keep``."""
    folder = Path(folder) if folder is not None else automatic_backup_folder(vault.path)
    # Microseconds in the name: a pruned generation's name is never given to a new one.
    dest = folder / new_backup_name(AUTO_PREFIX, precise=True)
    info = backup(vault, dest, progress=progress)
    prune_generations(folder, keep)
    return info


def backup_due(folder: Path, now: dt.datetime, every: dt.timedelta = dt.timedelta(days=1)) -> bool:
    """True if the newest automatic backup in ``folder`` is older than ``every`` (or none)."""
    newest = [b for b in list_backups(folder) if b.automatic]
    return not newest or now - newest[0].created_at >= every


def prune_generations(folder: Path, keep: int) -> list[Path]:
    """Delete automatic backups beyond the newest ``keep``; manual ones are never touched."""
    autos = [b for b in list_backups(folder) if b.automatic]
    deleted = []
    for old in autos[max(keep, 1) :]:
        with contextlib.suppress(OSError):
            old.path.unlink()
            deleted.append(old.path)
    return deleted


def list_backups(folder: Path) -> list[BackupFile]:
    """Readable backups in ``folder``, newest first (damaged headers are left out)."""
    found = []
    if not Path(folder).is_dir():
        return []
    for path in Path(folder).glob(f"*{fmt.SUFFIX}"):
        try:
            header = fmt.read_header(path)
            size = path.stat().st_size
        except (VaultError, OSError):
            continue
        found.append(BackupFile(path, header.created_at, path.name.startswith(AUTO_PREFIX), size))
    return sorted(found, key=lambda b: (b.created_at, b.path.name), reverse=True)


def backups_made_before(folder: Path, moment: dt.datetime) -> list[BackupFile]:
    """Backups that may still hold data erased at ``moment`` (UTC), newest first."""
    return [b for b in list_backups(folder) if b.created_at < moment]


def older_copies(vault_path: Path) -> list[Path]:
    """Encrypted copies of the whole vault kept by upgrades and restores (they age like backups).

    Copies taken before a schema upgrade live in ``<vault>/pre-migration/``; a restore keeps
    the vault it replaced as ``<vault>.before-restore-<time>`` beside it. Each may still hold
    people erased since, so the UI lists them with the backups.
    """
    vault_path = Path(vault_path)
    found = sorted((vault_path / PRE_MIGRATION_DIR).glob("*")) if vault_path.is_dir() else []
    found += sorted(vault_path.parent.glob(f"{vault_path.name}.before-restore-*"))
    return [p for p in found if p.is_dir()]


def newest_good_backup(folder: Path) -> BackupFile | None:
    """The newest backup whose every byte checks out (offered when the vault is damaged)."""
    for candidate in list_backups(folder):
        try:
            fmt.check_file(candidate.path)
        except (VaultError, OSError):
            continue
        return candidate
    return None
