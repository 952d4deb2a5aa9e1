"""The JSON file of her whole file: a versioned format (``docs/access-format.md``).

``format`` and ``version`` first, so a reader knows what it holds before it reads on; then
how and when it was made, her own record, and every list of her file in a fixed order.
Dates are ISO 8601, enums a stable ``code`` with a ``label`` in the document's language.
"""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy.orm import Session

from coachdesk.export.access_records import READERS, participant
from coachdesk.export.access_request import (
    FORMAT,
    VERSION,
    AccessRequest,
    Article,
    article_label,
    notes_label,
)
from coachdesk.export.access_values import Json, iso


def her_file(s: Session, request: AccessRequest, made_at: dt.datetime, made_by: Json) -> Json:
    """Everything the vault holds about her, read in one transaction (so it is consistent)."""
    pid, lang, notes = request.participant_id, request.lang, request.include_notes
    article = Article(request.article)
    choice = request.choice
    data: Json = {
        "format": FORMAT,
        "version": VERSION,
        "made": {
            "at": iso(made_at),
            "by": made_by,
            "language": lang,
            "request": {"code": str(article), "label": article_label(article, lang)},
            "internal_notes": {"code": str(choice), "label": notes_label(choice, lang)},
            "papers_archive": None,
        },
        "participant": participant(s, pid, lang, notes),
    }
    for key, read in READERS.items():
        data[key] = read(s, pid, lang, notes)
    return data


def to_bytes(data: Json) -> bytes:
    """UTF-8 JSON, indented for a reader, her names in their own script (not ``\\u`` escapes)."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
