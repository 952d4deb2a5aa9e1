"""Fuzzing the PKCS#12 import: whatever the file, a clear ValidationError or a certificate.

The organisation's certificate file comes from outside (a USB stick, an e-mail): random
bytes, real files with bytes flipped, cut or inserted, wrong passwords, and keys that do
not suit the certificate must all end in one of the documented messages, never a crash.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from asn1crypto import cms, core
from asn1crypto import keys as asn1_keys
from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachdesk.documents.signing import load_pkcs12
from coachdesk.export.service import ExportService
from coachdesk.facade import Services
from coachdesk.services.errors import ValidationError

PASSWORD = "Träger-2026"
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
DOCUMENTED = {
    "The file is damaged or is not a PKCS#12 (.p12/.pfx) file.",
    "The password for this file is wrong.",
    "The file contains no private key.",
    "The file contains no certificate.",
    "Only RSA and EC keys can sign documents.",
    "The private key does not belong to the certificate.",
}
Key = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey


def certificate(
    subject_key: Key, signing_key: Key, name: str = "Beratungsstelle"
) -> x509.Certificate:
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(subject_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=365))
    )
    algorithm = None if isinstance(signing_key, ed25519.Ed25519PrivateKey) else hashes.SHA256()
    return builder.sign(signing_key, algorithm)


def p12(key: Key | None, cert: x509.Certificate | None, password: str = PASSWORD) -> bytes:
    encryption = (
        serialization.BestAvailableEncryption(password.encode())
        if password
        else serialization.NoEncryption()
    )
    return pkcs12.serialize_key_and_certificates(b"org", key, cert, None, encryption)  # type: ignore[arg-type]


def unchecked_p12(key: Key, cert: x509.Certificate) -> bytes:
    """A PKCS#12 file without encryption or MAC, pairing any key with any certificate.

    ``cryptography`` refuses to write a key with a certificate it does not belong to;
    another program may not.
    """
    attrs = asn1_pkcs12.Attributes([{"type": "local_key_id", "values": [core.OctetString(b"1")]}])
    der_key = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    der_cert = core.ParsableOctetString(cert.public_bytes(serialization.Encoding.DER))
    bags = asn1_pkcs12.SafeContents(
        [
            {
                "bag_id": "key_bag",
                "bag_value": asn1_keys.PrivateKeyInfo.load(der_key),
                "bag_attributes": attrs,
            },
            {
                "bag_id": "cert_bag",
                "bag_value": asn1_pkcs12.CertBag({"cert_id": "x509", "cert_value": der_cert}),
                "bag_attributes": attrs,
            },
        ]
    )

    def data(content: bytes) -> cms.ContentInfo:
        return cms.ContentInfo({"content_type": "data", "content": core.OctetString(content)})

    safe = asn1_pkcs12.AuthenticatedSafe([data(bags.dump())])
    return bytes(asn1_pkcs12.Pfx({"version": "v3", "auth_safe": data(safe.dump())}).dump())


RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
EC_KEY = ec.generate_private_key(ec.SECP256R1())
ED_KEY = ed25519.Ed25519PrivateKey.generate()
RSA_FILE = p12(RSA_KEY, certificate(RSA_KEY, RSA_KEY))
EC_FILE = p12(EC_KEY, certificate(EC_KEY, EC_KEY), password="")
PLAIN_FILE = unchecked_p12(RSA_KEY, certificate(RSA_KEY, RSA_KEY))
REAL_FILES = (RSA_FILE, EC_FILE, PLAIN_FILE)


def clear_error_or_material(data: bytes, password: str) -> None:
    """The import gives signing material or one of the documented messages."""
    try:
        material = load_pkcs12(data, password)
    except ValidationError as refused:
        assert refused.render("en") in DOCUMENTED
        return
    assert material.subject_name and material.fingerprint_sha256


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real PKCS#12 file with a few bytes flipped, cut off, or inserted."""
    data = bytearray(draw(st.sampled_from(REAL_FILES)))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data) - 1))
        how = draw(st.sampled_from(["flip", "cut", "insert", "set"]))
        if how == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif how == "cut":
            del data[at:]
            if not data:
                break
        elif how == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=8))
        else:
            data[at] = draw(st.sampled_from([0x00, 0x7F, 0x80, 0x81, 0x84, 0xFF]))
    return bytes(data)


passwords = st.sampled_from([PASSWORD, "", "träger-2026"]) | st.text(
    st.characters(exclude_categories=("Cs",)), max_size=20
)


@FUZZ
@given(data=st.binary(max_size=2000), password=passwords)
def test_arbitrary_bytes(data: bytes, password: str) -> None:
    clear_error_or_material(data, password)


@FUZZ
@given(data=mutated(), password=st.sampled_from([PASSWORD, ""]))
def test_mutated_real_files(data: bytes, password: str) -> None:
    clear_error_or_material(data, password)


@settings(max_examples=40, deadline=None)
@given(password=passwords)
def test_wrong_password_says_so(password: str) -> None:
    if password == PASSWORD:
        assert load_pkcs12(RSA_FILE, password).subject_name == "Beratungsstelle"
        return
    with pytest.raises(ValidationError) as refused:
        load_pkcs12(RSA_FILE, password)
    assert refused.value.render("en") == "The password for this file is wrong."


NO_CERTIFICATE = "The file contains no certificate."
NOT_ITS_KEY = "The private key does not belong to the certificate."


@pytest.mark.parametrize(
    ("data", "messages"),
    [
        (p12(None, certificate(RSA_KEY, RSA_KEY)), {"The file contains no private key."}),
        (p12(RSA_KEY, None), {NO_CERTIFICATE}),
        (p12(ED_KEY, certificate(ED_KEY, ED_KEY)), {"Only RSA and EC keys can sign documents."}),
        (unchecked_p12(RSA_KEY, certificate(EC_KEY, EC_KEY)), {NO_CERTIFICATE, NOT_ITS_KEY}),
        (unchecked_p12(EC_KEY, certificate(RSA_KEY, RSA_KEY)), {NO_CERTIFICATE, NOT_ITS_KEY}),
        (unchecked_p12(RSA_KEY, certificate(ED_KEY, RSA_KEY)), {NO_CERTIFICATE, NOT_ITS_KEY}),
        (unchecked_p12(EC_KEY, certificate(ED_KEY, EC_KEY)), {NO_CERTIFICATE, NOT_ITS_KEY}),
    ],
)
def test_unsuitable_contents_named(data: bytes, messages: set[str]) -> None:
    with pytest.raises(ValidationError) as refused:
        load_pkcs12(data, PASSWORD)
    assert refused.value.render("en") in messages


def test_a_file_without_password_or_mac_loads() -> None:
    assert load_pkcs12(PLAIN_FILE, "").subject_name == "Beratungsstelle"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=mutated() | st.binary(max_size=600))
def test_import_into_the_vault(services: Services, data: bytes) -> None:
    """Through the service: a refused file leaves the vault's certificate as it was."""
    exports = ExportService(services.ctx)
    before = exports.current_identity()
    try:
        info = exports.import_pkcs12(data, PASSWORD)
    except ValidationError as refused:
        assert refused.render("en") in DOCUMENTED
        assert exports.current_identity() == before
        return
    assert exports.current_identity() == info
