"""The offer catalogue for job-centre staff: what, for whom, when, where, how to refer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from reportlab.platypus import Flowable

from coachdesk.documents.layout import SignatureBox, gap, keep, para, rows_table, styles
from coachdesk.i18n import N_, _, format_date
from coachdesk.reports.document import ReportHeader, finish, opening
from coachdesk.services.modules import ModuleRecord

TITLE = N_("Offer catalogue")


def _when(m: ModuleRecord, lang: str) -> str:
    parts = [m.schedule] if m.schedule else []
    if m.starts_on and m.ends_on:
        parts.append(
            _("from {start} to {end}", lang).format(
                start=format_date(m.starts_on, lang), end=format_date(m.ends_on, lang)
            )
        )
    elif m.starts_on:
        parts.append(_("from {start}", lang).format(start=format_date(m.starts_on, lang)))
    return "\n".join(parts)


def render_catalogue(
    modules: Sequence[ModuleRecord], header: ReportHeader, out: BinaryIO, programme: str = ""
) -> SignatureBox:
    """The offers; of one programme (named under the title) or of every programme."""
    st = styles()
    lang = header.lang
    title = _(TITLE, lang)
    facts: list[tuple[str, object]] = [
        (_("Programme", lang), programme or _("All programmes", lang)),
        (_("Offers", lang), str(len(modules))),
    ]
    flow: list[Flowable] = opening(header, title, facts, st)
    flow.append(
        para(
            _(
                "The modules of the programme, for integration officers who want to refer "
                "a participant. Please talk to the coach before referring someone.",
                lang,
            ),
            st.body,
        )
    )
    if not modules:
        flow.append(para(_("There are no offers in the catalogue yet.", lang), st.body))
    for m in modules:
        rows: list[tuple[str, object]] = [
            (_("What", lang), m.description),
            (_("For whom", lang), m.target_group),
            (_("When", lang), _when(m, lang)),
            (_("Where", lang), m.location),
            (_("Childcare", lang), _("yes", lang) if m.childcare_available else _("no", lang)),
            (_("Languages", lang), m.languages),
            (
                _("Places", lang),
                str(m.capacity) if m.capacity is not None else _("no limit", lang),
            ),
            (_("How to refer", lang), m.how_to_refer),
        ]
        rows = [(k, v) for k, v in rows if v]
        flow.append(keep(para(m.title, st.heading), *rows_table(rows, st), gap(2)))
    return finish(header, out, flow, title, st)
