"""Every column of every table that holds something of hers is in her access file, or named
as left out with its reason: a field added later cannot be forgotten silently."""

from __future__ import annotations

import datetime as dt
from typing import Any

from coachdesk.export.access_file import her_file
from coachdesk.export.access_records import READERS
from coachdesk.export.access_request import AccessRequest, Notes
from coachdesk.export.access_texts import FIELD_LABELS
from coachdesk.export.access_values import LEFT_OUT, PARENT_KEYS
from coachdesk.facade import Services
from coachdesk.models import Base
from tests.unit.access_support import full_file

# Where each of her tables is in the file: (list, nested list or None).
WHERE = {
    "participant": ("participant", None),
    "goal": ("goals", None),
    "milestone": ("goals", "milestones"),
    "meeting": ("meetings", None),
    "meeting_attendee": ("meetings", "attendees"),
    "agreement": ("meetings", "agreements"),
    "enrolment": ("enrolments", None),
    "attendance": ("enrolments", "attendance"),
    "consent": ("consents", None),
    "handover": ("handovers", None),
    "aftercare_followup": ("aftercare", None),
    "esf_entry": ("esf_entry", None),
    "esf_exit": ("esf_exit", None),
    "esf_followup": ("esf_follow_up", None),
    "attachment": ("papers", None),
    "plan_version": ("plan_versions", None),
    "export_record": ("exports", None),
    "transfer_record": ("transfers", None),
    "document_acknowledgement": ("exports", "acknowledgement"),
    "audit_log": ("audit_log", None),
}
# A column written under another name: a directory reference as names, codes as a list.
RENAMED = {
    "integration_officer_id": "integration_officer",
    "contact_person_id": "contact_person",
    "module_id": "module",
    "recipient_organisation_id": "recipient",
    "recipient_contact_id": "recipient",
    ("handover", "organisation_id"): "other_side",
    ("handover", "contact_person_id"): "other_side",
}
ELSEWHERE = {
    "consent_category": "a consent's categories: its list 'categories'",
    "attachment_content": "a paper's media_type, size, sha256 and page_count",
    "attachment_chunk": "a paper's bytes: the file in the ZIP archive",
}


def _records(data: dict[str, Any], table: str) -> list[dict[str, Any]]:
    top, nested = WHERE[table]
    found = data[top] if isinstance(data[top], list) else [data[top]]
    if nested is None:
        return found
    out: list[dict[str, Any]] = []
    for rec in found:
        inner = rec[nested]
        out += inner if isinstance(inner, list) else [inner] if inner else []
    return out


def test_every_column_of_her_tables_is_written_or_named_left_out(services: Services) -> None:
    her = full_file(services, "Zqa", "Fatima", "Yılmaz")
    request = AccessRequest(participant_id=her.participant_id, notes=Notes.INCLUDE)
    with services.ctx.read() as s:
        data = her_file(s, request, dt.datetime(2026, 3, 16, 12, 0), {})
    for table in Base.metadata.sorted_tables:
        if table.name not in WHERE:
            continue
        records = _records(data, table.name)
        assert records, f"her file has no {table.name}"
        for column in table.columns:
            key = column.key
            if key in LEFT_OUT or (table.name, key) in PARENT_KEYS:
                continue
            shown = RENAMED.get((table.name, key)) or RENAMED.get(key) or key
            assert all(shown in r for r in records), f"{table.name}.{key} is not in her file"
            assert shown in FIELD_LABELS, f"{table.name}.{key} has no name in the PDF"


def test_every_table_that_names_a_participant_is_in_her_file() -> None:
    hers = {
        t.name
        for t in Base.metadata.sorted_tables
        if "participant_id" in t.columns
        or any(fk.column.table.name == "participant" for fk in t.foreign_keys)
    }
    reached = set(WHERE) | set(ELSEWHERE)
    assert hers - reached == set(), "a table of hers that her access file does not read"
    assert set(READERS) | {"participant"} == {top for top, _nested in WHERE.values()}
