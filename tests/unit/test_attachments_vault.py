"""Papers and the vault around them: command line, backup, restore, integrity, temp files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from coachdesk.cli.main import main
from coachdesk.facade import Services
from coachdesk.models.enums import DataCategory
from coachdesk.services.attachments import AttachmentDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.services.vault_admin import restore_vault
from coachdesk.vault.backup import verify_backup
from coachdesk.vault.errors import DamagedBackupError
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE
from tests.unit.attachment_files import jpeg_bytes, pdf_bytes

PERMIT = AttachmentDraft("Aufenthaltstitel", DataCategory.RESIDENCE_STATUS)


def _services(vault: Vault) -> Services:
    return Services(vault.sessions, actor="Test Coach", vault=vault)


def _with_papers(vault_path: Path, *papers: bytes) -> tuple[int, list[int]]:
    with Vault.open(vault_path, PASSPHRASE) as vault:
        services = _services(vault)
        pid = services.participants.create(ParticipantDraft("Hevin", "Aziz")).id
        ids = [
            services.attachments.add(pid, data, PERMIT.__class__(f"Paper {n}", PERMIT.category)).id
            for n, data in enumerate(papers)
        ]
    return pid, ids


def test_attach_list_and_save_a_copy_from_the_command_line(
    vault_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    pid, _ = _with_papers(vault_path)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf_bytes("Aufenthaltserlaubnis"))
    code = main(
        [
            *("attach", str(vault_path), "--participant", str(pid), "--file", str(scan)),
            *("--title", "Aufenthaltstitel", "--category", "residence_status"),
            *("--date", "2025-02-03"),
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert "Attached as paper" in capsys.readouterr().out
    assert main(["attachments", str(vault_path), "--participant", str(pid), "--json"]) == 0
    (listed,) = json.loads(capsys.readouterr().out)
    assert listed["title"] == "Aufenthaltstitel" and listed["document_date"] == "2025-02-03"
    assert listed["media_type"] == "application/pdf" and listed["pages"] == 1
    out = tmp_path / "out" / "copy.pdf"
    out.parent.mkdir()
    assert (
        main(
            [
                "attachment-save",
                str(vault_path),
                "--attachment",
                str(listed["id"]),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    assert out.read_bytes() == scan.read_bytes()
    with Vault.open(vault_path, PASSPHRASE) as vault:
        (row,) = _services(vault).exports.history(pid)
        assert row.sha256 == listed["sha256"]


@pytest.mark.parametrize(
    ("name", "data", "code", "says"),
    [
        ("foto.jpg", b"MZ\x90\x00" + bytes(100), 3, "neither a PDF nor a picture"),
        ("leer.pdf", b"", 3, "empty"),
        ("antrag.pdf", jpeg_bytes(), 3, "is a JPEG picture"),
    ],
)
def test_bad_files_on_the_command_line_are_one_line(
    vault_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
    code: int,
    says: str,
) -> None:
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    pid, _ = _with_papers(vault_path)
    path = tmp_path / name
    path.write_bytes(data)
    args = ["attach", str(vault_path), "--participant", str(pid), "--file", str(path)]
    assert main([*args, "--title", "x", "--category", "health"]) == code
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_copy_into_the_vault_is_refused_on_the_command_line(
    vault_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    _, (paper,) = _with_papers(vault_path, jpeg_bytes())
    target = vault_path / "copy.jpg"
    assert (
        main(["attachment-save", str(vault_path), "--attachment", str(paper), "--out", str(target)])
        == 1
    )
    assert not target.exists()


def test_backup_and_restore_carry_papers_byte_for_byte(vault_path: Path, tmp_path: Path) -> None:
    papers = [pdf_bytes("Zeugnis", pages=4), jpeg_bytes("Kita", size=(1600, 1200))]
    _, ids = _with_papers(vault_path, *papers)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        info = _services(vault).vault_admin.back_up(tmp_path / "usb.cdbackup")
        assert info.counts["attachment"] == 2 and info.counts["attachment_chunk"] >= 2
        _services(vault).attachments.remove(ids[0])
    restore_vault(info.path, vault_path, PASSPHRASE)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        services = _services(vault)
        assert [services.attachments.content(i) for i in ids] == papers
        assert services.vault_admin.check().ok


def _corrupt_a_chunk(vault_path: Path) -> None:
    """Change a paper's bytes through SQLCipher: every page's HMAC stays right."""
    with Vault.open(vault_path, PASSPHRASE) as vault, vault.engine.begin() as conn:
        chunk_id, data = conn.exec_driver_sql(
            "SELECT id, data FROM attachment_chunk ORDER BY id LIMIT 1"
        ).one()
        changed = data[:100] + bytes([data[100] ^ 0x01]) + data[101:]
        conn.exec_driver_sql(
            "UPDATE attachment_chunk SET data = ? WHERE id = ?", (changed, chunk_id)
        )


def test_a_changed_paper_fails_the_integrity_check_and_info(
    vault_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _with_papers(vault_path, jpeg_bytes("one"), jpeg_bytes("two"))
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert vault.integrity_check().ok
    _corrupt_a_chunk(vault_path)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        report = vault.integrity_check()
    assert not report.ok and len(report.attachment_problems) == 1
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    assert main(["info", str(vault_path), "--json"]) == 1
    info = json.loads(capsys.readouterr().out)
    assert info["counts"]["attachments"] == 2 and info["counts"]["attachment_bytes"] > 0
    assert any("SHA-256" in p for p in info["integrity"]["problems"])


def test_a_backup_of_a_changed_paper_is_refused(vault_path: Path, tmp_path: Path) -> None:
    _with_papers(vault_path, jpeg_bytes("one"))
    _corrupt_a_chunk(vault_path)
    with Vault.open(vault_path, PASSPHRASE) as vault, pytest.raises(DamagedBackupError):
        _services(vault).vault_admin.back_up(tmp_path / "bad.cdbackup")
    assert not (tmp_path / "bad.cdbackup").exists()


def test_a_good_backup_still_verifies(vault_path: Path, tmp_path: Path) -> None:
    _with_papers(vault_path, jpeg_bytes("one"))
    with Vault.open(vault_path, PASSPHRASE) as vault:
        info = _services(vault).vault_admin.back_up(tmp_path / "ok.cdbackup")
    assert verify_backup(info.path, PASSPHRASE).counts["attachment_content"] == 1


def test_no_marker_reaches_the_vault_folder_or_temp_while_attaching_and_reading(
    vault_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    marker = "MARKER-PAPER-51c9e0"
    scan = pdf_bytes(marker, f"{marker} page text")
    assert marker.encode() in scan
    _, (paper,) = _with_papers(vault_path, scan)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        services = _services(vault)
        assert services.attachments.content(paper) == scan
        _assert_nowhere(marker, vault_path, temp)  # the WAL is open now
        info = services.vault_admin.back_up(tmp_path / "b.cdbackup")
    _assert_nowhere(marker, vault_path, temp, info.path)


def _assert_nowhere(marker: str, *places: Path) -> None:
    needle = marker.encode()
    for place in places:
        files = [place] if place.is_file() else [p for p in place.rglob("*") if p.is_file()]
        for path in files:
            assert needle not in path.read_bytes(), path
    assert all(os.path.exists(p) for p in places)
