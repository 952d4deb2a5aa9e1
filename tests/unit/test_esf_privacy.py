"""Her ESF Plus answers are in no document for the job centre, even with a consent for them.

The monitoring goes to the funder as counts (the indicator report); a job-centre document is
about her work with the coach. Disability and minority are special categories: a consent
naming them is the least a document would need, and even then none shows them.
"""

from __future__ import annotations

import datetime as dt

import pytest

from coachdesk.export.preview import DocumentType
from coachdesk.export.request import ExportRequest
from coachdesk.export.service import ExportService
from coachdesk.models import ExportRecord, Participant
from coachdesk.models.enums import SPECIAL_CATEGORIES, EsfAnswer
from coachdesk.models.enums import DataCategory as C
from coachdesk.services.esf import EntryDraft, ExitDraft
from coachdesk.services.esf_schedule import schedule_follow_up
from tests.conftest import TODAY
from tests.unit.test_export_documents import pdftotext
from tests.unit.test_export_support import MARKERS, add_consent, seed

ESF = (C.ESF_MONITORING, C.DISABILITY, C.MINORITY)
# What would show her answers: the questions' names and the labels and codes of the answers.
WORDS = (
    *(MARKERS[c] for c in ESF),
    "long_term_unemployed",
    "Citizen of a country outside the EU",
    "Gained a qualification",
    "Better situation at work",
)
# The consent's own record names its categories ("Disability (ESF Plus)") in its basis: a
# name of a category, not her answer.


def test_disability_and_minority_are_special_categories() -> None:
    assert {C.DISABILITY, C.MINORITY} <= SPECIAL_CATEGORIES
    assert C.ESF_MONITORING not in SPECIAL_CATEGORIES


@pytest.mark.parametrize("document", list(DocumentType))
def test_no_esf_answer_in_any_document_even_with_consent(services, tmp_path, document) -> None:  # type: ignore[no-untyped-def]
    exports = ExportService(services.ctx)
    exports.create_identity("Anna Coach")
    seeded = seed(services.ctx.sessions)
    pid = seeded.participant_id
    services.esf.save_entry(
        pid,
        EntryDraft(
            answered_on=dt.date(2025, 9, 8),
            third_country_national=EsfAnswer.YES,
            disability=EsfAnswer.YES,
            minority=EsfAnswer.YES,
        ),
    )
    with services.ctx.sessions.begin() as s:  # her marker customer number is no valid one
        s.get(Participant, pid).exit_date = TODAY  # type: ignore[union-attr]
        schedule_follow_up(s, services.ctx, pid, TODAY)
    services.esf.save_exit(pid, ExitDraft(TODAY, qualification=True, employed=True))
    assert services.esf.get(pid).follow_up is not None
    add_consent(services.ctx.sessions, pid, set(C), organisation_id=seeded.job_centre_id)
    for_her = document in (DocumentType.MY_PLAN, DocumentType.CONSENT_FORM)
    result = exports.export(
        ExportRequest(
            participant_id=pid,
            document=document,
            organisation_id=None if document == DocumentType.MY_PLAN else seeded.job_centre_id,
            purpose="Test",
            lang="en",
            month=dt.date(2025, 10, 1),
        )
    )
    path = tmp_path / "doc.pdf"
    path.write_bytes(result.pdf)
    text = " ".join(pdftotext(path).split())
    assert "Fatima" in text  # the document is about her, and covered
    for word in WORDS:
        assert word not in text, (document, word)
        assert word.encode() not in result.pdf
    assert not set(ESF) & set(result.categories), for_her
    with services.ctx.read() as s:  # the export register names no ESF category either
        record = s.query(ExportRecord).order_by(ExportRecord.id.desc()).first()
        assert record is not None
        assert not any(c.value in record.categories for c in ESF)
