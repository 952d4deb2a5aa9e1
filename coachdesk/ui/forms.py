"""Shared form pieces: date fields that allow "no date", an error label under each field,
enum combo boxes with translated labels, and validation messages placed next to their field."""

from __future__ import annotations

import datetime as dt
import enum
import itertools
from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from coachdesk.i18n import N_, Message, _, current_language, format_date, parse_date
from coachdesk.labels import label
from coachdesk.services.errors import FieldError, ValidationError

EXAMPLE_DAY = dt.date(2026, 3, 16)
ERROR_STYLE = "color: #b00020;"
INTERNAL_STYLE = "background: #fff4d6; border: 1px solid #c99a2e;"


class ErrorLabel(QLabel):
    """A red, word-wrapped message under a field; hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet(ERROR_STYLE)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def with_error_label(widget: QWidget) -> QWidget:
    """``widget`` with an :class:`ErrorLabel` below it, for a form row."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    error = ErrorLabel(box)
    layout.addWidget(error)
    widget.error_label = error  # type: ignore[attr-defined]
    return box


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


class DateField(QWidget):
    """A typed date (German or English format) with a calendar button; empty means no date."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None, *, allow_empty: bool = True) -> None:
        super().__init__(parent)
        self.allow_empty = allow_empty
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line = QLineEdit(self)
        self.line.setClearButtonEnabled(allow_empty)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # The arrow of a menu button would overlap the caption; the button says what it does.
        self.calendar_button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self.calendar_button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.calendar_button.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        menu.aboutToShow.connect(self._prepare_calendar)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.calendar_button)
        self.setFocusProxy(self.line)
        # The language the text is written in: dates are re-formatted when it changes.
        self._lang = current_language()
        self.line.textEdited.connect(self._typed)
        self.line.editingFinished.connect(self.check)
        self.retranslate()

    def _typed(self, _text: str) -> None:
        self._lang = current_language()
        self.edited.emit()

    def retranslate(self) -> None:
        current = self._parsed(self._lang)
        example = format_date(EXAMPLE_DAY)
        self.line.setPlaceholderText(_("e.g. {example}").format(example=example))
        self.calendar_button.setText(_("Calendar"))
        self.calendar_button.setToolTip(_("Pick the date from a calendar"))
        if isinstance(current, dt.date):
            self.set_date(current)
        self._lang = current_language()

    def set_date(self, value: dt.date | None) -> None:
        self._lang = current_language()
        self.line.setText(format_date(value) if value is not None else "")
        self._show("")

    def text(self) -> str:
        return self.line.text()

    def set_text(self, text: str) -> None:
        """Restore exactly what was typed (a draft may hold a date still being typed)."""
        self.line.setText(text)

    def date(self) -> dt.date | None:
        """The date, None when empty; raises ValueError when the text is not a date."""
        parsed = self._parsed()
        if parsed is _BAD:
            raise ValueError("not a date")
        return parsed  # type: ignore[return-value]

    def problem(self) -> Message | None:
        parsed = self._parsed()
        if parsed is _BAD:
            return Message(
                N_(
                    "This is not a date. Please type it like {example} "
                    "or pick it from the calendar."
                ),
                {"example": format_date(EXAMPLE_DAY)},
            )
        if parsed is None and not self.allow_empty:
            return Message(N_("Please enter a date."))
        return None

    def check(self) -> bool:
        """Show (or clear) the format message right away; True when the field is fine."""
        problem = self.problem()
        self._show(problem.render() if problem else "")
        return problem is None

    def _parsed(self, lang: str | None = None) -> object:
        text = self.line.text().strip()
        if not text:
            return None
        try:
            return parse_date(text, lang)
        except ValueError:
            return _BAD

    def _show(self, text: str) -> None:
        error = error_label_of(self)
        if error is not None:
            error.show_message(text)

    def _prepare_calendar(self) -> None:
        parsed = self._parsed()
        day = parsed if isinstance(parsed, dt.date) else dt.date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))

    def _picked(self, qdate: QDate) -> None:
        self.set_date(dt.date(qdate.year(), qdate.month(), qdate.day()))
        self.calendar_button.menu().hide()
        self.edited.emit()


_BAD = object()


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


class EnumCombo(QComboBox):
    """A choice among the values of a closed vocabulary, labelled from ``coachdesk.labels``."""

    def __init__(
        self,
        enum_cls: type[enum.StrEnum],
        parent: QWidget | None = None,
        *,
        allow_none: bool = False,
        values: Iterable[enum.StrEnum] | None = None,
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

    def value(self) -> enum.StrEnum | None:
        raw = self.currentData()
        return None if raw is None else self.enum_cls(raw)

    def set_value(self, value: enum.StrEnum | str | None) -> None:
        index = self.findData(None if value is None else str(value))
        self.setCurrentIndex(max(index, 0))


def text_area(parent: QWidget | None = None, *, lines: int = 3) -> QPlainTextEdit:
    """A multi-line text field that Tab leaves (so keyboard navigation works)."""
    area = QPlainTextEdit(parent)
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


def add_save_shortcut(widget: QWidget, slot: Callable[[], None]) -> QShortcut:
    """Ctrl+S (Cmd+S on a Mac) saves the form shown in ``widget``."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), widget)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(slot)
    return shortcut


def set_tab_order(widgets: Iterable[QWidget]) -> None:
    items = list(widgets)
    for first, second in itertools.pairwise(items):
        QWidget.setTabOrder(first, second)
