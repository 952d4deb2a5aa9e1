"""The page after creating a vault: the recovery code, shown once, and its printed sheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.documents.recovery_sheet import code_lines
from coachdesk.i18n import _
from coachdesk.ui.kit.style import heading_label, wrapping_label
from coachdesk.ui.unlock.recovery_sheet import default_sheet_name, write_recovery_sheet
from coachdesk.vault.errors import StorageError
from coachdesk.vault.output_paths import check_output_paths


class RecoveryPage(QWidget):
    """Shows a new vault's recovery code until she confirms she has it (``confirmed``)."""

    confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._code = ""
        self._vault_name = ""
        self._vault_path: Path | None = None
        box = QVBoxLayout(self)
        self.recovery_title = heading_label()
        self.recovery_intro = wrapping_label()
        self.recovery_label = QLabel()
        self.recovery_label.setObjectName("recovery_code")
        self.recovery_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.recovery_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.recovery_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.recovery_label.setMargin(self.fontMetrics().height())
        code_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        code_font.setPointSizeF(code_font.pointSizeF() * 1.6)
        code_font.setWeight(QFont.Weight.Bold)
        self.recovery_label.setFont(code_font)
        self.print_button = QPushButton()
        self.sheet_message = wrapping_label()
        self.confirm_written = QCheckBox()
        self.continue_button = QPushButton()
        self.continue_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        box.addStretch(1)
        box.addWidget(self.recovery_title)
        box.addWidget(self.recovery_intro)
        box.addSpacing(self.fontMetrics().height())
        box.addWidget(self.recovery_label)
        box.addSpacing(self.fontMetrics().height())
        box.addWidget(self.confirm_written)
        box.addLayout(buttons)
        box.addWidget(self.sheet_message)
        box.addStretch(2)
        self.print_button.clicked.connect(self._save_sheet)
        self.confirm_written.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self._continue)
        self.retranslate()

    def show_code(self, code: str, vault_name: str, vault_path: Path) -> None:
        self._code, self._vault_name, self._vault_path = code, vault_name, vault_path
        self.recovery_label.setText("\n".join(line for line in code_lines(code) if line))
        self.confirm_written.setChecked(False)
        self.sheet_message.setText("")

    def forget(self) -> None:
        """The code is shown once: gone from the screen and from memory."""
        self._code = ""
        self._vault_path = None
        self.recovery_label.setText("")
        self.sheet_message.setText("")

    def retranslate(self) -> None:
        self.recovery_title.setText(_("Your recovery code"))
        self.recovery_intro.setText(
            _(
                "If you forget your passphrase, this code opens the vault. It is shown only "
                "now. Write it down or print the recovery sheet, and keep it in a locked place."
            )
        )
        self.print_button.setText(_("Save the recovery sheet to print…"))
        self.confirm_written.setText(_("I have written down or printed the recovery code"))
        self.continue_button.setText(_("Continue"))

    def _continue(self) -> None:
        if self.confirm_written.isChecked():
            self.confirmed.emit()

    def _save_sheet(self) -> None:
        if not self._code or self._vault_path is None:
            return
        target, _filter = QFileDialog.getSaveFileName(
            self,
            _("Save recovery sheet"),
            str(Path.home() / default_sheet_name()),
            _("PDF files (*.pdf)"),
        )
        if target:
            self.save_sheet_to(Path(target))

    def save_sheet_to(self, target: Path) -> None:
        """Save the sheet at ``target`` and say where, or say why not."""
        assert self._vault_path is not None
        try:
            check_output_paths([target], vault=self._vault_path)
            write_recovery_sheet(target, self._code, self._vault_name)
        except StorageError as exc:  # a place in the vault folder: the command line's message
            self.sheet_message.setText(str(exc))
            return
        except OSError as exc:
            self.sheet_message.setText(str(StorageError.from_os_error(exc)))
            return
        self.sheet_message.setText(
            _("Saved as {file}. Print it now, then delete the file.").format(file=str(target))
        )
