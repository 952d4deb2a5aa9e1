"""What the command line accepts from outside, checked before it is used.

Arguments, environment values and input files come from people and scripts: a passphrase
file that Windows Notepad saved with a byte-order mark or as UTF-16, an environment value
that is not UTF-8, an id beyond what SQLite stores, a date at the end of the calendar, a
text longer than any field takes, a mistyped path. Each becomes one line that says what
to change (through ``CliError`` or argparse's own error), never a traceback, and never
the wrong diagnosis ("not a backup" for a file that is not there).
"""

from __future__ import annotations

import argparse
import codecs
import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

from coachdesk.i18n import N_, Message, _

# Same bound as the services (coachdesk.services.common.SQLITE_INTEGERS): ids are positive.
LARGEST_ID = 2**63 - 1
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2999, 12, 31)
"""Dates a report period may name: generous for any programme, far from the calendar's end."""
PURPOSE_LIMIT = 20_000
"""Longest purpose of a document: the services' limit for a free text (TEXT_LIMIT)."""
SECRET_FILE_LIMIT = 64 * 1024
"""A passphrase or recovery code file larger than this is not one (and is not read whole)."""


class CliError(Exception):
    """An expected problem of the command line itself (missing file, bad option, ...)."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(message.msgid)

    def render(self, lang: str | None = None) -> str:
        return self.message.render(lang)


def record_id(text: str) -> int:
    """argparse type of an id (participant, organisation, contact person, meeting)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a record number: {text}").format(text=_shortened(text))
        ) from None
    if not 1 <= value <= LARGEST_ID:
        raise argparse.ArgumentTypeError(
            _("no record has the number {text}").format(text=_shortened(text))
        )
    return value


def report_date(text: str) -> dt.date:
    """argparse type of a date in a report period (YYYY-MM-DD, 1900 to 2999)."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date (YYYY-MM-DD): {text}").format(text=_shortened(text))
        ) from None
    return _within_range(day, text, _("choose a date between {first} and {last}: {text}"), 10)


def report_month(text: str) -> dt.date:
    """argparse type of a calendar month (YYYY-MM), as its first day."""
    try:
        year, month = (int(part) for part in text.split("-"))
        day = dt.date(year, month, 1)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a month (YYYY-MM): {text}").format(text=_shortened(text))
        ) from None
    return _within_range(day, text, _("choose a month between {first} and {last}: {text}"), 7)


def _within_range(day: dt.date, text: str, refusal: str, shown: int) -> dt.date:
    """``day``, or the refusal naming the range (its first ``shown`` characters of ISO)."""
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        first, last = EARLIEST_DATE.isoformat()[:shown], LATEST_DATE.isoformat()[:shown]
        raise argparse.ArgumentTypeError(refusal.format(first=first, last=last, text=text))
    return day


def text_of_at_most(limit: int) -> Callable[[str], str]:
    """argparse type of a free text (a purpose) the services accept: UTF-8, ``limit`` long."""

    def checked(text: str) -> str:
        if not is_utf8(text):
            raise argparse.ArgumentTypeError(_("the text is not valid UTF-8"))
        if len(text) > limit:
            raise argparse.ArgumentTypeError(
                _("the text is too long ({length} characters, at most {limit})").format(
                    length=len(text), limit=limit
                )
            )
        return text

    return checked


def is_utf8(text: str) -> bool:
    """False for what Python made of bytes that are not UTF-8 (lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def environment_text(name: str) -> str:
    """The environment variable ``name`` ("" if unset); CliError if it is not UTF-8."""
    value = os.environ.get(name, "")
    if not is_utf8(value):
        raise CliError(
            Message(
                N_("The {env} environment variable is not UTF-8 text. Please set it again."),
                {"env": name},
            )
        )
    return value


def require_file(path: Path) -> None:
    """CliError naming ``path`` unless it exists (a mistyped name is "no such file")."""
    if not os.path.lexists(path) or not path.exists():
        raise CliError(Message(N_("There is no such file: {path}"), {"path": str(path)}))


def require_folder(path: Path) -> None:
    if not path.is_dir():
        raise CliError(Message(N_("There is no such folder: {path}"), {"path": str(path)}))


def require_file_name(path: Path) -> None:
    """CliError unless ``path`` can name a file to write: not a folder, in a folder that is."""
    if path.is_dir():
        raise CliError(
            Message(N_("{path} is a folder. Please give the name of a file."), {"path": str(path)})
        )
    require_folder(path.absolute().parent)


def read_secret_file(path: Path) -> str:
    """The first line of a passphrase or recovery code file.

    UTF-8 with or without a byte-order mark, or UTF-16 with one (Windows Notepad saves
    either), and any line ending; the line's own characters are kept, spaces included.
    """
    require_file(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(SECRET_FILE_LIMIT + 1)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise CliError(
            Message(N_("Cannot read {path}: {reason}"), {"path": str(path), "reason": reason})
        ) from exc
    if len(data) > SECRET_FILE_LIMIT:
        raise CliError(
            Message(
                N_("The file {path} is too large to hold a passphrase or a recovery code."),
                {"path": str(path)},
            )
        )
    lines = _decoded(data, path).splitlines()
    secret = lines[0] if lines else ""
    if not secret:
        raise CliError(Message(N_("The file {path} is empty."), {"path": str(path)}))
    return secret


def _decoded(data: bytes, path: Path) -> str:
    encoding = "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise CliError(
            Message(
                N_("The file {path} is not UTF-8 text. Please save it as UTF-8 and try again."),
                {"path": str(path)},
            )
        ) from None


def _shortened(text: str, limit: int = 40) -> str:
    """An argument quoted back in a message: a line, not a screenful."""
    shown = text if is_utf8(text) else text.encode("utf-8", "backslashreplace").decode()
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"
