"""An older copy of the vault put back in place is noticed; a restore through CoachDesk is not.

A sync program, a USB stick or someone undoing an erasure by copying files back: the vault
opens, but older. The write counter in the encrypted database and this computer's record of
the newest counter seen tell the two apart; a deliberate restore updates the record.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coachdesk.cli.main import main
from coachdesk.facade import Services
from coachdesk.services.participants import ParticipantDraft
from coachdesk.services.vault_admin import restore_vault
from coachdesk.vault.rollback import RECORD_NAME, state_dir
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE


def add_participant(vault: Vault, last_name: str) -> None:
    Services(vault.sessions, actor="Coach").participants.create(ParticipantDraft("Ana", last_name))


def put_back(copy: Path, vault_path: Path) -> None:
    shutil.rmtree(vault_path)
    shutil.copytree(copy, vault_path)


def test_an_older_copy_put_back_is_noticed(vault_path: Path, tmp_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.older_state is None
        add_participant(vault, "Alt")
    copy = tmp_path / "copy"
    shutil.copytree(vault_path, copy)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        add_participant(vault, "Neu")  # the erasure, the new entry she would lose
    put_back(copy, vault_path)

    vault = Vault.open(vault_path, PASSPHRASE)
    older = vault.older_state
    assert older is not None and older.counter < older.seen
    vault.lock()  # she does not continue: the copy stays as it was
    vault = Vault.open(vault_path, PASSPHRASE)
    assert vault.older_state == older  # asked again, the counter did not move
    vault.accept_older_state()
    vault.lock()
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.older_state is None  # knowingly continued: this is now the newest


def test_a_copy_taken_while_the_vault_was_open_is_noticed(vault_path: Path, tmp_path: Path) -> None:
    vault = Vault.open(vault_path, PASSPHRASE)
    add_participant(vault, "Offen")
    vault._checkpoint()
    copy = tmp_path / "copy"
    shutil.copytree(vault_path, copy, ignore=shutil.ignore_patterns("vault.lock"))
    add_participant(vault, "Danach")  # written after the copy was taken
    vault.lock()
    put_back(copy, vault_path)
    with Vault.open(vault_path, PASSPHRASE) as reopened:
        assert reopened.older_state is not None


def test_opening_and_reading_changes_no_file(vault_path: Path) -> None:
    """A command that only reads, or fails before it writes, leaves the files as they were."""
    before = (vault_path / "vault.db").read_bytes()
    with Vault.open(vault_path, PASSPHRASE) as vault:
        Services(vault.sessions).participants.list()
    assert (vault_path / "vault.db").read_bytes() == before


def test_a_restore_through_coachdesk_asks_nothing(vault_path: Path, tmp_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        add_participant(vault, "Gesichert")
        backup = Services(vault.sessions, vault=vault).vault_admin.back_up(tmp_path / "backups")
    with Vault.open(vault_path, PASSPHRASE) as vault:
        add_participant(vault, "Danach")
    restore_vault(backup.path, vault_path, PASSPHRASE)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.older_state is None


def test_the_record_names_no_vault_and_lives_outside_it(vault_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        add_participant(vault, "Erste")
    record = state_dir() / RECORD_NAME
    assert record.is_file() and vault_path not in record.parents
    text = record.read_text(encoding="utf-8")
    assert vault_path.name not in text and str(vault_path) not in text


def test_the_command_line_refuses_an_older_state_unless_told(
    vault_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(vault_path, copy)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        add_participant(vault, "Neu")
    put_back(copy, vault_path)
    secret = tmp_path / "pass.txt"
    secret.write_text(PASSPHRASE, encoding="utf-8")
    before = (vault_path / "vault.db").read_bytes()
    args = ["participants", str(vault_path), "--passphrase-file", str(secret)]
    assert main(args) == 2  # the vault's exit code
    out, err = capsys.readouterr()
    assert "older than the one you last used" in err and "Traceback" not in out + err
    assert (vault_path / "vault.db").read_bytes() == before
    assert main([*args, "--accept-older-state"]) == 0
    assert main(args) == 0
