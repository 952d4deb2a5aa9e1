"""The CMS signature container, put together from a template pyHanko made for the signer.

pyHanko builds each container from Python values with asn1crypto, which encodes every
certificate field and attribute again for each signature: about 8 ms, half of a
document's signing. For one certificate, every container a PAdES signature of ours needs
is the same but for three parts: the document's digest (in the signed attributes), the
signed attributes' own encoding around it, and the signature value over them. So pyHanko
makes one container per certificate (the dry run that also finds the room to reserve),
this module keeps its encoded parts, and each signature only encodes the parts that
change around them. The result is byte for byte what pyHanko writes (a test compares them
for a deterministic RSA signature), so readers see no difference.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from asn1crypto import cms

_SIGNED_DATA_FIELDS = ("version", "digest_algorithms", "encap_content_info", "certificates", "crls")
_SIGNER_HEAD_FIELDS = ("version", "sid", "digest_algorithm")
_MESSAGE_DIGEST_OID = bytes.fromhex("06092a864886f70d010904")
"""The DER of the object identifier of the message-digest attribute (RFC 5652, 11.2)."""
_SIGNED_DATA_OID = bytes.fromhex("06092a864886f70d010702")

SEQUENCE, SET, OCTET_STRING, CONTEXT_0 = 0x30, 0x31, 0x04, 0xA0


class TemplateMismatchError(ValueError):
    """pyHanko's container has a part this template does not know how to keep."""


def tlv(tag: int, content: bytes) -> bytes:
    """One DER element: tag, definite length, content."""
    size = len(content)
    if size < 0x80:
        return bytes((tag, size)) + content
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes((tag, 0x80 | len(length))) + length + content


@dataclass(frozen=True)
class ContainerTemplate:
    """The encoded parts of one signer's containers that are the same for every document."""

    signed_data_head: bytes
    """Version, digest algorithms, content type, certificates (and CRLs, if any)."""
    signer_head: bytes
    """The signer info's version, the signer's identifier and the digest algorithm."""
    attributes_before: tuple[bytes, ...]
    """Signed attributes in their DER order before the message digest (the content type)."""
    attributes_after: tuple[bytes, ...]
    """Signed attributes after it (the signing certificate's hash, for PAdES)."""
    signature_algorithm: bytes

    def container(self, digest: bytes, sign: Callable[[bytes], bytes]) -> bytes:
        """The DER of a container for ``digest``; ``sign`` signs the signed attributes."""
        message_digest = tlv(SEQUENCE, _MESSAGE_DIGEST_OID + tlv(SET, tlv(OCTET_STRING, digest)))
        attributes = b"".join((*self.attributes_before, message_digest, *self.attributes_after))
        signature = sign(tlv(SET, attributes))  # signed as a SET OF (RFC 5652, 5.4)
        signer_info = tlv(
            SEQUENCE,
            self.signer_head
            + tlv(CONTEXT_0, attributes)
            + self.signature_algorithm
            + tlv(OCTET_STRING, signature),
        )
        signed_data = tlv(SEQUENCE, self.signed_data_head + tlv(SET, signer_info))
        return tlv(SEQUENCE, _SIGNED_DATA_OID + tlv(CONTEXT_0, signed_data))


def template_of(made: cms.ContentInfo) -> ContainerTemplate:
    """The template of a container pyHanko made (its signature value is not kept).

    Refuses a container with parts that would differ from one document to the next
    beyond the digest and the signature: unsigned attributes (a timestamp), another
    signer, or a signed attribute that is not encoded the same for the same length.
    """
    parsed = cms.ContentInfo.load(made.dump())
    signed_data = parsed["content"]
    signers = signed_data["signer_infos"]
    if parsed["content_type"].native != "signed_data" or len(signers) != 1:
        raise TemplateMismatchError("one signer in a SignedData container expected")
    signer = signers[0]
    if signer["unsigned_attrs"].dump():
        raise TemplateMismatchError("unsigned attributes differ from one signature to the next")
    head = b"".join(signed_data[name].dump() for name in _SIGNED_DATA_FIELDS)
    if head + signed_data["signer_infos"].dump() != signed_data.contents:
        raise TemplateMismatchError("SignedData has fields this template does not keep")
    attributes = [a.dump() for a in signer["signed_attrs"]]
    digests = [i for i, a in enumerate(attributes) if a[2:].startswith(_MESSAGE_DIGEST_OID)]
    if len(digests) != 1:
        raise TemplateMismatchError("exactly one message-digest attribute expected")
    signer_head = b"".join(signer[name].dump() for name in _SIGNER_HEAD_FIELDS)
    algorithm = signer["signature_algorithm"].dump()
    rebuilt = (
        signer_head + tlv(CONTEXT_0, b"".join(attributes)) + algorithm + signer["signature"].dump()
    )
    if rebuilt != signer.contents:
        raise TemplateMismatchError("SignerInfo has fields this template does not keep")
    at = digests[0]
    return ContainerTemplate(
        signed_data_head=head,
        signer_head=signer_head,
        attributes_before=tuple(attributes[:at]),
        attributes_after=tuple(attributes[at + 1 :]),
        signature_algorithm=algorithm,
    )
