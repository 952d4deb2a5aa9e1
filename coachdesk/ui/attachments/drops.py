"""Files dropped from the desktop onto her file, its Papers tab, or a consent, handover or
meeting row: any widget can take them through one event filter."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint
from PySide6.QtGui import QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QMessageBox, QTableView, QWidget

from coachdesk.i18n import _
from coachdesk.ui.kit.table_model import RECORD_ROLE

Dropped = Callable[[list[Path], QPoint], None]
"""Called with the dropped files and where they were dropped (in the widget's coordinates)."""


def dropped_paths(mime: QMimeData | None) -> tuple[list[Path], int]:
    """The local files in ``mime``, and how many other things (web addresses) were in it."""
    if mime is None or not mime.hasUrls():
        return [], 0
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return paths, len(mime.urls()) - len(paths)


class FileDropFilter(QObject):
    """Accepts files dragged over ``widget`` and hands them to ``dropped``."""

    def __init__(self, widget: QWidget, dropped: Dropped) -> None:
        super().__init__(widget)
        self.widget = widget
        self.dropped = dropped
        widget.setAcceptDrops(True)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.widget or event.type() not in (
            QEvent.Type.DragEnter,
            QEvent.Type.DragMove,
            QEvent.Type.Drop,
        ):
            return super().eventFilter(watched, event)
        assert isinstance(event, QDragMoveEvent | QDropEvent)
        if not event.mimeData().hasUrls():
            return False  # text dragged within the app: the widget's own business
        event.acceptProposedAction()
        if event.type() == QEvent.Type.DragMove:
            self.hovering(event.position().toPoint())
        if event.type() == QEvent.Type.Drop:
            paths, others = dropped_paths(event.mimeData())
            if others:
                QMessageBox.information(
                    self.widget,
                    _("Add papers"),
                    _(
                        "Only files from this computer can be added. Save the file from the "
                        "web page or e-mail first, then drop the saved file here."
                    ),
                )
            if paths:
                self.dropped(paths, event.position().toPoint())
        return True

    def hovering(self, pos: QPoint) -> None:
        """Feedback while she drags (subclasses show the row the files would belong to)."""


class RowDropFilter(FileDropFilter):
    """Drops onto a table's rows: the row under the files is selected while she drags, so she
    sees which record they will belong to; ``dropped`` gets the record (None between rows)."""

    def __init__(self, view: QTableView, dropped: Callable[[list[Path], Any], None]) -> None:
        self.view = view
        super().__init__(view.viewport(), lambda paths, pos: dropped(paths, self.record_at(pos)))

    def record_at(self, pos: QPoint) -> Any:
        index = self.view.indexAt(pos)
        return index.data(RECORD_ROLE) if index.isValid() else None

    def hovering(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid():
            self.view.selectRow(index.row())
