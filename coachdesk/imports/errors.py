"""The one error a spreadsheet import raises for a file or a choice the coach can correct."""

from __future__ import annotations

from collections.abc import Mapping

from coachdesk.i18n import Message


class ImportFileError(Exception):
    """The file cannot be read as a list of participants; ``message`` says why, in her words."""

    def __init__(self, msgid: str, params: Mapping[str, object] | None = None) -> None:
        self.message = Message(msgid, dict(params or {}))
        super().__init__(msgid)

    def __str__(self) -> str:
        return self.message.render()
