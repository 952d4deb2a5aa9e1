"""A transfer in words, for the preview of the sender and the receiver (CLI and window)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from coachdesk.export.transfer.arrival import SenderState
from coachdesk.export.transfer.plan import TransferPlan
from coachdesk.i18n import N_, _, format_date, ngettext
from coachdesk.labels import label
from coachdesk.models.enums import DataCategory, LegalBasis


def count_lines(counts: Mapping[str, int]) -> list[str]:
    """One line per kind of record the package holds (kinds it holds none of are left out)."""
    texts = {
        "goals": ngettext("{n} goal", "{n} goals", counts.get("goals", 0)),
        "milestones": ngettext("{n} step", "{n} steps", counts.get("milestones", 0)),
        "aftercare": ngettext(
            "{n} aftercare follow-up", "{n} aftercare follow-ups", counts.get("aftercare", 0)
        ),
        "enrolments": ngettext("{n} enrolment", "{n} enrolments", counts.get("enrolments", 0)),
        "attendance": ngettext(
            "{n} attendance entry", "{n} attendance entries", counts.get("attendance", 0)
        ),
        "meetings": ngettext("{n} meeting", "{n} meetings", counts.get("meetings", 0)),
        "agreements": ngettext("{n} agreement", "{n} agreements", counts.get("agreements", 0)),
        "handovers": ngettext("{n} handover", "{n} handovers", counts.get("handovers", 0)),
        "attachments": ngettext("{n} paper", "{n} papers", counts.get("attachments", 0)),
        "questionnaires": ngettext(
            "{n} ESF Plus questionnaire",
            "{n} ESF Plus questionnaires",
            counts.get("questionnaires", 0),
        ),
    }
    return [text.format(n=counts[kind]) for kind, text in texts.items() if counts.get(kind)]


def category_list(categories: Iterable[DataCategory]) -> str:
    return ", ".join(sorted(label(c) for c in categories))


def field_list(fields: Iterable[str]) -> str:
    """Her file's fields by their labels, as the export preview names them."""
    from coachdesk.export.common import FIELD_LABELS

    return ", ".join(_(FIELD_LABELS[f]) if f in FIELD_LABELS else f for f in fields)


def basis_text(basis: Mapping[str, Any]) -> str:
    """On which basis the package was written, as the manifest says."""
    if basis.get("kind") == "legal_basis":
        try:
            name = label(LegalBasis(str(basis.get("legal_basis"))))
        except ValueError:
            name = str(basis.get("legal_basis"))
        return _("Legal basis: {basis} – {note}").format(basis=name, note=basis.get("note", ""))
    lines = []
    for c in basis.get("consents", []):
        given = format_date(dt.date.fromisoformat(str(c.get("given_on"))))
        lines.append(
            _("her consent of {date}: {purpose}").format(date=given, purpose=c.get("purpose", ""))
        )
    return _("Consent: {consents}").format(consents="; ".join(lines))


def fingerprint_lines(fingerprint: str) -> str:
    """The fingerprint in four lines of four groups: the way it is read aloud."""
    hexa = fingerprint.upper()
    groups = [hexa[i : i + 4] for i in range(0, len(hexa), 4)]
    return "\n".join(" ".join(groups[i : i + 4]) for i in range(0, len(groups), 4))


_SENDER = {
    SenderState.VERIFIED: N_("a colleague whose certificate you verified"),
    SenderState.UNVERIFIED: N_("a colleague whose certificate you have not verified yet"),
    SenderState.UNKNOWN: N_("unknown: not among your colleagues"),
    SenderState.REFUSED: N_("a colleague whose certificate is removed, expired or not yet valid"),
}


def sender_text(state: SenderState) -> str:
    return _(_SENDER[state])


def plan_lines(plan: TransferPlan) -> list[str]:
    """The preview: for whom, per person what goes and what stays, who cannot go and why."""
    from coachdesk.export.transfer.describe import category_list, count_lines

    lines = [
        _("For {name}, only her CoachDesk can open the file.").format(name=plan.colleague_name)
    ]
    for person in plan.people:
        lines.append("")
        lines.append(
            _("{name}: goes. What goes: {categories}.").format(
                name=person.participant_name, categories=category_list(person.categories)
            )
        )
        lines.extend("• " + line for line in count_lines(person.counts))
        if person.withheld:
            lines.append(
                _("What stays: {categories}.").format(categories=category_list(person.withheld))
            )
    for refused in plan.refused:
        lines.append("")
        lines.append(
            _("{name} cannot go: {reason}").format(
                name=refused.participant_name, reason=refused.reason.render()
            )
        )
    lines.append("")
    lines.append(_("Internal notes never go."))
    return lines
