"""The readable part of her whole file: one signed PDF in her chosen language.

It opens with who made it for whom and when, what she asked for, whether the internal
notes are in it, and the two files that go with it by name and SHA-256: the JSON file with
the complete data and the archive of her papers. The signature over the PDF thus vouches
for both. Then every list of the JSON file, and what she may do with her rights.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import BinaryIO

from reportlab.platypus import Flowable, KeepTogether

from coachdesk.doc_languages import BINDING, NOT_CHECKED, is_checked
from coachdesk.documents.layout import SignatureBox, SignaturePlaceholder, build, gap, para
from coachdesk.export import access_texts
from coachdesk.export.access_page import Page
from coachdesk.export.access_request import ARTICLE_LABELS, NOTES_LABELS, TITLE, Article, Notes
from coachdesk.export.access_sections import (
    PLAN_HELD,
    participant_section,
    section,
)
from coachdesk.export.access_values import Json
from coachdesk.export.common import fingerprint_text
from coachdesk.i18n import N_

FILES_HEADING = N_("The files that belong to this document")
JSON_FILE = N_(
    "All data about you, complete and readable by a computer: the file {name} (SHA-256 {sha256})."
)
PAPERS_FILE = N_("The files of your papers ({count} files): the archive {name} (SHA-256 {sha256}).")
NO_PAPERS = N_("There are no papers in your file, so there is no archive of papers.")
NOTES_IN = N_("The coach's internal notes are part of this document.")
NOTES_OUT = N_("The coach's internal notes are not part of this document.")
RIGHTS_HEADING = N_("Your rights")
RIGHTS = N_(
    "{controller} keeps these data to accompany you in the programme, as long as you take "
    "part and until they are erased. You may ask for wrong data to be corrected "
    "(GDPR Art. 16), for data to be erased (Art. 17) or their use to be restricted "
    "(Art. 18), and you may object to their use (Art. 21). Who received data about you and "
    "when is listed above. You may complain to a data protection supervisory authority "
    "(Art. 77)."
)
ERASE_ON = N_("Your data are due to be erased on {date}.")
SIGNED = N_(
    "Signed digitally (PAdES) by {signer}. Compare the certificate fingerprint "
    "(SHA-256) with the one the coach gave you:"
)
OPENING = (
    (N_("Participant"), "name"),
    (N_("Prepared by"), "coach"),
    (N_("Date"), "date"),
    (N_("Request"), "article"),
    (N_("Internal notes"), "notes"),
)


@dataclass(frozen=True)
class FileNames:
    """The two files beside the PDF, as the PDF names them."""

    json_name: str
    json_sha256: str
    papers_name: str | None
    papers_sha256: str | None
    papers_count: int


@dataclass(frozen=True)
class AccessDocument:
    """Her whole file ready to print: the JSON file's data and what the page says of itself."""

    data: Json
    lang: str
    article: Article
    notes: Notes
    issued_on: dt.date
    organisation_name: str
    coach_name: str
    signer_name: str
    signer_fingerprint: str
    files: FileNames


def all_texts() -> tuple[str, ...]:
    """Every text the page prints, for the check whether its translation was reviewed."""
    return (
        *access_texts.FIELD_LABELS.values(),
        *access_texts.SECTIONS.values(),
        *ARTICLE_LABELS.values(),
        *NOTES_LABELS.values(),
        *(t for t, _key in OPENING),
        TITLE,
        FILES_HEADING,
        JSON_FILE,
        PAPERS_FILE,
        NO_PAPERS,
        NOTES_IN,
        NOTES_OUT,
        RIGHTS_HEADING,
        RIGHTS,
        ERASE_ON,
        SIGNED,
        PLAN_HELD,
    )


def render_access(doc: AccessDocument, out: BinaryIO) -> SignatureBox:
    page = Page.of(doc.lang)
    st = page.st
    flow: list[Flowable] = [page.text(page.t(TITLE), st.title)]
    if not is_checked(doc.lang, all_texts()):
        for lang in dict.fromkeys((BINDING, doc.lang)):
            flow.append(Page.of(lang).text(Page.of(lang).t(NOT_CHECKED), st.small))
    p = doc.data["participant"]
    name = f"{p['first_name']} {p['last_name']}".strip()
    values = {
        "name": name,
        "coach": " – ".join(x for x in (doc.coach_name, doc.organisation_name) if x),
        "date": page.day(doc.issued_on),
        "article": page.t(ARTICLE_LABELS[doc.article]),
        "notes": page.t(NOTES_LABELS[doc.notes]),
    }
    flow += [gap(2), *page.rows([(page.t(t), values[k]) for t, k in OPENING]), gap(2)]
    flow += _files(page, doc)
    flow += participant_section(page, p)
    for key in access_texts.SECTIONS:
        if key != "participant":
            flow += section(page, key, doc.data[key])
    flow += _rights(page, doc, p.get("retention_until"))
    placeholder = SignaturePlaceholder(page.t(N_("Digital signature")), st)
    flow.append(
        KeepTogether(
            [
                page.text(page.t(N_("Signature")), st.heading),
                page.text(page.t(SIGNED, signer=doc.signer_name), st.body),
                para(fingerprint_text(doc.signer_fingerprint), st.small),
                gap(5),
                placeholder,
            ]
        )
    )
    # The header and footer are drawn as plain strings, which cannot shape Arabic script:
    # a right-to-left document has them in German, the binding language.
    frame_lang = BINDING if page.rtl else doc.lang
    build(
        out,
        flow,
        title=Page.of(frame_lang).t(TITLE),
        header_left=doc.organisation_name or doc.coach_name,
        lang=frame_lang,
    )
    assert placeholder.drawn is not None
    return placeholder.drawn


def _files(page: Page, doc: AccessDocument) -> list[Flowable]:
    st, f = page.st, doc.files
    out = [
        page.text(page.t(FILES_HEADING), st.heading),
        page.text(page.t(JSON_FILE, name=f.json_name, sha256=f.json_sha256), st.body),
    ]
    if f.papers_name is None:
        out.append(page.text(page.t(NO_PAPERS), st.body))
    else:
        text = page.t(PAPERS_FILE, count=f.papers_count, name=f.papers_name, sha256=f.papers_sha256)
        out.append(page.text(text, st.body))
    out.append(page.text(page.t(NOTES_IN if doc.notes == Notes.INCLUDE else NOTES_OUT), st.body))
    return out


def _rights(page: Page, doc: AccessDocument, erase_on: str | None) -> list[Flowable]:
    st = page.st
    controller = doc.organisation_name or doc.coach_name
    out = [
        page.text(page.t(RIGHTS_HEADING), st.heading),
        page.text(page.t(RIGHTS, controller=controller), st.body),
    ]
    if erase_on:
        day = page.day(dt.date.fromisoformat(erase_on))
        out.append(page.text(page.t(ERASE_ON, date=day), st.body))
    return out
