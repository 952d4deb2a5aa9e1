"""People due for erasure: erase one after a typed confirmation, then say where copies remain.

After an erasure her data is gone from the vault, but backups made before still hold
it. The dialog names them: the automatic ones (and the vault copies kept by upgrades
and restores) can be deleted at once; backups she made by hand elsewhere are listed
for her to delete herself.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import _, ngettext
from coachdesk.services.retention import Erasure
from coachdesk.ui.backup.automatic import manual_backups
from coachdesk.ui.kit.style import heading_label, message_label, wrapping_label
from coachdesk.ui.settings.erasure_confirm import TypedConfirmation
from coachdesk.ui.settings.erasure_model import DueTableModel, leftover_text
from coachdesk.vault import backup_format as fmt
from coachdesk.vault.errors import VaultError
from coachdesk.vault.generations import automatic_backup_folder, backups_made_before, older_copies


class ErasureDialog(QDialog):
    def __init__(
        self,
        services: Services,
        vault_path: Path,
        settings: QSettings,
        close_file: Callable[[int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("erasure_dialog")
        self.services = services
        self.vault_path = Path(vault_path)
        self.settings = settings
        self.close_file = close_file
        self.leftovers: list[Path] = []
        self.title = heading_label(1.3)
        self.intro = wrapping_label()
        self.model = DueTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("due_for_erasure")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DueTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        self.erase_button = QPushButton()
        self.message = message_label()
        self.message.setObjectName("erasure_message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.delete_button = QPushButton()
        self.delete_button.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        row = QHBoxLayout()
        row.addWidget(self.erase_button)
        row.addStretch(1)
        delete_row = QHBoxLayout()
        delete_row.addWidget(self.delete_button)
        delete_row.addStretch(1)
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addWidget(self.intro)
        box.addWidget(self.table, 1)
        box.addLayout(row)
        box.addWidget(self.message)
        box.addLayout(delete_row)
        box.addWidget(self.buttons)
        self.erase_button.clicked.connect(self.erase_selected)
        self.delete_button.clicked.connect(self.delete_leftovers)
        self.buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.resize(
            60 * self.fontMetrics().horizontalAdvance("M"), 30 * self.fontMetrics().height()
        )
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.setWindowTitle(_("People due for erasure"))
        self.title.setText(_("People due for erasure"))
        self.intro.setText(
            _(
                "Their retention date has come. Erasing deletes the person and everything "
                "about her from the vault: goals, meetings, consents, handovers, her papers, "
                "the history of exports. It cannot be undone."
            )
        )
        self.erase_button.setText(_("Erase…"))
        self.delete_button.setText(_("Delete these automatic backups and copies now"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.model.retranslate()

    def refresh(self) -> None:
        self.model.set_rows(self.services.retention.due_for_erasure(self.services.ctx.today()))
        if self.model.rowCount():
            self.table.selectRow(0)
        self._selection_changed()

    def _selection_changed(self) -> None:
        self.erase_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    def erase_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        person = self.model.row_at(rows[0].row())
        confirm = TypedConfirmation(person.display_name, self)
        if confirm.exec() != QDialog.DialogCode.Accepted:
            return
        self.erase(person.participant_id)

    def erase(self, participant_id: int) -> Erasure:
        """Close her file (a draft goes with her), erase her, and name what still holds her."""
        self.close_file(participant_id)
        erasure = self.services.retention.erase(participant_id)
        self.refresh()
        self._show_leftovers(erasure)
        return erasure

    def _show_leftovers(self, erasure: Erasure) -> None:
        automatic = [
            b.path
            for b in backups_made_before(
                automatic_backup_folder(self.vault_path), erasure.erased_at
            )
            if b.automatic
        ]
        self.leftovers = automatic + older_copies(self.vault_path)
        by_hand = [p for p in manual_backups(self.settings) if _made_before(p, erasure)]
        self.message.setText(leftover_text(self.leftovers, by_hand))
        self.delete_button.setVisible(bool(self.leftovers))

    def delete_leftovers(self) -> None:
        answer = QMessageBox.question(
            self,
            _("Delete backups"),
            ngettext(
                "Delete {count} automatic backup or kept vault copy? Until the next "
                "backup you then have no automatic backup at all.",
                "Delete {count} automatic backups and kept vault copies? Until the next "
                "backup you then have no automatic backup at all.",
                len(self.leftovers),
            ).format(count=len(self.leftovers)),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        failed = []
        for path in self.leftovers:
            try:
                if path.is_dir():
                    shutil.rmtree(path)
                else:
                    path.unlink(missing_ok=True)
            except OSError:
                failed.append(path)
        self.leftovers = failed
        self.delete_button.setVisible(bool(failed))
        if failed:
            self.message.setText(
                _("These could not be deleted; please delete them yourself:")
                + "\n"
                + "\n".join(str(p) for p in failed)
            )
        else:
            self.message.setText(
                _("Deleted. The next automatic backup is made when CoachDesk closes.")
            )


def _made_before(path: Path, erasure: Erasure) -> bool:
    """Made before the erasure; one that cannot be read now (a USB stick elsewhere) may be."""
    try:
        return fmt.read_header(path).created_at < erasure.erased_at
    except (OSError, VaultError):
        return True
