"""A spin box whose unit follows the number: "1 month", "6 months", in every language.

Qt's suffix is one fixed string; a translator needs the whole phrase with its plural
forms (Polish has three, Arabic six), so the text around the number is asked for again
each time the value or the language changes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QSpinBox, QWidget

PLACEHOLDER = "{n}"


class CountSpinBox(QSpinBox):
    """A QSpinBox showing ``phrase(value)`` around the number.

    ``phrase`` returns the translated phrase for a count with ``{n}`` where the number
    goes, e.g. ``lambda n: ngettext("{n} month", "{n} months", n)``.
    """

    def __init__(self, phrase: Callable[[int], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._phrase = phrase
        self.valueChanged.connect(self._follow_value)
        self.retranslate()

    def retranslate(self) -> None:
        self._follow_value(self.value())

    def _follow_value(self, value: int) -> None:
        before, _sep, after = self._phrase(value).partition(PLACEHOLDER)
        self.setPrefix(before)
        self.setSuffix(after)
