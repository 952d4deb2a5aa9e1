"""Reading spreadsheets as they come: .xlsx and .ods with date cells, formulas and merged
cells; CSV in UTF-8 with a byte-order mark, plain UTF-8 and Windows-1252, with semicolons,
commas or tabs; and files that are not what they claim, each refused with a sentence."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coachdesk.imports.errors import ImportFileError
from coachdesk.imports.reader import column_letter, read_table
from tests.unit.import_support import write_csv
from tests.unit.sheet_files import write_ods, write_xlsx

ROWS = [
    ["Vorname", "Nachname", "Geburtsdatum"],
    ["Aïcha", "Öztürk", "01.03.1990"],
    ["Zoë", "Weiß", "1985-12-31"],
]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp1252"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_in_each_encoding_and_delimiter_reads_the_same(
    tmp_path: Path, encoding: str, delimiter: str
) -> None:
    table = read_table(write_csv(tmp_path / "liste.csv", ROWS, encoding, delimiter))
    assert table.headers == ("Vorname", "Nachname", "Geburtsdatum")
    assert table.rows == (("Aïcha", "Öztürk", "01.03.1990"), ("Zoë", "Weiß", "1985-12-31"))
    assert table.row_numbers == (2, 3)
    said = [n.render() for n in table.notices]
    assert any("Windows-1252" in s for s in said) == (encoding == "cp1252")


def test_csv_quoted_fields_keep_their_delimiters_and_line_breaks(tmp_path: Path) -> None:
    path = tmp_path / "liste.csv"
    path.write_text(
        'Vorname;Nachname;Adresse\n"Olena";"Koval";"Hauptstr. 1;\n12345 Köln"\n', "utf-8"
    )
    table = read_table(path)
    assert table.rows == (("Olena", "Koval", "Hauptstr. 1;\n12345 Köln"),)


def test_utf16_from_excel_unicode_text_reads(tmp_path: Path) -> None:
    path = tmp_path / "liste.txt"
    path.write_bytes("Vorname\tNachname\nОлена\tШевченко\n".encode("utf-16"))
    assert read_table(path).rows == (("Олена", "Шевченко"),)


def test_xlsx_date_cells_formulas_merged_cells_and_a_title_row(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "liste.xlsx",
        [
            ["Teilnehmerinnen 2026"],
            ["Vorname", "Nachname", "Geburtsdatum", "Status", "Kinder"],
            ["Olena", "Koval", dt.date(1990, 3, 1), "Aktiv", ("=1+1", 2)],
            ["Amal", "Haddad", dt.date(1988, 7, 9), None, 0],
        ],
        merged=["D3:D4"],
    )
    table = read_table(path)
    assert table.headers == ("Vorname", "Nachname", "Geburtsdatum", "Status", "Kinder")
    assert table.row_numbers == (3, 4)
    first, second = table.rows
    assert first[2] == dt.date(1990, 3, 1) or first[2] == dt.datetime(1990, 3, 1)
    assert first[4] == 2  # the formula's result
    assert second[3] == "Aktiv"  # the merged status counts for both rows
    assert any("merged" in n.render() for n in table.notices)


def test_ods_date_cells_and_formulas(tmp_path: Path) -> None:
    path = write_ods(
        tmp_path / "liste.ods",
        [
            ["Vorname", "Nachname", "Geburtsdatum"],
            ["Olena", "Koval", dt.date(1990, 3, 1)],
            ["A", "B", ("=C2", 5)],
        ],
    )
    table = read_table(path)
    assert table.rows[0][:2] == ("Olena", "Koval")
    assert table.rows[0][2] in (dt.date(1990, 3, 1), dt.datetime(1990, 3, 1))
    assert table.rows[1][2] == 5


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("leer.csv", b"", "empty"),
        ("leer.xlsx", b"", "empty"),
        ("nur-kopf.csv", b"Vorname;Nachname\r\n", "no rows below"),
        ("kaputt.xlsx", b"PK\x03\x04" + b"\x00garbage" * 50, "damaged"),
        ("kein.ods", b"Vorname;Nachname\nA;B\n", "damaged"),
        ("bild.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text list"),
        ("falsch.csv", b"Vorname;Nachname\n\x81\x8d\x8f;\x90\x9d\n", "could not be read"),
        ("liste.pdf", b"%PDF-1.7", ".xlsx, .ods and .csv"),
        ("leer-zeilen.csv", b";;\n;;\n", "no rows"),
    ],
)
def test_hostile_files_are_refused_with_a_sentence(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as caught:
        read_table(path)
    assert expected in caught.value.message.render()


def test_xlsx_with_only_headings_is_refused(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "kopf.xlsx", [["Vorname", "Nachname"]])
    with pytest.raises(ImportFileError, match="no rows below"):
        read_table(path)


def test_a_missing_file_is_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="could not be opened"):
        read_table(tmp_path / "fehlt.xlsx")


def test_progress_is_reported_while_reading(tmp_path: Path) -> None:
    rows = [["Vorname", "Nachname"]] + [[f"A{i}", f"B{i}"] for i in range(2000)]
    seen: list[tuple[int, int]] = []
    read_table(write_csv(tmp_path / "lang.csv", rows, "utf-8"), lambda d, t: seen.append((d, t)))
    assert len(seen) >= 4 and all(d <= t for d, t in seen)


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]
