"""The frame of every editing dialog: a scrolling form, Save (Ctrl+S) and Cancel (Esc)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coachdesk.i18n import _
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.ui.forms import ErrorLabel, add_save_shortcut, show_validation_errors
from coachdesk.vault.errors import StorageError


class FormDialog(QDialog):
    """Subclasses build ``self.body`` and implement ``save()``, returning True when stored."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeGripEnabled(True)
        self.body = QWidget()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        self.general_error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.try_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        add_save_shortcut(self, self.try_save)
        self.retranslate_buttons()

    def resize_within_screen(self, width: int, height: int) -> None:
        """Open at a comfortable size, but never larger than the screen (150 % on a small
        laptop leaves little room); the form scrolls inside."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, int(available.width() * 0.95))
            height = min(height, int(available.height() * 0.9))
        self.resize(width, height)

    def retranslate_buttons(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip(_("Save (Ctrl+S)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def field_widgets(self) -> dict[str, QWidget]:
        """Attribute name -> widget, so a service's message lands next to its field."""
        return {}

    def try_save(self) -> None:
        try:
            stored = self.save()  # type: ignore[attr-defined]
        except ValidationError as err:
            show_validation_errors(self.field_widgets(), err, self.general_error)
            return
        except (NotFoundError, StorageError) as err:
            QMessageBox.warning(self, _("Could not save"), str(err))
            return
        if stored:
            self.accept()
