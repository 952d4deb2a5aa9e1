"""The one way a form is built: captioned rows keyed by the field name the service uses.

Each row is a caption (a buddy of its field, so Alt+letter jumps there), the field, and
a message label beneath it for what the service says about that field. The field gets
the caption as its accessible name too: the message label wraps the field in a box of
its own, and a screen reader would otherwise find no name for it.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from coachdesk.i18n import _
from coachdesk.ui.kit.forms import mark_internal, set_tab_order, with_error_label

W = TypeVar("W", bound=QWidget)


def plain_caption(text: str) -> str:
    """A caption without its mnemonic ampersand and trailing colon, as a screen reader says it."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(": ")


class FormRows:
    """The rows of one form in a QFormLayout, in the order they were added."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.layout = QFormLayout(parent)
        self.layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QWidget] = {}
        """Field name (as in the service's draft and its ValidationError) -> input widget."""
        self.captions: dict[str, QLabel] = {}
        self._sources: dict[str, str] = {}
        self._buddies: dict[str, QWidget] = {}

    def add(
        self,
        name: str,
        caption: str,
        widget: W,
        *,
        internal: bool = False,
        buddy: QWidget | None = None,
    ) -> W:
        """Add a row for field ``name``. ``caption`` is the untranslated source text (mark it
        with ``N_``); ``internal`` styles a field that never leaves the device; ``buddy`` is the
        input the caption names when ``widget`` is a group of several (a period: two dates)."""
        if name in self.fields:
            raise ValueError(f"field {name!r} is already in this form")
        label = QLabel()
        label.setWordWrap(True)
        label.setBuddy(buddy or widget)
        if internal:
            mark_internal(widget, label)
        self.layout.addRow(label, with_error_label(widget))
        self.fields[name] = widget
        self.captions[name] = label
        self._sources[name] = caption
        self._buddies[name] = buddy or widget
        self._translate(name)
        return widget

    def set_caption(self, name: str, caption: str) -> None:
        """Give the row of ``name`` another caption (source text), e.g. when a kind changes."""
        self._sources[name] = caption
        self._translate(name)

    def take(self, name: str) -> QWidget:
        """Take the row of ``name`` out of the form and give back its field (to add it again,
        elsewhere or with another caption, as the handover editor does when its kind changes)."""
        widget = self.fields.pop(name)
        caption = self.captions.pop(name)
        del self._sources[name]
        del self._buddies[name]
        self.layout.takeRow(caption)
        wrapper = widget.parentWidget()
        widget.setParent(None)
        caption.deleteLater()
        if wrapper is not None:
            wrapper.deleteLater()
        return widget

    def set_row_visible(self, name: str, visible: bool) -> None:
        self.layout.setRowVisible(self.captions[name], visible)

    def is_row_visible(self, name: str) -> bool:
        return self.layout.isRowVisible(self.captions[name])

    def retranslate(self) -> None:
        for name in self.fields:
            self._translate(name)

    def inputs(self) -> list[QWidget]:
        """The input of each row, in order: a group's first input stands for the group, and a
        widget that hands its focus on (a date field to its line) is its focus proxy."""
        return [w.focusProxy() or w for w in self._buddies.values()]

    def chain_tabs(self) -> None:
        """Tab walks the fields in the order they were added (the order they are shown)."""
        set_tab_order(self.inputs())

    def _translate(self, name: str) -> None:
        text = _(self._sources[name])
        self.captions[name].setText(text)
        target = self._buddies[name]
        target.setAccessibleName(plain_caption(text))
        proxy = target.focusProxy()  # a date field's line edit is what a screen reader meets
        if proxy is not None:
            proxy.setAccessibleName(plain_caption(text))
