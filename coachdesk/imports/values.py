"""A cell's value as a participant field wants it: dates, statuses, levels, numbers, text.

Each converter returns the value or raises :class:`CellProblem` with a sentence for her.
Dates come as date cells (Excel, LibreOffice), as German "dd.mm.yyyy" or ISO "yyyy-mm-dd"
text, or as Excel's day numbers when a date column lost its format.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable
from typing import TypeVar

from coachdesk.i18n import N_, Message
from coachdesk.imports.reader import Cell
from coachdesk.labels import label
from coachdesk.models.enums import ExitDestination, GermanLevel, ParticipantStatus

_GERMAN = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIAL_RANGE = range(1, 2_958_466)  # Excel's day numbers from 1900 to 9999


class CellProblem(Exception):
    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(message.msgid)

    def __str__(self) -> str:
        return self.message.render()


def text(cell: Cell) -> str:
    """Any cell as text: a whole number without ".0", a date as dd.mm.yyyy."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "1" if cell else "0"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime):
        cell = cell.date()
    if isinstance(cell, dt.date):
        return cell.strftime("%d.%m.%Y")
    value = str(cell).strip()
    if value.startswith("="):
        raise CellProblem(
            Message(
                N_("{value} is a formula, not a value: please save the list with its results."),
                {"value": value[:40]},
            )
        )
    return value


def date(cell: Cell) -> dt.date | None:
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if float(cell).is_integer() and int(cell) in _SERIAL_RANGE:
            return _EXCEL_EPOCH + dt.timedelta(days=int(cell))
        raise _not_a_date(text(cell))
    value = text(cell)
    if not value:
        return None
    try:
        if match := _GERMAN.fullmatch(value):
            day, month, year = match.groups()
            if len(year) == 2:
                raise CellProblem(
                    Message(
                        N_("{value}: please write the year with four digits."), {"value": value}
                    )
                )
            return dt.date(int(year), int(month), int(day))
        if match := _ISO.fullmatch(value):
            year, month, day = match.groups()
            return dt.date(int(year), int(month), int(day))
    except ValueError as exc:  # 31.02.1990
        raise _not_a_date(value) from exc
    raise _not_a_date(value)


def _not_a_date(value: str) -> CellProblem:
    return CellProblem(
        Message(N_("{value} is not a date (write it as 31.12.1990)."), {"value": value[:40]})
    )


E = TypeVar("E", bound=enum.StrEnum)


def _choice(kind: type[E], cell: Cell, unknown: str) -> E | None:
    value = text(cell)
    if not value:
        return None
    wanted = value.casefold()
    for member in kind:
        if wanted in {
            str(member.value).casefold(),
            label(member, "en").casefold(),
            label(member, "de").casefold(),
        }:
            return member
    raise CellProblem(Message(unknown, {"value": value[:40]}))


# What lists say beside the labels (in both languages, as the labels are).
_STATUS_WORDS = {
    "ausgeschieden": ParticipantStatus.EXITED,
    "beendet": ParticipantStatus.EXITED,
    "ended": ParticipantStatus.EXITED,
    "pausiert": ParticipantStatus.PAUSED,
    "ruhend": ParticipantStatus.PAUSED,
    "aktiv": ParticipantStatus.ACTIVE,
}


def status(cell: Cell) -> ParticipantStatus | None:
    word = _STATUS_WORDS.get(text(cell).casefold())
    if word is not None:
        return word
    return _choice(
        ParticipantStatus,
        cell,
        N_("{value} is not a status CoachDesk knows (for example: Active, Paused, Exited)."),
    )


def german_level(cell: Cell) -> GermanLevel | None:
    return _choice(GermanLevel, cell, N_("{value} is not a German level (A1 to C2, or none)."))


def exit_destination(cell: Cell) -> ExitDestination | None:
    return _choice(ExitDestination, cell, N_("{value} is not a destination CoachDesk knows."))


def count(cell: Cell) -> int | None:
    value = text(cell)
    if not value:
        return None
    if value.isdigit():
        return int(value)
    raise CellProblem(Message(N_("{value} is not a number of children."), {"value": value[:40]}))


CONVERTERS: dict[str, Callable[[Cell], object]] = {
    "date_of_birth": date,
    "entry_date": date,
    "exit_date": date,
    "residence_valid_until": date,
    "status": status,
    "german_level": german_level,
    "exit_destination": exit_destination,
    "children_count": count,
}


def convert(field: str, cell: Cell) -> object:
    return CONVERTERS.get(field, text)(cell)
