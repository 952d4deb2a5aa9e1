"""Participants: the list with search-as-you-type, filters, and the actions new and archive."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import _, ngettext
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.participants import ListFilter
from coachdesk.ui.batch.launch import BatchButton
from coachdesk.ui.importing.launch import ImportButton
from coachdesk.ui.kit.icons import Icon, icon
from coachdesk.ui.kit.programme_combo import ProgrammeCombo
from coachdesk.ui.kit.style import heading_label
from coachdesk.ui.participants.filters import (
    empty_page,
    empty_text,
    fill_status_filter,
)
from coachdesk.ui.participants.loading import ListLoading
from coachdesk.ui.participants.table import ParticipantTable
from coachdesk.ui.participants.table_model import ParticipantTableModel
from coachdesk.ui.shell.signals import AppSignals
from coachdesk.ui.transfer.launch import OpenTransferButton

SEARCH_DELAY_MS = 250
"""Wait this long after the last keystroke before asking the search index."""
ROW_UPDATE_LIMIT = 50
"""A change of at most this many participants updates their rows; more reload the list."""


class ParticipantsView(QWidget):
    """Emits ``open_requested(participant_id)`` when a row is opened (double-click or Enter)."""

    open_requested = Signal(int)

    def __init__(
        self, services: Services, signals: AppSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self._stale = False
        self.model = ParticipantTableModel(self)
        self.lists = ListLoading(services, self.model, self)
        self.lists.completed.connect(self._completed)

        self.search = QLineEdit()
        self.search.setObjectName("participant_search")
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.programme_filter = ProgrammeCombo()
        self.show_archived = QCheckBox()
        self.new_button = QPushButton(icon(Icon.NEW_PARTICIPANT), "")
        self.archive_button = QPushButton()
        self.archive_button.setEnabled(False)
        self.batch_button = BatchButton(services, self.selected_ids)
        self.transfer_button = OpenTransferButton(services, opened=self.open_requested.emit)
        self.count_label = QLabel()

        self.table = ParticipantTable(self.model)

        self.clear_button = QPushButton()
        self.empty, empty = empty_page(self.clear_button)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(empty)

        self.title = heading_label()
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.programme_filter, 1)
        filters.addWidget(self.show_archived)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        actions.addWidget(ImportButton(services, signals))
        actions.addWidget(self.batch_button)
        actions.addWidget(self.transfer_button)
        actions.addWidget(self.archive_button)
        actions.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        layout.addLayout(actions)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.search.returnPressed.connect(self._open_first_hit)
        self.status_filter.currentIndexChanged.connect(self.refresh)
        self.programme_filter.currentIndexChanged.connect(self.refresh)
        self.show_archived.toggled.connect(self.refresh)
        self.new_button.clicked.connect(self.new_participant)
        self.archive_button.clicked.connect(self.archive_selected)
        self.clear_button.clicked.connect(self.clear_filters)
        self.table.activated.connect(self._open_index)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.signals = signals
        signals.changed.connect(self._on_changes)

        fill_status_filter(self.status_filter)
        self._fill_programme_filter()
        self.retranslate()
        self.refresh()

    # -- filters ----------------------------------------------------------------------------------

    def _fill_programme_filter(self) -> None:
        # Archived programmes too: their files are still in the list.
        programmes = self.services.programmes.list(include_archived=True)
        self.programme_filter.set_programmes(programmes)

    def has_filters(self) -> bool:
        return bool(
            self.search.text().strip()
            or self.status_filter.currentData() is not None
            or self.programme_filter.value() is not None
        )

    def clear_filters(self) -> None:
        self.search.clear()
        self.status_filter.setCurrentIndex(0)
        self.programme_filter.setCurrentIndex(0)
        self.refresh()

    # -- data -------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._debounce.stop()
        self.lists.load(self.list_filter())
        self._update_state()

    def _completed(self, changed: frozenset[int]) -> None:
        # Those saved while the list was read (none: the count). Qt fetches more rows on
        # its own if she waited at the end of the first page (after the layout change).
        self._update_rows(changed)

    def list_filter(self) -> ListFilter:
        return ListFilter(
            self.search.text(),
            self.status_filter.currentData(),
            self.programme_filter.value(),
            self.show_archived.isChecked(),
        )

    def _update_rows(self, participant_ids: frozenset[int]) -> None:
        """Re-read only her row (or theirs): sort, filters and selection stay as they are."""
        where = self.list_filter()
        self.lists.note_changed(participant_ids)
        for pid in participant_ids:
            row = self.services.participants.row(pid, where)
            self.model.put_row(pid, row)
        self._update_state()

    def _update_state(self) -> None:
        shown = self.lists.total()
        self.count_label.setText(
            ngettext("{n} participant", "{n} participants", shown).format(n=shown)
        )
        if shown:
            self.stack.setCurrentIndex(0)
            return
        self.stack.setCurrentIndex(1)
        filtered = self.has_filters()
        self.clear_button.setVisible(filtered)
        self.empty.setText(empty_text(filtered, lambda: self.services.participants.count() == 0))

    def clear(self) -> None:
        """Forget every row and stop listening (the vault is being locked)."""
        with contextlib.suppress(RuntimeError, TypeError):
            self.signals.changed.disconnect(self._on_changes)
        for widget in (self.search, self.status_filter, self.programme_filter):
            widget.blockSignals(True)
        self.search.clear()
        self.programme_filter.clear()
        self._debounce.stop()
        self.lists.forget()
        self.model.clear()

    def _on_changes(self, changes: Changes) -> None:
        if self.services.is_locked or not changes.concerns(
            ChangeKind.PARTICIPANT, ChangeKind.ESF, ChangeKind.PROGRAMME
        ):
            return  # not hers, or delivered after the vault was locked: nothing to read
        if self._stale:
            return  # reloaded whole when shown again
        if changes.concerns(ChangeKind.PROGRAMME):
            self._fill_programme_filter()  # a new or renamed programme: every row may show it
            changes = Changes.of(changes.kinds)
        if changes.participant_ids and len(changes.participant_ids) <= ROW_UPDATE_LIMIT:
            self._update_rows(changes.participant_ids)
        elif self.isVisible():
            self._fill_programme_filter()
            self.refresh()
        else:
            self._stale = True  # caught up in showEvent

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._fill_programme_filter()
            self.refresh()

    # -- actions ----------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def selected_ids(self) -> list[int]:
        """The selected participants, in the list's order (the batch numbers them so)."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.row_at(row).id for row in rows]

    def _open_index(self, index: QModelIndex) -> None:
        participant_id = self.model.participant_id(index)
        if participant_id is not None:
            self.open_requested.emit(participant_id)

    def _open_first_hit(self) -> None:
        self.refresh()
        if self.model.rowCount() == 1:
            self._open_index(self.model.index(0, 0))
        elif self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def _selection_changed(self) -> None:
        indexes = self.table.selectionModel().selectedRows()
        self.archive_button.setEnabled(len(indexes) == 1)  # one at a time, with her name asked
        if indexes:
            archived = self.model.row_at(indexes[0].row()).archived
            self.archive_button.setText(_("Restore from archive") if archived else _("Archive"))

    def new_participant(self) -> None:
        from coachdesk.ui.participants.new_dialog import NewParticipantDialog

        participant_id = NewParticipantDialog(self.services, self).run()
        if participant_id is not None:
            self.open_requested.emit(participant_id)

    def archive_selected(self) -> None:
        indexes = self.table.selectionModel().selectedRows()
        if not indexes:
            return
        row = self.model.row_at(indexes[0].row())
        if row.archived:
            self.services.participants.unarchive(row.id)
            return
        answer = QMessageBox.question(
            self,
            _("Archive participant"),
            _(
                "Archive {name}? Her file stays in the vault but leaves the list. "
                'Tick "Show archived" to see her again.'
            ).format(name=row.display_name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.services.participants.archive(row.id)

    def retranslate(self) -> None:
        self.title.setText(_("Participants"))
        self.search.setPlaceholderText(_("Search… (Ctrl+F)"))
        self.search.setAccessibleName(_("Search participants"))
        self.search.setToolTip(
            _("Finds names, customer numbers, goals and meeting summaries as you type.")
        )
        self.show_archived.setText(_("Show archived"))
        self.new_button.setText(_("New participant…"))
        self.new_button.setToolTip(_("Take up a new participant (Ctrl+N)"))
        self.archive_button.setText(_("Archive"))
        self.batch_button.retranslate()
        self.transfer_button.retranslate()
        self.clear_button.setText(_("Clear search and filters"))
        fill_status_filter(self.status_filter)
        self.programme_filter.retranslate()
        self.model.retranslate()
        self.table.fit_columns()
        self._update_state()
