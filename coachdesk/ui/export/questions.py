"""What the export dialog asks or tells her in a box of its own."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from coachdesk.documents.fonts import FontsMissingError
from coachdesk.i18n import _
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.vault.errors import StorageError


def sign_anyway(parent: QWidget, caution: str) -> bool:
    """She was cautioned (an exit handover too early): sign all the same?"""
    answer = QMessageBox.question(
        parent,
        _("Sign anyway?"),
        caution + "\n\n" + _("Sign and save the document anyway?"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def tell_not_saved(parent: QWidget, error: Exception) -> None:
    """Signing or saving failed: say why; an error nobody foresaw is raised again."""
    if isinstance(error, ValidationError):
        QMessageBox.warning(parent, _("Please check"), error.render())
    elif isinstance(error, NotFoundError | StorageError | FontsMissingError):
        QMessageBox.warning(parent, _("Not saved"), str(error))
    else:
        raise error
