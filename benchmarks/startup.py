"""Where start-up time goes: to the unlock window, and from pressing Unlock to the list.

``python -m benchmarks.startup VAULT [--runs N] [--typing S] [--lang de] [--view participants]``
copies the vault to a temporary folder, then starts CoachDesk N times in a fresh process
each (``--child``), as ``coachdesk --vault VAULT`` does (the same steps as ``run_gui``),
offscreen. Each child waits S seconds after the unlock window is painted (a coach typing
her passphrase), presses Unlock and waits until the first view has its rows. The parent
prints the median of each phase and one JSON line (``--json``) for benchmarks/run.py.

Phases up to the unlock window: the interpreter, imports (the ``coachdesk`` command and the
GUI launcher), the QApplication, translations (gettext and Qt's catalogs), the unlock
screen (built, shown, first paint). From Unlock to the list: key derivation (Argon2id),
opening the database (file checks, lock, SQLCipher key check, engine), the schema check
(revision, migration if due, state counter), the main window (without its first view), the
first view (constructed, with the data it loads at once), from the built window to its first
rows (shown, painted, data loaded after construction), and what lies between key
derivation, opening and the main window (imports done at unlock, event-loop hops, checks).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.event_loop import entries_shown

PASSPHRASE = "Benchmark im Müttercafé 2026!"
TO_WINDOW = ("interpreter", "imports", "qapplication", "translations", "unlock_screen")
UNLOCK_TIMEOUT_S = 120


class Spans:
    """Seconds spent inside wrapped functions, by phase (any thread)."""

    def __init__(self) -> None:
        self.total: dict[str, float] = {}
        self.first_start: dict[str, float] = {}
        """Wall-clock time (time.time()) a phase was first entered."""
        self.last_end: dict[str, float] = {}

    def wrap(self, owner: Any, name: str, phase: str) -> None:
        original: Callable[..., Any] = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            self.first_start.setdefault(phase, time.time())
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent = time.perf_counter() - started
                self.total[phase] = self.total.get(phase, 0.0) + spent
                self.last_end[phase] = time.time()

        setattr(owner, name, timed)


def child(vault: Path, typing_s: float, lang: str, view: str) -> dict[str, Any]:
    marks = {"main": time.time()}
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import coachdesk.cli.main  # noqa: F401  (the `coachdesk` command imports it first)
    from coachdesk.ui.shell import launch

    marks["imports"] = time.time()
    from PySide6.QtCore import QEvent, QObject, QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0], "--vault", str(vault)])
    app.setOrganizationName("CoachDesk")
    app.setApplicationName("CoachDesk")
    marks["qapplication"] = time.time()
    from coachdesk import i18n

    i18n.set_language(lang)
    launch.QtTranslations(app)
    marks["translations"] = time.time()

    config = Path(tempfile.mkdtemp(prefix="coachdesk-startup-"))
    settings = QSettings(str(config / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("main_window/last_view", view)  # she last worked in this view
    painted: list[float] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.time())
            return False

    paint_filter = FirstPaint()
    app.installEventFilter(paint_filter)
    controller = launch.AppController(settings, config / "data")
    # The daily automatic backup (a background job at the first unlock of a day, and one on
    # closing) is left out: it would make only the first run slower, and every run longer.
    controller._after_unlock = lambda _window: None  # type: ignore[method-assign]
    controller.start(vault)
    while not painted:
        app.processEvents()
    marks["unlock_screen"] = painted[0]
    cpu = {"to_window": time.process_time()}  # CPU seconds: a figure a busy machine moves less
    app.removeEventFilter(paint_filter)
    screen = controller.unlock_window
    assert screen is not None

    wait_until = time.perf_counter() + typing_s
    while time.perf_counter() < wait_until:  # she types; the window stays responsive
        app.processEvents()
        time.sleep(0.005)
    marks["typed"] = time.time()
    spans = _instrument()
    # Wrapping the phases imports their modules here; what was still loading in the
    # background when she pressed Unlock is counted as a wait before it (pessimistic).
    marks["instrumented"] = time.time()
    screen.passphrase.setText(PASSPHRASE)
    marks["pressed"] = time.time()
    cpu["ui_pressed"] = time.thread_time()
    screen.unlock_button.click()
    deadline = time.perf_counter() + UNLOCK_TIMEOUT_S
    while not _rows_shown(controller, view):
        if time.perf_counter() > deadline:
            raise RuntimeError("the list never filled: " + screen.error.text())
        app.processEvents()
    marks["ready"] = time.time()
    cpu["ui_to_list"] = time.thread_time() - cpu.pop("ui_pressed")
    controller.auto_backups.run_now = lambda _admin: True  # type: ignore[method-assign]
    controller.shutdown()
    shutil.rmtree(config, ignore_errors=True)
    marks["window_started"] = spans.first_start["main_window"]
    marks["window_built"] = spans.last_end["main_window"]
    return {"marks": marks, "spans": spans.total, "cpu": cpu}


def _instrument() -> Spans:
    try:
        from coachdesk.ui.shell import warm_up
    except ImportError:  # before start-up loaded modules in the background
        pass
    else:  # what unlocking waits for (the document toolkit may still load: as in real use)
        warm_up.wait_for_window()
    from coachdesk.ui.shell.main_window import MainWindow
    from coachdesk.vault.keyslots import KeySlots
    from coachdesk.vault.store import Vault

    spans = Spans()
    spans.wrap(KeySlots, "unlock_with_passphrase", "kdf")
    spans.wrap(Vault, "_open_with_key", "open_database")
    spans.wrap(Vault, "_check_revision", "schema_check")
    spans.wrap(Vault, "_migrate", "schema_check")
    spans.wrap(MainWindow, "__init__", "main_window")
    spans.wrap(MainWindow, "_build_view", "first_view")
    return spans


def _rows_shown(controller: Any, view: str) -> bool:
    window = controller.main_window
    if window is None or view not in window.views or not window.isVisible():
        return False
    shown = window.views[view]
    table = getattr(shown, "model", None)  # the participant list, Today's sections
    if table is None:
        table = getattr(shown, "table", None)
        table = table.model() if table is not None else None
    return table is not None and entries_shown(table) > 0


def phases(spawned: float, result: dict[str, Any]) -> dict[str, float]:
    """Seconds per phase of one run (see the module docstring)."""
    m, spans = result["marks"], result["spans"]
    out = {"interpreter": m["main"] - spawned}
    previous = m["main"]
    for name in TO_WINDOW[1:]:
        out[name] = m[name] - previous
        previous = m[name]
    out["to_window"] = m["unlock_screen"] - spawned
    kdf = spans.get("kdf", 0.0)
    opened = spans.get("open_database", 0.0)
    schema = spans.get("schema_check", 0.0)
    first_view = spans.get("first_view", 0.0)
    to_list = m["ready"] - m["pressed"] + (m["instrumented"] - m["typed"])
    out["kdf"] = kdf
    out["open_database"] = opened - schema
    out["schema_check"] = schema
    out["still_loading"] = m["instrumented"] - m["typed"]
    out["before_window"] = m["window_started"] - m["pressed"] - kdf - opened
    out["main_window"] = spans.get("main_window", 0.0) - first_view
    out["first_view"] = first_view
    out["first_rows"] = m["ready"] - m["window_built"]
    out["to_list"] = to_list
    out["cpu_to_window"] = result["cpu"]["to_window"]
    out["cpu_ui_to_list"] = result["cpu"]["ui_to_list"]
    out["to_list_without_kdf"] = to_list - kdf
    return out


def run(vault: Path, runs: int, typing_s: float, lang: str, view: str) -> dict[str, Any]:
    samples: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory(prefix="coachdesk-startup-vault-") as tmp:
        # A record of seen vault states of its own: other copies of the same vault opened on
        # this machine must not make this copy look like an older state (a question box).
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "COACHDESK_STATE_DIR": tmp}
        work = Path(tmp) / vault.name
        shutil.copytree(vault, work)
        for _ in range(runs):
            command = [sys.executable, "-m", "benchmarks.startup", "--child", str(work)]
            command += ["--typing", str(typing_s), "--lang", lang, "--view", view]
            spawned = time.time()
            proc = subprocess.run(
                command, capture_output=True, text=True, env=env, timeout=600, check=False
            )
            if proc.returncode != 0:
                raise RuntimeError(proc.stderr[-2000:])
            samples.append(phases(spawned, json.loads(proc.stdout.strip().splitlines()[-1])))
    names = samples[0].keys()
    return {name: round(statistics.median(s[name] for s in samples), 4) for name in names}


def table(medians: dict[str, float]) -> str:
    def row(name: str, label: str) -> str:
        return f"| {label} | {medians[name] * 1000:.0f} ms |"

    lines = ["| phase | median |", "|---|---|"]
    labels = {
        "interpreter": "Python starts",
        "imports": "Imports (coachdesk command, GUI launcher)",
        "qapplication": "QApplication",
        "translations": "Translations (gettext, Qt catalogs)",
        "unlock_screen": "Unlock screen built, shown, painted",
        "to_window": "**Unlock window visible**",
        "still_loading": "Still loading in the background when Unlock was pressed",
        "kdf": "Key derivation (Argon2id)",
        "open_database": "Opening the database",
        "schema_check": "Schema check",
        "before_window": "Between them (imports at unlock, event-loop hops, checks)",
        "main_window": "Main window (without its first view)",
        "first_view": "First view constructed (with the data it loads at once)",
        "first_rows": "Shown until its first rows are there (paint, later loading)",
        "to_list": "**Unlock pressed to list filled**",
        "to_list_without_kdf": "**... without key derivation**",
        "cpu_to_window": "CPU time of the process up to the unlock window",
        "cpu_ui_to_list": "CPU time of the UI thread from Unlock to the list",
    }
    lines += [row(name, label) for name, label in labels.items()]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("vault", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--typing", type=float, default=2.0, help="seconds she types")
    parser.add_argument("--lang", default="de")
    parser.add_argument("--view", default="participants")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.vault, args.typing, args.lang, args.view)))
        return 0
    medians = run(args.vault, args.runs, args.typing, args.lang, args.view)
    print(json.dumps(medians) if args.json else table(medians))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
