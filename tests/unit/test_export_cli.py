"""``coachdesk export``, ``verify`` and ``certificate`` as a script would use them."""

from __future__ import annotations

import subprocess

from coachdesk.cli.main import main
from coachdesk.models.enums import DataCategory as C
from coachdesk.services.settings import SettingsService
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE
from tests.unit.test_export_documents import pdftotext
from tests.unit.test_export_support import MARKERS, add_consent, seed


def test_export_verify_certificate(vault_path, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    vault = Vault.open(vault_path, PASSPHRASE)
    from coachdesk.services.context import ServiceContext

    SettingsService(ServiceContext(vault.sessions)).set_coach_name("Miriam Löwe")
    seeded = seed(vault.sessions, "Оксана", "Шевченко")
    add_consent(
        vault.sessions,
        seeded.participant_id,
        {C.IDENTITY_CONTACT, C.GOALS_PROGRESS},
        organisation_id=seeded.job_centre_id,
    )
    vault.lock()
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "handover.pdf"
    code = main(
        [
            "--lang", "en",
            "export", str(vault_path),
            "--participant", str(seeded.participant_id),
            "--document", "exit_handover",
            "--recipient", str(seeded.job_centre_id),
            "--purpose", "Exit",
            "--out", str(out),
        ]
    )  # fmt: skip
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert "Created a signing certificate for Miriam Löwe." in printed
    assert "Withheld: Health (no consent for this category)" in printed
    text = pdftotext(out)
    assert "Оксана" in text and MARKERS[C.GOALS_PROGRESS] in text
    assert MARKERS[C.HEALTH] not in text
    sha = subprocess.run(["sha256sum", str(out)], capture_output=True, text=True).stdout.split()[0]
    assert f"SHA-256: {sha}" in printed

    cert = tmp_path / "coach.pem"
    assert main(["certificate", str(vault_path), "--out", str(cert)]) == 0
    assert cert.read_bytes().startswith(b"-----BEGIN CERTIFICATE-----")
    capsys.readouterr()
    assert main(["--lang", "en", "verify", str(out), "--cert", str(cert)]) == 0
    printed = capsys.readouterr().out
    assert "Signature: intact" in printed and "Signer: Miriam Löwe" in printed
    assert "Certificate: matches" in printed

    data = bytearray(out.read_bytes())
    data[len(data) // 3] ^= 0x20
    bad = tmp_path / "changed.pdf"
    bad.write_bytes(bytes(data))
    assert main(["--lang", "en", "verify", str(bad)]) == 4
    assert "MODIFIED" in capsys.readouterr().out
    # A wrong certificate file is a clear error, not a crash.
    assert main(["--lang", "en", "verify", str(out), "--cert", str(out)]) == 3
    assert "not a certificate file" in capsys.readouterr().err
