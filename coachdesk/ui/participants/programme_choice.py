"""Her programme in her form: no programme, one of the vault's, or a new one made on the spot."""

from __future__ import annotations

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.services.programmes import ProgrammeRecord
from coachdesk.ui.kit.programme_combo import ProgrammeCombo

NEW = -1
"""The data of the last entry, "New programme…": an action, never a value of the form."""


class ProgrammeChoice(ProgrammeCombo):
    """ "No programme", the programmes on offer (hers too if archived), "New programme…".

    Choosing the last entry emits ``new_requested`` and goes back to what was chosen before;
    whoever shows the form opens the programme's dialog (see ``offer_new_programme``)."""

    new_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._before = 0
        self.currentIndexChanged.connect(self._remember)
        self.activated.connect(self._activated)

    def set_programmes(self, programmes: list[ProgrammeRecord], keep: int | None = None) -> None:
        """The programmes not archived, and ``keep`` (hers) even when archived."""
        offered = [p for p in programmes if not p.archived or p.id == keep]
        super().set_programmes(offered)
        self.blockSignals(True)
        self.addItem("", NEW)
        self.retranslate()
        self.blockSignals(False)

    def retranslate(self) -> None:
        super().retranslate()
        self.setItemText(0, _("No programme"))
        last = self.count() - 1
        if last > 0 and self.itemData(last) == NEW:
            self.setItemText(last, _("New programme…"))

    def value(self) -> int | None:
        raw = self.currentData()
        return None if raw is None or raw == NEW else int(raw)

    def choose(self, programme_id: int | None) -> None:
        self.setCurrentIndex(max(self.findData(programme_id), 0))

    def _remember(self, index: int) -> None:
        if self.itemData(index) != NEW:
            self._before = index

    def _activated(self, index: int) -> None:
        if self.itemData(index) == NEW:
            self.setCurrentIndex(self._before)
            self.new_requested.emit()


def offer_new_programme(
    choice: ProgrammeChoice,
    services: Services,
    parent: QWidget,
    edited: SignalInstance | None = None,
) -> None:
    """When she chooses "New programme…": the programme's form; once saved, it is hers."""
    from coachdesk.ui.modules.programmes import programme_dialog

    def open_form() -> None:
        dialog = programme_dialog(services, None, parent)

        def saved() -> None:
            made = dialog.saved
            if isinstance(made, ProgrammeRecord):
                keep = choice.value()
                choice.set_programmes(services.programmes.list(include_archived=True), keep)
                choice.choose(made.id)
                if edited is not None:
                    edited.emit()

        dialog.accepted.connect(saved)
        dialog.open()

    choice.new_requested.connect(open_form)
