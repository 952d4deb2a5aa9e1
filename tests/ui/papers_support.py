"""Helpers for the papers tests: a participant with a file window, files on the desktop,
dropping them as a file manager does, and waiting for the dialog that opens."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import shiboken6
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.facade import Services
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.attachments.dialog import PaperDialog
from coachdesk.ui.file.participant_file import ParticipantFile
from coachdesk.ui.file.sections import FileSection
from coachdesk.ui.shell.signals import AppSignals


def amina_file(
    services: Services, qtbot: QtBot, section: FileSection | None = None
) -> ParticipantFile:
    """Amina Haddad's new file, shown and active (at ``section`` if given), refreshed by the
    changes the services publish."""
    signals = AppSignals()
    services.subscribe(signals.publish)
    pid = services.participants.create(ParticipantDraft("Amina", "Haddad")).id
    widget = ParticipantFile(services, signals, pid)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    activate(qtbot, widget)
    if section is not None:
        widget.show_section(section)
    return widget


def drop_files(widget: QWidget, paths: Sequence[Path], at: QPoint | None = None) -> bool:
    """Drag ``paths`` over ``widget`` and let go at ``at`` (its middle by default), as a file
    manager does; True when the widget accepted them."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = QPointF(at if at is not None else widget.rect().center())
    action = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos.toPoint(), action, mime, buttons, keys)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    move = QDragMoveEvent(pos.toPoint(), action, mime, buttons, keys)
    QApplication.sendEvent(widget, move)
    drop = QDropEvent(pos, action, mime, buttons, keys)
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def paper_dialog(qtbot: QtBot) -> PaperDialog:
    """The paper dialog once it is open and active (typing goes to it)."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PaperDialog), timeout=5000)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, PaperDialog)
    activate(qtbot, dialog)
    return dialog


def activate(qtbot: QtBot, window: QWidget) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def modal_closed(qtbot: QtBot, dialog: QDialog) -> None:
    """Wait until ``dialog`` is closed (it may be deleted on closing)."""
    qtbot.waitUntil(lambda: not shiboken6.isValid(dialog) or not dialog.isVisible(), timeout=5000)
