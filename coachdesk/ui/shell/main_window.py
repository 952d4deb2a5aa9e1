"""The main window: navigation between the views, participant files, status bar and lock."""

from __future__ import annotations

import contextlib
from typing import Any

import shiboken6
from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.ui.file.window import ParticipantFileWindow
from coachdesk.ui.kit.icons import Icon, icon
from coachdesk.ui.kit.shortcuts import quit_keys
from coachdesk.ui.participants.view import ParticipantsView
from coachdesk.ui.settings.view import SettingsView
from coachdesk.ui.shell import warm_up
from coachdesk.ui.shell.busy import busy_cursor
from coachdesk.ui.shell.navigation import Navigation
from coachdesk.ui.shell.signals import AppSignals
from coachdesk.ui.shell.view_pages import (
    PARTICIPANTS,
    SETTINGS,
    TODAY,
    VIEWS,
    View,
    load_view,
)
from coachdesk.ui.today.view import TodayView

GEOMETRY_KEY = "main_window/geometry"
LAST_VIEW_KEY = "main_window/last_view"


class MainWindow(QMainWindow):
    """Emits ``lock_requested`` (button, Ctrl+L) and ``idle_minutes_changed`` from Settings."""

    lock_requested = Signal()
    idle_minutes_changed = Signal(int)
    restore_requested = Signal(object)

    def __init__(
        self,
        services: Services,
        vault: Any,
        signals: AppSignals,
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.services = services
        self.vault = vault
        self.signals = signals
        self.settings = settings
        self.files: dict[int, ParticipantFileWindow] = {}

        self.nav = Navigation()

        # Each view is built the first time it is shown, so unlocking a big vault is quick.
        self.stack = QStackedWidget()
        self.views: dict[str, View] = {}
        self._pages: dict[str, QWidget] = {}
        for key, _title in VIEWS:
            page = QWidget()
            page_layout = QVBoxLayout(page)
            page_layout.setContentsMargins(0, 0, 0, 0)
            self._pages[key] = page
            self.stack.addWidget(page)

        central = QWidget()
        row = QHBoxLayout(central)
        row.addWidget(self.nav, 0)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.vault_label = QLabel()
        self.lock_state = QLabel()
        self.lock_button = QPushButton(icon(Icon.LOCK), "")
        self.lock_button.setObjectName("lock_button")
        self.statusBar().addWidget(self.vault_label, 1)
        self.statusBar().addPermanentWidget(self.lock_state)
        self.statusBar().addPermanentWidget(self.lock_button)
        self.lock_button.clicked.connect(self.lock_requested)

        self.lock_action = self._action(QKeySequence("Ctrl+L"), self.lock_requested.emit)
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.new_action = self._action(QKeySequence.StandardKey.New, self.new_participant)
        self.find_action = self._action(QKeySequence.StandardKey.Find, self.focus_search)
        self.quit_action = self._action(quit_keys(), self.close)

        self.nav.selectionModel().currentChanged.connect(
            lambda current, _previous: self._show_row(current.row())
        )
        signals.language_changed.connect(self.retranslate)
        self.retranslate()
        self._restore_state()

    # -- building ---------------------------------------------------------------------------------

    def view(self, key: str) -> View:
        """The view for ``key``, built on first use."""
        built = self.views.get(key)
        if built is None:
            widget = self._build_view(key)
            assert isinstance(widget, View), key  # it answers what the main window asks
            layout = self._pages[key].layout()
            assert layout is not None
            layout.addWidget(widget)
            self.views[key] = built = widget
        return built

    @property
    def today(self) -> TodayView:
        view = self.view(TODAY)
        assert isinstance(view, TodayView)
        return view

    @property
    def participants(self) -> ParticipantsView:
        view = self.view(PARTICIPANTS)
        assert isinstance(view, ParticipantsView)
        return view

    @property
    def settings_view(self) -> SettingsView:
        view = self.view(SETTINGS)
        assert isinstance(view, SettingsView)
        return view

    def _build_view(self, key: str) -> QWidget:
        if key == TODAY:
            today = TodayView(self.services, self.signals)
            today.record_requested.connect(self.open_record)
            today.erasure_requested.connect(self.show_erasure)
            today.view_requested.connect(self.show_view)
            today.new_participant_requested.connect(self.new_participant)
            return today
        if key == PARTICIPANTS:
            participants = ParticipantsView(self.services, self.signals)
            participants.open_requested.connect(self.open_participant)
            return participants
        if key == SETTINGS:
            settings_view = SettingsView(self.services, self.vault, self.settings)
            settings_view.idle_minutes_changed.connect(self.idle_minutes_changed)
            settings_view.backups.restore_requested.connect(self.restore_requested)
            settings_view.retention.erasure_requested.connect(self.show_erasure)
            return settings_view
        return load_view(key, self.services, self.signals, self.open_participant)

    def _action(self, shortcut: Any, slot: Any) -> QAction:
        action = QAction(self)
        action.setShortcut(shortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _restore_state(self) -> None:
        geometry = self.settings.value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(QSize(1100, 720))
        last = str(self.settings.value(LAST_VIEW_KEY, TODAY))
        self.show_view(last if last in dict(VIEWS) else TODAY)

    # -- navigation -------------------------------------------------------------------------------

    def current_view(self) -> str:
        return self.nav.current_key() or TODAY

    def show_view(self, key: str) -> None:
        self.nav.select(key)
        self._show_row([k for k, _title in VIEWS].index(key))

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = VIEWS[row][0]
        if key not in self.views:
            with busy_cursor():
                self.view(key)
        self.stack.setCurrentWidget(self._pages[key])
        self.settings.setValue(LAST_VIEW_KEY, key)

    def focus_search(self) -> None:
        self.show_view(PARTICIPANTS)
        self.participants.focus_search()

    def new_participant(self) -> None:
        self.show_view(PARTICIPANTS)
        self.participants.new_participant()

    # -- participant files ------------------------------------------------------------------------

    def open_participant(self, participant_id: int) -> None:
        window = self.files.get(participant_id)
        if window is None:
            # Imported on first use: the file's export tab pulls in ReportLab and pyHanko
            # (loaded in the background after unlock: never import beside it).
            warm_up.wait()
            from coachdesk.ui.file.participant_file import ParticipantFile

            name = self.services.participants.get(participant_id).display_name
            file_widget = ParticipantFile(self.services, self.signals, participant_id)
            window = ParticipantFileWindow(file_widget, participant_id, name, self)
            window.closed.connect(self._file_closed)
            self.files[participant_id] = window
            window.resize(self.size() * 0.9)
        window.show()
        window.raise_()
        window.activateWindow()

    def open_record(self, item: Any) -> None:
        """Open the participant file of a Today entry at the section holding the record."""
        self.open_participant(item.participant_id)
        window = self.files.get(item.participant_id)
        if window is not None:
            window.show_section(item.kind)

    def show_erasure(self) -> None:
        warm_up.wait()
        from coachdesk.ui.settings.erasure_dialog import ErasureDialog

        dialog = ErasureDialog(
            self.services, self.vault.path, self.settings, self.close_file_for_erasure, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def close_file_for_erasure(self, participant_id: int) -> None:
        window = self.files.get(participant_id)
        if window is not None:
            window.close_for_lock()  # a draft it leaves is erased with her
            # Gone now, not later: its tabs would reload her records after the erasure.
            shiboken6.delete(window)

    def _file_closed(self, participant_id: int) -> None:
        self.files.pop(participant_id, None)

    # -- language, lock, close --------------------------------------------------------------------

    def retranslate(self) -> None:
        self.nav.retranslate()
        self.setWindowTitle(self.vault.name)  # Qt adds " — CoachDesk"
        self.vault_label.setText(_("Vault: {name}").format(name=self.vault.name))
        self.vault_label.setToolTip(str(self.vault.path))
        self.lock_state.setText(_("Unlocked"))
        self.lock_button.setText(_("Lock"))
        self.lock_button.setToolTip(_("Lock the vault now (Ctrl+L)"))
        for view in self.views.values():
            view.retranslate()
        for window in self.files.values():
            window.retranslate()

    def dispose(self) -> None:
        """Before locking: keep drafts of open files, close them, forget every row on screen."""
        with contextlib.suppress(RuntimeError, TypeError):
            self.signals.language_changed.disconnect(self.retranslate)
        for window in list(self.files.values()):
            window.close_for_lock()
        self.files.clear()
        for view in self.views.values():
            view.clear()
        self.save_geometry()

    def save_geometry(self) -> None:
        self.settings.setValue(GEOMETRY_KEY, self.saveGeometry())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_geometry()
        for window in list(self.files.values()):
            window.close()
            if window.isVisible():
                event.ignore()
                return
        super().closeEvent(event)
