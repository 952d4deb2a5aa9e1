"""Attendee names picked from the directory as she types, free text for everyone else.

Typing "Berg" offers "Frau Berger – Jobcenter Nordstadt"; choosing it links the attendee
to that contact person (and makes a job-centre contact the integration officer when no
other role was chosen). An interpreter who is not in the directory is simply typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from coachdesk.i18n import _

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ContactChoice:
    contact_id: int
    name: str
    organisation: str
    job_centre: bool

    @property
    def shown(self) -> str:
        return _("{name} – {organisation}").format(name=self.name, organisation=self.organisation)


class AttendeeNameDelegate(QStyledItemDelegate):
    """The editor of the name column; ``contact_chosen(row, job_centre)`` after a pick."""

    contact_chosen = Signal(int, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices: list[ContactChoice] = []

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        completer = QCompleter([c.shown for c in self.choices], editor)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        editor.setCompleter(completer)
        editor.setAccessibleName(_("Name of the attendee"))
        return editor

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        text = editor.text().strip()
        picked = next((c for c in self.choices if c.shown == text), None)
        if picked is not None:
            model.setData(index, picked.name, Qt.ItemDataRole.EditRole)
            model.setData(index, picked.contact_id, Qt.ItemDataRole.UserRole)
            self.contact_chosen.emit(index.row(), picked.job_centre)
            return
        if text != (index.data(Qt.ItemDataRole.EditRole) or ""):
            model.setData(index, None, Qt.ItemDataRole.UserRole)  # typed: no longer that contact
        model.setData(index, text, Qt.ItemDataRole.EditRole)
