"""The Qt binding must not corrupt Python's reference counts (PySide6 6.12.0 did)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    carrying = Signal(object)


def test_emitting_signals_keeps_reference_counts(qapp) -> None:  # type: ignore[no-untyped-def]
    emitter = _Emitter()
    emitter.plain.connect(lambda: None)
    emitter.carrying.connect(lambda _value: None)
    before = sys.getrefcount(True)
    for _ in range(50):
        emitter.plain.emit()
        emitter.carrying.emit(1)
    # A broken binding loses 100 references to True here and aborts the app after a while.
    assert abs(sys.getrefcount(True) - before) < 10
