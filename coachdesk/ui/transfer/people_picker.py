"""Whom a transfer file carries: a checked list of participants, found by name.

Her file's participant is checked to begin with; the coach finds others by name (in any
script, as in the participant list) and checks them. The checked ones stay at the top of
the list while she searches for more.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _

SHOWN = 30
"""How many participants found by name the list shows below the checked ones."""


class PeoplePicker(QWidget):
    """Emits ``changed`` when a participant is checked or unchecked."""

    changed = Signal()

    def __init__(
        self, services: Services, participant_id: int, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.chosen: dict[int, str] = {participant_id: name}
        self.label = QLabel()
        self.search = QLineEdit()
        self.search.setObjectName("transfer_find")
        self.search.setClearButtonEnabled(True)
        self.label.setBuddy(self.search)
        self.people = QListWidget()
        self.people.setObjectName("transfer_people")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.label)
        box.addWidget(self.search)
        box.addWidget(self.people, 1)
        self.search.textChanged.connect(self.refill)
        self.people.itemChanged.connect(self._toggled)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(_("&Who goes (check one or several):"))
        self.search.setPlaceholderText(_("Find a participant by name…"))
        self.search.setAccessibleName(_("Find a participant by name"))
        self.people.setAccessibleName(_("Participants in the transfer file"))
        self.refill()  # the lines say "no." in the language chosen

    def ids(self) -> tuple[int, ...]:
        return tuple(self.chosen)

    def refill(self) -> None:
        found = self.services.participants.list(query=self.search.text().strip(), limit=SHOWN)
        self.people.blockSignals(True)
        self.people.clear()
        for pid, name in self.chosen.items():
            self._add(pid, name, checked=True)
        for row in found:
            if row.id not in self.chosen:
                name = f"{row.first_name} {row.last_name}".strip()
                self._add(row.id, name, checked=False)
        self.people.blockSignals(False)

    def _add(self, pid: int, name: str, *, checked: bool) -> None:
        item = QListWidgetItem(_("{name} (no. {id})").format(name=name, id=pid))
        item.setData(Qt.ItemDataRole.UserRole, pid)
        item.setData(Qt.ItemDataRole.UserRole + 1, name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.people.addItem(item)

    def _toggled(self, item: QListWidgetItem) -> None:
        pid = int(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked:
            self.chosen[pid] = str(item.data(Qt.ItemDataRole.UserRole + 1))
        else:
            self.chosen.pop(pid, None)
        self.changed.emit()
