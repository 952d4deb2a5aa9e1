"""Save a PNG of each main view of CoachDesk on a fresh demo vault.

Run as ``python -m scripts.screenshots docs/screenshots`` (``make screenshots``). Without a
display it starts its own Xvfb. The demo vault lives in a temporary folder and is deleted
afterwards; it holds invented people only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

XVFB_DISPLAY = ":99"
WINDOW_SIZE = (1280, 800)


def _start_xvfb() -> subprocess.Popen[bytes] | None:
    if os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM") == "offscreen":
        return None
    if shutil.which("Xvfb") is None:
        raise SystemExit("Xvfb is not installed and there is no DISPLAY (apt install xvfb).")
    process = subprocess.Popen(
        ["Xvfb", XVFB_DISPLAY, "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = Path("/tmp/.X11-unix") / f"X{XVFB_DISPLAY[1:]}"
    deadline = time.monotonic() + 10
    while not socket.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise SystemExit("Xvfb did not start.")
        time.sleep(0.1)
    os.environ["DISPLAY"] = XVFB_DISPLAY
    if not _xcb_works():
        # Missing X client libraries (e.g. libxcb-icccm4, libxcb-keysyms1): render offscreen,
        # which draws the same widgets with the same fonts.
        print("Qt cannot use the X display here; rendering offscreen instead.", file=sys.stderr)
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return process


def _xcb_works() -> bool:
    probe = "from PySide6.QtWidgets import QApplication; QApplication([])"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, "QT_QPA_PLATFORM": "xcb"},
        capture_output=True,
        timeout=60,
    )
    return result.returncode == 0


def _settle(app: object) -> None:
    from PySide6.QtTest import QTest

    for _ in range(3):
        QTest.qWait(150)


def _save(widget: object, path: Path) -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(widget, QWidget)
    _settle(QApplication.instance())
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)


def take_screenshots(out: Path, lang: str) -> list[Path]:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from coachdesk import i18n
    from coachdesk.demo.generate import generate_demo
    from coachdesk.facade import Services
    from coachdesk.services.context import ChangeKind
    from coachdesk.ui.shell.main_window import VIEWS, MainWindow
    from coachdesk.ui.shell.signals import AppSignals
    from coachdesk.ui.unlock.demo_vault import DEMO_PASSPHRASE
    from coachdesk.ui.unlock.screen import UnlockWindow
    from coachdesk.ui.unlock.welcome import WelcomeWindow
    from coachdesk.vault.store import Vault

    app = QApplication.instance() or QApplication([sys.argv[0]])
    i18n.set_language(lang)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if lang == "en" else f"-{lang}"
    saved: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="coachdesk-shots-") as tmp:
        folder = Path(tmp) / "demo-vault"
        vault, _code = Vault.create(folder, DEMO_PASSPHRASE)
        try:
            generate_demo(vault, participants=40, seed=1)
            settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
            signals = AppSignals()
            services = Services(vault.sessions)
            services.subscribe(signals.publish)

            welcome = WelcomeWindow(Path(tmp) / "data")
            welcome.resize(*WINDOW_SIZE)
            welcome.show()
            saved.append(out / f"welcome{suffix}.png")
            _save(welcome, saved[-1])
            welcome.close()
            unlock = UnlockWindow(folder)
            unlock.resize(*WINDOW_SIZE)
            unlock.show()
            saved.append(out / f"unlock{suffix}.png")
            _save(unlock, saved[-1])
            unlock.close()

            window = MainWindow(services, vault, signals, settings)
            window.resize(*WINDOW_SIZE)
            window.show()
            for key, _title in VIEWS:
                window.show_view(key)
                saved.append(out / f"{key}{suffix}.png")
                _save(window, saved[-1])
            rows = services.participants.list(limit=1)
            if rows:
                window.open_participant(rows[0].id)
                file_window = window.files.get(rows[0].id)
                if file_window is not None:
                    file_window.resize(*WINDOW_SIZE)
                    saved.append(out / f"participant-file{suffix}.png")
                    _save(file_window, saved[-1])
                    file_window.show_section(ChangeKind.ATTACHMENT)
                    saved.append(out / f"participant-papers{suffix}.png")
                    _save(file_window, saved[-1])
            window.dispose()
            window.close()
        finally:
            vault.lock()
    del app
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", default=Path("docs/screenshots"))
    parser.add_argument("--lang", choices=("en", "de"), default="en")
    args = parser.parse_args(argv)
    xvfb = _start_xvfb()
    try:
        take_screenshots(args.out, args.lang)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
