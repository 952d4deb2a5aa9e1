"""Child process for the launch benchmark: start, unlock, show the main window listing participants.

Prints one JSON line with the wall-clock time (time.time()) at which the participant
list had its rows, so the parent can measure from before it spawned this process.
Run as ``python -m benchmarks.gui_launch VAULT`` with COACHDESK_PASSPHRASE set.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from coachdesk.facade import Services
    from coachdesk.ui.shell.main_window import LAST_VIEW_KEY, PARTICIPANTS, MainWindow
    from coachdesk.ui.shell.signals import AppSignals
    from coachdesk.vault.keyslots import KeySlots
    from coachdesk.vault.store import SLOTS_NAME, Vault

    path = Path(sys.argv[1])
    passphrase = os.environ["COACHDESK_PASSPHRASE"]
    app = QApplication([sys.argv[0]])
    started = time.perf_counter()
    slots = KeySlots.load(path / SLOTS_NAME)
    key = slots.unlock_with_passphrase(passphrase)
    kdf_s = time.perf_counter() - started
    # What Vault.open does after the key derivation (timed above, so it runs only once).
    vault = Vault._open_with_key(path, slots, bytearray(key), migrate=True)
    services = Services(vault.sessions)
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "bench.ini"), QSettings.Format.IniFormat)
        # A coach who last worked in the participant list: the window opens on it.
        settings.setValue(LAST_VIEW_KEY, PARTICIPANTS)
        window = MainWindow(services, vault, AppSignals(), settings)
        window.show_view(PARTICIPANTS)
        window.show()
        view = window.participants
        while view.model.rowCount() == 0:
            app.processEvents()
        ready = time.time()
        rows = view.model.rowCount()
        # Work a coach does next, so the memory figure is not of an idle window.
        view.search.setText("ay")
        view.refresh()
        app.processEvents()
        window.dispose()
    vault.lock()
    print(json.dumps({"ready": ready, "rows": rows, "kdf_s": kdf_s}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
