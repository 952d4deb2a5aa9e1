"""The success story page: whose story, under which approved name, the text, sign and save."""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import N_, _, format_date
from coachdesk.reports.service import ReportService
from coachdesk.services.errors import ValidationError
from coachdesk.services.participants import ListFilter
from coachdesk.ui.file.section import button_row, guarded
from coachdesk.ui.kit.form_rows import FormRows
from coachdesk.ui.reports.name_model import ParticipantNameModel
from coachdesk.ui.reports.save import ask_pdf_path, language_combo, show_saved
from coachdesk.ui.shell.busy import busy_cursor
from coachdesk.vault.errors import VaultError

DRAFT_DELAY_MS = 2000


def draft_key(participant_id: int) -> str:
    return f"success-story:{participant_id}"


class SuccessStoryPage(QWidget):
    """Her story is kept as a draft in the vault while it is written (lock, crash, switching)."""

    def __init__(
        self, services: Services, reports: ReportService, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.reports = reports
        self._shown_pid: int | None = None
        self._loading = False
        self._unsaved = False
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._autosave)
        self.names = ParticipantNameModel(self)
        self.participant = QComboBox()
        self.participant.setModel(self.names)
        # Sized by a typical name, not by measuring every name of the archive when shown.
        self.participant.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.participant.setMinimumContentsLength(28)
        self.participant.currentIndexChanged.connect(self._participant_changed)
        self.basis = QLabel()
        self.basis.setWordWrap(True)
        self.title = QLineEdit()
        self.text = QPlainTextEdit()
        self.title.textEdited.connect(self._typed)
        self.text.textChanged.connect(self._typed)
        self.language = language_combo()
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.rows = FormRows()
        self.rows.add("participant_id", N_("Participant"), self.participant)
        self.rows.add("basis", N_("Published as"), self.basis)
        self.rows.add("title", N_("Title"), self.title)
        self.rows.add("language", N_("Language of the report"), self.language)
        layout = QVBoxLayout(self)
        layout.addLayout(self.rows.layout)
        layout.addWidget(self.hint)
        layout.addWidget(self.text, 1)
        layout.addLayout(button_row(self.save_button))
        self._loaded = False
        """Whether the names are read: on first showing the page, not when Reports opens
        (at 50,000 participants reading them held the window for a second)."""
        self.retranslate()
        self.update_basis()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    # -- drafts ------------------------------------------------------------------------------

    def _typed(self) -> None:
        if not self._loading:
            self._unsaved = True
            self._draft_timer.start()

    def save_draft(self) -> None:
        """Keep what she typed since the last save in the vault, as the story of the person shown.

        Touches the vault only when something was typed, so a page left behind after the vault
        locked (the lock path saves first) never reaches for a closed database.
        """
        self._draft_timer.stop()
        if self._unsaved:
            guarded(self, self._store_draft)

    def _autosave(self) -> None:
        # A save in the background never interrupts her with a dialog; it is tried again at
        # the next pause, and switching participant or locking saves explicitly.
        if self._unsaved:
            with contextlib.suppress(VaultError, ValidationError):
                self._store_draft()

    def _store_draft(self) -> None:
        pid = self._shown_pid
        if pid is None:
            return
        title, text = self.title.text(), self.text.toPlainText()
        if title.strip() or text.strip():
            payload = {"participant_id": pid, "title": title, "text": text}
            self.services.drafts.save(draft_key(pid), payload)
        else:
            self.services.drafts.discard(draft_key(pid))
        self._unsaved = False

    def _show_draft_of(self, pid: int | None) -> None:
        draft = self.services.drafts.load(draft_key(pid)) if pid is not None else None
        self._loading = True
        self.title.setText(str((draft or {}).get("title", "")))
        self.text.setPlainText(str((draft or {}).get("text", "")))
        self._loading = False
        self._shown_pid = pid

    def clear(self) -> None:
        """Before locking: keep what she typed as a draft, then take it off the screen."""
        self.save_draft()
        self._loading = True
        self.title.clear()
        self.text.clear()
        self.participant.blockSignals(True)
        self.names.set_rows([])  # her name is not left in the list either
        self._loaded = False
        self.participant.blockSignals(False)
        self._loading = False
        self._shown_pid = None

    def _participant_changed(self) -> None:
        if self._shown_pid != self.participant_id():
            self.save_draft()
            self._show_draft_of(self.participant_id())
        self.update_basis()

    def retranslate(self) -> None:
        self.rows.retranslate()
        self.hint.setText(
            _(
                "Write her story in a few paragraphs (an empty line starts a new one). "
                "Use only the approved name; her real names and contact data are refused."
            )
        )
        self.title.setPlaceholderText(_("Success story"))
        self.save_button.setText(_("Sign and save…"))
        self.update_basis()

    def refresh(self) -> None:
        """Every participant; the basis line says whether her story may be published."""
        self._loaded = True
        current = self.participant.currentData()
        self.participant.blockSignals(True)
        self.names.set_rows(self.services.participants.list())
        index = self.names.row_of(current) if current is not None else -1
        self.participant.setCurrentIndex(max(index, 0) if self.names.rowCount() else -1)
        self.participant.blockSignals(False)
        self._participant_changed()

    def refresh_if_loaded(self) -> None:
        """Read every name again, unless the page was never shown (then it reads them then)."""
        if self._loaded:
            self.refresh()

    def update_names(self, participant_ids: frozenset[int]) -> None:
        """Their names only (a save in her file), not the list of every participant."""
        if not self._loaded:
            return  # read whole when the page is first shown
        current = self.participant.currentData()
        self.participant.blockSignals(True)
        for pid in participant_ids:
            self.names.put_row(pid, self.services.participants.row(pid, ListFilter()))
        index = self.names.row_of(current) if current is not None else -1
        self.participant.setCurrentIndex(max(index, 0) if self.names.rowCount() else -1)
        self.participant.blockSignals(False)
        self._participant_changed()

    def participant_id(self) -> int | None:
        value = self.participant.currentData()
        return int(value) if value is not None else None

    def update_basis(self) -> None:
        """Say under which name the story would appear, or why it cannot be published."""
        pid = self.participant_id()
        if pid is None:
            self.basis.setText(_("No participants yet."))
            self.save_button.setEnabled(False)
            return
        try:
            basis = self.reports.success_story_basis(pid)
        except ValidationError as err:
            self.basis.setText(err.render())
            self.save_button.setEnabled(False)
            return
        self.basis.setText(
            _("“{name}” (publication consent of {date})").format(
                name=basis.approved_name, date=format_date(basis.consent_given_on)
            )
        )
        self.save_button.setEnabled(True)

    def save(self) -> Any:
        pid = self.participant_id()
        if pid is None:
            return None
        path = ask_pdf_path(self, _("Success story"), self.reports.ctx.today().isoformat())
        if path is None:
            return None
        lang = self.language.currentData() or "de"
        title, text = self.title.text(), self.text.toPlainText()
        with busy_cursor():
            result = guarded(
                self, lambda: self.reports.export_success_story_to(path, pid, title, text, lang)
            )
        if result is not None:
            self._draft_timer.stop()
            self._unsaved = False
            self.services.drafts.discard(draft_key(pid))
            show_saved(self, result)
        return result
