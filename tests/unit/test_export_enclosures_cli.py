"""``coachdesk export --enclose``: a covered paper goes with the document, another is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachdesk.cli.main import main
from coachdesk.facade import Services
from coachdesk.models.enums import DataCategory as C
from coachdesk.services.attachments import AttachmentDraft
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE, TODAY
from tests.unit.attachment_files import tiff_bytes
from tests.unit.test_export_documents import pdftotext
from tests.unit.test_export_enclosures import CERT_MARKER, embedded_pdf
from tests.unit.test_export_support import add_consent, seed


def test_command_line_encloses_and_refuses_in_one_line(
    vault_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    vault = Vault.open(vault_path, PASSPHRASE)
    services = Services(vault.sessions, actor="Test Coach", today=lambda: TODAY)
    seeded = seed(vault.sessions)
    add_consent(
        vault.sessions, seeded.participant_id, {C.IDENTITY_CONTACT, C.LANGUAGES_QUALIFICATIONS},
        organisation_id=seeded.job_centre_id,
    )  # fmt: skip
    add = services.attachments.add
    pid = seeded.participant_id
    cert = add(pid, embedded_pdf(CERT_MARKER), AttachmentDraft("B1", C.LANGUAGES_QUALIFICATIONS)).id
    permit = add(pid, tiff_bytes(1), AttachmentDraft("Aufenthaltstitel", C.RESIDENCE_STATUS)).id
    vault.lock()
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "handover.pdf"
    base = [
        "--lang", "en", "export", str(vault_path), "--participant", str(pid),
        "--document", "exit_handover", "--recipient", str(seeded.job_centre_id), "--out", str(out),
    ]  # fmt: skip
    assert main([*base, "--enclose", str(permit), "--enclose", str(cert)]) == 3
    printed = capsys.readouterr()
    assert printed.err.strip().splitlines() == [
        "Error: “Aufenthaltstitel” cannot be enclosed: “Residence status” is a special "
        "category: it needs her explicit consent for this recipient."
    ]
    assert not out.exists()
    assert main([*base, "--enclose", str(cert)]) == 0
    printed = capsys.readouterr()
    assert f"Enclosed: paper {cert}, 1 page from page " in printed.out
    assert CERT_MARKER in pdftotext(out)
