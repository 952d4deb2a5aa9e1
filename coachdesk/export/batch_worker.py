"""What a document worker process does: render and sign documents from filtered data.

A worker never sees the vault: no key of the vault, no database connection, no session.
It receives plain frozen values that already passed the consent filter in the
application's process (:class:`RenderJob`), and the signing identity once, when it
starts (:func:`start_worker`, the pool's initializer). It returns the signed bytes; the
application saves and registers them. Fonts, styles and the stamp font are prepared
before the first document (in the fork server, see ``batch_preload``, where there is one).
"""

from __future__ import annotations

import gc
import hashlib
import signal
from dataclasses import dataclass
from functools import cache
from io import BytesIO

from coachdesk.documents.fonts import register_fonts
from coachdesk.documents.layout import SignaturePlaceholder, build, para, rows_table, styles
from coachdesk.documents.pades import PadesSigner
from coachdesk.documents.signing import SigningMaterial, create_identity
from coachdesk.documents.stamp import keep_stamp_font, stamp_font_bytes
from coachdesk.export.common import DocumentData
from coachdesk.export.compose import render
from coachdesk.export.preview import DocumentType
from coachdesk.i18n import translations

StampFonts = tuple[tuple[frozenset[str], bytes], ...]
"""Stamp fonts by the characters they hold (see ``stamp.stamp_font_bytes``)."""

_signer: PadesSigner | None = None
"""This worker's signer: the key loaded once, for the worker's life."""


@dataclass(frozen=True)
class RenderJob:
    """One document to render and sign (filtered data only)."""

    number: int
    """Its place in the batch."""
    document_type: DocumentType
    data: DocumentData


@dataclass(frozen=True)
class Rendered:
    number: int
    pdf: bytes
    """The signed document."""
    sha256: str


@cache
def warm() -> None:
    """Everything a document needs that does not depend on the document or the signer.

    Besides fonts, styles and translations, one small document is laid out and signed
    with a throwaway identity: the first document of a process costs about 0.3 s of CPU
    more than the next (code ReportLab and pyHanko import or set up on first use), which
    each worker of each batch paid again. Done in the fork server, the workers start
    with it done. Then the objects made so far are frozen out of the garbage collector's
    sight: they live as long as the process, and its full collections need not walk them.
    Once per process: a worker forked from the fork server finds it done.
    """
    register_fonts()
    st = styles()
    stamp_font_bytes()
    for lang in ("de", "en"):
        translations(lang)
    placeholder = SignaturePlaceholder("CoachDesk", st)
    flow = [para("CoachDesk", st.title), *rows_table([("CoachDesk", "CoachDesk")], st)]
    pdf = BytesIO()
    build(pdf, [*flow, placeholder], title="CoachDesk", header_left="CoachDesk", lang="en")
    assert placeholder.drawn is not None
    PadesSigner(create_identity("CoachDesk")).sign(pdf.getvalue(), placeholder.drawn, "en")
    gc.freeze()


def start_worker(material: SigningMaterial, stamp_fonts: StampFonts = ()) -> None:
    """The pool's initializer: prepare once what every document of this worker uses.

    ``stamp_fonts``: the stamp fonts the application made for this signer, so that no
    worker makes them again (``batch_pool.document_pool``).

    Ctrl+C in a terminal reaches every process of the command; the application decides
    (it stops after the document being saved), so a worker never dies in a document's middle.
    """
    global _signer
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for characters, font in stamp_fonts:
        keep_stamp_font(characters, font)
    warm()
    _signer = PadesSigner(material)


def render_and_sign(job: RenderJob) -> Rendered:
    """Render ``job`` and sign it with this worker's signer."""
    if _signer is None:
        raise RuntimeError("render_and_sign runs in a worker started by start_worker")
    pdf, box, _listed = render(job.document_type, job.data)
    signed = _signer.sign(pdf, box, job.data.lang)
    return Rendered(job.number, signed, hashlib.sha256(signed).hexdigest())
