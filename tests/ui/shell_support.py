"""Helpers for the GUI shell tests: a controller on a temporary settings file, screen texts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from coachdesk.ui.shell.app import AppController
from coachdesk.ui.shell.main_window import MainWindow
from tests.conftest import PASSPHRASE, TODAY

UNLOCK_TIMEOUT_MS = 30_000
"""Argon2id off the UI thread: slow on a busy test machine, never a timing assertion."""


def _model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    texts: list[str] = []
    pending = [QModelIndex()]
    while pending:
        parent = pending.pop()
        for row in range(model.rowCount(parent)):
            for column in range(model.columnCount(parent)):
                index = model.index(row, column, parent)
                value = index.data()
                if value is not None:
                    texts.append(str(value))
                if column == 0:
                    pending.append(index)
    return texts


def visible_texts() -> list[str]:
    """Every text a person could read in any visible window of the application."""
    texts: list[str] = []
    for widget in QApplication.allWidgets():
        if not widget.isVisible():
            continue
        if widget.isWindow():
            texts.append(widget.windowTitle())
        texts.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            texts.extend(widget.itemText(i) for i in range(widget.count()))
        if isinstance(widget, QAbstractItemView):
            texts.extend(_model_texts(widget))
    return texts


def close_all_windows() -> None:
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.processEvents()


def window_of(widget: QWidget) -> QWidget:
    return widget.window()


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type like a keyboard does; QTest only knows ASCII keys, so others go as key events."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
                )


def when_modal_appears(action) -> QTimer:  # type: ignore[no-untyped-def]
    """Run ``action(dialog)`` once a modal dialog is open (dialogs block in their own loop)."""
    timer = QTimer()
    timer.setInterval(20)

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None and dialog.isVisible():
            timer.stop()
            action(dialog)

    timer.timeout.connect(check)
    timer.start()
    return timer


@contextmanager
def running_controller(tmp_path: Path) -> Iterator[AppController]:
    """The application's controller on a settings file of its own; shut down afterwards."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    controller = AppController(settings, tmp_path / "data", today=lambda: TODAY)
    try:
        yield controller
    finally:
        controller.shutdown()
        close_all_windows()


def unlock(controller: AppController, vault_path: Path, qtbot) -> MainWindow:  # type: ignore[no-untyped-def]
    """Start on ``vault_path`` and type the passphrase as she would."""
    controller.start(vault_path)
    screen = controller.unlock_window
    assert screen is not None and screen.isVisible()
    return type_passphrase(controller, qtbot)


def type_passphrase(controller: AppController, qtbot, passphrase: str = PASSPHRASE) -> MainWindow:  # type: ignore[no-untyped-def]
    """On the unlock screen: type the passphrase, press Enter, wait for the main window (the
    key is derived off the UI thread)."""
    screen = controller.unlock_window
    assert screen is not None and screen.isVisible()
    type_text(qtbot, screen.passphrase, passphrase)
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=UNLOCK_TIMEOUT_MS)
    assert controller.main_window is not None
    return controller.main_window
