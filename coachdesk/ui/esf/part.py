"""One questionnaire of the ESF Plus tab: its questions, Save and Undo, and what is unsaved.

Each part saves on its own. A refused save shows the messages beside the questions and keeps
every choice made; a change from elsewhere never overwrites a part with unsaved choices.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.i18n import N_, _
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.services.esf import EsfFile, EsfService
from coachdesk.ui.file.section import button_row
from coachdesk.ui.kit.date_field import DateField
from coachdesk.ui.kit.form_rows import FormRows
from coachdesk.ui.kit.forms import (
    ErrorLabel,
    clear_validation_errors,
    on_any_edit,
    set_tab_order,
    show_validation_errors,
)
from coachdesk.ui.kit.icons import Icon, icon
from coachdesk.vault.errors import StorageError

CAPTION_CHARS = 48
"""The width of the questions' column, in average characters."""


class EsfPart(QGroupBox):
    """``saved(EsfFile)`` after a save; ``dirty_changed(bool)`` when unsaved choices come or go."""

    saved = Signal(object)
    dirty_changed = Signal(bool)
    TITLE = ""
    SAVE = ""
    ANSWERED = N_("Day of the questions")

    def __init__(
        self,
        esf: EsfService,
        participant_id: int,
        today: Callable[[], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.esf = esf
        self.participant_id = participant_id
        self.today = today
        self.dirty = False
        self.file: EsfFile | None = None
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.body = QWidget()
        self.rows = FormRows(self.body)
        self.answered_on = self.rows.add("answered_on", self.ANSWERED, DateField())
        self.general_error = ErrorLabel()
        self.save_button = QPushButton(icon(Icon.SAVE), "")
        self.undo_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.undo_button.clicked.connect(self.undo)
        layout = self.column = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.body)
        layout.addWidget(self.general_error)
        layout.addLayout(button_row(self.save_button, self.undo_button))
        self.add_questions()
        self._finish()
        self.retranslate()

    @abstractmethod
    def add_questions(self) -> None:
        """Each part adds its questions to ``self.rows`` (called once, from ``__init__``;
        Qt's metaclass leaves no room for ABCMeta, so mypy holds the parts to it)."""

    def _finish(self) -> None:
        """Once the part's questions are there: edits make the part dirty."""
        answers = [w for name, w in self.rows.fields.items() if name != "answered_on"]
        on_any_edit(answers, self._answered)
        on_any_edit([self.answered_on], lambda: self.set_dirty(True))
        set_tab_order([*self.rows.inputs(), self.save_button, self.undo_button])
        # Answers as wide as their longest choice: the eye goes from question to answer. The
        # questions in one column of the same width in every part, wrapped only when long.
        self.rows.layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for caption in self.rows.captions.values():
            caption.setFixedWidth(caption.fontMetrics().averageCharWidth() * CAPTION_CHARS)
        self._update_buttons()

    def _answered(self) -> None:
        """An answer chosen: the day of the questions is today unless she typed another."""
        if not self.answered_on.text().strip():
            self.answered_on.set_date(self.today())  # type: ignore[arg-type]
        self.set_dirty(True)

    def retranslate(self) -> None:
        self.setTitle(_(self.TITLE))
        self.save_button.setText(_(self.SAVE))
        self.undo_button.setText(_("Undo changes"))
        self.rows.retranslate()
        for widget in self.rows.fields.values():
            if hasattr(widget, "retranslate"):
                widget.retranslate()
        if self.file is not None:
            self.show_state(self.file)

    def set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self._update_buttons()
            self.dirty_changed.emit(dirty)

    def _update_buttons(self) -> None:
        usable = self.body.isEnabled()
        self.save_button.setEnabled(usable and self.dirty)
        self.undo_button.setEnabled(self.dirty)

    def show_file(self, file: EsfFile) -> None:
        """Show her stored answers, unless choices are unsaved here (they are never lost)."""
        self.file = file
        if not self.dirty:
            clear_validation_errors(self.rows.fields, self.general_error)
            self.load(file)
        self.show_state(file)
        self._update_buttons()

    def undo(self) -> None:
        self.set_dirty(False)
        if self.file is not None:
            self.show_file(self.file)

    def save(self) -> bool:
        """Store the choices; messages appear beside the questions, nothing chosen is lost."""
        if not self.dirty:
            return True
        try:
            file = self.store()
        except ValidationError as err:
            show_validation_errors(self.rows.fields, err, self.general_error)
            return False
        except (NotFoundError, StorageError) as err:
            self.general_error.show_message(str(err))
            return False
        self.set_dirty(False)
        self.show_file(file)
        self.saved.emit(file)
        return True

    def state(self) -> dict[str, Any]:
        """The choices on screen, for a draft (the date as typed, a choice by its code)."""
        out: dict[str, Any] = {}
        for name, widget in self.rows.fields.items():
            if isinstance(widget, DateField):
                out[name] = widget.text()
            elif isinstance(widget, QComboBox):
                out[name] = widget.currentData()
            elif isinstance(widget, QCheckBox):
                out[name] = widget.isChecked()
        return out

    def restore_state(self, state: dict[str, Any]) -> None:
        """Put a draft's choices back: they are unsaved again until she saves them."""
        for name, value in state.items():
            widget = self.rows.fields.get(name)
            if isinstance(widget, DateField):
                widget.set_text(str(value or ""))
            elif isinstance(widget, QComboBox):
                widget.setCurrentIndex(max(widget.findData(value), 0))
            elif isinstance(widget, QCheckBox):
                blocked = widget.blockSignals(True)
                widget.setChecked(bool(value))
                widget.blockSignals(blocked)
        self.set_dirty(True)
        if self.file is not None:
            self.show_state(self.file)

    # -- for each questionnaire ----------------------------------------------------------

    def load(self, file: EsfFile) -> None:
        """Put her stored answers into the boxes."""
        raise NotImplementedError

    def show_state(self, file: EsfFile) -> None:
        """What depends on the rest of her file (her age, her exit date, the due date)."""

    def store(self) -> EsfFile:
        """Save the boxes' answers through the service; raises ValidationError."""
        raise NotImplementedError
