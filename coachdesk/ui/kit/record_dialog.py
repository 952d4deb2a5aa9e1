"""A dialog built from a field list, for the simple records of the catalogue and directory."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from coachdesk.i18n import _
from coachdesk.ui.kit.date_field import DateField
from coachdesk.ui.kit.form_dialog import FormDialog
from coachdesk.ui.kit.forms import EnumCombo, read_dates, text_area


@dataclass(frozen=True)
class Field:
    name: str
    caption: str
    """Source text of the caption."""
    kind: str = "line"
    """line, text, date, bool, count (empty = none), enum, choice."""
    enum_cls: type[enum.StrEnum] | None = None
    choices: Callable[[], Sequence[tuple[str, int]]] | None = None
    none_text: str = ""
    """Source text of a choice's empty entry (e.g. "All programmes"); blank if not given."""


class RecordDialog(FormDialog):
    """Edits ``draft_cls`` (a frozen dataclass); ``store(draft)`` saves it via a service."""

    def __init__(
        self,
        title: str,
        spec: Sequence[Field],
        draft_cls: Callable[..., Any],
        store: Callable[[Any], Any],
        current: Any = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.draft_cls = draft_cls
        self.store = store
        self.saved: Any = None
        for f in spec:
            widget = self.rows.add(f.name, f.caption, self._make(f))
            if current is not None:
                self._set(widget, getattr(current, f.name))
        self.widgets = self.rows.fields
        self.setWindowTitle(title)
        self.retranslate_form()
        self.resize_within_screen(620, min(120 + 60 * len(spec), 760))

    def _make(self, f: Field) -> QWidget:
        if f.kind == "text":
            return text_area(lines=3)
        if f.kind == "date":
            return DateField()
        if f.kind == "bool":
            return QCheckBox()
        if f.kind == "count":
            spin = QSpinBox()
            spin.setRange(0, 1000)
            spin.setSpecialValueText(_("no limit"))
            return spin
        if f.kind == "enum" and f.enum_cls is not None:
            return EnumCombo(f.enum_cls)
        if f.kind == "choice" and f.choices is not None:
            combo = QComboBox()
            combo.addItem(_(f.none_text) if f.none_text else "", None)
            for text, value in f.choices():
                combo.addItem(text, value)
            return combo
        return QLineEdit()

    def _set(self, widget: QWidget, value: Any) -> None:
        if isinstance(widget, DateField):
            widget.set_date(value)
        elif isinstance(widget, EnumCombo):
            widget.set_value(value)
        elif isinstance(widget, QComboBox):
            widget.setCurrentIndex(max(0, widget.findData(value)))
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, QSpinBox):
            widget.setValue(value or 0)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText(value or "")
        elif isinstance(widget, QLineEdit):
            widget.setText(value or "")

    def _get(self, widget: QWidget) -> Any:
        if isinstance(widget, EnumCombo):
            return widget.value()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QSpinBox):
            return widget.value() or None
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QLineEdit):
            return widget.text()
        return None

    def save(self) -> bool:
        values = read_dates({n: w for n, w in self.widgets.items() if isinstance(w, DateField)})
        for name, widget in self.widgets.items():
            if not isinstance(widget, DateField):
                values[name] = self._get(widget)
        self.saved = self.store(self.draft_cls(**values))
        return True
