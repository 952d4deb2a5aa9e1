"""What a document worker process does: render and sign documents from filtered data.

A worker never sees the vault: no key of the vault, no database connection, no session.
It receives plain frozen values that already passed the consent filter in the
application's process (:class:`RenderJob`), and the signing identity once, when it
starts (:func:`start_worker`, the pool's initializer). It returns the signed bytes; the
application saves and registers them. Fonts, styles and the stamp font are prepared
before the first document (in the fork server, see ``batch_preload``, where there is one).
"""

from __future__ import annotations

import hashlib
import signal
from dataclasses import dataclass

from coachdesk.documents.fonts import register_fonts
from coachdesk.documents.layout import styles
from coachdesk.documents.pades import PadesSigner
from coachdesk.documents.signing import SigningMaterial
from coachdesk.documents.stamp import stamp_font_bytes
from coachdesk.export.common import DocumentData
from coachdesk.export.compose import render
from coachdesk.export.preview import DocumentType
from coachdesk.i18n import translations

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


def warm() -> None:
    """Everything a document needs that does not depend on the document or the signer."""
    register_fonts()
    styles()
    stamp_font_bytes()
    for lang in ("de", "en"):
        translations(lang)


def start_worker(material: SigningMaterial) -> None:
    """The pool's initializer: prepare once what every document of this worker uses.

    Ctrl+C in a terminal reaches every process of the command; the application decides
    (it stops after the document being saved), so a worker never dies in a document's middle.
    """
    global _signer
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm()
    _signer = PadesSigner(material)


def render_and_sign(job: RenderJob) -> Rendered:
    """Render ``job`` and sign it with this worker's signer."""
    if _signer is None:
        raise RuntimeError("render_and_sign runs in a worker started by start_worker")
    pdf, box, _listed = render(job.document_type, job.data)
    signed = _signer.sign(pdf, box, job.data.lang)
    return Rendered(job.number, signed, hashlib.sha256(signed).hexdigest())
