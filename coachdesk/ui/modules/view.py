"""The offer catalogue: modules of the programme, and who is enrolled in each."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import N_, _
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.modules import ModuleDraft, ModuleRecord
from coachdesk.ui.file.section import button_row, guarded
from coachdesk.ui.kit.icons import Icon, icon
from coachdesk.ui.kit.record_dialog import Field, RecordDialog
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.kit.style import heading_label
from coachdesk.ui.modules.enrolment_model import EnrolmentTableModel
from coachdesk.ui.modules.model import ModuleTableModel
from coachdesk.ui.modules.register_dialog import RegisterDialog
from coachdesk.ui.shell.signals import AppSignals

MODULE_FIELDS = (
    Field("title", N_("Title")),
    Field("description", N_("Description"), "text"),
    Field("target_group", N_("For whom"), "text"),
    Field("schedule", N_("When (days, times)"), "text"),
    Field("location", N_("Place")),
    Field("starts_on", N_("Starts on"), "date"),
    Field("ends_on", N_("Ends on"), "date"),
    Field("childcare_available", N_("Childcare available"), "bool"),
    Field("languages", N_("Languages")),
    Field("how_to_refer", N_("How to refer"), "text"),
    Field("capacity", N_("Places"), "count"),
)


class ModulesView(QWidget):
    def __init__(
        self, services: Services, signals: AppSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.signals = signals
        self.heading = heading_label()
        self.show_archived = QCheckBox()
        self.show_archived.toggled.connect(self._archived_toggled)
        self.table = RecordTable(ModuleTableModel(self))
        self.enrolled = RecordTable(EnrolmentTableModel(self))
        self.enrolled.view.hideColumn(EnrolmentTableModel.MODULE)
        self.enrolled_caption = QLabel()
        self.enrolled_caption.setWordWrap(True)
        self.new_button = QPushButton(icon(Icon.NEW), "")
        self.edit_button = QPushButton()
        self.archive_button = QPushButton()
        self.register_button = QPushButton(icon(Icon.REGISTER), "")
        self.register_button.clicked.connect(lambda: self.open_register())
        self.new_button.clicked.connect(lambda: self.open_module(None))
        self.edit_button.clicked.connect(lambda: self.open_module(self.table.current_record()))
        self.archive_button.clicked.connect(self.archive)
        self.table.activated.connect(self.open_module)
        self.table.selection_changed.connect(self._show_enrolled)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.addLayout(
            button_row(
                self.new_button,
                self.edit_button,
                self.register_button,
                self.archive_button,
                self.show_archived,
            )
        )
        top_layout.addWidget(self.table)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.addWidget(self.enrolled_caption)
        bottom_layout.addWidget(self.enrolled)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)
        signals.changed.connect(self._on_changed)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.heading.setText(_("Modules (offer catalogue)"))
        self.new_button.setText(_("New module…"))
        self.edit_button.setText(_("Edit…"))
        self.archive_button.setText(_("Archive"))
        self.register_button.setText(_("Attendance register…"))
        self.show_archived.setText(_("Show archived modules"))
        self.table.set_empty_text(
            _(
                "The catalogue is empty. Add the offers of your programme (application "
                "training, language course with childcare, job fair, …) with “New module…”."
            )
        )
        self.table.retranslate()
        self.enrolled.retranslate()
        self._show_enrolled()

    def _archived_toggled(self, _checked: bool) -> None:
        self.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if self.services.is_locked:
            return  # a change delivered after the vault was locked: nothing to read
        if changes.concerns(ChangeKind.MODULE, ChangeKind.ENROLMENT, ChangeKind.PARTICIPANT):
            self.refresh()

    def clear(self) -> None:
        """Forget every row on screen (the vault is being locked)."""
        self.table.set_rows([])
        self.enrolled.set_rows([])

    def refresh(self) -> None:
        self.table.set_rows(self.services.modules.list(self.show_archived.isChecked()))
        if self.table.current_record() is None and not self.table.is_empty():
            self.table.view.selectRow(0)
        self._show_enrolled()

    def _show_enrolled(self) -> None:
        module = self.table.current_record()
        selected = module is not None
        self.edit_button.setEnabled(selected)
        self.archive_button.setEnabled(module is not None and not module.is_archived)
        self.register_button.setEnabled(selected)
        if module is None:
            self.enrolled_caption.setText(_("Select a module to see who is enrolled."))
            self.enrolled.set_empty_text("")
            self.enrolled.set_rows([])
            return
        self.enrolled.set_empty_text(_("Nobody is enrolled in this module yet."))
        self.enrolled_caption.setText(_("Enrolled in “{module}”").format(module=module.title))
        self.enrolled.set_rows(self.services.modules.participants_of_module(module.id))

    def open_module(self, module: ModuleRecord | None) -> RecordDialog:
        if module is None:
            title, store = _("New module"), self.services.modules.create
        else:
            title = _("Module")

            def store(draft: ModuleDraft) -> ModuleRecord:
                return self.services.modules.update(module.id, draft)

        dialog = RecordDialog(title, MODULE_FIELDS, ModuleDraft, store, module, self)
        dialog.open()
        return dialog

    def archive(self) -> None:
        module = self.table.current_record()
        if module is None:
            return
        answer = QMessageBox.question(
            self,
            _("Archive module"),
            _("Archive “{module}”? It is no longer offered; enrolments stay.").format(
                module=module.title
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            guarded(self, lambda: self.services.modules.archive(module.id))

    def open_register(self) -> RegisterDialog | None:
        """The register of a session of the selected module (today's by default)."""
        module = self.table.current_record()
        if module is None:
            return None
        dialog = RegisterDialog(self.services, module, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
