"""The answer boxes of the ESF Plus questions: every answer a choice, "Not asked yet" empty.

A question is only answered when a choice is made: an empty box is a question still to ask,
never a "no" (the monitoring counts a "no" and a question never asked differently).
"""

from __future__ import annotations

import enum
from typing import TypeVar

from PySide6.QtWidgets import QComboBox, QWidget

from coachdesk.i18n import N_, _
from coachdesk.ui.kit.forms import EnumCombo

NOT_ASKED = N_("Not asked yet")
YES, NO = N_("Yes"), N_("No")

E = TypeVar("E", bound=enum.StrEnum)


class QuestionCombo(EnumCombo[E]):
    """A closed list of answers with "Not asked yet" as its empty first choice."""

    def __init__(self, enum_cls: type[E], parent: QWidget | None = None) -> None:
        super().__init__(enum_cls, parent, allow_none=True)

    def retranslate(self) -> None:
        super().retranslate()
        self.setItemText(0, _(NOT_ASKED))


class YesNoCombo(QComboBox):
    """Yes or no, or "Not asked yet" (None)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for value in (None, True, False):
            self.addItem("", value)
        self.retranslate()

    def retranslate(self) -> None:
        for index, text in enumerate((NOT_ASKED, YES, NO)):
            self.setItemText(index, _(text))

    def value(self) -> bool | None:
        data = self.currentData()
        return None if data is None else bool(data)

    def set_value(self, value: bool | None) -> None:
        self.setCurrentIndex({None: 0, True: 1, False: 2}[value])
