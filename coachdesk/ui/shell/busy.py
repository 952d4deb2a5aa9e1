"""Waiting without freezing: slow calls off the UI thread, with a busy indication.

A key derivation (Argon2id, a third of a second or more), creating a vault or a signing
key would freeze the window if it ran on the UI thread. :class:`BackgroundCall` runs one
such call in the application's thread pool (the service-job pattern of ``ui/export``) and
shows meanwhile that something happens: the controls that would start it again are
disabled, the busy cursor is over the window and a line says what is done. The result or
the error arrives on the UI thread; the call's closure (which may hold a passphrase) is
let go as soon as it has run, so a secret lives no longer than it did on the UI thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QProgressBar, QWidget

from coachdesk.ui.export.worker import ServiceJob


@contextmanager
def busy_cursor() -> Iterator[None]:
    """A wait cursor for the short waits that stay on the UI thread."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    # Paint the cursor (and the pressed button) before the UI thread is busy.
    QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


class BusyNote(QWidget):
    """A moving bar and a sentence ("Unlocking…"), hidden until a call runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("busy_note")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # no steps to count: it only shows that work goes on
        self.bar.setTextVisible(False)
        self.bar.setMaximumWidth(8 * self.fontMetrics().horizontalAdvance("M"))
        self.label = QLabel()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar)
        row.addWidget(self.label, 1)
        self.setVisible(False)

    def show_text(self, text: str) -> None:
        self.label.setText(text)
        self.setVisible(True)

    def done(self) -> None:
        self.label.setText("")
        self.setVisible(False)


_running: set[_Call] = set()
_lock = threading.Lock()
_idle = threading.Condition(_lock)


def wait_for_calls(timeout_s: float = 60.0) -> bool:
    """Block until no background call runs (before the vault closes); False on timeout."""
    with _lock:
        return _idle.wait_for(lambda: not _running, timeout_s)


class _Call(ServiceJob):
    """A service job that keeps its outcome, so closing can wait for it (:meth:`settle`)."""

    def __init__(self, work: Callable[[], object]) -> None:
        super().__init__(work)
        self.ended = threading.Event()
        self.outcome: tuple[bool, Any] | None = None

    def run(self) -> None:
        try:
            self.outcome = (True, self.work())
        except Exception as exc:  # handed to the UI thread, which says or re-raises it
            self.outcome = (False, exc)
        self.work = _nothing  # the closure (a passphrase) goes now, not with the job
        self.ended.set()
        with _lock:
            _running.discard(self)
            _idle.notify_all()
        ok, value = self.outcome
        (self.signals.finished if ok else self.signals.failed).emit(value)


def _nothing() -> None:
    return None


def _ignore(_result: Any) -> None:
    return None


def _reraise(exc: Exception) -> None:
    raise exc  # an error nobody expected: the crash handler reports it


class BackgroundCall(QObject):
    """One slow call at a time for ``owner``, with ``controls`` disabled while it runs."""

    def __init__(
        self, owner: QWidget, controls: Sequence[QWidget] = (), note: BusyNote | None = None
    ) -> None:
        super().__init__(owner)
        self.owner = owner
        self.controls = list(controls)
        self.note = note
        self._call: _Call | None = None
        self._done: Callable[[Any], None] = _ignore
        self._failed: Callable[[Exception], None] = _reraise
        self._enabled: list[bool] = []

    @property
    def running(self) -> bool:
        return self._call is not None

    def start(
        self,
        work: Callable[[], object],
        text: str,
        done: Callable[[Any], None],
        failed: Callable[[Exception], None] = _reraise,
    ) -> bool:
        """Run ``work`` off the UI thread; False (nothing started) while another call runs.

        ``done(result)`` or ``failed(exception)`` is called on the UI thread afterwards,
        with the controls enabled again.
        """
        if self._call is not None:
            return False
        call = _Call(work)
        call.signals.finished.connect(self._finished)
        call.signals.failed.connect(self._failure)
        self._call, self._done, self._failed = call, done, failed
        self._enabled = [c.isEnabled() for c in self.controls]
        for control in self.controls:
            control.setEnabled(False)
        self.owner.setCursor(Qt.CursorShape.BusyCursor)
        if self.note is not None:
            self.note.show_text(text)
        with _lock:
            _running.add(call)
        call.start()
        return True

    def settle(self, timeout_s: float = 30.0) -> tuple[bool, Any] | None:
        """Closing: wait for a running call and hand back its outcome instead of reporting it.

        Returns ``(True, result)`` or ``(False, exception)``, None when no call ran (or it
        did not end in time). The callbacks are not called.
        """
        call = self._call
        if call is None or not call.ended.wait(timeout_s):
            return None
        self._end()
        return call.outcome

    @Slot(object)
    def _finished(self, result: object) -> None:
        done = self._done
        if self._end():
            done(result)

    @Slot(object)
    def _failure(self, exc: Exception) -> None:
        failed = self._failed
        if self._end():
            failed(exc)
            # Handled (a wrong passphrase): its frames, which may hold the secret, go now
            # instead of waiting for the garbage collector.
            exc.__traceback__ = None

    def _end(self) -> bool:
        if self._call is None:
            return False  # settled while closing
        self._call = None
        self._done, self._failed = _ignore, _reraise
        for control, enabled in zip(self.controls, self._enabled, strict=True):
            control.setEnabled(enabled)
        self.owner.unsetCursor()
        if self.note is not None:
            self.note.done()
        return True
