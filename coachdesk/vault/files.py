"""Crash-safe file writes: temporary name, fsync, rename, fsync of the folder."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that a crash leaves the old or the new file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    replace_via_temp(path, data, lambda: (os.open(tmp, _TEMP_FLAGS, 0o600), tmp))


_TEMP_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC


def replace_via_temp(
    path: Path, data: bytes, open_temp: Callable[[], tuple[int, str | Path]]
) -> None:
    """Write ``data`` to the file ``open_temp`` makes beside ``path``, then rename it over ``path``.

    ``open_temp`` returns an open descriptor and the temporary file's name; the file is
    forced to disk before the rename and the folder after it. Whatever fails, the
    temporary file is removed and the error raised.
    """
    fd, tmp = open_temp()
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_temp_files(folder: Path) -> None:
    """Remove what an :func:`atomic_write` cut off by a crash left (the caller holds the lock)."""
    for leftover in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def remove_files(folder: Path, names: tuple[str, ...]) -> None:
    """Remove the files ``names`` in ``folder`` where they exist (best effort)."""
    for name in names:
        with contextlib.suppress(OSError):
            (folder / name).unlink()
