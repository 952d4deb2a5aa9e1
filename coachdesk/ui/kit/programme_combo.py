"""A choice of programme for filters: every programme, or one of the vault's programmes."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from coachdesk.i18n import _
from coachdesk.services.programmes import ProgrammeRecord


class ProgrammeCombo(QComboBox):
    """ "All programmes" first, then the programmes by name (archived ones marked).

    ``value()`` is the chosen programme's id, or None for all. Refilling keeps the choice
    while that programme is still offered."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self._programmes: list[ProgrammeRecord] = []
        self.set_programmes([])

    def set_programmes(self, programmes: list[ProgrammeRecord]) -> None:
        chosen = self.value()
        self._programmes = list(programmes)
        self.blockSignals(True)
        self.clear()
        self.addItem("", None)
        for p in self._programmes:
            self.addItem("", p.id)
        self.retranslate()
        found = self.findData(chosen) if chosen is not None else 0
        self.setCurrentIndex(max(found, 0))
        self.blockSignals(False)
        if self.value() != chosen:
            self.currentIndexChanged.emit(self.currentIndex())

    def retranslate(self) -> None:
        self.setItemText(0, _("All programmes"))
        for i, p in enumerate(self._programmes, start=1):
            text = _("{name} (archived)").format(name=p.name) if p.archived else p.name
            self.setItemText(i, text)

    def value(self) -> int | None:
        raw = self.currentData()
        return None if raw is None else int(raw)

    def name(self) -> str:
        """The chosen programme's name, or "" for all programmes."""
        pid = self.value()
        return next((p.name for p in self._programmes if p.id == pid), "")
