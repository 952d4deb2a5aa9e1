"""Looking at a paper inside CoachDesk, its small picture in the list, and "Save a copy as…".

The bytes go from the vault into memory and into the viewer; nothing is written to the disk
unless she saves a copy on purpose, which the service records like an exported document.
The viewer (with PDFium) is loaded when a paper is first shown, not when her file opens.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.services.attachment_records import AttachmentRecord
from coachdesk.services.errors import NotFoundError
from coachdesk.ui.attachments.model import THUMBNAIL_PX
from coachdesk.ui.file.section import guarded
from coachdesk.ui.kit.file_names import suggested_name
from coachdesk.ui.viewer.source import Kind
from coachdesk.vault.errors import StorageError

SUFFIXES = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/tiff": ".tif",
    "image/webp": ".webp",
}


def without_names(title: str, names: Iterable[str]) -> str:
    """``title`` without her names: a file name is seen by anyone who looks at the folder."""
    for name in names:
        for word in name.split():
            if len(word) > 1:
                title = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", " ", title, flags=re.IGNORECASE)
    return " ".join(title.split())


def copy_name(paper: AttachmentRecord, names: Iterable[str], today: dt.date) -> str:
    """What the paper is and its date, never whose it is (see ``kit.file_names``)."""
    what = without_names(paper.title, names) or _("Paper")
    when = paper.document_date or today
    return suggested_name(what, when, SUFFIXES.get(paper.media_type, ""))


def her_names(services: Services, participant_id: int) -> list[str]:
    record = services.participants.get(participant_id)
    return [n for n in (record.first_name, record.last_name, record.pseudonym) if n]


def ask_copy_path(parent: QWidget, services: Services, paper: AttachmentRecord) -> Path | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name = copy_name(paper, her_names(services, paper.participant_id), services.ctx.today())
    suffix = SUFFIXES.get(paper.media_type, "")
    kinds = _("PDF documents (*.pdf)") if paper.is_pdf else _("Pictures (*{suffix})")
    path, _filter = QFileDialog.getSaveFileName(
        parent, _("Save a copy as"), str(Path(folder) / name), kinds.format(suffix=suffix)
    )
    if not path:
        return None
    chosen = Path(path)
    return chosen if chosen.suffix.lower() == suffix or not suffix else Path(path + suffix)


def save_copy(parent: QWidget, services: Services, paper: AttachmentRecord) -> Path | None:
    """Ask where, save the copy (recorded in the export log), and say where it went."""
    path = ask_copy_path(parent, services, paper)
    if path is None:
        return None
    saved = guarded(parent, lambda: services.attachments.save_copy(paper.id, path))
    if saved is None:
        return None
    QMessageBox.information(
        parent,
        _("Copy saved"),
        _(
            "A copy of “{title}” was saved as:\n{path}\n\nThis copy is not encrypted. It is "
            "recorded in her file under Exports."
        ).format(title=paper.title, path=saved),
    )
    return saved


def kind_of(paper: AttachmentRecord) -> Kind:
    return "pdf" if paper.is_pdf else "image"


def show_paper(parent: QWidget, services: Services, paper: AttachmentRecord) -> QDialog | None:
    """Open the paper in the viewer, with "Save a copy as…"; None when it cannot be read."""
    from coachdesk.ui.viewer.viewer import DocumentViewer

    data = guarded(parent, lambda: services.attachments.content(paper.id))
    if data is None:
        return None
    shown: list[QWidget] = []

    def copy_out() -> None:
        save_copy(shown[0], services, paper)  # asked over the viewer, which stays open

    viewer = DocumentViewer(data, kind_of(paper), paper.title, parent, on_save_copy=copy_out)
    shown.append(viewer)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    viewer.open()
    return viewer


def draw_thumbnail(services: Services, paper: AttachmentRecord) -> QImage | None:
    """The first page, small; None when the paper cannot be read or drawn (the list stays)."""
    from coachdesk.ui.viewer.pages import UnreadableDocumentError, thumbnail

    if services.is_locked:
        return None
    try:
        data = services.attachments.content(paper.id)
        image = thumbnail(data, kind_of(paper), THUMBNAIL_PX)
    except (UnreadableDocumentError, StorageError, NotFoundError):
        return None
    # A thin edge: a white page would vanish into the white list.
    framed = image.convertToFormat(QImage.Format.Format_RGB32)
    painter = QPainter(framed)
    painter.setPen(QColor("#9a9a9a"))
    painter.drawRect(0, 0, framed.width() - 1, framed.height() - 1)
    painter.end()
    return framed
