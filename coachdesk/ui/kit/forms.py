"""Shared form pieces: date fields that allow "no date", an error label under each field,
enum combo boxes with translated labels, and validation messages placed next to their field."""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Callable, Iterable, Mapping
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coachdesk.i18n import _, format_number
from coachdesk.labels import label
from coachdesk.services.errors import FieldError, ValidationError
from coachdesk.services.validation import TEXT_LIMIT
from coachdesk.ui.kit.date_field import DateField

ERROR_STYLE = "color: #b00020;"
INTERNAL_STYLE = "background: #fff4d6; border: 1px solid #c99a2e;"


class ErrorLabel(QLabel):
    """A red, word-wrapped message under a field; blank while there is nothing to say.

    It keeps one line for itself even then, so a message appearing after Save does not push
    the form down under her mouse.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.setFont(font)
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def with_error_label(widget: QWidget) -> QWidget:
    """``widget`` with an :class:`ErrorLabel` below it, for a form row.

    The message goes as soon as she edits the field (she is fixing it); a long text also
    gets a counter once it nears its limit.
    """
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    error = ErrorLabel(box)
    layout.addWidget(error)
    widget.error_label = error  # type: ignore[attr-defined]
    on_any_edit([widget], lambda: error.show_message(""))
    if isinstance(widget, QPlainTextEdit):
        layout.addWidget(LengthCounter(widget, box))
    return box


class LengthCounter(QLabel):
    """ "18,250 of 20,000 characters" under a long text once 90 % of its limit is used."""

    def __init__(self, area: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.area = area
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.setFont(font)
        area.textChanged.connect(self.update_count)
        self.update_count()

    @property
    def limit(self) -> int:
        value = self.area.property("max_length")
        return int(value) if value else TEXT_LIMIT

    def update_count(self) -> None:
        used, limit = len(self.area.toPlainText()), self.limit
        if used < limit * 0.9:
            self.hide()
            return
        self.setText(
            _("{used} of {limit} characters").format(
                used=format_number(used), limit=format_number(limit)
            )
        )
        self.setStyleSheet(ERROR_STYLE if used > limit else "")
        self.show()


def error_label_of(widget: QWidget) -> ErrorLabel | None:
    return getattr(widget, "error_label", None)


def clear_validation_errors(
    fields: Mapping[str, QWidget], general: ErrorLabel | None = None
) -> None:
    for widget in fields.values():
        error = error_label_of(widget)
        if error is not None:
            error.show_message("")
    if general is not None:
        general.show_message("")


def show_validation_errors(
    fields: Mapping[str, QWidget], error: ValidationError, general: ErrorLabel | None = None
) -> None:
    """Put each message next to its field (the rest into ``general``), focus the first field."""
    clear_validation_errors(fields, general)
    per_widget: dict[str, list[str]] = {}
    leftovers: list[str] = []
    first: QWidget | None = None
    for problem in error.errors:
        widget = fields.get(problem.field or "")
        if widget is None or error_label_of(widget) is None:
            leftovers.append(problem.message.render())
            continue
        per_widget.setdefault(problem.field or "", []).append(problem.message.render())
        if first is None:
            first = widget
    for name, messages in per_widget.items():
        label_widget = error_label_of(fields[name])
        if label_widget is not None:
            label_widget.show_message("\n".join(messages))
    if leftovers and general is not None:
        general.show_message("\n".join(leftovers))
    if first is not None:
        first.setFocus(Qt.FocusReason.OtherFocusReason)


def read_dates(fields: Mapping[str, DateField]) -> dict[str, dt.date | None]:
    """The dates of ``fields``; a ValidationError naming every field that holds no real date."""
    values: dict[str, dt.date | None] = {}
    problems: list[FieldError] = []
    for name, field in fields.items():
        problem = field.problem()
        if problem is not None:
            problems.append(FieldError(name, problem))
        else:
            values[name] = field.date()
    if problems:
        raise ValidationError(problems)
    return values


E = TypeVar("E", bound=enum.StrEnum)


class EnumCombo(QComboBox, Generic[E]):
    """A choice among the values of a closed vocabulary, labelled from ``coachdesk.labels``."""

    def __init__(
        self,
        enum_cls: type[E],
        parent: QWidget | None = None,
        *,
        allow_none: bool = False,
        values: Iterable[E] | None = None,
    ) -> None:
        super().__init__(parent)
        self.enum_cls = enum_cls
        self.allow_none = allow_none
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        if allow_none:
            self.addItem("", None)
        for value in values if values is not None else list(enum_cls):
            self.addItem("", str(value.value))
        self.retranslate()

    def retranslate(self) -> None:
        for i in range(self.count()):
            raw = self.itemData(i)
            self.setItemText(i, _("— not set —") if raw is None else label(self.enum_cls(raw)))

    def value(self) -> E | None:
        raw = self.currentData()
        return None if raw is None else self.enum_cls(raw)

    def chosen(self) -> E:
        """The value of a combo that always holds one (made without ``allow_none``)."""
        value = self.value()
        if value is None:
            raise ValueError("nothing chosen in a combo that allows no empty choice")
        return value

    def set_value(self, value: E | str | None) -> None:
        index = self.findData(None if value is None else str(value))
        self.setCurrentIndex(max(index, 0))


def text_area(
    parent: QWidget | None = None, *, lines: int = 3, limit: int = TEXT_LIMIT
) -> QPlainTextEdit:
    """A multi-line text field that Tab leaves (so keyboard navigation works); ``limit`` is
    the service's length limit, counted down under the field near its end."""
    area = QPlainTextEdit(parent)
    area.setProperty("max_length", limit)
    area.setTabChangesFocus(True)
    # Sized by the font, so it grows with 125 %/150 % scaling; longer text scrolls.
    area.setFixedHeight(area.fontMetrics().lineSpacing() * lines + 16)
    area.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return area


def mark_internal(widget: QWidget, caption: QLabel) -> None:
    """Style a field holding internal notes, and its caption, as never leaving the device."""
    widget.setStyleSheet(f"{type(widget).__name__} {{ {INTERNAL_STYLE} }}")
    caption.setStyleSheet("color: #7a5200; font-weight: bold;")


def internal_caption() -> str:
    return _("Internal – never exported")


def on_any_edit(widgets: Iterable[QWidget], callback: Callable[[], None]) -> None:
    """Call ``callback`` when the user edits any of ``widgets``."""
    for w in widgets:
        if isinstance(w, DateField):
            w.edited.connect(callback)
        elif isinstance(w, QLineEdit):
            w.textEdited.connect(callback)
        elif isinstance(w, QPlainTextEdit):
            w.textChanged.connect(callback)
        elif isinstance(w, QComboBox):
            w.activated.connect(lambda _i: callback())
        elif isinstance(w, QSpinBox):
            w.valueChanged.connect(lambda _v: callback())
        elif isinstance(w, QCheckBox | QAbstractButton):
            w.toggled.connect(lambda _v: callback())


def add_save_shortcut(widget: QWidget, slot: Callable[[], object]) -> QShortcut:
    """Ctrl+S (Cmd+S on a Mac) saves the form shown in ``widget``."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(slot)
    return shortcut


def set_tab_order(widgets: Iterable[QWidget]) -> None:
    """Tab walks ``widgets`` in this order, then on to the dialog's buttons.

    An input that is the focus proxy of a compound widget (a date field's line, beside its
    calendar button) is ordered as that compound: Qt keeps the compound's parts together.
    Ordered by the line alone, Tab from the last field came back to the date field, and
    Save and Cancel could not be reached by Tab at all.
    """
    items = [_compound(w) for w in widgets]
    for first, second in itertools.pairwise(items):
        QWidget.setTabOrder(first, second)


def _compound(widget: QWidget) -> QWidget:
    parent = widget.parentWidget()
    while parent is not None and parent.focusProxy() is widget:
        widget, parent = parent, parent.parentWidget()
    return widget
