"""Saving the recovery sheet from the window, in the language the coach reads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coachdesk import i18n
from coachdesk.documents.recovery_sheet import render_recovery_sheet
from coachdesk.vault.saving import save_atomically


def default_sheet_name() -> str:
    """The file name offered in the save dialog, in her language."""
    return i18n._("coachdesk-recovery-sheet") + ".pdf"


def write_recovery_sheet(path: Path, recovery_code: str, vault_name: str) -> None:
    """Save the sheet at ``path`` (whole or not at all); OSError when the disk refuses."""
    lang = i18n.current_language()
    data = render_recovery_sheet(
        recovery_code, vault_name=vault_name, created_on=dt.date.today(), lang=lang
    )
    save_atomically(path, data)
