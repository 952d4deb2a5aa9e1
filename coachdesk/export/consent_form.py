"""A consent form to print and sign on paper: German (binding) and her language.

The first language is the form's binding one; each further language follows every text,
paragraph by paragraph, right to left where it is written so. In a form with a right-to-left
language the table mirrors for her: the German label on the left, hers on the right, the
value between them. An information sheet (GDPR Art. 13) follows on its own page. A language
whose catalog a native speaker has not checked yet is said to be so, on the form, in German
and in that language.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from coachdesk.doc_languages import is_rtl
from coachdesk.documents.fonts import markup
from coachdesk.documents.layout import (
    LABEL_WIDTH,
    LONG_VALUE,
    MARGIN,
    PAGE_WIDTH,
    TABLE_FONT,
    SignatureBox,
    SignaturePlaceholder,
    build,
    flowing_row,
    gap,
    keep,
    para,
    styles,
)
from coachdesk.export import consent_texts as T
from coachdesk.export.bilingual import Bilingual
from coachdesk.export.common import fingerprint_text, fmt
from coachdesk.export.consent_sheet import information_sheet
from coachdesk.export.facts import ConsentFormFacts
from coachdesk.i18n import _
from coachdesk.labels import label
from coachdesk.models.enums import DataCategory

CONSENT_FORM_TITLE = T.CONSENT_FORM_TITLE
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
RTL_LABEL_WIDTH = 42 * mm


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
    """The first language is the form's language; the others follow each of its texts."""
    st = styles()
    bi = Bilingual(tuple(dict.fromkeys(languages)) or ("de",), st)
    langs, f = bi.langs, data.facts
    org = data.organisation_name or data.coach_name
    flow: list[Flowable] = bi.block(CONSENT_FORM_TITLE, st.title)
    if bi.needs_notice(T.ALL_TEXTS):
        flow += [gap(2), bi.notice()]
    flow.append(gap(3))
    flow += bi.block(T.AGREE, st.body, organisation=org, recipient=data.recipient_name)
    until = [fmt(f.valid_until, x) if f.valid_until else _(T.UNTIL_WITHDRAWN, x) for x in langs]
    same = len(langs) * [""]
    values = [
        [f.participant_name for _x in same],
        [fmt(f.date_of_birth, x) for x in langs],
        [data.recipient_name for _x in same],
        [f.purpose for _x in same],
        [label(f.legal_basis, x) for x in langs],
        until,
        [f.notice_version or "–" for _x in same],
        [str(f.consent_id) for _x in same],
    ]
    flow += _rows_table(bi, list(zip(T.ROWS, values, strict=True)))
    flow += bi.block(T.CATEGORIES_HEADING, st.heading)
    flow.append(_categories(bi, f.categories))
    flow.append(gap(2))
    flow += bi.block(T.NOT_TICKED, st.body)
    flow += bi.block(T.VOLUNTARY, st.body)
    flow.append(gap(6))
    flow.append(_signature_lines(bi))
    digital = SignaturePlaceholder(_("Digital signature", langs[0]), st)
    flow.append(
        keep(
            gap(4),
            *bi.block(T.PREPARED_BY, st.small, signer=data.signer_name),
            para(fingerprint_text(data.signer_fingerprint), st.small),
            gap(4),
            digital,
        )
    )
    flow += information_sheet(
        bi,
        organisation=org,
        coach=data.coach_name,
        recipient=data.recipient_name,
        version=f.notice_version,
    )
    title = _(CONSENT_FORM_TITLE, langs[0])  # the running header draws it in the Latin font
    build(out, flow, title=title, header_left=org, lang=langs[0])
    assert digital.drawn is not None
    return digital.drawn


def _labels(bi: Bilingual, msgid: str, rtl: bool) -> list[Flowable]:
    """The label in the languages of one side: left-to-right ones, or right-to-left ones."""
    st = bi.st
    return [
        bi.para(_(msgid, lang), lang, st.cell_bold if n == 0 else st.cell, n == 0)
        for n, lang in enumerate(bi.langs)
        if is_rtl(lang) == rtl
    ]


def _rows_table(bi: Bilingual, rows: list[tuple[str, list[str]]]) -> list[Flowable]:
    """Label/value rows; with a right-to-left language its labels stand on the right."""
    st = bi.st
    mirrored = any(is_rtl(lang) for lang in bi.langs)
    out: list[Flowable] = []
    data: list[list[list[Flowable]]] = []
    for msgid, values in rows:
        shown = bi.values(values)
        if sum(len(markup(v)) for _lang, v in shown) > LONG_VALUE:
            if data:
                out.append(_table(data, mirrored))
                data = []
            others = " / ".join(_(msgid, lang) for lang in bi.langs[1:])
            text = "\n".join(v for _lang, v in shown)
            out += flowing_row(_(msgid, bi.langs[0]), text, st, others)
            continue
        value_cell = [bi.para(v, lang, st.cell, n == 0) for n, (lang, v) in enumerate(shown)]
        row = [_labels(bi, msgid, rtl=False), value_cell]
        if mirrored:
            row.append(_labels(bi, msgid, rtl=True))
        data.append(row)
    if data:
        out.append(_table(data, mirrored))
    return out


def _table(data: list[list[list[Flowable]]], mirrored: bool) -> Table:
    if mirrored:
        widths = [RTL_LABEL_WIDTH, TEXT_WIDTH - 2 * RTL_LABEL_WIDTH, RTL_LABEL_WIDTH]
    else:
        widths = [LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH]
    table = Table(data, colWidths=widths)
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


def _categories(bi: Bilingual, ticked: frozenset[DataCategory]) -> Table:
    """One row per category: the box, its name on the left, in her script on the right."""
    st = bi.st
    mirrored = any(is_rtl(lang) for lang in bi.langs)
    rows = []
    for cat in DataCategory:
        mark = "[X]" if cat in ticked else "[\u00a0\u00a0\u00a0]"  # kept: a paragraph folds spaces
        left = " / ".join(label(cat, lang) for lang in bi.langs if not is_rtl(lang))
        row: list[object] = [para(mark, st.cell), para(left, st.cell)]
        if mirrored:
            row.append([bi.para(label(cat, x), x, st.cell, False) for x in bi.langs if is_rtl(x)])
        rows.append(row)
    first = 10 * mm
    rest = TEXT_WIDTH - first
    widths = [first, rest / 2, rest / 2] if mirrored else [first, rest]
    table = Table(rows, colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                TABLE_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#eeeeee")),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    return table


def _signature_lines(bi: Bilingual) -> Table:
    st = bi.st

    def cell(msgid: str) -> list[Flowable]:
        texts = [bi.para(_(msgid, lang), lang, st.small, n == 0) for n, lang in enumerate(bi.langs)]
        return [para("_" * 38, st.body), *texts]

    place, participant, interpreter, coach = T.SIGNATURE_LINES
    data = [[cell(place), cell(participant)], [cell(interpreter), cell(coach)]]
    table = Table(data, colWidths=[TEXT_WIDTH / 2] * 2)
    table.setStyle(TableStyle([TABLE_FONT, ("TOPPADDING", (0, 0), (-1, -1), 14)]))
    return table
