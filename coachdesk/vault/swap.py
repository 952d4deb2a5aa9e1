"""Putting a restored vault in place with folder renames, safe against a crash at any moment.

A restore prepares the complete new vault in a staging folder beside the vault
(``.<name>.restoring``); its ``keyslots.json`` is written last, so its presence
means "complete". Then two renames: the current vault becomes
``<name>.before-restore-<time>`` and the staging folder becomes ``<name>``. A crash
between the two leaves no vault under its name but a complete staging folder;
the next open finishes the rename (:func:`finish_interrupted_restore`). A crash
before the first rename leaves the current vault untouched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from pathlib import Path

from coachdesk.vault.files import fsync_dir

SLOTS = "keyslots.json"


def staging_path(vault_path: Path) -> Path:
    return vault_path.parent / f".{vault_path.name}.restoring"


def is_complete(folder: Path) -> bool:
    return (folder / SLOTS).is_file() and (folder / "vault.db").is_file()


def finish_interrupted_restore(vault_path: Path) -> bool:
    """Complete a restore that was cut off between its two renames; True if it did."""
    staging = staging_path(vault_path)
    if (vault_path / SLOTS).exists() or not is_complete(staging):
        return False
    try:
        if vault_path.is_dir():
            vault_path.rmdir()  # only ever an empty folder here; anything else stays
        os.replace(staging, vault_path)
    except OSError:
        return False
    fsync_dir(vault_path.parent)
    return True


def remove_staging(vault_path: Path) -> None:
    staging = staging_path(vault_path)
    if staging.exists():
        shutil.rmtree(staging, ignore_errors=True)


def previous_copy_path(vault_path: Path, now: dt.datetime | None = None) -> Path:
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    candidate = vault_path.parent / f"{vault_path.name}.before-restore-{stamp}"
    n = 1
    while candidate.exists():
        n += 1
        candidate = vault_path.parent / f"{vault_path.name}.before-restore-{stamp}-{n}"
    return candidate


def swap_in(staging: Path, vault_path: Path) -> Path | None:
    """Move the current vault aside (returned) and the complete staging folder in its place."""
    previous: Path | None = None
    if vault_path.exists():
        if any(vault_path.iterdir()):
            previous = previous_copy_path(vault_path)
            os.replace(vault_path, previous)
        else:
            vault_path.rmdir()
        fsync_dir(vault_path.parent)
    try:
        os.replace(staging, vault_path)
    except OSError:
        # The restored vault could not take the place: the one she had goes back, so a
        # failed restore never leaves her without a vault (its copy stays aside otherwise).
        if previous is not None:
            with contextlib.suppress(OSError):
                os.replace(previous, vault_path)
        raise
    fsync_dir(vault_path.parent)
    if previous is not None:
        with contextlib.suppress(OSError):
            (previous / "vault.lock").unlink()
    return previous
