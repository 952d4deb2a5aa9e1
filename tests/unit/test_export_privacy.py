"""Random consent situations: what is not covered never reaches any byte of the PDF."""

from __future__ import annotations

import datetime as dt
import subprocess
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachdesk.export.preview import DOCUMENT_CATEGORIES, DocumentType
from coachdesk.export.request import ExportRequest
from coachdesk.export.service import ExportService
from coachdesk.models.enums import DataCategory as C
from tests.conftest import TODAY
from tests.unit.test_export_documents import pdftotext
from tests.unit.test_export_support import (
    AGREEMENT_MARKER,
    INTERNAL_MARKERS,
    MARKERS,
    Seeded,
    add_consent,
    seed,
)

STATES = ("none", "granted", "withdrawn", "expired", "other_org", "other_person", "future")

# Which marker shows a covered category in each document (None: the document omits it).
SHOWN: dict[str, dict[C, str]] = {
    "exit_handover": {
        C.IDENTITY_CONTACT: MARKERS[C.IDENTITY_CONTACT],
        C.GOALS_PROGRESS: MARKERS[C.GOALS_PROGRESS],
        C.MODULES_ATTENDANCE: MARKERS[C.MODULES_ATTENDANCE],
        C.MEETING_SUMMARIES: AGREEMENT_MARKER,
        C.HANDOVER_FACTS: MARKERS[C.HANDOVER_FACTS],
        C.FAMILY_CHILDCARE: MARKERS[C.FAMILY_CHILDCARE],
        C.HEALTH: MARKERS[C.HEALTH],
        C.RESIDENCE_STATUS: MARKERS[C.RESIDENCE_STATUS],
        C.LANGUAGES_QUALIFICATIONS: MARKERS[C.LANGUAGES_QUALIFICATIONS],
    },
    "interim_feedback": {
        C.IDENTITY_CONTACT: MARKERS[C.IDENTITY_CONTACT],
        C.GOALS_PROGRESS: MARKERS[C.GOALS_PROGRESS],
        C.MODULES_ATTENDANCE: MARKERS[C.MODULES_ATTENDANCE],
        C.MEETING_SUMMARIES: AGREEMENT_MARKER,
    },
    "meeting_summary": {
        C.IDENTITY_CONTACT: "Fatima",
        C.MEETING_SUMMARIES: MARKERS[C.MEETING_SUMMARIES],
    },
}


def _consent(sessions, seeded: Seeded, cat: C, state: str) -> None:  # type: ignore[no-untyped-def]
    pid, jc = seeded.participant_id, seeded.job_centre_id
    kwargs: dict[str, object] = {"organisation_id": jc}
    if state == "withdrawn":
        kwargs["withdrawn_on"] = TODAY - dt.timedelta(days=3)
    elif state == "expired":
        kwargs["valid_until"] = TODAY - dt.timedelta(days=1)
    elif state == "other_org":
        kwargs["organisation_id"] = seeded.other_org_id
    elif state == "other_person":
        # A consent for one officer does not cover a document for her whole organisation.
        kwargs = {"contact_id": seeded.officer_id}
    elif state == "future":
        kwargs["given_on"] = TODAY + dt.timedelta(days=1)
    add_consent(sessions, pid, {cat}, **kwargs)  # type: ignore[arg-type]


def _run(args: list[str]) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=False).stdout


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    states=st.fixed_dictionaries({cat: st.sampled_from(STATES) for cat in C}),
    document=st.sampled_from(sorted(SHOWN)),
)
def test_only_covered_categories_reach_the_pdf(services, states, document) -> None:  # type: ignore[no-untyped-def]
    sessions = services.ctx.sessions
    exports = ExportService(services.ctx)
    if exports.current_identity() is None:
        exports.create_identity("Anna Coach")
    seeded = seed(sessions)
    for cat, state in states.items():
        if state != "none":
            _consent(sessions, seeded, cat, state)
    covered = {cat for cat, state in states.items() if state == "granted"}
    result = exports.export(
        ExportRequest(
            participant_id=seeded.participant_id,
            document=document,
            organisation_id=seeded.job_centre_id,
            contact_id=None,
            purpose="Test",
            lang="en",
        )
    )
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "doc.pdf"
        path.write_bytes(result.pdf)
        text = pdftotext(path)
        qdf = Path(d) / "qdf.pdf"
        subprocess.run(
            ["qpdf", "--qdf", "--object-streams=disable", str(path), str(qdf)], check=True
        )
        expanded = qdf.read_bytes()
        info = _run(["pdfinfo", str(path)])
        sig = _run(["pdfsig", str(path)])
        check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True)
    raw = result.pdf
    shown = SHOWN[document]
    for cat in C:
        markers = {MARKERS[cat]} | ({AGREEMENT_MARKER} if cat == C.MEETING_SUMMARIES else set())
        if cat == C.IDENTITY_CONTACT:
            markers |= {"Fatima", "Yılmaz"}
        if cat in covered and cat in shown:
            assert shown[cat] in text, (cat, states)
        if cat not in covered:
            for marker in markers:
                assert marker not in text, (cat, marker, states)
                assert marker.encode() not in raw and marker.encode() not in expanded
                assert marker not in info
    for marker in INTERNAL_MARKERS:
        assert marker not in text and marker.encode() not in expanded
    assert "Fatima" not in info and "Yılmaz" not in info
    assert "Signature is Valid" in sig and "Total document signed" in sig
    assert check.returncode == 0
    assert result.categories == covered & DOCUMENT_CATEGORIES[DocumentType(document)]
