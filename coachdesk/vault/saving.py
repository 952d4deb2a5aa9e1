"""Saving a finished file (a document, a report, a copy of a paper) where she chose, whole or not.

The document is written to a temporary file in the chosen folder (never in a shared
temp folder), forced to disk, then renamed over the chosen name in one step, so a
reader sees either nothing or the whole signed file. Whatever fails, no temporary
file stays behind. The temporary name says nothing about the document or the person.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from coachdesk.vault.files import fsync_dir, replace_via_temp
from coachdesk.vault.output_paths import check_output_paths

_PREFIX = ".coachdesk-"
_SUFFIX = ".part"


def save_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` (replacing it) or raise ``OSError`` leaving no trace.

    The file is readable by its owner only, like the vault: it holds personal data
    (``mkstemp`` creates it so). A place in a vault's folder is refused
    (``OutputPathError``) before anything is written.
    """
    check_output_paths([path])
    replace_via_temp(
        path,
        data,
        lambda: tempfile.mkstemp(dir=path.parent, prefix=_PREFIX, suffix=_SUFFIX),
    )


def remove_saved(path: Path) -> None:
    """Take a saved document back (its export could not be recorded)."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    fsync_dir(path.parent)
