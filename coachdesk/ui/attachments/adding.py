"""Adding papers from anywhere in her file: choose files, then name them in the paper dialog.

The Papers tab, the consents tab ("Attach signed paper…") and drops onto a consent,
handover or meeting row all come through here, so a paper is always added the same way.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.ui.attachments.dialog import PaperDialog
from coachdesk.ui.attachments.links import Link

_last_folder = ""
"""Where she last chose papers from, for the next time (in memory only: a folder's name can
say whose papers are in it)."""


def choose_files(parent: QWidget) -> list[Path]:
    """The system's file dialog; PDFs and pictures are offered first, any file can be chosen
    (the vault decides from the bytes what it is, and says so)."""
    global _last_folder
    paths, _filter = QFileDialog.getOpenFileNames(
        parent,
        _("Add papers"),
        _last_folder,
        ";;".join(
            (
                _("PDFs and pictures (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.webp)"),
                _("All files (*)"),
            )
        ),
    )
    if paths:
        _last_folder = str(Path(paths[0]).parent)
    return [Path(p) for p in paths]


def add_papers(
    parent: QWidget,
    services: Services,
    participant_id: int,
    paths: Sequence[Path],
    link: Link | None = None,
) -> PaperDialog | None:
    """Name and keep ``paths`` (one after the other), linked to ``link`` when given."""
    if not paths:
        return None
    dialog = PaperDialog(services, participant_id, paths=paths, link=link, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
