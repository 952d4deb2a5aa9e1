"""What every document shows: who it is about and for, its consent basis, what was withheld."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import BinaryIO

from reportlab.platypus import Flowable

from coachdesk.documents.layout import (
    SignatureBox,
    SignaturePlaceholder,
    Styles,
    build,
    flowing_text,
    gap,
    keep,
    para,
    rows_table,
)
from coachdesk.export import acknowledgement
from coachdesk.export.acknowledgement import Acknowledgement
from coachdesk.export.enclosure_list import enclosure_section
from coachdesk.export.facts import (
    REASON_LABELS,
    ConsentBasis,
    EnclosureFacts,
    FilteredFile,
    Withheld,
)
from coachdesk.i18n import N_, _, format_date, format_datetime
from coachdesk.labels import label
from coachdesk.models.enums import DataCategory

FIELD_LABELS: dict[str, str] = {
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "first_name_latin": N_("First name in Latin letters"),
    "last_name_latin": N_("Last name in Latin letters"),
    "pseudonym": N_("Pseudonym"),
    "date_of_birth": N_("Date of birth"),
    "phone": N_("Phone"),
    "email": N_("Email"),
    "address": N_("Address"),
    "jobcentre_customer_number": N_("Job centre customer number"),
    "languages": N_("Languages"),
    "german_level": N_("German level"),
    "qualifications": N_("Qualifications"),
    "work_experience": N_("Work experience"),
    "family_situation": N_("Family situation"),
    "children_count": N_("Number of children"),
    "childcare": N_("Childcare"),
    "health_notes": N_("Health"),
    "residence_status": N_("Residence status"),
    "residence_valid_until": N_("Residence permit valid until"),
    "programme_id": N_("Programme"),
    "status": N_("Status"),
    "entry_date": N_("Programme entry"),
    "exit_date": N_("Programme exit"),
    "exit_destination": N_("Destination after exit"),
}


@dataclass(frozen=True)
class DocumentData:
    """A filtered file plus what the document says about its making."""

    file: FilteredFile
    lang: str
    organisation_name: str
    """The coach's own organisation, shown in the header."""
    coach_name: str
    recipient_name: str
    issued_on: dt.date
    signer_name: str
    signer_fingerprint: str
    """SHA-256 of the signing certificate, hex."""
    meeting_id: int | None = None
    """The meeting a meeting summary is about (default: the latest)."""
    enclosures: tuple[EnclosureFacts, ...] = ()
    """Papers of her file appended to the document as pages, listed before its closing."""
    acknowledgement: Acknowledgement | None = None
    """What she said to the document before it left, printed above the signature."""
    month: dt.date | None = None
    """The month an absence sheet is for (its first day; default: the month before)."""


def fmt(value: object, lang: str) -> str:
    """A value as a reader of ``lang`` expects it."""
    if value is None:
        return ""
    if isinstance(value, enum.StrEnum):
        return label(value, lang)
    if isinstance(value, dt.datetime):
        return format_datetime(value, lang, "short")
    if isinstance(value, dt.date):
        return format_date(value, lang)
    return str(value)


def fingerprint_text(hex_digest: str) -> str:
    """``AB:CD:...`` in two lines of 16 bytes, as certificate viewers show it."""
    pairs = [hex_digest[i : i + 2].upper() for i in range(0, len(hex_digest), 2)]
    return ":".join(pairs[:16]) + "\n" + ":".join(pairs[16:])


def subject_name(data: DocumentData) -> str:
    name = data.file.display_name
    if name:
        return name
    return _("Participant no. {id} (identity withheld)", data.lang).format(
        id=data.file.participant_id
    )


def opening(data: DocumentData, title: str, st: Styles) -> list[Flowable]:
    lang = data.lang
    rows = [
        (_("Participant", lang), subject_name(data)),
        (_("Recipient", lang), data.recipient_name),
        (_("Purpose", lang), data.file.purpose),
        (_("Prepared by", lang), data.coach_name),
        (_("Date", lang), format_date(data.issued_on, lang)),
    ]
    return [para(title, st.title), gap(2), *rows_table(rows, st), gap(4)]


def facts_section(
    data: DocumentData, categories: tuple[DataCategory, ...], st: Styles
) -> list[Flowable]:
    """Covered participant fields of ``categories``, grouped by category."""
    out: list[Flowable] = []
    for cat in categories:
        rows = [
            (_(FIELD_LABELS.get(f.field, f.field), data.lang), fmt(f.value, data.lang))
            for f in data.file.facts
            if f.category == cat
        ]
        if rows:
            out += [para(label(cat, data.lang), st.heading), *rows_table(rows, st)]
    return out


def not_included(data: DocumentData, cat: DataCategory, st: Styles) -> list[Flowable]:
    """A section whose category is not covered says so, without content."""
    return [
        para(
            _("Not included: see “Withheld” ({category}).", data.lang).format(
                category=label(cat, data.lang)
            ),
            st.small,
        )
    ]


def _basis_line(b: ConsentBasis, lang: str) -> str:
    until = format_date(b.valid_until, lang) if b.valid_until else _("no end date", lang)
    cats = ", ".join(sorted(label(c, lang) for c in b.categories))
    return _(
        "Consent no. {id}, given on {given} ({method}), valid until {until}; "
        "purpose: {purpose}; legal basis: {basis}; notice version: {notice}; "
        "categories: {categories}.",
        lang,
    ).format(
        id=b.consent_id,
        given=format_date(b.given_on, lang),
        method=label(b.method, lang),
        until=until,
        purpose=b.purpose,
        basis=label(b.legal_basis, lang),
        notice=b.notice_version or "–",
        categories=cats,
    )


def withheld_label(w: Withheld, lang: str) -> str:
    return label(w.category, lang) if w.category is not None else _("Internal notes", lang)


def closing(data: DocumentData, st: Styles) -> tuple[list[Flowable], SignaturePlaceholder]:
    """Enclosures, consent basis, withheld categories, her acknowledgement, the signature."""
    lang = data.lang
    out = enclosure_section(data.enclosures, lang, st)
    out.append(para(_("Consent basis", lang), st.heading))
    if data.file.consent_basis:
        for b in data.file.consent_basis:
            out += flowing_text(_basis_line(b, lang), st.body)
    else:
        out.append(
            para(
                _("No consent covers this recipient: no personal data is included.", lang), st.body
            )
        )
    out.append(para(_("Withheld", lang), st.heading))
    out.append(
        para(
            _("These categories are not part of this document; their content is not shown.", lang),
            st.small,
        )
    )
    rows = [(withheld_label(w, lang), _(REASON_LABELS[w.reason], lang)) for w in data.file.withheld]
    out += rows_table(rows, st)
    out += acknowledgement.section(
        data.acknowledgement,
        lang,
        data.coach_name,
        data.issued_on,
        st,
        identity_shown=bool(data.file.display_name),
    )
    block, placeholder = signature_block(data.signer_name, data.signer_fingerprint, lang, st)
    out.append(block)
    return out, placeholder


def build_document(
    data: DocumentData, out: BinaryIO, title: str, flow: list[Flowable], st: Styles
) -> SignatureBox:
    """The document: ``flow`` and its closing (consent basis, withheld, signature) built
    into ``out``; where the signature goes."""
    end, placeholder = closing(data, st)
    build(out, flow + end, title=title, header_left=data.organisation_name, lang=data.lang)
    assert placeholder.drawn is not None
    return placeholder.drawn


def signature_block(
    signer_name: str, signer_fingerprint: str, lang: str, st: Styles
) -> tuple[Flowable, SignaturePlaceholder]:
    """Who signed, the certificate's fingerprint to compare, and where the signature goes.

    Documents (here) and partner reports (``reports.document``) end with it.
    """
    placeholder = SignaturePlaceholder(_("Digital signature", lang), st)
    signer = _(
        "Signed digitally (PAdES) by {signer}. Compare the certificate fingerprint "
        "(SHA-256) with the one the coach gave you:",
        lang,
    ).format(signer=signer_name)
    block = keep(
        para(_("Signature", lang), st.heading),
        para(signer, st.body),
        para(fingerprint_text(signer_fingerprint), st.small),
        gap(5),
        placeholder,
    )
    return block, placeholder
