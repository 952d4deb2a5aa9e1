"""Starting the window application: the QApplication, the language, the first screen."""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

import platformdirs
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from coachdesk import i18n
from coachdesk.ui.shell import crash
from coachdesk.ui.shell.app import APP_NAME, AppController
from coachdesk.ui.shell.preferences import LANGUAGE_KEY
from coachdesk.ui.shell.qt_translations import QtTranslations


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def startup_language(settings: QSettings) -> str:
    chosen = str(settings.value(LANGUAGE_KEY, "") or "")
    return chosen if chosen in i18n.SUPPORTED_LANGUAGES else i18n.system_language()


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--vault", type=Path, default=None)
    parser.add_argument("--lang", choices=i18n.SUPPORTED_LANGUAGES, default=None)
    known, _rest = parser.parse_known_args(argv)
    return known


def run_gui(argv: list[str] | None = None) -> int:
    """Start the window application; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    options = _parse(args)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else APP_NAME, *args])
    assert isinstance(app, QApplication)
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    settings = QSettings()
    i18n.set_language(options.lang or startup_language(settings))
    QtTranslations(app)
    crash.install()
    controller = AppController(settings, default_data_dir())
    app.aboutToQuit.connect(controller.shutdown)
    _quit_on_terminate(app)
    controller.start(options.vault)
    return int(app.exec())


def _quit_on_terminate(app: QApplication) -> None:
    """Logging out or Ctrl+C quits normally: drafts are kept and the vault is closed."""

    def handler(_signum: int, _frame: object) -> None:
        app.quit()

    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, handler)
    # Python runs signal handlers only between bytecodes; a timer lets it in now and then.
    ticker = QTimer(app)
    ticker.timeout.connect(lambda: None)
    ticker.start(500)
