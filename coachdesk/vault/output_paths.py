"""Where a file the coach chose may be written: never into a vault, never twice in one go.

The one check that every save of a user-chosen path goes through, from the command line
and from the window alike (documents, reports and their CSV, the certificate, backups,
the recovery sheet). A file written into a vault's folder can replace ``vault.db`` or
``keyslots.json`` and leave a vault that neither passphrase nor recovery code opens; a
restore moves the folder away with whatever else lies in it; and a recovery sheet beside
the vault gives whoever finds the folder everything. So a vault's folder (and the folder
of its automatic backups beside it) holds nothing CoachDesk did not put there itself.

Paths are compared after symbolic links and ``..`` are resolved, so neither a link nor a
detour leads into a vault. The check runs before anything is written: when it refuses,
no file has been touched.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from coachdesk.i18n import N_, Message
from coachdesk.vault.errors import StorageError

# The names of vault/store.py (DB_NAME, SLOTS_NAME), repeated so that this check stays
# importable from anywhere without opening the store; a test keeps them equal.
VAULT_FILES = ("keyslots.json", "vault.db")
BACKUPS_SUFFIX = "-backups"
"""The automatic backups of the vault ``X`` live in ``X-backups`` beside it (generations.py)."""


class OutputPathError(StorageError):
    """A chosen place to save is refused before anything is written (a ``StorageError``, so
    every save in the window already shows its message)."""

    default = N_("Not saved: please choose another place for this file.")


def is_vault_folder(folder: Path) -> bool:
    """Whether ``folder`` holds a CoachDesk vault's key slots or database."""
    return any(os.path.lexists(folder / name) for name in VAULT_FILES)


def vault_folder_of(path: Path, *, vault: Path | None = None) -> Path | None:
    """The vault folder (or its automatic backups folder) that ``path`` is or lies in, if any.

    ``vault`` is a vault to count as such even before its files exist (``init`` with a
    recovery sheet: the sheet may not go where the new vault is made).
    """
    target = _resolved(path)
    own = _resolved(vault) if vault is not None else None
    for folder in (target, *target.parents):
        if folder == own or is_vault_folder(folder):
            return folder
        if own is not None and folder == own.with_name(own.name + BACKUPS_SUFFIX):
            return folder
        if folder.name.endswith(BACKUPS_SUFFIX) and folder.name != BACKUPS_SUFFIX:
            beside = folder.with_name(folder.name[: -len(BACKUPS_SUFFIX)])
            if is_vault_folder(beside):
                return folder
    return None


def check_output_paths(paths: Iterable[Path | str | None], *, vault: Path | None = None) -> None:
    """Refuse (``OutputPathError``) a set of files one action is about to write, before it does.

    Each path must lie outside every vault folder (see :func:`vault_folder_of`), and no two
    may name the same file. ``None`` entries (an optional file not asked for) are skipped.
    """
    seen: dict[Path, Path] = {}
    for given in paths:
        if given is None:
            continue
        path = Path(given)
        if "\x00" in str(path):
            raise OutputPathError(
                Message(N_("Not saved: the file name contains a character no disk accepts."))
            )
        folder = vault_folder_of(path, vault=vault)
        if folder is not None:
            raise OutputPathError(
                Message(
                    N_(
                        "Not saved: {path} is inside the vault folder {folder}. "
                        "Please save it outside the vault folder."
                    ),
                    {"path": str(path), "folder": str(folder)},
                )
            )
        if os.path.exists(path) and not (os.path.isfile(path) or os.path.isdir(path)):
            # A device (/dev/full) or a pipe is never replaced by a document (folders: the
            # callers that take one put a file in it, the others say so).
            raise OutputPathError(
                Message(
                    N_("Not saved: {path} is not an ordinary file. Please choose a file name."),
                    {"path": str(path)},
                )
            )
        key = _resolved(path)
        if key in seen or any(_same_file(key, other) for other in seen):
            raise OutputPathError(
                Message(
                    N_("Not saved: {path} is given twice. Please give each file its own name."),
                    {"path": str(path)},
                )
            )
        seen[key] = path


def _resolved(path: Path) -> Path:
    """``path`` made absolute with links and ``..`` resolved (as far as it exists)."""
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError, ValueError):  # a loop of links: compare what can be seen
        return Path(os.path.abspath(path))


def _same_file(a: Path, b: Path) -> bool:
    """Hard links and case-insensitive disks: two names, one file."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False
