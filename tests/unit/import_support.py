"""Participant lists as a coach keeps them, written as real .xlsx, .ods and .csv files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.unit.sheet_files import Row, write_ods, write_xlsx

GERMAN_HEADINGS = ["Vorname", "Nachname", "Geburtsdatum", "Status", "Eintritt", "Telefon", "E-Mail"]


def people(count: int) -> list[list[str]]:
    """``count`` distinct women, in German text form (dd.mm.yyyy, German status labels)."""
    rows = []
    for i in range(count):
        born = dt.date(1970, 1, 1) + dt.timedelta(days=(i * 7) % 12000)
        rows.append(
            [
                f"Aïcha{i}",
                f"Müller-Öztürk{i}",
                born.strftime("%d.%m.%Y"),
                ("Aktiv", "Aufnahme", "Pausiert")[i % 3],
                "01.02.2026",
                f"0171 {1000000 + i}",
                f"person{i}@example.org",
            ]
        )
    return rows


def write_csv(path: Path, rows: list[list[str]], encoding: str, delimiter: str = ";") -> Path:
    text = "\r\n".join(delimiter.join(cell for cell in row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def write_list(path: Path, rows: list[Row]) -> Path:
    if path.suffix == ".ods":
        return write_ods(path, rows)
    return write_xlsx(path, rows)
