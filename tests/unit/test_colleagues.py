"""Colleagues' certificates: imported from PEM or DER, fingerprint in groups, verified, removed."""

from __future__ import annotations

import json

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization

from coachdesk.documents.signing import create_identity
from coachdesk.services.colleagues import fingerprint_groups, normalise_fingerprint
from coachdesk.services.errors import ValidationError


def test_import_pem_and_der_show_the_same_fingerprint_in_groups(services) -> None:  # type: ignore[no-untyped-def]
    berit = create_identity("Berit Hansen")
    info = services.colleagues.import_certificate(
        x509.load_der_x509_certificate(berit.certificate_der).public_bytes(
            serialization.Encoding.PEM
        )
    )
    assert info.name == "Berit Hansen" and info.fingerprint == berit.fingerprint_sha256
    assert info.verified_at is None
    groups = info.grouped_fingerprint.split(" ")
    assert len(groups) == 16 and all(len(g) == 4 and g == g.upper() for g in groups)
    assert normalise_fingerprint(info.grouped_fingerprint) == info.fingerprint
    assert fingerprint_groups("ab" * 32).startswith("ABAB ABAB")
    with pytest.raises(ValidationError, match="already in the list"):
        services.colleagues.import_certificate(berit.certificate_der)


def test_verify_and_remove_are_audited_with_who_and_when(services) -> None:  # type: ignore[no-untyped-def]
    info = services.colleagues.import_certificate(create_identity("Berit").certificate_der)
    verified = services.colleagues.verify(info.id, "by phone, 7 Dec")
    assert verified.verified_at is not None and verified.verified_by == "Test Coach"
    services.colleagues.remove(info.id)
    assert services.colleagues.colleagues() == []
    assert services.colleagues.colleagues(with_removed=True)[0].removed_at is not None
    with pytest.raises(ValidationError, match="removed"):
        services.colleagues.verify(info.id)
    actions = [(e.action, e.entity) for e in services.audit.entries()]
    assert ("import", "colleague") in actions
    assert ("verify", "colleague") in actions and ("remove", "colleague") in actions
    verify_entry = next(e for e in services.audit.entries() if e.action == "verify")
    assert verify_entry.details == {"how": "by phone, 7 Dec", "sha256": info.fingerprint}
    # Imported again after removal: a fresh, unverified start.
    again = services.colleagues.import_certificate(create_identity("Other").certificate_der)
    assert again.verified_at is None


def test_her_own_certificate_and_other_files_are_refused(services) -> None:  # type: ignore[no-untyped-def]
    from coachdesk.export.service import ExportService

    exports = ExportService(services.ctx)
    exports.create_identity("Test Coach")
    with pytest.raises(ValidationError, match="your own certificate"):
        services.colleagues.import_certificate(exports.export_certificate())
    for junk in (b"", b"hello", json.dumps({"a": 1}).encode(), b"\x30\x82\xff\xff" + b"\0" * 50):
        with pytest.raises(ValidationError, match="not a certificate"):
            services.colleagues.import_certificate(junk)
