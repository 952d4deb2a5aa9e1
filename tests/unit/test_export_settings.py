"""Settings, "Documents": organisation name on documents, the signing certificate's life."""

from __future__ import annotations

import hashlib

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from coachdesk.documents.signing import create_identity
from coachdesk.export.request import ExportRequest
from coachdesk.export.service import ExportService
from coachdesk.models.enums import DataCategory as C
from coachdesk.services.errors import ValidationError
from coachdesk.ui.settings.signing import DocumentsGroup
from coachdesk.ui.settings.view import SettingsView
from tests.conftest import ORGANISATION
from tests.unit.test_export_documents import pdftotext
from tests.unit.test_export_support import add_consent, seed


def test_organisation_name_heads_every_document(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert services.settings.organisation_name() == ORGANISATION  # asked at first start
    services.settings.set_organisation_name("  Frauen in Arbeit e.V. – Köln  ")
    assert services.settings.organisation_name() == "Frauen in Arbeit e.V. – Köln"
    with pytest.raises(ValidationError, match="too long"):
        services.settings.set_organisation_name("x" * 201)
    seeded = seed(services.ctx.sessions)
    add_consent(
        services.ctx.sessions, seeded.participant_id, {C.IDENTITY_CONTACT}, organisation_id=1
    )
    exports = ExportService(services.ctx)
    exports.create_identity("Anna Çoban")
    target = tmp_path / "doc.pdf"
    exports.export_to(
        target,
        ExportRequest(
            participant_id=seeded.participant_id,
            document="exit_handover",
            organisation_id=1,
            contact_id=None,
            lang="en",
        ),
    )
    header = pdftotext(target).splitlines()[0]
    assert header.startswith("Frauen in Arbeit e.V. – Köln")


def test_certificate_create_export_and_import(  # type: ignore[no-untyped-def]
    services, vault, qtbot, tmp_path, monkeypatch
) -> None:
    services.settings.set_coach_name("Miriam Löwe")
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    view = SettingsView(services, vault, settings)
    qtbot.addWidget(view)
    group = view.findChild(DocumentsGroup)
    assert group is not None
    assert "No signing certificate yet" in group.certificate.text()
    assert not group.export_button.isEnabled()

    group.organisation.setText("Frauen in Arbeit e.V.")
    group.organisation_save.click()
    assert services.settings.organisation_name() == "Frauen in Arbeit e.V."

    group.create_button.click()  # the key is made off the UI thread; the buttons wait
    assert not group.create_button.isEnabled()
    qtbot.waitUntil(group.create_button.isEnabled, timeout=30_000)
    info = ExportService(services.ctx).current_identity()
    assert info is not None and info.subject_name == "Miriam Löwe"
    fp = info.fingerprint_sha256.upper()
    assert "Miriam Löwe" in group.certificate.text()
    assert ":".join(fp[i : i + 2] for i in range(0, 32, 2)) in group.certificate.text()

    # Export for the job centre: a PEM certificate without the key, the fingerprint shown.
    pem = tmp_path / "for-jobcentre.pem"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(pem), ""))
    )
    group.export_button.click()
    cert = x509.load_pem_x509_certificate(pem.read_bytes())
    assert hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest() == (
        info.fingerprint_sha256
    )
    assert b"PRIVATE" not in pem.read_bytes()

    # Import the organisation's PKCS#12 file; a wrong password is said in words.
    material = create_identity("Frauen in Arbeit e.V. – Signatur")
    key = serialization.load_der_private_key(material.private_key_der, None)
    p12 = tmp_path / "org.p12"
    p12.write_bytes(
        pkcs12.serialize_key_and_certificates(
            b"org", key, material.certificate, None,  # type: ignore[arg-type]
            serialization.BestAvailableEncryption(b"geheim"),
        )
    )  # fmt: skip
    passwords = iter(["falsch", "geheim"])
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(p12), ""))
    )
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: (next(passwords), True))
    )
    asked: list[str] = []

    def confirm(parent, title, text):  # type: ignore[no-untyped-def]
        asked.append(title)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(confirm))
    group.import_button.click()
    assert "password for this file is wrong" in group.message.text()
    assert "Miriam Löwe" in group.certificate.text()
    group.import_button.click()
    assert asked == ["Replace the certificate?"] * 2
    assert "Frauen in Arbeit e.V. – Signatur (imported)" in group.certificate.text()
    current = ExportService(services.ctx).current_identity()
    assert current is not None and current.fingerprint_sha256 == material.fingerprint_sha256
