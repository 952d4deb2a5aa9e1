"""Ctrl+Q, the one key that ends CoachDesk from every screen.

A module of its own, so the unlock screen can use it without the form kit (which pulls in
the domain's labels and SQLAlchemy before the window is on screen).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def add_quit_shortcut(window: QWidget) -> QShortcut:
    """Ctrl+Q (Cmd+Q on a Mac) closes ``window``, a screen of its own (welcome, unlock), which
    ends CoachDesk as in the main window."""
    shortcut = QShortcut(quit_keys(), window)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(window.close)
    return shortcut


def quit_keys() -> QKeySequence:
    """Ctrl+Q everywhere (Cmd+Q on a Mac). Qt's standard Quit key is empty on Windows and on
    some desktops, so it is spelled out."""
    return QKeySequence("Ctrl+Q")
