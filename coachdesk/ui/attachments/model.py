"""Her papers as a list: a small picture of the first page, title, category, date on the paper,
what it belongs to, pages, size and when it was added.

The small pictures are drawn lazily, one per turn of the event loop and only for rows a view
asks for, and kept in memory only (by the file's SHA-256), never on the disk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QImage

from coachdesk.i18n import N_, _, format_date, format_number, ngettext
from coachdesk.labels import label
from coachdesk.services.attachment_records import AttachmentRecord
from coachdesk.ui.kit.table_model import Column, RecordTableModel, date_key

MB = 1024 * 1024
THUMBNAIL_PX = 56
"""The longest side of a small picture, in pixels."""


@dataclass(frozen=True)
class PaperRow:
    """One line of the list: the paper and, in words, what it belongs to."""

    paper: AttachmentRecord
    belongs_to: str = ""

    @property
    def id(self) -> int:
        return self.paper.id


def kind_text(paper: AttachmentRecord) -> str:
    return _("PDF") if paper.is_pdf else _("Picture")


def size_text(size: int) -> str:
    if size >= MB:
        return _("{size} MB").format(size=format_number(round(size / MB, 1)))
    return _("{size} KB").format(size=format_number(max(1, round(size / 1024))))


def pages_text(count: int) -> str:
    return ngettext("{n} page", "{n} pages", count).format(n=count)


def local_day(utc: dt.datetime | None) -> dt.date | None:
    """A stored time (UTC, naive) as the day on her laptop's calendar."""
    if utc is None:
        return None
    return utc.replace(tzinfo=dt.UTC).astimezone().date()


class PaperTableModel(RecordTableModel[PaperRow]):
    PICTURE, TITLE, CATEGORY, DOCUMENT_DATE, BELONGS_TO, PAGES, SIZE, ADDED = range(8)
    COLUMNS = (
        # The first page, small; in words (tooltip, screen reader) what kind of file it is.
        Column[PaperRow](N_("Paper"), lambda r: kind_text(r.paper), lambda r: r.paper.media_type),
        Column[PaperRow](N_("Title"), lambda r: r.paper.title),
        Column[PaperRow](N_("Category"), lambda r: label(r.paper.category)),
        Column[PaperRow](
            N_("Date on the paper"),
            lambda r: format_date(r.paper.document_date),
            lambda r: date_key(r.paper.document_date),
        ),
        Column[PaperRow](N_("Belongs to"), lambda r: r.belongs_to),
        Column[PaperRow](
            N_("Pages"), lambda r: pages_text(r.paper.page_count), lambda r: r.paper.page_count
        ),
        Column[PaperRow](N_("Size"), lambda r: size_text(r.paper.size), lambda r: r.paper.size),
        Column[PaperRow](
            N_("Added on"),
            lambda r: format_date(local_day(r.paper.created_at)),
            lambda r: date_key(r.paper.created_at),
        ),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.draw: Callable[[AttachmentRecord], QImage | None] | None = None
        """Draws a paper's small picture (None: it cannot be drawn); set by the tab."""
        self._pictures: dict[str, QImage | None] = {}
        self._waiting: list[str] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._draw_next)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if index.isValid() and index.column() == self.PICTURE and index.row() < self.rowCount():
            paper = self.row_at(index.row()).paper
            if role == Qt.ItemDataRole.DecorationRole:
                return self.picture(paper)
            if role == Qt.ItemDataRole.DisplayRole:
                return None
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"{kind_text(paper)}, {pages_text(paper.page_count)}"
        return super().data(index, role)

    def picture(self, paper: AttachmentRecord) -> QImage | None:
        """The small picture if it is drawn; otherwise it is drawn soon and the row updated."""
        if paper.sha256 in self._pictures:
            return self._pictures[paper.sha256]
        if self.draw is not None and paper.sha256 not in self._waiting:
            self._waiting.append(paper.sha256)
            self._timer.start()
        return None

    def forget_pictures(self) -> None:
        """Drop every small picture (the vault is being locked)."""
        self._pictures.clear()
        self._waiting.clear()
        self._timer.stop()

    def _draw_next(self) -> None:
        if not self._waiting or self.draw is None:
            return
        sha256 = self._waiting.pop(0)
        rows = [i for i, r in enumerate(self.rows()) if r.paper.sha256 == sha256]
        if rows:
            self._pictures[sha256] = self.draw(self.row_at(rows[0]).paper)
            for row in rows:
                index = self.index(row, self.PICTURE)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
        if self._waiting:
            self._timer.start()
