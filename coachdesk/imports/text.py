"""CSV and other delimited text: the encoding and the delimiter are found, not asked.

Excel in Germany writes semicolons and Windows-1252 ("CSV (Trennzeichen-getrennt)") or
UTF-8 with a byte-order mark ("CSV UTF-8"); LibreOffice writes UTF-8 with commas; Excel's
"Unicode text" is UTF-16 with tabs. The bytes are read once into memory, never copied.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from coachdesk.i18n import N_, Message
from coachdesk.imports.errors import ImportFileError
from coachdesk.imports.reader import MAX_ROWS, PROGRESS_STEP, Cell, Progress

DELIMITERS = ";,\t|"
SAMPLE_CHARS = 64 * 1024


def decode(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: a byte-order mark decides, else UTF-8 if the
    bytes are valid UTF-8, else Windows-1252 (what Excel writes on a German Windows)."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise _unreadable() from exc
    if b"\x00" in data[:4096]:
        raise ImportFileError(
            N_(
                "The file is not a text list (CSV). "
                "If it is a spreadsheet, please save it as .xlsx, .ods or .csv."
            )
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise _unreadable() from exc


def _unreadable() -> ImportFileError:
    return ImportFileError(
        N_('The letters of the file could not be read. Please save it again as "CSV UTF-8".')
    )


def sniff_delimiter(text: str) -> str:
    """The delimiter: ``csv.Sniffer`` among the usual ones, checked against the rows (it
    guesses wrong on short files); else the one that splits the first lines most evenly."""
    sample = text[:SAMPLE_CHARS]
    lines = sample.splitlines()[:50]
    if len(sample) == SAMPLE_CHARS and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut off
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        sniffed = ""
    scores = {d: _evenness(lines, d) for d in DELIMITERS}
    if sniffed in scores and scores[sniffed] >= max(scores.values()):
        return sniffed
    best = max(DELIMITERS, key=lambda d: scores[d])
    return best if scores[best] > (0, 0) else ","


def _evenness(lines: list[str], delimiter: str) -> tuple[float, int]:
    """(share of lines with the usual number of columns, that number), 0 for one column."""
    widths = [len(r) for r in csv.reader(lines, delimiter=delimiter) if r]
    if not widths:
        return (0, 0)
    usual = max(set(widths), key=widths.count)
    if usual < 2:
        return (0, 0)
    return (widths.count(usual) / len(widths), usual)


def read_text_rows(path: Path, progress: Progress | None) -> tuple[list[list[Cell]], list[Message]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(
            N_("The file could not be opened: {reason}"), {"reason": exc.strerror or ""}
        ) from exc
    text, encoding = decode(data)
    del data
    delimiter = sniff_delimiter(text)
    total = text.count("\n") + 1
    if total > MAX_ROWS + 50:
        raise ImportFileError(
            N_("The file has more than {limit} rows: please split it into smaller lists."),
            {"limit": MAX_ROWS},
        )
    rows: list[list[Cell]] = []
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for index, row in enumerate(reader):
            rows.append([cell if cell.strip() else None for cell in row])
            if progress is not None and index % PROGRESS_STEP == 0:
                progress(index, total)
    except csv.Error as exc:
        raise ImportFileError(
            N_("Line {line} of the file could not be read as CSV."), {"line": reader.line_num}
        ) from exc
    notices = []
    if encoding == "cp1252":
        notices.append(
            Message(N_("The file is not in UTF-8: it was read as Windows-1252 (Western European)."))
        )
    return rows, notices
