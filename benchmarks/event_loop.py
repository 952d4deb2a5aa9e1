"""Timing a window from outside: run its event loop until something shows, and find stalls."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


class Heartbeat:
    """A 10 ms timer; the longest gap between its ticks is the longest the event loop was busy."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.last = self.longest = 0.0

    def start(self) -> None:
        self.last = time.perf_counter()
        self.longest = 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def stop(self) -> float:
        self._tick()  # a stall still going on when the wait ends counts too
        self.timer.stop()
        return self.longest


def wait(condition: Callable[[], bool], timeout: float) -> float | None:
    """Run the event loop until ``condition`` holds (checked every 5 ms); when it first held."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return time.perf_counter()
    loop = QEventLoop()
    seen: list[float] = []

    def check() -> None:
        if condition():
            seen.append(time.perf_counter())
            loop.quit()

    poll, deadline = QTimer(), QTimer()
    poll.timeout.connect(check)
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    poll.start(5)
    deadline.start(int(timeout * 1000))
    loop.exec()
    poll.stop()
    deadline.stop()
    return seen[0] if seen else None


def idle(seconds: float) -> None:
    """Let the event loop run for ``seconds``."""
    deadline = time.perf_counter() + seconds
    wait(lambda: time.perf_counter() >= deadline, seconds + 1)


def entries_shown(model: Any) -> int:
    """Rows of a list model a user sees as entries: Today's sections (there at once,
    "loading" until their list is read) are not entries, only the reminders in them."""
    count = getattr(model, "item_count", None)
    return int(count()) if callable(count) else int(model.rowCount())
