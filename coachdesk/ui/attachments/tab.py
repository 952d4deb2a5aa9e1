"""The "Papers" tab of her file: scans, photos and PDFs kept inside the vault.

Keys: Ctrl+Shift+A adds, Enter (or a double-click) opens the paper in the viewer, F2 edits
its title, category, date and link, Delete removes it after naming it. Files dropped onto
the tab (or anywhere on her file window) are added too.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHeaderView, QMessageBox, QPushButton, QVBoxLayout, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.services.attachment_records import AttachmentRecord
from coachdesk.services.context import ChangeKind
from coachdesk.ui.attachments.adding import add_papers, choose_files
from coachdesk.ui.attachments.dialog import PaperDialog
from coachdesk.ui.attachments.drops import FileDropFilter
from coachdesk.ui.attachments.links import Link, link_choices, link_of
from coachdesk.ui.attachments.model import THUMBNAIL_PX, PaperRow, PaperTableModel
from coachdesk.ui.attachments.opening import draw_thumbnail, save_copy, show_paper
from coachdesk.ui.file.section import FileSection, button_row, guarded
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.kit.style import wrapping_label
from coachdesk.ui.shell.signals import AppSignals

ADD_KEYS = "Ctrl+Shift+A"


class PapersTab(FileSection):
    KINDS = (
        ChangeKind.ATTACHMENT,
        ChangeKind.CONSENT,
        ChangeKind.HANDOVER,
        ChangeKind.MEETING,
        ChangeKind.ORGANISATION,
        ChangeKind.CONTACT,
    )
    """Papers, and the records whose labels say what a paper belongs to."""

    def __init__(
        self,
        services: Services,
        signals: AppSignals,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, signals, participant_id, parent)
        self.paper_model = PaperTableModel(self)
        self.paper_model.draw = lambda paper: draw_thumbnail(services, paper)
        self.table = RecordTable(self.paper_model)
        view = self.table.view
        view.setIconSize(QSize(THUMBNAIL_PX, THUMBNAIL_PX))
        view.verticalHeader().setDefaultSectionSize(THUMBNAIL_PX + 8)
        view.setWordWrap(True)  # rows are as tall as the small pictures: room for two lines
        # Title and link share what the short columns leave (in German too, without scrolling);
        # a cut text shows whole as a tooltip.
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (PaperTableModel.TITLE, PaperTableModel.BELONGS_TO):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.hint = wrapping_label()
        self.add_button = QPushButton()
        self.open_button = QPushButton()
        self.edit_button = QPushButton()
        self.remove_button = QPushButton()
        self.add_button.clicked.connect(self.add_papers)
        self.open_button.clicked.connect(lambda: self.open_paper(self.current()))
        self.edit_button.clicked.connect(lambda: self.edit_paper(self.current()))
        self.remove_button.clicked.connect(lambda: self.remove_paper(self.current()))
        self.table.activated.connect(lambda row: self.open_paper(row.paper if row else None))
        self.table.selection_changed.connect(self._update_buttons)
        self._keys(view)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(
            button_row(self.add_button, self.open_button, self.edit_button, self.remove_button)
        )
        layout.addWidget(self.table, 1)
        self.drops = FileDropFilter(self, self._dropped)
        self.retranslate()
        self.refresh()

    def _keys(self, view: QWidget) -> None:
        add = QShortcut(QKeySequence(ADD_KEYS), self, self.add_papers)
        add.setContext(Qt.ShortcutContext.WindowShortcut)
        for keys, slot in (
            (QKeySequence(Qt.Key.Key_F2), lambda: self.edit_paper(self.current())),
            (QKeySequence(QKeySequence.StandardKey.Delete), self._remove_current),
        ):
            shortcut = QShortcut(keys, view, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

    def retranslate(self) -> None:
        self.hint.setText(
            _(
                "Scans, photos and PDFs of her papers, kept encrypted in the vault. They are "
                "shown inside CoachDesk; nothing is copied to the disk unless you save a copy."
            )
        )
        self.add_button.setText(_("Add paper…"))
        self.add_button.setToolTip(_("Add a scan, photo or PDF ({keys})").format(keys=ADD_KEYS))
        self.open_button.setText(_("Show"))
        self.open_button.setToolTip(_("Show the paper (Enter)"))
        self.edit_button.setText(_("Edit…"))
        self.edit_button.setToolTip(_("Change title, category, date or what it belongs to (F2)"))
        self.remove_button.setText(_("Remove…"))
        self.remove_button.setToolTip(_("Remove the paper from her file (Delete)"))
        self.table.set_empty_text(
            _(
                "No papers yet. Drop a scan, photo or PDF here, or press “Add paper…” "
                "({keys}). Signed consent forms, certificates and her CV belong here."
            ).format(keys=ADD_KEYS)
        )
        self.table.retranslate()
        if not self.table.is_empty() and not self.services.is_locked:
            self.refresh()  # what a paper belongs to was said in the old language

    def refresh(self) -> None:
        labels = dict(link_choices(self.services, self.participant_id))
        papers = self.services.attachments.list_for_participant(self.participant_id)
        rows = [PaperRow(p, labels.get(link, "") if (link := link_of(p)) else "") for p in papers]
        self.table.set_rows(rows)
        self._update_buttons()

    def current(self) -> AttachmentRecord | None:
        row = self.table.current_record()
        return row.paper if isinstance(row, PaperRow) else None

    def _update_buttons(self) -> None:
        selected = self.current() is not None
        for button in (self.open_button, self.edit_button, self.remove_button):
            button.setEnabled(selected)

    # -- actions ------------------------------------------------------------------------------

    def add_papers(self) -> PaperDialog | None:
        """Choose files in the system's file dialog, then name them one by one."""
        return self.add_files(choose_files(self))

    def _dropped(self, paths: list[Path], _where: object) -> None:
        self.add_files(paths)

    def add_files(self, paths: Sequence[Path], link: Link | None = None) -> PaperDialog | None:
        dialog = add_papers(self, self.services, self.participant_id, paths, link)
        if dialog is not None:
            dialog.accepted.connect(lambda: self._select_added(dialog.added))
        return dialog

    def _select_added(self, added: list[AttachmentRecord]) -> None:
        if added:
            self.table.select_where(lambda row: row.paper.id == added[-1].id)

    def open_paper(self, paper: AttachmentRecord | None) -> QWidget | None:
        if paper is None:
            return None
        return show_paper(self, self.services, paper)

    def edit_paper(self, paper: AttachmentRecord | None) -> PaperDialog | None:
        if paper is None:
            return None
        dialog = PaperDialog(self.services, self.participant_id, paper=paper, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def save_copy(self, paper: AttachmentRecord | None) -> Path | None:
        return save_copy(self, self.services, paper) if paper is not None else None

    def _remove_current(self) -> None:
        self.remove_paper(self.current())

    def remove_paper(self, paper: AttachmentRecord | None, *, ask: bool = True) -> bool:
        if paper is None:
            return False
        if ask:
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Question)
            box.setWindowTitle(_("Remove paper"))
            box.setText(_("Remove “{title}” from her file?").format(title=paper.title))
            box.setInformativeText(
                _(
                    "The paper is deleted from the vault. Copies you saved elsewhere stay "
                    "where they are."
                )
            )
            remove = box.addButton(_("Remove"), QMessageBox.ButtonRole.DestructiveRole)
            keep = box.addButton(_("Keep"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(keep)
            box.setEscapeButton(keep)
            box.exec()
            if box.clickedButton() is not remove:
                return False

        def removed() -> bool:
            self.services.attachments.remove(paper.id)
            return True

        return guarded(self, removed) is True
