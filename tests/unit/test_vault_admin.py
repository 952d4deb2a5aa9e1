"""One path for vault administration: each action does its job and writes its audit entry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coachdesk.cli.main import main
from coachdesk.facade import Services
from coachdesk.services.participants import ParticipantDraft
from coachdesk.services.vault_admin import restore_vault
from coachdesk.vault.backup import verify_backup
from coachdesk.vault.errors import WrongPassphraseError, WrongRecoveryCodeError
from coachdesk.vault.store import Vault
from tests.conftest import FAST_KDF, PASSPHRASE

NEW_PASSPHRASE = "Tee im Stadtteilzentrum 2027!"
RECOVERY_CODE = re.compile(r"\b(?:[0-9A-Z]{4}-){7}[0-9A-Z]{4}\b")


def vault_log(services: Services) -> list[tuple[str, dict[str, object]]]:
    """Audit entries about the vault as a whole, oldest first, with their details."""
    return [
        (e.action, dict(e.details))
        for e in reversed(services.audit.entries())
        if e.entity == "vault"
    ]


def test_backups_by_hand_and_automatic_are_logged_without_file_names(
    services: Services, tmp_path: Path
) -> None:
    services.participants.create(ParticipantDraft("Amina", "Haddad"))
    usb = tmp_path / "usb stick"
    usb.mkdir()
    info = services.vault_admin.back_up(usb)
    verify_backup(info.path, PASSPHRASE)
    auto = services.vault_admin.back_up_automatically(tmp_path / "auto", keep=2)
    assert auto.path.parent == tmp_path / "auto"
    assert vault_log(services) == [("backup", {}), ("automatic_backup", {})]
    entries = services.audit.entries()
    assert not any("usb" in str(e.details) or "auto" in str(e.details) for e in entries)


def test_passphrase_change_is_logged_only_when_it_happened(services: Services) -> None:
    admin = services.vault_admin
    with pytest.raises(WrongPassphraseError):
        admin.change_passphrase("not the passphrase", NEW_PASSPHRASE, kdf=FAST_KDF)
    assert vault_log(services) == []
    admin.change_passphrase(PASSPHRASE, NEW_PASSPHRASE, kdf=FAST_KDF)
    assert vault_log(services) == [("passphrase_change", {})]
    path = admin.vault.path
    admin.vault.lock()
    with pytest.raises(WrongPassphraseError):
        Vault.open(path, PASSPHRASE)
    Vault.open(path, NEW_PASSPHRASE).lock()


def test_a_renewed_recovery_code_replaces_the_old_one(
    services: Services, recovery_code: str
) -> None:
    admin = services.vault_admin
    code = admin.renew_recovery_code(kdf=FAST_KDF)
    assert code != recovery_code
    assert vault_log(services) == [("recovery_code_renewal", {})]
    path = admin.vault.path
    admin.vault.lock()
    with pytest.raises(WrongRecoveryCodeError):
        Vault.open_with_recovery_code(path, recovery_code)
    Vault.open_with_recovery_code(path, code).lock()


def test_a_restore_is_logged_in_the_restored_vault(services: Services, tmp_path: Path) -> None:
    services.participants.create(ParticipantDraft("Amina", "Haddad"))
    info = services.vault_admin.back_up(tmp_path)
    services.participants.create(ParticipantDraft("Later", "Person"))
    path = services.vault_admin.vault.path
    services.vault_admin.vault.lock()

    result = restore_vault(info.path, path, PASSPHRASE)
    assert result.previous is not None and result.previous.exists()
    with Vault.open(path, PASSPHRASE) as vault:
        restored = Services(vault.sessions, vault=vault)
        restored.vault_admin.record_restore()
        assert [p.display_name for p in restored.participants.list()] == ["Amina Haddad"]
        # The copy was taken before its own entry was written: the restore is the only one.
        assert vault_log(restored) == [("restore", {})]


def test_cli_recovery_code_prints_and_saves_a_working_code(
    vault_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    sheet = tmp_path / "sheet.pdf"
    assert main(["recovery-code", str(vault_path), "--recovery-sheet", str(sheet)]) == 0
    out = capsys.readouterr().out
    [code] = RECOVERY_CODE.findall(out)
    assert "no longer opens it" in out and sheet.stat().st_size > 0
    with Vault.open_with_recovery_code(vault_path, code) as vault:
        assert vault_log(Services(vault.sessions)) == [("recovery_code_renewal", {})]
