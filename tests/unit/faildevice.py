"""Fault injection for file writes, in the style of KeePassXC's FailDevice.

``FailDevice(root, write_at=N)`` lets the first N bytes written below ``root`` through and
fails the write that would pass byte N; ``fsync=True`` fails every fsync of a file below
``root``; ``rename=True`` fails every rename onto a path below ``root``, ``rename_at=K``
only the K-th (from 0), to cut a sequence of renames in the middle. The errors are real
``OSError``s with the errno a disk gives (ENOSPC for a write, EIO for fsync and rename), so
the code under test meets them exactly where the operating system would raise them.

SQLite writes from C and is not reached here; its full-disk path is tested with a file-size
limit (tests/unit/test_full_disk.py, test_open_diagnoses.py).
"""

from __future__ import annotations

import builtins
import errno
import io
import os
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest


class _FailingFile:
    """A binary file whose writes count against the device's budget."""

    def __init__(self, inner: Any, device: FailDevice) -> None:
        self._inner = inner
        self._device = device

    def write(self, data: bytes) -> int:
        allowed = self._device.take(len(data))
        if allowed < len(data):
            self._inner.write(bytes(data[:allowed]))
            self._inner.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return int(self._inner.write(data))

    def __enter__(self) -> _FailingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._inner.__exit__(*exc)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class FailDevice:
    def __init__(
        self,
        root: Path,
        *,
        write_at: int | None = None,
        fsync: bool = False,
        rename: bool = False,
        rename_at: int | None = None,
    ) -> None:
        self.root = root.resolve()
        self.mp = pytest.MonkeyPatch()  # its own: undoing it leaves the test's patches alone
        self.write_at = write_at
        self.fail_fsync = fsync
        self.fail_rename = rename
        self.rename_at = rename_at
        self.renames = 0
        self.written = 0
        self.triggered = False

    def below(self, path: str | os.PathLike[str] | int) -> bool:
        if isinstance(path, int):
            try:
                path = os.readlink(f"/proc/self/fd/{path}")
            except OSError:
                return False
        return Path(os.path.abspath(path)).resolve().is_relative_to(self.root)

    def take(self, size: int) -> int:
        """How many of ``size`` bytes still fit before the failing byte."""
        if self.write_at is None:
            return size
        room = max(0, self.write_at - self.written)
        allowed = min(size, room)
        self.written += allowed
        if allowed < size:
            self.triggered = True
        return allowed

    def __enter__(self) -> FailDevice:
        real_fdopen, real_open = os.fdopen, builtins.open
        real_fsync, real_replace, real_rename = os.fsync, os.replace, os.rename

        def writing(mode: str) -> bool:
            return "b" in mode and any(c in mode for c in "wax+")

        def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            handle = real_fdopen(fd, mode, *args, **kwargs)
            return _FailingFile(handle, self) if writing(mode) and self.below(fd) else handle

        def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            handle = real_open(file, mode, *args, **kwargs)
            if writing(mode) and isinstance(file, str | os.PathLike) and self.below(file):
                return _FailingFile(handle, self)
            return handle

        def fsync(fd: int) -> None:
            if self.fail_fsync and self.below(fd) and not os.path.isdir(f"/proc/self/fd/{fd}"):
                self.triggered = True
                raise OSError(errno.EIO, os.strerror(errno.EIO))
            real_fsync(fd)

        def fail_rename(real: Any) -> Any:
            def rename(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
                if self.below(dst):
                    count, self.renames = self.renames, self.renames + 1
                    if self.fail_rename or count == self.rename_at:
                        self.triggered = True
                        raise OSError(errno.EIO, os.strerror(errno.EIO))
                real(src, dst, *args, **kwargs)

            return rename

        self.mp.setattr(os, "fdopen", fdopen)
        self.mp.setattr(builtins, "open", open_)
        self.mp.setattr(io, "open", open_)  # pathlib's write_bytes opens through io
        self.mp.setattr(os, "fsync", fsync)
        self.mp.setattr(os, "replace", fail_rename(real_replace))
        self.mp.setattr(os, "rename", fail_rename(real_rename))
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.mp.undo()
