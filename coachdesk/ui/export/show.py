"""The document just signed, shown in CoachDesk's own viewer so that she can print it.

No PDF program is needed (a café laptop may have none), and the viewer reads the signed
bytes from memory: it opens no file and leaves no copy.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from coachdesk.export.service import ExportResult
from coachdesk.ui.viewer.viewer import DocumentViewer


def show_and_print(owner: QWidget, result: ExportResult, title: str) -> DocumentViewer:
    """Open the viewer on ``result``'s signed PDF beside ``owner``'s window (not modal)."""
    # The export dialog closes as the viewer opens: the viewer belongs to the window below.
    parent = owner.parentWidget() or owner
    viewer = DocumentViewer(result.pdf, "pdf", title, parent)
    viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    viewer.show()
    viewer.raise_()
    viewer.activateWindow()
    return viewer
