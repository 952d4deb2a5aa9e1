"""Mapping, preview and commit of a participant list on a real vault."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coachdesk.imports.errors import ImportFileError
from coachdesk.imports.fields import auto_mapping, header_key
from coachdesk.models import AuditEntry, Participant, VaultSetting
from coachdesk.models.enums import ParticipantStatus
from coachdesk.services.participants import ParticipantDraft
from tests.unit.import_support import GERMAN_HEADINGS, people, write_csv
from tests.unit.sheet_files import write_xlsx


def test_german_and_english_headings_map_without_asking() -> None:
    german = [
        "Vorname",
        "Nachname",
        "Geb.-Datum",
        "Status",
        "Eintrittsdatum",
        "Telefon",
        "E-Mail-Adresse",
        "Bemerkung XY",
    ]
    assert auto_mapping(german) == {
        0: "first_name",
        1: "last_name",
        2: "date_of_birth",
        3: "status",
        4: "entry_date",
        5: "phone",
        6: "email",
    }
    english = [
        "First name",
        "Last Name",
        "Date of birth",
        "Entry date",
        "E-mail",
        "Customer number",
    ]
    assert auto_mapping(english) == {
        0: "first_name",
        1: "last_name",
        2: "date_of_birth",
        3: "entry_date",
        4: "email",
        5: "jobcentre_customer_number",
    }
    # The same field twice: the first column fills it, the second is hers to map.
    assert auto_mapping(["Vorname", "First name"]) == {0: "first_name"}


def _sheet(tmp_path: Path, rows: list[list[object]]) -> Path:
    return write_xlsx(tmp_path / "liste.xlsx", rows)  # type: ignore[arg-type]


def test_preview_names_each_rows_problems(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    services.participants.create(
        ParticipantDraft(
            first_name="Олена", last_name="Шевченко", date_of_birth=dt.date(1990, 3, 1)
        )
    )
    path = _sheet(
        tmp_path,
        [
            ["Vorname", "Nachname", "Geburtsdatum", "Status"],
            ["Amal", "Haddad", dt.date(1988, 7, 9), "Aktiv"],  # 2: fine, a date cell
            ["Olena", "Shevchenko", "01.03.1990", "active"],  # 3: in the vault, in Cyrillic
            ["Zoë", "Weiß", "31.02.1990", "Aktiv"],  # 4: no such date
            ["Maria", "Rossi", "1985-12-31", "schläft"],  # 5: unknown status
            ["", "Nachname-ohne-Vorname", "", ""],  # 6: required field missing
            ["AMAL", "haddad", "09.07.1988", ""],  # 7: the same as row 2
            ["Sara", "=A2&B2", "", ""],  # 8: a formula written as text
        ],
    )
    table = services.imports.read(path)
    preview = services.imports.preview(table, services.imports.mapping_for(table.headers))
    said = {row.number: " ".join(p.message.render() for p in row.problems) for row in preview.rows}
    assert said[2] == ""
    assert "already exists" in said[3]
    assert "31.02.1990 is not a date" in said[4]
    assert "schläft is not a status" in said[5]
    assert "first name" in said[6].lower()
    assert "Row 2 has the same name and date of birth" in said[7]
    assert "formula" in said[8]
    assert (preview.valid_count, preview.problem_count) == (1, 6)
    assert preview.rows[0].draft.status is ParticipantStatus.ACTIVE


def test_broken_rows_import_nothing_until_skipped_explicitly(
    services, vault, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    rows = [GERMAN_HEADINGS, *people(5)]
    rows[3][2] = "32.13.1990"
    table = services.imports.read(write_csv(tmp_path / "liste.csv", rows, "utf-8-sig"))
    mapping = services.imports.mapping_for(table.headers)
    with pytest.raises(ImportFileError, match=r"Rows with problems: 1\. Nothing was imported"):
        services.imports.commit(services.imports.preview(table, mapping))
    assert services.participants.count() == 0
    result = services.imports.commit(services.imports.preview(table, mapping), skip_problems=True)
    assert (result.imported, result.skipped) == (4, 1)
    assert services.participants.count() == 4
    with vault.sessions() as s:
        audited = s.scalar(
            select(func.count(AuditEntry.id)).where(
                AuditEntry.action == "create", AuditEntry.entity == "participant"
            )
        )
    assert audited == 4
    # Imported again: every row is now a duplicate, so nothing more comes in.
    again = services.imports.preview(table, mapping)
    assert again.valid_count == 0


def test_the_mapping_she_chose_is_remembered_inside_the_vault(
    services, vault, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    rows = [["Rufname", "Zuname", "Geb."], ["Amal", "Haddad", "09.07.1988"]]
    table = services.imports.read(write_csv(tmp_path / "liste.csv", rows, "cp1252"))
    assert services.imports.mapping_for(table.headers) == {0: "first_name", 2: "date_of_birth"}
    preview = services.imports.preview(table, {0: "first_name", 2: "date_of_birth"})
    assert preview.missing == ("last_name",)
    chosen = {0: "first_name", 1: "last_name", 2: "date_of_birth"}
    services.imports.commit(services.imports.preview(table, chosen))
    assert services.imports.mapping_for(table.headers) == chosen
    with vault.sessions() as s:
        keys = list(s.scalars(select(VaultSetting.key)))
    assert header_key(table.headers) in keys
    assert not any("Zuname" in k for k in keys)  # the key is a digest, not the headings


def test_a_mapping_that_does_not_fit_is_refused(services, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    table = services.imports.read(write_csv(tmp_path / "l.csv", [["A", "B"], ["x", "y"]], "utf-8"))
    with pytest.raises(ImportFileError):
        services.imports.preview(table, {0: "first_name", 1: "first_name"})
    with pytest.raises(ImportFileError):
        services.imports.preview(table, {5: "first_name"})
    with pytest.raises(ImportFileError):
        services.imports.preview(table, {0: "no_such_field"})


def _stored(vault) -> list[tuple[str, str, dt.date | None, str, str, str, dt.date | None]]:  # type: ignore[no-untyped-def]
    with vault.sessions() as s:
        q = select(
            Participant.first_name,
            Participant.last_name,
            Participant.date_of_birth,
            Participant.status,
            Participant.phone,
            Participant.email,
            Participant.entry_date,
        ).order_by(Participant.id)
        return [tuple(r) for r in s.execute(q)]  # type: ignore[misc]


def _expected(rows: list[list[str]]) -> list[tuple[object, ...]]:
    statuses = {"Aktiv": "active", "Aufnahme": "intake", "Pausiert": "paused"}
    return [
        (
            r[0],
            r[1],
            dt.datetime.strptime(r[2], "%d.%m.%Y").date(),
            statuses[r[3]],
            r[5],
            r[6],
            dt.date(2026, 2, 1),
        )
        for r in rows
    ]


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["xlsx", "utf-8-sig", "utf-8", "cp1252"])
def test_ten_thousand_rows_import_and_equal_the_source(
    services, vault, tmp_path: Path, kind: str
) -> None:  # type: ignore[no-untyped-def]
    source = people(10_000)
    if kind == "xlsx":
        path = write_xlsx(tmp_path / "liste.xlsx", [GERMAN_HEADINGS, *source])
    else:
        path = write_csv(tmp_path / "liste.csv", [GERMAN_HEADINGS, *source], kind)
    table = services.imports.read(path)
    mapping = services.imports.mapping_for(table.headers)
    preview = services.imports.preview(table, mapping)
    assert preview.problem_count == 0, [r.problems for r in preview.rows if r.problems][:3]
    assert services.imports.commit(services.imports.preview(table, mapping)).imported == 10_000
    assert [(a, b, c, str(d), e, f, g) for a, b, c, d, e, f, g in _stored(vault)] == _expected(
        source
    )


def test_a_failure_while_storing_leaves_nothing(services, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from coachdesk.imports import storing

    table = services.imports.read(
        write_csv(tmp_path / "l.csv", [GERMAN_HEADINGS, *people(600)], "utf-8")
    )
    preview = services.imports.preview(table, services.imports.mapping_for(table.headers))
    real = storing.search_key
    calls = []

    def failing(*names: str) -> str:  # the disk fills after the first 500 were written
        calls.append(1)
        if len(calls) > 550:
            raise OSError(28, "No space left on device")
        return real(*names)

    monkeypatch.setattr(storing, "search_key", failing)
    with pytest.raises(Exception, match="space"):
        services.imports.commit(preview)
    assert services.participants.count() == 0
    with services.ctx.read() as s:
        assert s.get(VaultSetting, header_key(table.headers)) is None


def test_the_file_is_never_copied(services, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Reading, checking and storing leave no file anywhere but in the vault: the
    temporary folder stays empty and the list's folder holds only the list."""
    import tempfile

    spare = tmp_path / "tmp"
    spare.mkdir()
    monkeypatch.setenv("TMPDIR", str(spare))
    monkeypatch.setattr(tempfile, "tempdir", str(spare))
    folder = tmp_path / "lists"
    folder.mkdir()
    for path in (
        write_csv(folder / "l.csv", [GERMAN_HEADINGS, *people(50)], "cp1252"),
        write_xlsx(folder / "l.xlsx", [GERMAN_HEADINGS, *people(50)]),
    ):
        table = services.imports.read(path)
        preview = services.imports.preview(table, services.imports.mapping_for(table.headers))
        services.imports.commit(preview, skip_problems=True)  # the second: all duplicates
    assert services.participants.count() == 50
    assert sorted(p.name for p in folder.iterdir()) == ["l.csv", "l.xlsx"]
    assert list(spare.iterdir()) == []
