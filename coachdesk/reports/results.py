"""What a report export gives back, and the kinds of report (shared by the report services)."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from coachdesk.documents.layout import SignatureBox
from coachdesk.reports.document import ReportHeader

Renderer = Callable[[ReportHeader, BinaryIO], SignatureBox]


class ReportType(enum.StrEnum):
    QUARTERLY = "quarterly_evaluation"
    CATALOGUE = "offer_catalogue"
    DIRECTORY = "partner_directory"
    SUCCESS_STORY = "success_story"
    TEAM_QUARTERLY = "team_quarterly_evaluation"
    ESF_INDICATORS = "esf_indicators"


@dataclass(frozen=True)
class ReportResult:
    pdf: bytes
    """The signed document, ready to save."""
    sha256: str
    record_id: int
    csv: bytes | None = None
    """The quarterly figures as CSV (quarterly evaluation only)."""
    csv_sha256: str = ""
    pdf_path: Path | None = None
    """Where the PDF was saved (the ``*_to`` exports), else None."""
    csv_path: Path | None = None
    """Where the CSV was saved, if one was asked for."""
