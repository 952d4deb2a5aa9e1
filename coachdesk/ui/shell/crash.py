"""The last line of defence: an unexpected error shows a plain message and writes a safe log.

An exception's message may quote what the coach typed (a name, a note), and a frame's
local variables certainly hold it, so the log keeps only the exception's type name and,
for every frame, the file, line and function. Nothing is rolled back here: each service
call is one transaction, which either committed or rolled back on its own.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

import platformdirs
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from coachdesk.i18n import _

LOG_NAME = "coachdesk-errors.log"
MAX_LOG_BYTES = 256 * 1024


def default_log_dir() -> Path:
    return Path(platformdirs.user_log_dir("CoachDesk", appauthor=False))


def plain_message() -> str:
    return _(
        "Something went wrong. Your saved data is safe. What you had not saved yet may be "
        "lost; please check it and save again. If this happens again, restart CoachDesk."
    )


def safe_report(
    exc_type: type[BaseException], tb: TracebackType | None, when: dt.datetime | None = None
) -> str:
    """Type name and the places in the code; never the message, never a variable's value."""
    lines = [f"{(when or dt.datetime.now()).isoformat(timespec='seconds')} {exc_type.__name__}"]
    for frame in traceback.extract_tb(tb):
        lines.append(f'  File "{Path(frame.filename).name}", line {frame.lineno}, in {frame.name}')
    return "\n".join(lines) + "\n"


def write_log(report: str, log_dir: Path) -> Path | None:
    """Append to the log (started again when it grows large); None if it cannot be written."""
    path = log_dir / LOG_NAME
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        mode = "w" if path.exists() and path.stat().st_size > MAX_LOG_BYTES else "a"
        with open(path, mode, encoding="utf-8") as fh:
            fh.write(report)
    except OSError:
        return None
    return path


class _Relay(QObject):
    """Brings an error from any thread to the UI thread, where the message box may open."""

    happened = Signal()


class CrashHandler:
    """Installed as ``sys.excepthook`` and ``threading.excepthook`` by :func:`install`."""

    def __init__(self, log_dir: Path, show: Callable[[str], None] | None = None) -> None:
        self.log_dir = log_dir
        self.show = show or _show_message_box
        self.last_log: Path | None = None
        self._showing = False
        self._relay = _Relay()
        self._relay.happened.connect(self._tell, Qt.ConnectionType.QueuedConnection)

    def handle(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        self.last_log = write_log(safe_report(exc_type, tb), self.log_dir)
        if threading.current_thread() is threading.main_thread():
            self._tell()
        else:
            self._relay.happened.emit()

    def handle_thread(self, args: threading.ExceptHookArgs) -> None:
        self.handle(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    def _tell(self) -> None:
        # An error while the box is open (a repainting widget failing again) is logged only.
        if self._showing:
            return
        self._showing = True
        try:
            self.show(plain_message())
        finally:
            self._showing = False


def _show_message_box(text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, "CoachDesk", text)
    box.setObjectName("crash_message")
    box.exec()


def install(log_dir: Path | None = None, show: Callable[[str], None] | None = None) -> CrashHandler:
    """Catch every uncaught error (UI thread and workers); warnings go to the same log."""
    handler = CrashHandler(log_dir or default_log_dir(), show)
    try:
        handler.log_dir.mkdir(parents=True, exist_ok=True)
        logging.basicConfig(
            filename=str(handler.log_dir / LOG_NAME),
            level=logging.WARNING,
            format="%(asctime)s %(name)s %(levelname)s %(message)s",
        )
    except OSError:
        pass  # without a log folder the message box still appears
    sys.excepthook = handler.handle
    threading.excepthook = handler.handle_thread
    return handler
