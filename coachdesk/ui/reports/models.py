"""Previews of the partner reports: the published figures, the catalogue, the directory."""

from __future__ import annotations

from dataclasses import dataclass

from coachdesk.i18n import N_, _, ngettext
from coachdesk.reports.published import PublishedReport
from coachdesk.services.modules import ModuleRecord
from coachdesk.services.responsibilities import ResponsibilityRecord
from coachdesk.ui.kit.table_model import Column, RecordTableModel


@dataclass(frozen=True)
class FigureRow:
    """One published figure as the PDF and CSV show it ("< 3" and "x" included)."""

    section: str
    item: str
    value: str
    order: int


def figure_rows(report: PublishedReport) -> list[FigureRow]:
    rows: list[FigureRow] = []
    for b in (report.overview, *report.breakdowns):
        for text, cell in zip(b.labels, b.cells, strict=True):
            rows.append(FigureRow(b.title, text, cell.text, len(rows)))
        if b.total is not None:
            rows.append(FigureRow(b.title, b.total_label, b.total.text, len(rows)))
    modules = _("Modules held", report.lang)
    for m in report.modules:
        value = ngettext(
            "{sessions} session, participants {people}, present {rate}",
            "{sessions} sessions, participants {people}, present {rate}",
            m.sessions,
            report.lang,
        )
        text = value.format(sessions=m.sessions, people=m.participants.text, rate=m.attendance_rate)
        rows.append(FigureRow(modules, m.title, text, len(rows)))
    return rows


class FigureTableModel(RecordTableModel[FigureRow]):
    SECTION, ITEM, VALUE = range(3)
    COLUMNS = (
        Column[FigureRow](N_("Table"), lambda r: r.section, lambda r: r.order),
        Column[FigureRow](N_("Figure"), lambda r: r.item, lambda r: r.order),
        Column[FigureRow](N_("Value"), lambda r: r.value, lambda r: r.order),
    )


class CatalogueTableModel(RecordTableModel[ModuleRecord]):
    TITLE, TARGET, SCHEDULE, LOCATION = range(4)
    COLUMNS = (
        Column[ModuleRecord](N_("Module"), lambda m: m.title),
        Column[ModuleRecord](N_("For whom"), lambda m: m.target_group),
        Column[ModuleRecord](N_("When"), lambda m: m.schedule),
        Column[ModuleRecord](N_("Where"), lambda m: m.location),
    )


class DirectoryTableModel(RecordTableModel[ResponsibilityRecord]):
    TOPIC, TARGET, ORGANISATION, CONTACT = range(4)
    COLUMNS = (
        Column[ResponsibilityRecord](N_("Topic"), lambda r: r.topic),
        Column[ResponsibilityRecord](N_("Target group"), lambda r: r.target_group),
        Column[ResponsibilityRecord](N_("Organisation"), lambda r: r.organisation_name),
        Column[ResponsibilityRecord](N_("Contact person"), lambda r: r.contact_name),
    )
