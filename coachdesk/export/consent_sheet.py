"""The information sheet that goes with a consent form (GDPR Art. 13), in her language too.

Printed on its own page after the form, so she takes it home with her copy.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak

from coachdesk.documents.layout import gap
from coachdesk.export.bilingual import Bilingual
from coachdesk.export.consent_texts import SHEET_INTRO, SHEET_SECTIONS, SHEET_TITLE


def information_sheet(
    bi: Bilingual, *, organisation: str, coach: str, recipient: str, version: str
) -> list[Flowable]:
    st = bi.st
    flow: list[Flowable] = [PageBreak()]
    flow += bi.block(SHEET_TITLE, st.title)
    if version:
        flow.append(bi.para(version, bi.langs[0], st.small, True))
    flow.append(gap(2))
    flow += bi.block(SHEET_INTRO, st.body)
    for heading, text in SHEET_SECTIONS:
        flow += bi.block(heading, st.heading)
        flow += bi.block(text, st.body, organisation=organisation, coach=coach, recipient=recipient)
    return flow
