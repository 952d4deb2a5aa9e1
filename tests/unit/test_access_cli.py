"""``coachdesk export access VAULT --participant ID --out DIR --notes include|withhold``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coachdesk.cli.export_access import routed
from coachdesk.cli.main import main
from coachdesk.facade import Services
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE, TODAY
from tests.unit.access_support import full_file


@pytest.fixture
def her_vault(vault_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, int, list[str]]:
    vault = Vault.open(vault_path, PASSPHRASE)
    services = Services(vault.sessions, actor="Test Coach", today=lambda: TODAY, vault=vault)
    her = full_file(services, "Zqa", "Fatima", "Yılmaz")
    vault.lock()
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    return vault_path, her.participant_id, her.notes


def test_a_script_writes_her_whole_file(her_vault, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path, pid, notes = her_vault
    out = tmp_path / "for her"
    out.mkdir()
    args = ["--lang", "en", "export", "access", str(path), "--participant", str(pid)]
    code = main([*args, "--out", str(out), "--notes", "withhold", "--lang", "ar"])
    printed = capsys.readouterr().out
    assert code == 0, printed
    written = sorted(p.suffix for p in out.iterdir())
    assert written == [".json", ".pdf", ".zip"]
    assert "Internal notes: withheld" in printed
    (found,) = out.glob("*.json")
    data = json.loads(found.read_text(encoding="utf-8"))
    assert data["made"]["language"] == "ar" and data["made"]["internal_notes"]["code"] == "withheld"
    assert not any(marker in found.read_text(encoding="utf-8") for marker in notes)


def test_the_notes_choice_is_required_and_the_vault_folder_refused(her_vault, capsys) -> None:  # type: ignore[no-untyped-def]
    path, pid, _notes = her_vault
    base = ["--lang", "en", "export", "access", str(path), "--participant", str(pid)]
    before = sorted(p.name for p in path.iterdir())
    assert main([*base, "--out", str(path.parent)]) != 0
    assert "--notes" in capsys.readouterr().err
    assert main([*base, "--out", str(path), "--notes", "include"]) == 1
    assert "inside the vault folder" in capsys.readouterr().err
    assert sorted(p.name for p in path.iterdir()) == before


def test_export_access_is_told_apart_from_a_vault_named_access() -> None:
    assert routed(["export", "access", "V", "--notes", "include"])[:2] == ["export-access", "V"]
    assert routed(["--lang", "de", "export", "access", "V"])[2] == "export-access"
    assert routed(["export", "access", "--participant", "1"])[:2] == ["export", "access"]
    assert routed(["export", "V", "--document", "my_plan"])[0] == "export"


def test_export_document_access_request_is_the_same(her_vault, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path, pid, notes = her_vault
    base = ["--lang", "en", "export", str(path), "--participant", str(pid)]
    base += ["--document", "access_request"]
    assert main([*base, "--out-dir", str(tmp_path), "--notes", "include", "--article", "20"]) == 0
    (found,) = tmp_path.glob("*.json")
    data = json.loads(found.read_text(encoding="utf-8"))
    assert data["made"]["request"]["code"] == "gdpr_art_20"
    assert all(marker in found.read_text(encoding="utf-8") for marker in notes)
    capsys.readouterr()
    assert main([*base, "--out-dir", str(tmp_path)]) == 1
    assert "--notes include|withhold" in capsys.readouterr().err
