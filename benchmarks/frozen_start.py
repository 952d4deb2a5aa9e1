"""Start an installed (or source) CoachDesk as a coach does and time it.

``python -m benchmarks.frozen_start EXECUTABLE VAULT`` starts ``EXECUTABLE --vault VAULT``
on an X display (its own Xvfb when there is none), waits for the unlock window, types the
passphrase (COACHDESK_PASSPHRASE) with xdotool, waits for the main window, quits with
Ctrl+Q and checks the exit code. Prints one JSON line: seconds to the unlock window, to the
main window, and the exit code. Used by `make package-test` for the frozen app and the
source app side by side.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _free_display() -> str:
    for number in range(77, 120):
        if not Path(f"/tmp/.X{number}-lock").exists():
            return f":{number}"
    raise RuntimeError("no free X display number")


def _xdotool(*args: str) -> str:
    done = subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=30)
    return done.stdout.strip()


def _focus(window: str) -> None:
    """Give ``window`` the keyboard (Xvfb has no window manager to do it on a click)."""
    _xdotool("windowraise", window)
    _xdotool("windowfocus", "--sync", window)


def _wait_for_window(pattern: str, timeout: float) -> str | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = _xdotool("search", "--onlyvisible", "--name", pattern)
        if found:
            return found.splitlines()[0]
        time.sleep(0.05)
    return None


def run(executable: str, vault: Path) -> dict[str, object]:
    xvfb = None
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # a real window on the X display
    if not env.get("DISPLAY"):
        display = _free_display()
        xvfb = subprocess.Popen(
            ["Xvfb", display, "-screen", "0", "1280x720x24", "-nolisten", "tcp"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        socket = Path("/tmp/.X11-unix") / f"X{display[1:]}"
        deadline = time.monotonic() + 10
        while not socket.exists() and time.monotonic() < deadline and xvfb.poll() is None:
            time.sleep(0.05)
        env["DISPLAY"] = display
        os.environ["DISPLAY"] = display
    config = tempfile.mkdtemp(prefix="coachdesk-start-")
    env["XDG_CONFIG_HOME"] = config  # a first start: no remembered window or view
    result: dict[str, object] = {"executable": executable}
    started = time.perf_counter()
    app = subprocess.Popen(
        [executable, "--lang", "en", "--vault", str(vault)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        unlock = _wait_for_window("^Locked", 90)
        if unlock is None:
            result["error"] = "no unlock window"
            return result
        result["to_unlock_window_s"] = round(time.perf_counter() - started, 2)
        main = None
        for _attempt in range(3):
            # A window just mapped may not take keys yet; when the typing was lost, the
            # unlock window is still there and she types again (select all, retype).
            _focus(unlock)
            _xdotool("key", "ctrl+a")
            _xdotool("type", "--delay", "5", os.environ["COACHDESK_PASSPHRASE"])
            typed = time.perf_counter()
            _xdotool("key", "Return")
            main = _wait_for_window(f"^{vault.name}", 30)
            if main is not None or app.poll() is not None:
                break
        if main is None:
            result["error"] = "no main window after unlocking"
            return result
        result["unlock_to_main_window_s"] = round(time.perf_counter() - typed, 2)
        time.sleep(1.0)  # she looks at it for a moment
        _focus(main)
        _xdotool("key", "ctrl+q")
        try:
            result["exit_code"] = app.wait(timeout=60)
        except subprocess.TimeoutExpired:
            result["error"] = "did not quit on Ctrl+Q"
        return result
    finally:
        if app.poll() is None:
            app.kill()
            result.setdefault("error", "did not quit on Ctrl+Q")
        shutil.rmtree(config, ignore_errors=True)
        if xvfb is not None:
            xvfb.kill()
            xvfb.wait()
            os.environ.pop("DISPLAY", None)


def main(argv: list[str]) -> int:
    result = run(argv[0], Path(argv[1]))
    print(json.dumps(result))
    return 0 if result.get("exit_code") == 0 and "error" not in result else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
