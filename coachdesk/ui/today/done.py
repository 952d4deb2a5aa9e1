"""Marking an overdue agreement done from Today: a button, Ctrl+D or the context menu, and
a moment to undo it (no question asked: she ticks agreements off many times a week)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton, QTreeView, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.services.context import ChangeKind
from coachdesk.ui.file.section import guarded
from coachdesk.ui.kit.icons import Icon, icon
from coachdesk.ui.kit.style import message_label
from coachdesk.ui.today.model import ITEM_ROLE, TodayItem


class DoneControls(QObject):
    """The button, the shortcut on ``tree``, the message and the undo button."""

    def __init__(self, services: Services, tree: QTreeView, owner: QWidget) -> None:
        super().__init__(owner)
        self.services, self.tree, self.owner = services, tree, owner
        self.button = QPushButton(icon(Icon.DONE), "")
        self.button.setEnabled(False)
        self.button.clicked.connect(self.mark_done)
        self.action = QAction(tree)
        self.action.setShortcut(QKeySequence("Ctrl+D"))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action.triggered.connect(self.mark_done)
        tree.addAction(self.action)
        tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.undo_button = QPushButton()
        self.undo_button.setVisible(False)
        self.undo_button.clicked.connect(self.undo)
        self.message = message_label()
        self._last_done: int | None = None

    def selected_agreement(self) -> TodayItem | None:
        item = self.tree.currentIndex().siblingAtColumn(0).data(ITEM_ROLE)
        if isinstance(item, TodayItem) and item.kind == ChangeKind.AGREEMENT:
            return item
        return None

    def current_changed(self) -> None:
        enabled = self.selected_agreement() is not None
        self.button.setEnabled(enabled)
        self.action.setEnabled(enabled)

    def mark_done(self) -> None:
        """The selected agreement is done today; it leaves the list, with a moment to undo."""
        item = self.selected_agreement()
        if item is None:
            return
        today = self.services.ctx.today()
        if self._call(lambda: self.services.meetings.set_agreement_done(item.record_id, today)):
            self._last_done = item.record_id
            self.message.setText(_("Marked as done: {what}").format(what=item.text))
            self.undo_button.setVisible(True)

    def undo(self) -> None:
        agreement_id, self._last_done = self._last_done, None
        if agreement_id is None:
            return
        self._call(lambda: self.services.meetings.set_agreement_done(agreement_id, None))
        self.forget()

    def forget(self) -> None:
        self.message.setText("")
        self.undo_button.setVisible(False)
        self._last_done = None

    def retranslate(self) -> None:
        self.button.setText(_("Mark as done"))
        self.button.setToolTip(_("The selected agreement is done today (Ctrl+D)"))
        self.action.setText(_("Mark as done"))
        self.undo_button.setText(_("Undo"))

    def _call(self, work: Callable[[], object]) -> bool:
        return guarded(self.owner, work) is not None
