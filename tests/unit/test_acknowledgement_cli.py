"""``coachdesk export ... --acknowledged``: her acknowledgement from a script, in the signed PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from coachdesk.cli.main import main
from coachdesk.cli.support import EXIT_ERROR, EXIT_VALIDATION
from coachdesk.models.enums import DataCategory as C
from coachdesk.services.audit import AuditService
from coachdesk.services.context import ServiceContext
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE
from tests.unit.test_export_documents import pdftotext
from tests.unit.test_export_support import Seeded, add_consent, seed

OBJECTION = "Ich war beim Kinderarzt, nicht unentschuldigt."


@pytest.fixture
def seeded(vault_path: Path, monkeypatch: pytest.MonkeyPatch) -> Seeded:
    vault = Vault.open(vault_path, PASSPHRASE)
    found = seed(vault.sessions, "Оксана", "Шевченко")
    add_consent(
        vault.sessions,
        found.participant_id,
        {C.IDENTITY_CONTACT, C.GOALS_PROGRESS},
        organisation_id=found.job_centre_id,
    )
    vault.lock()
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    return found


def _export(vault_path: Path, seeded: Seeded, out: Path, *extra: str) -> int:
    return main(
        [
            "--lang", "en",
            "export", str(vault_path),
            "--participant", str(seeded.participant_id),
            "--document", "interim_feedback",
            "--recipient", str(seeded.job_centre_id),
            "--out", str(out),
            *extra,
        ]
    )  # fmt: skip


def test_interpreted_and_objected_from_the_command_line(
    vault_path: Path, seeded: Seeded, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "zwischenbericht.pdf"
    code = _export(
        vault_path,
        seeded,
        out,
        "--acknowledged", "interpreted",
        "--interpreter", "Iryna Bondar",
        "--ack-language", "uk",
        "--objects", OBJECTION,
    )  # fmt: skip
    assert code == 0, capsys.readouterr()
    text = " ".join(pdftotext(out).split())
    assert "Kenntnisnahme durch die Teilnehmerin" in text
    assert "von Iryna Bondar auf Ukrainisch gedolmetscht" in text
    assert OBJECTION in text
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig
    vault = Vault.open(vault_path, PASSPHRASE)
    try:
        entry = AuditService(ServiceContext(vault.sessions)).entries(action="export")[0]
    finally:
        vault.lock()
    assert entry.details["acknowledgement"]["how"] == "interpreted"
    assert OBJECTION not in repr(entry.details)


@pytest.mark.parametrize(
    ("extra", "code", "says"),
    [
        (["--agrees"], EXIT_ERROR, "--acknowledged"),
        (["--acknowledged", "read"], EXIT_ERROR, "--agrees or --objects"),
        (["--acknowledged", "interpreted", "--agrees"], EXIT_VALIDATION, "who interpreted it"),
    ],
)
def test_an_incomplete_acknowledgement_is_refused(
    vault_path: Path,
    seeded: Seeded,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    code: int,
    says: str,
) -> None:
    out = tmp_path / "zwischenbericht.pdf"
    assert _export(vault_path, seeded, out, *extra) == code
    assert says in capsys.readouterr().err
    assert not out.exists()
