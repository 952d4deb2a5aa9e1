"""The programmes a coach works in (MY TURN, Stark im Beruf): list, add, edit, archive.

A tab beside the module catalogue: a programme is set up once per funding period, and what
a coach checks with it is which offers belong to it, one tab away.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import N_, _
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.programmes import ProgrammeDraft, ProgrammeRecord
from coachdesk.ui.file.section import button_row, guarded
from coachdesk.ui.kit.icons import Icon, icon
from coachdesk.ui.kit.record_dialog import Field, RecordDialog
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.kit.style import wrapping_label
from coachdesk.ui.modules.programme_model import ProgrammeTableModel
from coachdesk.ui.shell.signals import AppSignals

PROGRAMME_FIELDS = (
    Field("name", N_("Name")),
    Field("funder", N_("Funder")),
    Field("funded_from", N_("Funded from"), "date"),
    Field("funded_until", N_("Funded until"), "date"),
    Field("note", N_("Note"), "text"),
)


def programme_dialog(
    services: Services, programme: ProgrammeRecord | None, parent: QWidget | None
) -> RecordDialog:
    """The form of a programme (a new one when ``programme`` is None); ``saved`` holds the
    stored record once she saved."""
    if programme is None:
        title, store = _("New programme"), services.programmes.create
    else:
        title = _("Programme")

        def store(draft: ProgrammeDraft) -> ProgrammeRecord:
            return services.programmes.update(programme.id, draft)

    return RecordDialog(title, PROGRAMME_FIELDS, ProgrammeDraft, store, programme, parent)


class ProgrammesPanel(QWidget):
    def __init__(
        self, services: Services, signals: AppSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.intro = wrapping_label()
        self.table = RecordTable(ProgrammeTableModel(self))
        self.new_button = QPushButton(icon(Icon.NEW), "")
        self.edit_button = QPushButton()
        self.archive_button = QPushButton()
        self.show_archived = QCheckBox()
        self.count = QLabel()
        self.new_button.clicked.connect(lambda: self.open_programme(None))
        self.edit_button.clicked.connect(lambda: self.open_programme(self.table.current_record()))
        self.archive_button.clicked.connect(self.toggle_archived)
        self.show_archived.toggled.connect(lambda _on: self.refresh())
        self.table.activated.connect(self.open_programme)
        self.table.selection_changed.connect(self._selection_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(
            button_row(self.new_button, self.edit_button, self.archive_button, self.show_archived)
        )
        layout.addWidget(self.table, 1)
        signals.changed.connect(self._on_changed)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "The programmes you work in, with their funder and funding period. Each "
                "participant belongs to one; reports can be made for each programme."
            )
        )
        self.new_button.setText(_("New programme…"))
        self.edit_button.setText(_("Edit…"))
        self.show_archived.setText(_("Show archived programmes"))
        self.table.set_empty_text(
            _("No programmes yet. Add the programmes you work in with “New programme…”.")
        )
        self.table.retranslate()
        self._selection_changed()

    def refresh(self) -> None:
        self.table.set_rows(
            self.services.programmes.list(include_archived=self.show_archived.isChecked())
        )
        if self.table.current_record() is None and not self.table.is_empty():
            self.table.view.selectRow(0)
        self._selection_changed()

    def clear(self) -> None:
        self.table.set_rows([])

    def _on_changed(self, changes: Changes) -> None:
        if not self.services.is_locked and changes.concerns(ChangeKind.PROGRAMME):
            chosen = self.table.current_record()
            self.refresh()
            if chosen is not None:
                self.table.select_where(lambda p: p.id == chosen.id)

    def _selection_changed(self) -> None:
        chosen = self.table.current_record()
        self.edit_button.setEnabled(chosen is not None)
        self.archive_button.setEnabled(chosen is not None)
        archived = chosen is not None and chosen.archived
        self.archive_button.setText(_("Restore from archive") if archived else _("Archive"))

    def open_programme(self, programme: ProgrammeRecord | None) -> RecordDialog:
        dialog = programme_dialog(self.services, programme, self)
        dialog.accepted.connect(lambda: self._select(dialog.saved))
        dialog.open()
        return dialog

    def _select(self, saved: object) -> None:
        if isinstance(saved, ProgrammeRecord):
            self.table.select_where(lambda p: p.id == saved.id)

    def toggle_archived(self) -> None:
        chosen = self.table.current_record()
        if chosen is None:
            return
        if chosen.archived:
            guarded(self, lambda: self.services.programmes.unarchive(chosen.id))
            return
        answer = QMessageBox.question(
            self,
            _("Archive programme"),
            _(
                "Archive “{name}”? It is no longer offered for new files; her files and "
                "past reports keep it."
            ).format(name=chosen.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            guarded(self, lambda: self.services.programmes.archive(chosen.id))
