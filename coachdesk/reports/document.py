"""What every partner report shares: who made it, the signature block, the A4 frame (export's)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import BinaryIO

from reportlab.platypus import Flowable

from coachdesk.documents.layout import (
    SignatureBox,
    Styles,
    build,
    gap,
    para,
    rows_table,
)
from coachdesk.export.common import signature_block
from coachdesk.i18n import _, format_date


@dataclass(frozen=True)
class ReportHeader:
    """Who issues a report, and with which certificate it is signed."""

    lang: str
    organisation_name: str
    """The coach's own organisation, shown in the page header."""
    coach_name: str
    issued_on: dt.date
    signer_name: str
    signer_fingerprint: str
    """SHA-256 of the signing certificate, hex."""


def opening(
    h: ReportHeader, title: str, rows: list[tuple[str, object]], st: Styles
) -> list[Flowable]:
    lang = h.lang
    rows = [
        *rows,
        (_("Prepared by", lang), h.coach_name),
        (_("Date", lang), format_date(h.issued_on, lang)),
    ]
    return [para(title, st.title), gap(2), *rows_table(rows, st), gap(4)]


def finish(
    h: ReportHeader, out: BinaryIO, flow: list[Flowable], title: str, st: Styles
) -> SignatureBox:
    """Add the signature block, write the PDF and say where the signature goes."""
    block, placeholder = signature_block(h.signer_name, h.signer_fingerprint, h.lang, st)
    build(out, [*flow, block], title=title, header_left=h.organisation_name, lang=h.lang)
    assert placeholder.drawn is not None
    return placeholder.drawn
