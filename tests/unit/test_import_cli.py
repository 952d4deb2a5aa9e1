"""``coachdesk import participants``: a dry run that shows each row's problems, --map for
the columns it cannot guess, --commit for all or nothing, one-line errors in her language."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachdesk.cli.main import main
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE
from tests.unit.import_support import write_csv
from tests.unit.sheet_files import write_xlsx


@pytest.fixture(autouse=True)
def passphrase_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)


def _count(path: Path) -> int:
    with Vault.open(path, PASSPHRASE) as vault:
        from coachdesk.facade import Services

        return Services(vault.sessions, actor="t").participants.count()


def test_dry_run_then_map_then_commit(
    vault_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        ["Vorn.", "Nachname", "Geburtsdatum", "Status"],
        ["Amal", "Haddad", "09.07.1988", "Aktiv"],
        ["Zoë", "Weiß", "31.02.1990", "Aktiv"],
    ]
    sheet = write_csv(tmp_path / "liste.csv", rows, "cp1252")
    assert main(["import", "participants", str(vault_path), str(sheet)]) == 1
    out, err = capsys.readouterr()
    assert "No column is mapped to: First name" in err and "Traceback" not in err
    assert "Amal" not in err  # no participant data on stderr

    args = ["import", "participants", str(vault_path), str(sheet), "--map", "Vorn.=first_name"]
    assert main(args) == 3  # a dry run with problems
    out, err = capsys.readouterr()
    assert "A 'Vorn.' -> First name" in out
    assert "Row 3 (Zoë Weiß): Date of birth: 31.02.1990 is not a date" in out
    assert "Dry run: nothing was imported" in out
    assert err == ""
    assert _count(vault_path) == 0

    assert main([*args, "--commit"]) == 1
    out, err = capsys.readouterr()
    assert "Rows with problems: 1. Nothing was imported" in err
    assert _count(vault_path) == 0

    assert main([*args, "--commit", "--skip-problems"]) == 0
    out, err = capsys.readouterr()
    assert "Imported 1 participant." in out and "Left out 1 row with problems." in out
    assert _count(vault_path) == 1

    # The mapping was remembered: the same headings need no --map next time.
    assert main(["import", "participants", str(vault_path), str(sheet)]) == 3
    out, _err = capsys.readouterr()
    assert "A 'Vorn.' -> First name" in out
    assert "already exists" in out


def test_german_messages_and_hostile_files(
    vault_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "kaputt.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    assert main(["--lang", "de", "import", "participants", str(vault_path), str(broken)]) == 1
    _out, err = capsys.readouterr()
    assert err.startswith("Fehler:") and "Traceback" not in err
    empty = tmp_path / "leer.csv"
    empty.write_bytes(b"")
    assert main(["import", "participants", str(vault_path), str(empty)]) == 1
    assert "The file is empty." in capsys.readouterr().err
    sheet = write_xlsx(tmp_path / "l.xlsx", [["Vorname", "Nachname"], ["Amal", "Haddad"]])
    for bad in (["--map", "Vorname"], ["--map", "Q=first_name"], ["--map", "Vorname=shoe_size"]):
        assert main(["import", "participants", str(vault_path), str(sheet), *bad]) == 1
        assert "Traceback" not in capsys.readouterr().err


def test_clean_xlsx_commits_in_one_go(
    vault_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = write_xlsx(
        tmp_path / "l.xlsx",
        [
            ["First name", "Last name", "Phone"],
            ["Amal", "Haddad", 1711234567],
            ["Olena", "Koval", None],
        ],
    )
    args = ["import", "participants", str(vault_path), str(sheet), "--commit"]
    assert main(args) == 0
    assert "Imported 2 participants." in capsys.readouterr().out
    assert _count(vault_path) == 2
