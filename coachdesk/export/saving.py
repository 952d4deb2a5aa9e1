"""Saving a finished document where the coach chose, all or nothing.

The document is written to a temporary file in the chosen folder (never in a shared
temp folder), forced to disk, then renamed over the chosen name in one step, so a
reader sees either nothing or the whole signed file. Whatever fails, no temporary
file stays behind. The temporary name says nothing about the document or the person.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

_PREFIX = ".coachdesk-"
_SUFFIX = ".part"


def save_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (replacing it) or raise ``OSError`` leaving no trace.

    The file is readable by its owner only, like the vault: it holds personal data.
    """
    folder = path.parent
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=_PREFIX, suffix=_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    _sync_folder(folder)


def remove_saved(path: Path) -> None:
    """Take a saved document back (its export could not be recorded)."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); some file systems and Windows cannot."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
