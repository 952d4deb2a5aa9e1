"""Child process: every view opened once, then one participant saved with all of them open.

    python -m benchmarks.gui_views VAULT [--in-place] [--saves N]

Works on a copy of VAULT in a temporary folder (``--in-place``: on VAULT itself, as
``make bench`` does with its own copy). COACHDESK_PASSPHRASE overrides the benchmark
passphrase. Prints one JSON line:

- ``views``: for Today, Participants, Meetings, Modules, Contacts and Reports, from the
  click on the navigation to the first rows in a list of that view (``first_rows_s``),
  how long the click itself held the window (``click_s``), and the longest stall of the
  event loop until one second after the first rows (``longest_stall_s``).
- ``save``: a participant's file is opened from the list (click, Enter); her phone
  number is typed into the form and saved with Ctrl+S. ``answer_s`` runs until a 0 ms
  timer posted right after the key press fires: the window answers again.
  ``stall_after_s`` is the longest gap of a 10 ms heartbeat timer in the two seconds
  after that (a refresh finishing on the UI thread later shows there).
- ``peak_rss_mb``: the process's peak resident memory (getrusage).

Before the vault opens, what the application loads while she types her passphrase is
loaded (``ui.shell.warm_up``), as in the application; the start-up benchmark measures
what happens when she is quicker than that.

Only what a user sees and does is used: widgets are found by type, object name and
accessible name, and driven by mouse and key events, so the benchmark measures whatever
the views do inside (loading at once, lazily or in threads).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.event_loop import Heartbeat, entries_shown, idle, wait
from benchmarks.vaults import DEMO_TODAY, PASSPHRASE

LIST_VIEWS = ("today", "participants", "meetings", "modules", "contacts", "reports")
TIMEOUT_S = 20.0
SETTLE_S = 1.0
AFTER_SAVE_S = 2.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.gui_views")
    parser.add_argument("vault", type=Path)
    parser.add_argument("--in-place", action="store_true", help="work on VAULT, not a copy")
    parser.add_argument("--saves", type=int, default=3, help="saves to time (default 3)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="gui-views-") as tmp:
        path = args.vault
        if not args.in_place:
            path = Path(tmp) / "vault"
            shutil.copytree(args.vault, path)
        result = measure(path, Path(tmp), args.saves)
    print(json.dumps(result))
    return 0


def measure(path: Path, tmp: Path, saves: int) -> dict[str, Any]:
    import shiboken6
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from coachdesk.facade import Services
    from coachdesk.ui.shell import warm_up
    from coachdesk.ui.shell.main_window import LAST_VIEW_KEY, MainWindow
    from coachdesk.ui.shell.signals import AppSignals
    from coachdesk.vault.store import Vault

    app = QApplication.instance() or QApplication([sys.argv[0]])
    # As the application does while she types her passphrase (ui.shell.app): the modules,
    # the model's mappings and the language's date formats are loaded in the background.
    warm_up.start()
    warm_up.wait()
    vault = Vault.open(path, os.environ.get("COACHDESK_PASSPHRASE", PASSPHRASE))
    settings = QSettings(str(tmp / "bench.ini"), QSettings.Format.IniFormat)
    # The window opens on Settings (no list), so each list view is built on its first visit.
    settings.setValue(LAST_VIEW_KEY, "settings")
    # As the application opens a vault (ui/shell/app.py), on the day the demo was made for.
    services = Services(vault.sessions, today=lambda: DEMO_TODAY, vault=vault)
    signals = AppSignals()
    services.subscribe(signals.publish)
    window = MainWindow(services, vault, signals, settings)
    window.show()
    app.processEvents()
    try:
        views = {key: visit(window, key) for key in LIST_VIEWS}
        views["meetings_all"] = all_meetings(window)
        file_window, opened = open_first_participant(window)
        save = save_phone(file_window, services, saves)
        save["open_file_s"] = opened
    finally:
        window.dispose()
        vault.lock()
        # Gone now: a QSettings destroyed at exit would write its file again, after the
        # temporary folder is removed.
        shiboken6.delete(window)
        shiboken6.delete(settings)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "views": views,
        "longest_visit_stall_s": max(v["longest_stall_s"] for v in views.values()),
        "save": save,
        "peak_rss_mb": round(peak, 1),
    }


def lists_of(page: Any) -> list[Any]:
    """The lists a user sees on ``page`` (not headers, not closed combo box pop-ups)."""
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView

    return [
        v
        for v in page.findChildren(QAbstractItemView)
        if v.isVisible() and not isinstance(v, QHeaderView) and v.model() is not None
    ]


def rows_shown(page: Any) -> int:
    return max((entries_shown(v.model()) for v in lists_of(page)), default=0)


def timed(page_of: Callable[[], Any], act: Callable[[], object], before: int) -> dict[str, Any]:
    """Do ``act`` (a click, a key); time until the page lists more than ``before`` rows, and
    the longest stall of the event loop until SETTLE_S after that."""
    beat = Heartbeat()
    beat.start()
    started = time.perf_counter()
    act()
    acted = time.perf_counter() - started
    page = page_of()
    first = wait(lambda: rows_shown(page) > before, TIMEOUT_S)
    idle(SETTLE_S)
    stall = beat.stop()
    return {
        "click_s": round(acted, 4),
        "first_rows_s": None if first is None else round(first - started, 4),
        "rows": rows_shown(page),
        "longest_stall_s": round(max(stall, acted), 4),
    }


def visit(window: Any, key: str) -> dict[str, Any]:
    """Click ``key`` in the navigation; time to its first rows and the longest stall."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QListView, QStackedWidget

    from coachdesk.ui.shell.view_pages import VIEWS

    nav = window.findChild(QListView, "navigation")
    row = [k for k, _title in VIEWS].index(key)
    centre = nav.visualRect(nav.model().index(row, 0)).center()
    left, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    return timed(
        window.findChild(QStackedWidget).currentWidget,
        lambda: QTest.mouseClick(nav.viewport(), left, none, centre),
        0,
    )


def all_meetings(window: Any) -> dict[str, Any]:
    """On Meetings, choose the last range ("All meetings") with the End key; time to its rows."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QComboBox, QStackedWidget

    visit(window, "meetings")  # built already: back to it
    page = window.findChild(QStackedWidget).currentWidget()
    combo = next(c for c in page.findChildren(QComboBox) if c.isVisible())
    combo.setFocus()
    return timed(lambda: page, lambda: QTest.keyClick(combo, Qt.Key.Key_End), rows_shown(page))


def open_first_participant(window: Any) -> tuple[Any, float]:
    """Open the first participant of the list as she would: click the row, press Enter."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QStackedWidget, QTableView

    visit(window, "participants")  # back to the list (built already)
    page = window.findChild(QStackedWidget).currentWidget()
    table = page.findChild(QTableView, "participant_table") or lists_of(page)[0]
    before = set(QApplication.topLevelWidgets())
    rect = table.visualRect(table.model().index(0, 0))
    started = time.perf_counter()
    QTest.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center()
    )
    QTest.keyClick(table, Qt.Key.Key_Return)

    def file_window() -> Any:
        new = [w for w in QApplication.topLevelWidgets() if w not in before and w.isVisible()]
        return next((w for w in new if phone_field(w) is not None), None)

    shown = wait(lambda: file_window() is not None, TIMEOUT_S)
    if shown is None:
        raise RuntimeError("the participant's file did not open")
    return file_window(), round(shown - started, 4)


def phone_field(window: Any) -> Any:
    from PySide6.QtWidgets import QLineEdit

    from coachdesk.i18n import _

    wanted = _("Phone")
    for field in window.findChildren(QLineEdit):
        if field.accessibleName().replace("&", "").rstrip(": ") == wanted:
            return field
    return None


def save_phone(file_window: Any, services: Any, saves: int) -> dict[str, Any]:
    """Type a new phone number and press Ctrl+S, ``saves`` times; time until the loop is free."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    field = phone_field(file_window)
    file_window.activateWindow()
    answers, stalls = [], []
    for number in range(saves):
        QTest.mouseClick(field, Qt.MouseButton.LeftButton)
        QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        phone = f"0176 555 01{number:02d}"
        QTest.keyClicks(field, phone)
        idle(0.2)
        answers.append(press_save(field))
        beat = Heartbeat()
        beat.start()
        idle(AFTER_SAVE_S)
        stalls.append(beat.stop())
        if services.participants.get(file_window.participant_id).phone != phone:
            raise RuntimeError("Ctrl+S did not save the participant")
    return {
        "answer_s": [round(a, 4) for a in answers],
        "stall_after_s": [round(s, 4) for s in stalls],
        "median_answer_s": round(statistics.median(answers), 4),
        "max_stall_after_s": round(max(stalls), 4),
    }


def press_save(field: Any) -> float:
    """Ctrl+S in ``field``; seconds until a 0 ms timer posted right after the key press fires."""
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    answered: list[float] = []
    started = time.perf_counter()
    QTest.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    QTimer.singleShot(0, lambda: answered.append(time.perf_counter()))
    if wait(lambda: bool(answered), TIMEOUT_S) is None:
        raise RuntimeError("the window did not answer after the save")
    return answered[0] - started


if __name__ == "__main__":
    raise SystemExit(main())
