"""A date field that allows "no date", takes German or English typing and has a calendar."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from coachdesk.i18n import N_, Message, _, current_language, format_date, parse_date

EXAMPLE_DAY = dt.date(2026, 3, 16)


_BAD = object()
"""What a text that is no date parses to."""


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

    def required_date(self, name: str = "date") -> dt.date:
        """The date of a field that must hold one; a ValidationError for ``name`` otherwise."""
        from coachdesk.services.errors import FieldError, ValidationError

        problem = self.problem()
        value = None if problem is not None else self.date()
        if value is None:
            raise ValidationError(
                [FieldError(name, problem or Message(N_("Please enter a date.")))]
            )
        return value

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
        # The error label that ``forms.with_error_label`` put under this field, if any.
        error = getattr(self, "error_label", None)
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
