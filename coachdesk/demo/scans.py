"""Invented scans for the demo: a signed consent sheet as a small, real one-page PDF.

Made by hand (a few hundred bytes, no ReportLab) so that a demo of 10,000 participants
gets its scans in no noticeable time; each one differs (its sheet number), so none is
stored only once for two people.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator
from typing import Any

from coachdesk import models as m
from coachdesk.demo.data import COACH_NAME
from coachdesk.models.enums import DataCategory


def consent_scan(sheet: int, given_on: dt.date) -> bytes:
    """A one-page PDF saying which consent sheet it is and when it was signed."""
    lines = [
        "Einwilligung in die Datenweitergabe",
        f"Blatt {sheet} - unterschrieben am {given_on:%d.%m.%Y}",
        "(Demo-Scan, erfundene Daten)",
    ]
    text = " ".join(
        f"BT /F1 {14 if n == 0 else 11} Tf 72 {760 - 24 * n} Td ({line}) Tj ET"
        for n, line in enumerate(lines)
    ).encode("latin-1")
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    return one_page_pdf(b"<< /Font << /F1 5 0 R >> >>", text, font)


def one_page_pdf(resources: bytes, content: bytes, resource_object: bytes) -> bytes:
    """A one-page A4 PDF drawing ``content``, whose ``resources`` name one more object,
    number 5 (``resource_object``: a font, a picture): written by hand, with its
    cross-reference table, in no measurable time."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
        + resources
        + b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        resource_object,
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def consent_scan_rows(
    next_id: Callable[[type[m.Base]], int], participant_id: int, consent_id: int, given: dt.date
) -> Iterator[tuple[type[m.Base], dict[str, Any]]]:
    """The rows of one scanned consent sheet: its bytes (one chunk) and the paper."""
    scan = consent_scan(consent_id, given)
    content_id = next_id(m.AttachmentContent)
    yield (
        m.AttachmentContent,
        {
            "id": content_id,
            "sha256": hashlib.sha256(scan).hexdigest(),
            "size": len(scan),
            "media_type": "application/pdf",
            "page_count": 1,
        },
    )
    yield (
        m.AttachmentChunk,
        {
            "id": next_id(m.AttachmentChunk),
            "content_id": content_id,
            "seq": 0,
            "data": scan,
        },
    )
    yield (
        m.Attachment,
        {
            "id": next_id(m.Attachment),
            "participant_id": participant_id,
            "content_id": content_id,
            "title": "Unterschriebene Einwilligung",
            "category": DataCategory.IDENTITY_CONTACT,
            "document_date": given,
            "consent_id": consent_id,
            "handover_id": None,
            "meeting_id": None,
            "added_by": COACH_NAME,
        },
    )
