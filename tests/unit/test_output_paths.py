"""No command writes into a vault: every chosen output path is checked before anything is written.

Issue 12, item 2: ``certificate --out VAULT/keyslots.json``, ``export --out VAULT/vault.db``
or a report CSV in the vault folder exited 0 and left a vault nothing opens; ``report --out X
--csv X`` overwrote the recorded PDF with the CSV. Each case here must fail with one line,
a non-zero exit code, and the vault's files byte for byte as they were, still opening with
the passphrase and with the recovery code.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from coachdesk.cli.main import main
from coachdesk.demo.generate import generate_demo
from coachdesk.vault import output_paths
from coachdesk.vault.output_paths import OutputPathError, check_output_paths
from coachdesk.vault.store import DB_NAME, SLOTS_NAME, Vault
from tests.conftest import PASSPHRASE, TODAY


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (names and SHA-256 of the contents)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def demo_template(
    template_vault: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A small demo vault with a signing certificate, so every writing command can succeed."""
    from coachdesk.export.service import ExportService
    from coachdesk.facade import Services

    path = tmp_path_factory.mktemp("outputs") / "vault"
    shutil.copytree(template_vault[0], path)
    with Vault.open(path, PASSPHRASE) as vault:
        generate_demo(vault, participants=3, seed=1, today=TODAY)
        ExportService(Services(vault.sessions).ctx).create_identity()
    return path


@pytest.fixture
def vault_dir(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    target = tmp_path / "vault"
    shutil.copytree(demo_template, target)
    return target


def refused(
    argv: list[str],
    vault: Path,
    recovery_code: str,
    capsys: pytest.CaptureFixture[str],
    *watched: Path,
) -> str:
    """Run ``argv``: one line, an error code, and ``vault`` (and ``watched``) as they were."""
    folders = [vault, *watched]
    before = [fingerprint(f) for f in folders]
    code = main(argv)
    captured = capsys.readouterr()
    assert code != 0, captured.out
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), captured.err
    assert "Traceback" not in captured.err + captured.out
    assert [fingerprint(f) for f in folders] == before
    Vault.open(vault, PASSPHRASE, migrate=False).lock()
    Vault.open_with_recovery_code(vault, recovery_code, migrate=False).lock()
    return lines[0]


def export_args(vault: Path, out: Path) -> list[str]:
    return [
        "export",
        str(vault),
        "--participant",
        "1",
        "--document",
        "exit_handover",
        "--recipient",
        "1",
        "--out",
        str(out),
    ]


def report_args(vault: Path, out: Path, csv: Path | None = None) -> list[str]:
    args = ["report", "quarterly", str(vault), "--from", "2026-01-01", "--to", "2026-03-31"]
    args += ["--out", str(out)]
    return args + (["--csv", str(csv)] if csv is not None else [])


INTO_THE_VAULT: dict[str, Callable[[Path, Path], list[str]]] = {
    "certificate onto keyslots.json": lambda v, o: [
        "certificate",
        str(v),
        "--out",
        str(v / SLOTS_NAME),
    ],
    "certificate onto vault.db": lambda v, o: ["certificate", str(v), "--out", str(v / DB_NAME)],
    "certificate into the folder": lambda v, o: ["certificate", str(v), "--out", str(v / "c.pem")],
    "export onto vault.db": lambda v, o: export_args(v, v / DB_NAME),
    "export onto keyslots.json": lambda v, o: export_args(v, v / SLOTS_NAME),
    "export by a detour": lambda v, o: export_args(v, o / ".." / v.name / "x.pdf"),
    "report PDF onto vault.db": lambda v, o: report_args(v, v / DB_NAME),
    "report CSV into the folder": lambda v, o: report_args(v, o / "r.pdf", v / "r.csv"),
    "report CSV onto keyslots.json": lambda v, o: report_args(v, o / "r.pdf", v / SLOTS_NAME),
    "backup into the folder": lambda v, o: ["backup", str(v), str(v)],
    "backup onto vault.db": lambda v, o: ["backup", str(v), str(v / DB_NAME)],
    "backup into the automatic backups": lambda v, o: [
        "backup",
        str(v),
        str(v.with_name(v.name + "-backups") / "b.cdbak"),
    ],
    "recovery sheet into the folder": lambda v, o: [
        "recovery-code",
        str(v),
        "--recovery-sheet",
        str(v / "sheet.pdf"),
    ],
    "recovery sheet onto keyslots.json": lambda v, o: [
        "recovery-code",
        str(v),
        "--recovery-sheet",
        str(v / SLOTS_NAME),
    ],
}


@pytest.mark.parametrize("case", sorted(INTO_THE_VAULT))
def test_no_command_writes_into_the_open_vault(
    case: str,
    vault_dir: Path,
    recovery_code: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    automatic = vault_dir.with_name(vault_dir.name + "-backups")
    automatic.mkdir()
    line = refused(INTO_THE_VAULT[case](vault_dir, out), vault_dir, recovery_code, capsys)
    assert "vault folder" in line or "vault's folder" in line
    assert list(out.iterdir()) == [] and list(automatic.iterdir()) == []


def test_a_link_to_the_vault_is_followed(
    vault_dir: Path, recovery_code: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "innocent.pdf"
    link.symlink_to(vault_dir / DB_NAME)
    refused(export_args(vault_dir, link), vault_dir, recovery_code, capsys)
    folder_link = tmp_path / "documents"
    folder_link.symlink_to(vault_dir, target_is_directory=True)
    refused(
        ["certificate", str(vault_dir), "--out", str(folder_link / "c.pem")],
        vault_dir,
        recovery_code,
        capsys,
    )


def test_no_command_writes_into_another_vault(
    vault_dir: Path, recovery_code: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other"
    shutil.copytree(vault_dir, other)
    for argv in (
        export_args(vault_dir, other / "x.pdf"),
        report_args(vault_dir, tmp_path / "r.pdf", other / DB_NAME),
        ["certificate", str(vault_dir), "--out", str(other / SLOTS_NAME)],
        ["init", str(tmp_path / "new"), "--recovery-sheet", str(other / "sheet.pdf")],
        ["backup", str(vault_dir), str(other / "b.cdbak")],
    ):
        refused(argv, vault_dir, recovery_code, capsys, other)
    assert not (tmp_path / "new").exists() and not (tmp_path / "r.pdf").exists()


def test_one_command_never_writes_one_file_twice(
    vault_dir: Path, recovery_code: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    same = tmp_path / "r.pdf"
    line = refused(report_args(vault_dir, same, same), vault_dir, recovery_code, capsys)
    assert "twice" in line and not same.exists()
    detour = tmp_path / "sub" / ".." / "r.pdf"
    (tmp_path / "sub").mkdir()
    refused(report_args(vault_dir, same, detour), vault_dir, recovery_code, capsys)
    assert not same.exists()


def test_the_same_files_outside_the_vault_are_written(
    vault_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The check refuses only what it must: the same commands succeed beside the vault."""
    # Each in a folder of its own: a folder holding a keyslots.json counts as a vault's.
    for name in ("certificate", "document", "report"):
        (tmp_path / name).mkdir()
    cert, document = tmp_path / "certificate" / SLOTS_NAME, tmp_path / "document" / DB_NAME
    assert main(["certificate", str(vault_dir), "--out", str(cert)]) == 0
    assert main(export_args(vault_dir, document)) == 0
    report = tmp_path / "report"
    assert main(report_args(vault_dir, report / "r.pdf", report / "r.csv")) == 0
    assert cert.read_bytes().startswith(b"-----BEGIN CERTIFICATE")
    assert document.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in report.iterdir()) == ["r.csv", "r.pdf"]
    capsys.readouterr()


def test_the_services_the_window_uses_refuse_the_same(vault_dir: Path, tmp_path: Path) -> None:
    """The window saves through these calls; each refuses with the same message."""
    from coachdesk.export.request import ExportRequest
    from coachdesk.facade import Services
    from coachdesk.reports.service import ReportService
    from coachdesk.vault.saving import save_atomically

    before = fingerprint(vault_dir)
    with Vault.open(vault_dir, PASSPHRASE) as vault:
        services = Services(vault.sessions, vault=vault, today=lambda: TODAY)
        request = ExportRequest(participant_id=1, document="exit_handover", organisation_id=1)
        exported = len(services.exports.history(1))
        calls: list[Callable[[], object]] = [
            lambda: services.exports.export_to(vault_dir / DB_NAME, request),
            lambda: ReportService(services.ctx).export_quarterly_to(
                tmp_path / "r.pdf",
                vault_dir / "r.csv",
                start=dt.date(2026, 1, 1),
                end=dt.date(2026, 3, 31),
            ),
            lambda: services.vault_admin.back_up(vault_dir),
            lambda: save_atomically(vault_dir / SLOTS_NAME, b"certificate"),
        ]
        for call in calls:
            with pytest.raises(OutputPathError, match="vault folder"):
                call()
        assert len(services.exports.history(1)) == exported
    assert not (tmp_path / "r.pdf").exists()
    assert fingerprint(vault_dir) == before


def test_the_check_knows_the_stores_file_names(tmp_path: Path) -> None:
    assert set(output_paths.VAULT_FILES) == {DB_NAME, SLOTS_NAME}
    check_output_paths([tmp_path / "a.pdf", None, tmp_path / "a.csv"])
    with pytest.raises(OutputPathError, match="new vault"):
        check_output_paths([tmp_path / "new vault" / "x.pdf"], vault=tmp_path / "new vault")
