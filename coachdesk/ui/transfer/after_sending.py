"""After the transfer file is written: archive the files that went, or erase her copy."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from coachdesk.i18n import _
from coachdesk.services.errors import NotFoundError


class AfterSending:
    """The hand-over dialog's last step (``sent_ids``: who went)."""

    services: Any
    participant_id: int
    name: str
    sent_ids: tuple[int, ...]
    problem: Any
    outcome: Any
    archive_button: Any
    erase_button: Any
    call: Any

    def _failed(self, exc: Exception) -> None:
        """The dialog's: shows what went wrong."""
        raise exc

    def archive(self) -> None:
        try:
            for pid in self.sent_ids:
                self.services.participants.archive(pid)
        except NotFoundError as err:
            self.problem.setText(str(err))
            return
        self.archive_button.setEnabled(False)
        if len(self.sent_ids) > 1:
            self.outcome.setText(_("Their files are archived."))
        else:
            self.outcome.setText(_("Her file is archived."))

    def erase(self) -> None:
        from coachdesk.ui.settings.erasure_confirm import TypedConfirmation

        parent = self if isinstance(self, QWidget) else None
        if not TypedConfirmation(self.name, parent).exec():
            return
        retention = self.services.retention
        pid = self.participant_id
        self.call.start(
            lambda: retention.erase(pid), _("Erasing her file…"), self._erased, self._failed
        )

    def _erased(self, _erasure: object) -> None:
        self.outcome.setText(_("Her file is erased from this vault."))
        self.archive_button.setEnabled(False)
        self.erase_button.setEnabled(False)
