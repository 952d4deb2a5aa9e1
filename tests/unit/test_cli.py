"""The command line as a coach or a script uses it: real vaults, real output, real exit codes."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from coachdesk import __version__
from coachdesk import models as m
from coachdesk.cli.main import main
from coachdesk.demo.generate import generate_demo
from coachdesk.vault.store import Vault, head_revision
from tests.conftest import PASSPHRASE, TODAY

RECOVERY_CODE = re.compile(r"\b(?:[0-9A-Z]{4}-){7}[0-9A-Z]{4}\b")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_path(template_vault: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A locked vault with 40 demo participants (the tests only read it)."""
    path = tmp_path_factory.mktemp("cli") / "vault"
    shutil.copytree(template_vault[0], path)
    with Vault.open(path, PASSPHRASE) as vault:
        generate_demo(vault, participants=40, seed=1, today=TODAY)
    return path


@pytest.fixture
def passphrase_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    yield


def _personal_values(path: Path) -> list[str]:
    with Vault.open(path, PASSPHRASE) as vault, vault.sessions() as s:
        people = list(s.scalars(select(m.Participant)))
        return [v for p in people for v in (p.first_name, p.last_name, p.phone, p.email) if v]


def test_version_in_process_and_as_a_module(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"CoachDesk {__version__}"
    result = subprocess.run(
        [sys.executable, "-m", "coachdesk", "--version"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"CoachDesk {__version__}"


def test_init_prints_a_working_recovery_code_and_info_shows_an_empty_sound_vault(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COACHDESK_PASSPHRASE", raising=False)
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    path = tmp_path / "new vault"
    assert main(["init", str(path), "--passphrase-file", str(secret)]) == 0
    out = capsys.readouterr().out
    codes = RECOVERY_CODE.findall(out)
    assert len(codes) == 1 and "Write it down" in out
    assert Vault.exists(path)

    code_file = tmp_path / "code.txt"
    code_file.write_text(codes[0], encoding="utf-8")
    assert main(["info", str(path), "--json", "--recovery-code-file", str(code_file)]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["integrity"] == {"ok": True, "problems": []}
    assert info["schema_revision"] == head_revision()
    assert info["counts"]["participants"] == 0 and info["counts"]["consents"] == 0


def test_info_counts_every_kind_and_shows_no_personal_data(
    demo_path: Path, passphrase_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["info", str(demo_path), "--json"]) == 0
    as_json = capsys.readouterr().out
    counts = json.loads(as_json)["counts"]
    assert counts["participants"] == 40
    for kind in ("goals", "milestones", "meetings", "agreements", "handovers", "consents"):
        assert counts[kind] > 0, kind
    assert counts["audit_entries"] == 1
    assert main(["info", str(demo_path)]) == 0
    as_text = capsys.readouterr().out
    assert "Integrity check: ok" in as_text and "Participants: 40" in as_text
    leaked = [v for v in _personal_values(demo_path) if v in as_json or v in as_text]
    assert leaked == []


def test_wrong_passphrase_is_one_line_exit_2_and_no_traceback(demo_path: Path) -> None:
    env = {**os.environ, "COACHDESK_PASSPHRASE": "Tee im Stadtteilzentrum 2025?"}
    result = subprocess.run(
        [sys.executable, "-m", "coachdesk", "--lang", "en", "info", str(demo_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "passphrase is not correct" in lines[0]
    assert "Traceback" not in result.stderr


def test_errors_are_shown_in_the_chosen_language(
    demo_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COACHDESK_PASSPHRASE", "Tee im Stadtteilzentrum 2025?")
    assert main(["--lang", "de", "info", str(demo_path)]) == 2
    assert "Das Kennwort stimmt nicht" in capsys.readouterr().err


def test_missing_passphrase_file_and_missing_vault(
    tmp_path: Path, passphrase_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere.txt"
    assert main(["info", str(tmp_path), "--passphrase-file", str(missing)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(missing) in err
    assert main(["info", str(tmp_path / "no vault")]) == 2
    assert f"There is no such folder: {tmp_path / 'no vault'}" in capsys.readouterr().err
    assert main(["info", str(tmp_path)]) == 2
    assert "not a CoachDesk vault" in capsys.readouterr().err


def test_without_a_terminal_the_passphrase_must_come_from_file_or_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("COACHDESK_PASSPHRASE", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSPHRASE + "\n"))
    assert main(["init", str(tmp_path / "v")]) == 1
    assert "COACHDESK_PASSPHRASE" in capsys.readouterr().err
    assert not Vault.exists(tmp_path / "v")


def test_a_weak_passphrase_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COACHDESK_PASSPHRASE", "kurz")
    assert main(["init", str(tmp_path / "v")]) == 2
    assert "at least 12 characters" in capsys.readouterr().err
    assert not Vault.exists(tmp_path / "v")


def test_usage_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tidy-up"]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert main(["info"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "coachdesk --help" in err
    assert main(["--lang", "fr", "info", "x"]) == 1
    capsys.readouterr()
    assert main(["demo", str(tmp_path / "v"), "--participants", "-3"]) == 1
    assert "between 0 and 100000" in capsys.readouterr().err
    assert not (tmp_path / "v").exists()


def test_participants_as_json_and_as_a_table(
    demo_path: Path, passphrase_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["participants", str(demo_path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 40
    assert {"id", "display_name", "status", "archived"} <= set(rows[0])
    with Vault.open(demo_path, PASSPHRASE) as vault, vault.sessions() as s:
        expected = {p.id: p.display_name for p in s.scalars(select(m.Participant))}
    assert {r["id"]: r["display_name"] for r in rows} == expected
    cyrillic = next(r for r in rows if re.search(r"[\u0400-\u04FF]", r["display_name"]))
    assert main(["participants", str(demo_path)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert len(table) == 40
    assert any(
        line.split()[0] == str(cyrillic["id"]) and cyrillic["display_name"] in line
        for line in table
    )


def test_demo_command_makes_a_vault_with_every_status(
    tmp_path: Path, passphrase_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo"
    assert main(["demo", str(path), "--participants", "6", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert "Participants: 6" in out and len(RECOVERY_CODE.findall(out)) == 1
    assert main(["participants", str(path), "--json"]) == 0
    statuses = {r["status"] for r in json.loads(capsys.readouterr().out)}
    assert statuses == {"intake", "active", "paused", "exited", "aftercare", "archived"}
    assert main(["demo", str(path)]) == 2  # never over an existing vault
    assert "already a vault" in capsys.readouterr().err


def test_typed_passphrases_must_match(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """At a terminal the new passphrase is asked twice (the terminal is simulated here)."""
    monkeypatch.delenv("COACHDESK_PASSPHRASE", raising=False)

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    answers = iter([PASSPHRASE, PASSPHRASE + "x"])
    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["init", str(tmp_path / "v")]) == 1
    assert "not the same" in capsys.readouterr().err
    assert not Vault.exists(tmp_path / "v")


def test_info_reports_an_older_vault_without_upgrading_it(
    tmp_path: Path, passphrase_env: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from coachdesk.vault.keyslots import KdfParams
    from coachdesk.vault.store import PRE_MIGRATION_DIR
    from tests.unit.test_migrations import VaultOfSchema0001

    path = tmp_path / "old"
    old, _code = VaultOfSchema0001.create(path, PASSPHRASE, kdf=KdfParams(8 * 1024, 1, 1))
    old.lock()
    before = (path / "vault.db").read_bytes()
    assert main(["info", str(path), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["schema_revision"] == "0001" and info["schema_head"] == head_revision()
    assert info["integrity"]["ok"] and info["counts"]["participants"] == 0
    assert (path / "vault.db").read_bytes() == before
    assert not (path / PRE_MIGRATION_DIR).exists()
