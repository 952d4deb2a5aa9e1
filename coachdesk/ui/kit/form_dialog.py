"""The frame of every editing dialog: a scrolling form, Save (Ctrl+S) and Cancel (Esc).

Cancelling a form with changes asks first: typing is never thrown away silently.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from coachdesk.i18n import _
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.ui.kit.form_rows import FormRows
from coachdesk.ui.kit.forms import (
    ErrorLabel,
    add_save_shortcut,
    set_tab_order,
    show_validation_errors,
)
from coachdesk.vault.errors import StorageError


def confirm_discard(parent: QWidget) -> bool:
    """Ask before what she typed is thrown away; True when she chose to discard it."""
    answer = QMessageBox.question(
        parent,
        _("Discard changes?"),
        _("This form has changes that are not saved. Discard them?"),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


class GuardedDialog(QDialog):
    """A dialog whose Cancel, Esc and window close button ask before typing is thrown away."""

    def is_changed(self) -> bool:
        return False

    def cancel(self) -> None:
        if self.is_changed() and not confirm_discard(self):
            return
        self.reject()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Only the user's click on the window's close button asks; closing from code does not.
        if event.spontaneous() and self.is_changed():
            event.ignore()
            self.cancel()
            return
        super().closeEvent(event)


class FormDialog(GuardedDialog):
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
        self.buttons.rejected.connect(self.cancel)
        self._baseline: tuple[Any, ...] | None = None
        self._rows: FormRows | None = None
        self._shown = False
        self.tab_order: list[QWidget] = []
        """Where Tab goes, when a dialog's rows hold groups of inputs (tables with buttons);
        empty: from row to row."""
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        add_save_shortcut(self, self.try_save)
        self.retranslate_buttons()

    # -- cancelling ------------------------------------------------------------------------

    def _fingerprint(self) -> tuple[Any, ...]:
        values: list[Any] = []
        for w in self.body.findChildren(QWidget):
            if w.window() is not self:
                continue  # calendar pop-ups and other menus hold no form data
            if isinstance(w, QLineEdit):
                values.append(w.text())
            elif isinstance(w, QPlainTextEdit):
                values.append(w.toPlainText())
            elif isinstance(w, QComboBox):
                values.append(w.currentIndex())
            elif isinstance(w, QAbstractButton) and w.isCheckable():
                values.append(w.isChecked())
            elif isinstance(w, QSpinBox | QTimeEdit):
                values.append(w.text())
            elif isinstance(w, QTableWidget):
                values.append(
                    tuple(
                        item.text() if item is not None else ""
                        for r in range(w.rowCount())
                        for c in range(w.columnCount())
                        for item in (w.item(r, c),)
                    )
                )
        return tuple(values)

    def mark_clean(self) -> None:
        """What is on screen now counts as unchanged (called once the form is filled)."""
        self._baseline = self._fingerprint()

    def is_changed(self) -> bool:
        return self._baseline is not None and self._fingerprint() != self._baseline

    def showEvent(self, event: QShowEvent) -> None:
        if self._baseline is None:
            self.mark_clean()
        if not self._shown:
            self._shown = True
            if self.tab_order:
                set_tab_order(self.tab_order)
            elif self._rows is not None:
                self._rows.chain_tabs()
            self.focus_first_field()
        super().showEvent(event)

    def focus_first_field(self) -> None:
        """She starts typing at once: the first field that takes input has the focus."""
        inputs = self._rows.inputs() if self._rows is not None else []
        fields = [w.focusProxy() or w for w in self.field_widgets().values()]
        for widget in inputs or fields:
            takes_input = widget.focusPolicy() != Qt.FocusPolicy.NoFocus
            if widget.isEnabled() and widget.isVisibleTo(self) and takes_input:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                return

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

    @property
    def rows(self) -> FormRows:
        """The captioned rows of the form (made on first use; a dialog with a layout of its
        own, such as the meeting editor, never asks for them)."""
        if self._rows is None:
            self._rows = FormRows(self.body)
        return self._rows

    def field_widgets(self) -> dict[str, QWidget]:
        """Field name -> widget, so a service's message lands next to its field."""
        return self._rows.fields if self._rows is not None else {}

    def retranslate_form(self) -> None:
        """Captions and buttons in the current language."""
        if self._rows is not None:
            self._rows.retranslate()
        self.retranslate_buttons()

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
