"""The window part of ``coachdesk self-test``: the main window opens on a vault and lists it."""

from __future__ import annotations

import os
import time
from pathlib import Path

from coachdesk.facade import Services
from coachdesk.vault.store import Vault


def window_lists_participants(vault: Vault, folder: Path, timeout: float = 20.0) -> int:
    """Open the main window (offscreen when there is no display), show the participant list,
    and return how many rows it shows before closing it again."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from coachdesk.ui.shell.main_window import MainWindow
    from coachdesk.ui.shell.signals import AppSignals
    from coachdesk.ui.shell.view_pages import PARTICIPANTS

    app = QApplication.instance() or QApplication(["coachdesk"])
    settings = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(Services(vault.sessions), vault, AppSignals(), settings)
    window.show_view(PARTICIPANTS)
    window.show()
    deadline = time.monotonic() + timeout
    while window.participants.model.rowCount() == 0 and time.monotonic() < deadline:
        app.processEvents()
    rows = window.participants.model.rowCount()
    window.dispose()
    window.close()
    window.deleteLater()
    app.processEvents()
    return rows


def pages_drawn(documents: list[tuple[bytes, str]]) -> str:
    """Draw every page of each document as the viewer does; "PAGES/PAGES" per document."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from coachdesk.ui.viewer.pages import DocumentPages

    _app = QApplication.instance() or QApplication(["coachdesk"])
    drawn = []
    for data, kind in documents:
        pages = DocumentPages(data, "pdf" if kind == "pdf" else "image")
        try:
            images = [pages.render(i, 36) for i in range(pages.page_count)]
        finally:
            pages.close()
        if not images or any(image.isNull() or image.width() < 10 for image in images):
            raise AssertionError(f"a {kind} page was not drawn")
        drawn.append(f"{len(images)}")
    return "+".join(drawn)
