"""Run a piece of a test in a forked process: limits (file size), users and crashes stay there."""

from __future__ import annotations

import json
import os
from collections.abc import Callable

NOBODY = 65534


def in_child(
    work: Callable[[], dict[str, object]], *, as_nobody: bool = False
) -> dict[str, object]:
    """Run ``work`` in a child process (as the unprivileged user ``nobody`` if asked) and
    return the JSON-able report it returns; an exception is reported as ``unexpected``."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_end)
        report: dict[str, object]
        try:
            if as_nobody:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            report = work()
        except BaseException as exc:
            report = {"unexpected": f"{type(exc).__name__}: {exc}"}
        os.write(write_end, json.dumps(report).encode())
        os._exit(0)
    os.close(write_end)
    received = b""
    while chunk := os.read(read_end, 65536):
        received += chunk
    os.close(read_end)
    os.waitpid(pid, 0)
    return dict(json.loads(received))
