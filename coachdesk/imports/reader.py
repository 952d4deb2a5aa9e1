"""Read a spreadsheet into a header row and data rows: .xlsx, .xls and .ods through
python-calamine, .csv through the standard ``csv`` module (see :mod:`coachdesk.imports.text`).

The file is read where it lies (no temporary copy) and only its first sheet with data
counts. Anything that goes wrong becomes an :class:`ImportFileError` with a sentence for
her, never a traceback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from coachdesk.i18n import N_, Message
from coachdesk.imports.errors import ImportFileError

Cell = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None
Progress = Callable[[int, int], None]
"""Called with (rows done, rows in all) while a long file is read or checked."""

MAX_ROWS = 100_000
"""More rows than any coach's list: a file beyond is refused, not read for minutes."""
MAX_BYTES = 200 * 1024 * 1024
SPREADSHEETS = (".xlsx", ".xlsm", ".xls", ".ods")
TEXT_TABLES = (".csv", ".txt", ".tsv")
PROGRESS_STEP = 500


@dataclass(frozen=True)
class Table:
    """What a sheet holds, as read."""

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    row_numbers: tuple[int, ...]
    """Each data row's number as the spreadsheet shows it (1 = the first line)."""
    notices: tuple[Message, ...] = ()
    """What she should know about how it was read (merged cells, the encoding guessed)."""


def read_table(path: Path, progress: Progress | None = None) -> Table:
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImportFileError(
            N_("The file could not be opened: {reason}"), {"reason": exc.strerror or ""}
        ) from exc
    if size > MAX_BYTES:
        raise ImportFileError(
            N_("The file is larger than 200 MB: too large for a list of participants.")
        )
    if size == 0:
        raise ImportFileError(N_("The file is empty."))
    if suffix in TEXT_TABLES:
        from coachdesk.imports.text import read_text_rows

        rows, notices = read_text_rows(path, progress)
        return make_table(rows, notices)
    if suffix in SPREADSHEETS:
        rows, notices = _read_workbook(path, progress)
        return make_table(rows, notices)
    raise ImportFileError(
        N_("CoachDesk reads .xlsx, .ods and .csv files; please save the list in one of them.")
    )


def _read_workbook(path: Path, progress: Progress | None) -> tuple[list[list[Cell]], list[Message]]:
    import python_calamine as calamine

    damaged = N_(
        "The file could not be read as a spreadsheet. "
        "It may be damaged, or saved in another format."
    )
    try:
        book = calamine.CalamineWorkbook.from_path(str(path))
    except calamine.PasswordError as exc:
        raise ImportFileError(
            N_("The file is protected by a password. Please save it without one.")
        ) from exc
    except OSError as exc:
        raise ImportFileError(
            N_("The file could not be opened: {reason}"), {"reason": exc.strerror or ""}
        ) from exc
    except Exception as exc:  # calamine's errors for broken zips and XML have no common base
        raise ImportFileError(damaged) from exc
    try:
        for name in book.sheet_names:
            sheet = book.get_sheet_by_name(name)
            total = sheet.total_height
            if total > MAX_ROWS + 50:
                raise ImportFileError(_TOO_MANY, {"limit": MAX_ROWS})
            rows: list[list[Cell]] = []
            for index, row in enumerate(sheet.iter_rows()):
                rows.append(list(row))
                if progress is not None and index % PROGRESS_STEP == 0:
                    progress(index, total)
            if any(_filled(row) for row in rows):
                return _fill_merged(rows, sheet.merged_cell_ranges, (sheet.start or (0, 0))[1])
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(damaged) from exc
    finally:
        book.close()
    raise ImportFileError(N_("The file holds no rows: please check that it is the right list."))


_TOO_MANY = N_("The file has more than {limit} rows: please split it into smaller lists.")


def _fill_merged(
    rows: list[list[Cell]],
    ranges: Sequence[tuple[tuple[int, int], tuple[int, int]]] | None,
    first_column: int,
) -> tuple[list[list[Cell]], list[Message]]:
    """A merged block shows one value for all its cells (a status written once for three
    women): each cell of the block gets it, and she is told."""
    if not ranges:
        return rows, []
    for (top, left_at), (bottom, right_at) in ranges:
        left, right = left_at - first_column, right_at - first_column
        if top >= len(rows) or left < 0:
            continue
        value = rows[top][left] if left < len(rows[top]) else None
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            for c in range(left, right + 1):
                while len(rows[r]) <= c:
                    rows[r].append("")
                rows[r][c] = value
    notice = Message(
        N_("The sheet has merged cells: the value of a merged block counts for each of its rows.")
    )
    return rows, [notice]


def _filled(row: Iterable[Cell]) -> bool:
    return any(not _blank(cell) for cell in row)


def _blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def make_table(rows: list[list[Cell]], notices: Sequence[Message] = ()) -> Table:
    """The header is the first row with two or more filled cells (a title above it is
    skipped); empty rows are left out, each kept row remembers its number."""
    numbered = [(n, row) for n, row in enumerate(rows, start=1) if _filled(row)]
    if not numbered:
        raise ImportFileError(N_("The file holds no rows: please check that it is the right list."))
    start = 0
    for i, (_n, row) in enumerate(numbered[:10]):
        if sum(not _blank(c) for c in row) >= 2:
            start = i
            break
    header_cells = numbered[start][1]
    data = numbered[start + 1 :]
    if not data:
        raise ImportFileError(N_("The file has column headings but no rows below them."))
    if len(data) > MAX_ROWS:
        raise ImportFileError(_TOO_MANY, {"limit": MAX_ROWS})
    width = max(len(header_cells), *(len(r) for _n, r in data))
    headers = tuple(
        _header(header_cells[i] if i < len(header_cells) else None) for i in range(width)
    )
    body = tuple(tuple(r) + (None,) * (width - len(r)) for _n, r in data)
    return Table(headers, body, tuple(n for n, _r in data), tuple(notices))


def _header(cell: Cell) -> str:
    return "" if cell is None else " ".join(str(cell).split())


def column_letter(index: int) -> str:
    """A, B, ... Z, AA, AB: how the spreadsheet names column ``index`` (from 0)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
