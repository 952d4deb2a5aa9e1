"""Her whole file's lists as the PDF shows them: one heading per list, one block per record.

The PDF is the readable form of the JSON file and is made from it, so the two say the same:
each record's fields in the file's order with their names, nested lists (the steps of a
goal, the agreements of a meeting) as small tables, empty fields left out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.platypus import Flowable

from coachdesk.documents.layout import gap
from coachdesk.export.access_page import Page
from coachdesk.export.access_texts import FIELD_LABELS, NOTHING, SECTIONS
from coachdesk.export.access_values import Json
from coachdesk.i18n import N_
from coachdesk.labels import label
from coachdesk.models import Participant
from coachdesk.models.enums import DataCategory

NESTED: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = {
    "milestones": (("title", "kind", "due_date", "reached_on", "note"), (35, 30, 20, 20, 25)),
    "attendees": (("name", "role", "contact_person"), (40, 30, 40)),
    "agreements": (("who", "what", "due_date", "done_on"), (25, 45, 20, 20)),
    "attendance": (("session_date", "status", "note"), (22, 25, 53)),
}
"""Lists inside a record, shown as a table of these fields (relative widths)."""
AUDIT_COLUMNS = (("at", "actor", "action", "entity", "entity_id"), (25, 25, 15, 23, 12))
NOT_ROWS = frozenset({*NESTED, "acknowledgement", "content", "details"})
YES, NO = N_("Yes"), N_("No")
KEPT_ROWS = 3


def shown(page: Page, key: str, value: Any) -> str:
    """A stored value as a reader of the page's language expects it ("" for nothing)."""
    if value is None or value == "" or value == []:
        return ""
    if key == "signature":  # her strokes are in the JSON file; the page says she signed
        return page.t(YES)
    if isinstance(value, bool):
        return page.t(YES if value else NO)
    if isinstance(value, dict):
        if "label" in value:
            return str(value["label"])
        names = [v.get("name", "") for v in value.values() if isinstance(v, dict)]
        return " – ".join(n for n in names if n)
    if isinstance(value, list):
        return ", ".join(shown(page, key, v) for v in value)
    if isinstance(value, str) and (key == "at" or key.endswith("_at")):
        return page.time(dt.datetime.fromisoformat(value.rstrip("Z")), utc=value.endswith("Z"))
    if isinstance(value, str) and key.endswith(("_on", "_date", "_until", "date_of_birth")):
        return page.day(dt.date.fromisoformat(value))
    return str(value)


def label_of(page: Page, key: str) -> str:
    return page.t(FIELD_LABELS.get(key, key))


def record_rows(page: Page, rec: Json) -> list[Flowable]:
    rows = [
        (label_of(page, k), shown(page, k, v))
        for k, v in rec.items()
        if k not in NOT_ROWS and shown(page, k, v)
    ]
    # The first rows stay with the record's title; the rest flows on to the next page. A
    # title kept with the whole table would move it all, leaving half a page empty.
    out = page.rows(rows[:KEPT_ROWS]) + page.rows(rows[KEPT_ROWS:])
    for key, (fields, widths) in NESTED.items():
        items = rec.get(key) or []
        if items:
            heads = [label_of(page, f) for f in fields]
            cells = [[shown(page, f, item.get(f)) for f in fields] for item in items]
            out += [gap(1), page.table(heads, cells, widths)]
    return out


def participant_section(page: Page, rec: Json) -> list[Flowable]:
    """Her own record, field by field, grouped by data category as her consents name them."""
    st = page.st
    out: list[Flowable] = [page.text(page.t(SECTIONS["participant"]), st.heading)]
    grouped: dict[DataCategory | None, list[str]] = {}
    columns = {c.key: c.info.get("category") for c in Participant.__table__.columns}
    for key in rec:
        grouped.setdefault(columns.get(key), []).append(key)
    for cat in [*DataCategory, None]:
        rows = [
            (label_of(page, k), shown(page, k, rec[k]))
            for k in grouped.get(cat, [])
            if shown(page, k, rec[k])
        ]
        if rows:
            title = label(cat, page.lang) if cat is not None else page.t(ABOUT_FILE)
            out += [page.text(title, page.sub), *page.rows(rows)]
    return out


ABOUT_FILE = N_("About your file")


def caption(page: Page, section: str, rec: Json) -> str:
    """The line above a record: what it is, in the words she knows it by."""

    def first(*keys: str) -> str:
        parts = (shown(page, k, rec.get(k)) for k in keys)
        return " – ".join(page.isolated(s) for s in parts if s)

    by_section = {
        "goals": ("title",),
        "meetings": ("held_at", "kind"),
        "enrolments": ("module",),
        "consents": ("given_on", "recipient"),
        "handovers": ("handover_date", "kind"),
        "aftercare": ("due_on", "status"),
        "esf_entry": ("answered_on",),
        "esf_exit": ("answered_on",),
        "esf_follow_up": ("due_on",),
        "papers": ("title",),
        "plan_versions": ("issued_on",),
        "exports": ("created_at", "document_type"),
        "transfers": ("at", "direction"),
    }
    if section == "enrolments":
        return str(rec["module"]["title"])
    return first(*by_section.get(section, ("id",))) or str(rec.get("id", ""))


def section(page: Page, key: str, items: list[Json]) -> list[Flowable]:
    st = page.st
    out: list[Flowable] = [page.text(page.t(SECTIONS[key]), st.heading)]
    if not items:
        return [*out, page.text(page.t(NOTHING), st.body)]
    if key == "audit_log":
        fields, widths = AUDIT_COLUMNS
        heads = [label_of(page, f) for f in fields]
        cells = [[shown(page, f, e.get(f)) for f in fields] for e in items]
        return [*out, page.table(heads, cells, widths)]
    for rec in items:
        out += [page.value(caption(page, key, rec), page.sub)]
        out += record_rows(page, rec)
        if key == "plan_versions":
            out += page.rows([(page.t(PLAN_HELD), plan_summary(rec.get("content")))])
        ack = rec.get("acknowledgement")
        if ack:
            out += [page.text(page.t(HER_ANSWER), page.sub), *record_rows(page, ack)]
    return out


PLAN_HELD = N_("What the plan held")
HER_ANSWER = N_("Her acknowledgement of this document")


def plan_summary(content: Any) -> str:
    """A printed plan's goals, steps and agreements, one per line."""
    if not isinstance(content, dict):
        return str(content or "")
    content = content.get("plan", content)  # as plan_versions stores it: {"format", "plan"}
    lines = []
    for goal in content.get("goals", []):
        lines.append(str(goal.get("title", "")))
        lines += [f"  • {step.get('title', '')}" for step in goal.get("steps", [])]
    lines += [f"{a.get('who', '')}: {a.get('what', '')}" for a in content.get("agreements", [])]
    return "\n".join(lines)
