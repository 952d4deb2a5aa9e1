"""A consent form to print and sign on paper, in one or two languages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from reportlab.platypus import Flowable, Table, TableStyle

from coachdesk.documents.fonts import markup
from coachdesk.documents.layout import (
    LABEL_WIDTH,
    LONG_VALUE,
    MARGIN,
    PAGE_WIDTH,
    TABLE_FONT,
    SignatureBox,
    SignaturePlaceholder,
    Styles,
    build,
    flowing_row,
    gap,
    keep,
    para,
    styles,
)
from coachdesk.export.common import fingerprint_text, fmt
from coachdesk.export.facts import ConsentFormFacts
from coachdesk.i18n import N_, _
from coachdesk.labels import label
from coachdesk.models.enums import DataCategory

CONSENT_FORM_TITLE = N_("Consent to share personal data")


@dataclass(frozen=True)
class ConsentFormData:
    facts: ConsentFormFacts
    organisation_name: str
    coach_name: str
    recipient_name: str
    issued_on: dt.date
    signer_name: str
    signer_fingerprint: str


def render_consent_form(
    data: ConsentFormData, out: BinaryIO, languages: Sequence[str] = ("de",)
) -> SignatureBox:
    """The first language is the form's language; a second one is printed beneath each text."""
    st = styles()
    langs = tuple(languages) or ("de",)
    f = data.facts

    def t(msgid: str, **params: object) -> list[str]:
        return [_(msgid, lang).format(**params) for lang in langs]

    def block(msgid: str, style_body: bool = True, **params: object) -> list[Flowable]:
        texts = t(msgid, **params)
        first = para(texts[0], st.body if style_body else st.title)
        return [first] + [para(x, st.small) for x in texts[1:]]

    org = data.organisation_name or data.coach_name
    flow: list[Flowable] = block(CONSENT_FORM_TITLE, style_body=False)
    flow.append(gap(3))
    flow += block(
        N_(
            "I agree that {organisation} may pass the data about me named below to "
            "{recipient} for the purpose stated here."
        ),
        organisation=org,
        recipient=data.recipient_name,
    )
    until = [
        fmt(f.valid_until, lang) if f.valid_until else _("until withdrawn", lang) for lang in langs
    ]
    rows = [
        (t(N_("Participant")), [f.participant_name] * len(langs)),
        (t(N_("Date of birth")), [fmt(f.date_of_birth, lang) for lang in langs]),
        (t(N_("Recipient")), [data.recipient_name] * len(langs)),
        (t(N_("Purpose")), [f.purpose] * len(langs)),
        (t(N_("Legal basis")), [label(f.legal_basis, lang) for lang in langs]),
        (t(N_("Valid until")), until),
        (t(N_("Notice version")), [f.notice_version or "–"] * len(langs)),
        (t(N_("Consent no.")), [str(f.consent_id)] * len(langs)),
    ]
    flow += _bilingual_table(rows, st)
    flow.append(para(" / ".join(t(N_("Data categories covered"))), st.heading))
    for cat in DataCategory:
        mark = "[X]" if cat in f.categories else "[  ]"
        names = " / ".join(label(cat, lang) for lang in langs)
        flow.append(para(f"{mark}  {names}", st.body))
    flow.append(gap(2))
    flow += block(
        N_(
            "Categories that are not ticked are not shared. Internal notes of the coach "
            "are never shared."
        )
    )
    flow += block(
        N_(
            "Giving this consent is voluntary. I can withdraw it at any time with effect for "
            "the future, without giving reasons; refusing or withdrawing it has no "
            "disadvantage for me. Nothing is passed on before this form is signed."
        )
    )
    flow.append(gap(6))
    flow.append(_signature_lines(langs, st))
    digital = SignaturePlaceholder(_("Digital signature", langs[0]), st)
    flow.append(
        keep(
            gap(4),
            para(
                _("Form prepared and signed digitally by {signer}.", langs[0]).format(
                    signer=data.signer_name
                ),
                st.small,
            ),
            para(fingerprint_text(data.signer_fingerprint), st.small),
            gap(4),
            digital,
        )
    )
    title = _(CONSENT_FORM_TITLE, langs[0])
    build(out, flow, title=title, header_left=org, lang=langs[0])
    assert digital.drawn is not None
    return digital.drawn


def _bilingual_table(rows: list[tuple[list[str], list[str]]], st: Styles) -> list[Flowable]:
    """Label/value rows, each label in every language; a long value flows below the table."""
    out: list[Flowable] = []
    data: list[list[list[Flowable]]] = []
    for labels_, values in rows:
        shown = [values[0]] + [v for v in values[1:] if v != values[0]]
        if sum(len(markup(v)) for v in shown) > LONG_VALUE:
            if data:
                out.append(_table(data))
                data = []
            out += flowing_row(labels_[0], "\n".join(shown), st, " / ".join(labels_[1:]))
            continue
        cell_label = [para(labels_[0], st.cell_bold)] + [para(x, st.small) for x in labels_[1:]]
        cell_value = [para(shown[0], st.cell)] + [para(x, st.small) for x in shown[1:]]
        data.append([cell_label, cell_value])
    if data:
        out.append(_table(data))
    return out


def _table(data: list[list[list[Flowable]]]) -> Table:
    table = Table(data, colWidths=[LABEL_WIDTH, PAGE_WIDTH - 2 * MARGIN - LABEL_WIDTH])
    table.setStyle(
        TableStyle(
            [
                TABLE_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#cccccc"),
            ]
        )
    )
    return table


def _signature_lines(langs: tuple[str, ...], st: Styles) -> Table:
    def cell(msgid: str) -> list[Flowable]:
        return [para("_" * 38, st.body)] + [para(_(msgid, lang), st.small) for lang in langs]

    data = [
        [cell(N_("Place, date")), cell(N_("Signature of the participant"))],
        [cell(N_("Interpreter (if any)")), cell(N_("Signature of the coach"))],
    ]
    table = Table(data, colWidths=[(PAGE_WIDTH - 2 * MARGIN) / 2] * 2)
    table.setStyle(TableStyle([TABLE_FONT, ("TOPPADDING", (0, 0), (-1, -1), 14)]))
    return table
