"""One CoachDesk per vault: an OS file lock that dies with its process.

The lock is held with ``flock`` (``msvcrt.locking`` on Windows) on
``vault.lock``. The operating system releases it when the process ends, even
after a crash or kill, so a stale lock file is simply taken over.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import platform
import sys
from pathlib import Path
from typing import IO

from coachdesk.vault.diagnose import diagnose_os_error
from coachdesk.vault.errors import VaultInUseError

ATTEMPTS = 5


def _still_named(fh: IO[str], path: Path) -> bool:
    """Whether ``path`` still names the file ``fh`` holds (not removed or replaced since)."""
    try:
        held, named = os.fstat(fh.fileno()), os.stat(path)
    except OSError:
        return False
    return (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)


class VaultLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock, or raise: in use by another CoachDesk, or the folder refuses writes.

        Whatever fails after the file is opened, the file is closed again, so a failed open
        never leaves this process holding the lock (which would make every later attempt in
        the same window say "already open").
        """
        for _attempt in range(ATTEMPTS):
            try:
                fh = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release()
            except OSError as exc:
                raise diagnose_os_error(exc) from exc
            try:
                _lock(fh)
            except OSError as exc:
                fh.close()
                if exc.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK):
                    raise VaultInUseError() from exc
                raise diagnose_os_error(exc) from exc
            if _still_named(fh, self.path):
                break
            # The holder let go and removed the file between our open and our lock: the lock
            # is on a file nobody else will find. Take it again on the file the name has now.
            _unlock(fh)
            fh.close()
        else:
            raise VaultInUseError()
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(json.dumps({"pid": os.getpid(), "host": platform.node()}))
            fh.flush()
        except OSError as exc:
            with contextlib.suppress(OSError):
                _unlock(fh)
            with contextlib.suppress(OSError):  # closing flushes again, and fails again
                fh.close()
            raise diagnose_os_error(exc) from exc
        self._fh = fh

    def release(self) -> None:
        if self._fh is None:
            return
        fh, self._fh = self._fh, None
        with contextlib.suppress(OSError):
            fh.seek(0)
            fh.truncate()
            _unlock(fh)
        with contextlib.suppress(OSError):
            fh.close()
        with contextlib.suppress(OSError):
            self.path.unlink()

    @property
    def held(self) -> bool:
        return self._fh is not None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _lock(fh: IO[str]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock(fh: IO[str]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fh: IO[str]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fh: IO[str]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
