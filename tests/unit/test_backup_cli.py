"""``coachdesk backup VAULT DEST`` and ``coachdesk restore BACKUP VAULT``."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachdesk.cli.main import main
from coachdesk.models import Participant
from coachdesk.services.audit import AuditService
from coachdesk.services.context import ServiceContext
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE


def names(path: Path) -> list[str]:
    with Vault.open(path, PASSPHRASE) as v, v.sessions() as s:
        return sorted(p.first_name for p in s.query(Participant))


def actions(path: Path) -> list[str]:
    with Vault.open(path, PASSPHRASE) as v:
        return [e.action for e in AuditService(ServiceContext(v.sessions)).entries()]


def test_backup_and_restore_from_the_command_line(
    vault_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    with Vault.open(vault_path, PASSPHRASE) as v, v.sessions.begin() as s:
        s.add(Participant(first_name="Rana", last_name="Said"))
    usb = tmp_path / "usb"
    usb.mkdir()
    assert main(["backup", str(vault_path), str(usb)]) == 0
    out = capsys.readouterr().out
    (made,) = usb.iterdir()
    assert str(made) in out and "Participants: 1" in out
    assert actions(vault_path)[0] == "backup"

    with Vault.open(vault_path, PASSPHRASE) as v, v.sessions.begin() as s:
        s.add(Participant(first_name="Later", last_name="Added"))
    assert main(["restore", str(made), str(vault_path)]) == 0
    out = capsys.readouterr().out
    assert "kept at" in out
    assert names(vault_path) == ["Rana"]
    assert actions(vault_path)[0] == "restore"


def test_restore_errors_are_one_line(
    vault_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    dest = tmp_path / "b.cdbackup"
    assert main(["backup", str(vault_path), str(dest)]) == 0
    capsys.readouterr()
    data = bytearray(dest.read_bytes())
    data[-1] ^= 0xFF
    dest.write_bytes(bytes(data))
    assert main(["restore", str(dest), str(vault_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "backup file is damaged" in err
    monkeypatch.setenv("COACHDESK_PASSPHRASE", "a wrong passphrase, 12345")
    assert main(["backup", str(vault_path), str(tmp_path)]) == 2
    assert "passphrase is not correct" in capsys.readouterr().err
