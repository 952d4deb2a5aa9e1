"""The offer catalogue: modules of the programme, and who is enrolled in each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import N_, _
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.modules import ModuleDraft, ModuleRecord
from coachdesk.ui.export.worker import ServiceJob, without_cyclic_gc
from coachdesk.ui.file.section import button_row, guarded
from coachdesk.ui.kit.icons import Icon, icon
from coachdesk.ui.kit.programme_combo import ProgrammeCombo
from coachdesk.ui.kit.record_dialog import Field, RecordDialog
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.kit.style import heading_label
from coachdesk.ui.modules.enrolment_model import EnrolmentTableModel
from coachdesk.ui.modules.model import ModuleTableModel
from coachdesk.ui.modules.programmes import ProgrammesPanel
from coachdesk.ui.modules.register_dialog import RegisterDialog
from coachdesk.ui.shell.signals import AppSignals

MODULE_FIELDS = (
    Field("title", N_("Title")),
    Field("programme_id", N_("Programme"), "choice", none_text=N_("All programmes")),
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
    """``enrolled_changed`` fires when the enrolled list has been (re)loaded off the UI thread."""

    enrolled_changed = Signal()

    def __init__(
        self, services: Services, signals: AppSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.signals = signals
        self.heading = heading_label()
        self.programme = ProgrammeCombo()
        self.programme.currentIndexChanged.connect(lambda _i: self.refresh())
        self.programmes = ProgrammesPanel(services, signals)
        self.tabs = QTabWidget()
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
        self.table.selection_changed.connect(self._selection_changed)
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
        top_layout.insertWidget(0, self.programme, 0, Qt.AlignmentFlag.AlignLeft)
        top_layout.addWidget(self.table)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.addWidget(self.enrolled_caption)
        bottom_layout.addWidget(self.enrolled)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        self.tabs.addTab(splitter, "")
        self.tabs.addTab(self.programmes, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        self._shown_module: int | None = None
        """The module whose enrolments the lower list shows."""
        self._loading: tuple[int, ServiceJob] | None = None
        """The module whose enrolments are being read, and the job reading them."""
        signals.changed.connect(self._on_changed)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.heading.setText(_("Modules (offer catalogue)"))
        self.tabs.setTabText(0, _("Catalogue"))
        self.tabs.setTabText(1, _("Programmes"))
        self.programme.setAccessibleName(_("Programme"))
        self.programme.setToolTip(_("Show the modules of one programme and those for all"))
        self.programme.retranslate()
        self.programmes.retranslate()
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
        if changes.concerns(ChangeKind.MODULE, ChangeKind.PROGRAMME) or (
            changes.concerns(ChangeKind.ENROLMENT) and not changes.participant_ids
        ):
            self.refresh()
        elif changes.concerns(ChangeKind.ENROLMENT):
            # Places taken change; the enrolled list only if she is (or was) in the module shown.
            self.table.set_rows(self._modules())
            if self._concerns_shown(changes.participant_ids, enrolled_now=True):
                self._show_enrolled(force=True)
        elif changes.concerns(ChangeKind.PARTICIPANT) and changes.participant_ids:
            self._update_names(changes.participant_ids)

    def _concerns_shown(self, participant_ids: frozenset[int], *, enrolled_now: bool) -> bool:
        """Whether one of them is listed in the shown module (or, ``enrolled_now``, is now)."""
        listed = {e.participant_id for e in self.enrolled.model.rows()}
        if listed & participant_ids:
            return True
        return enrolled_now and any(
            e.module_id == self._shown_module
            for pid in participant_ids
            for e in self.services.modules.enrolments_for_participant(pid)
        )

    def _update_names(self, participant_ids: frozenset[int]) -> None:
        """Her new name in the enrolled list, read from her own enrolments only."""
        if not self._concerns_shown(participant_ids, enrolled_now=False):
            return
        mine = [
            e
            for pid in participant_ids
            for e in self.services.modules.enrolments_for_participant(pid)
            if e.module_id == self._shown_module
        ]
        self.enrolled.model.replace_records(mine, lambda e: e.id)

    def clear(self) -> None:
        """Forget every row on screen (the vault is being locked)."""
        self._loading = None
        self._shown_module = None
        self.table.set_rows([])
        self.enrolled.set_rows([])
        self.programmes.clear()

    def refresh(self) -> None:
        # What is shown may be stale now: the selection restored below reads it once more.
        self._shown_module, self._loading = None, None
        self._fill_programmes()  # after an unlock: this vault's programmes
        self.table.set_rows(self._modules())
        if self.table.current_record() is None and not self.table.is_empty():
            self.table.view.selectRow(0)
        self._show_enrolled()

    def _modules(self) -> list[ModuleRecord]:
        return self.services.modules.list(self.show_archived.isChecked(), self.programme.value())

    def _fill_programmes(self) -> None:
        self.programme.set_programmes(self.services.programmes.list(include_archived=True))

    def _selection_changed(self) -> None:
        self._show_enrolled(force=False)

    def _show_enrolled(self, force: bool = False) -> None:
        module = self.table.current_record()
        selected = module is not None
        self.edit_button.setEnabled(selected)
        self.archive_button.setEnabled(module is not None and not module.is_archived)
        self.register_button.setEnabled(selected)
        if module is None:
            self._loading, self._shown_module = None, None
            self.enrolled_caption.setText(_("Select a module to see who is enrolled."))
            self.enrolled.set_empty_text("")
            self.enrolled.set_rows([])
            return
        self.enrolled_caption.setText(_("Enrolled in “{module}”").format(module=module.title))
        if not force and module.id in (self._shown_module, self._loading_module()):
            return  # already shown (or on its way): a selection restored after a reload
        self._load_enrolled(module.id)

    def _load_enrolled(self, module_id: int) -> None:
        """Read the module's enrolments off the UI thread; the list shows when they arrive."""
        if self._shown_module != module_id:
            self.enrolled.set_empty_text(_("Loading…"))
            self.enrolled.set_rows([])
        modules = self.services.modules
        job = ServiceJob(without_cyclic_gc(lambda: modules.participants_of_module(module_id)))
        self._loading = (module_id, job)
        # Bound methods, not lambdas: Qt drops the connection when the view is deleted.
        job.signals.finished.connect(self._enrolled_loaded)
        job.signals.failed.connect(self._enrolled_failed)
        job.start()

    def _loading_module(self) -> int | None:
        return self._loading[0] if self._loading is not None else None

    def _enrolled_failed(self, _error: BaseException) -> None:
        self._enrolled_loaded([])  # e.g. the module was erased meanwhile: nobody to show

    def _enrolled_loaded(self, rows: list[Any]) -> None:
        loading = self._loading
        if loading is None or self.sender() is not loading[1].signals:
            return  # another module was chosen meanwhile, or the vault locked
        self._loading, self._shown_module = None, loading[0]
        self.enrolled.set_empty_text(_("Nobody is enrolled in this module yet."))
        self.enrolled.set_rows(rows)
        self.enrolled_changed.emit()

    def open_module(self, module: ModuleRecord | None) -> RecordDialog:
        if module is None:
            title, store = _("New module"), self.services.modules.create
        else:
            title = _("Module")

            def store(draft: ModuleDraft) -> ModuleRecord:
                return self.services.modules.update(module.id, draft)

        keep = module.programme_id if module is not None else self.programme.value()
        fields = [replace(f, choices=self._programme_choices(keep)) for f in MODULE_FIELDS]
        current = module or ModuleDraft("", programme_id=keep)
        dialog = RecordDialog(title, fields, ModuleDraft, store, current, self)
        dialog.open()
        return dialog

    def _programme_choices(self, keep: int | None) -> Callable[[], list[tuple[str, int]]]:
        """The programmes on offer, and ``keep`` (the module's own) even when archived."""
        found = self.services.programmes.list(include_archived=True)
        return lambda: [(p.name, p.id) for p in found if not p.archived or p.id == keep]

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
