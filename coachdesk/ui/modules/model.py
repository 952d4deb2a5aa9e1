"""The offer catalogue: modules with dates, place and places taken."""

from __future__ import annotations

from coachdesk.i18n import N_, _, format_date
from coachdesk.services.modules import ModuleRecord
from coachdesk.ui.kit.table_model import Column, RecordTableModel, date_key


def _dates(m: ModuleRecord) -> str:
    if m.starts_on and m.ends_on:
        return _("{start} to {end}").format(
            start=format_date(m.starts_on), end=format_date(m.ends_on)
        )
    if m.starts_on:
        return _("from {start}").format(start=format_date(m.starts_on))
    return ""


def _places(m: ModuleRecord) -> str:
    if m.capacity is None:
        return str(m.enrolled)
    return _("{enrolled} of {capacity}").format(enrolled=m.enrolled, capacity=m.capacity)


class ModuleTableModel(RecordTableModel[ModuleRecord]):
    TITLE, DATES, LOCATION, CHILDCARE, ENROLLED, PROGRAMME = range(6)
    COLUMNS = (
        Column[ModuleRecord](N_("Module"), lambda m: m.title),
        Column[ModuleRecord](N_("Dates"), _dates, lambda m: date_key(m.starts_on)),
        Column[ModuleRecord](N_("Place"), lambda m: m.location),
        Column[ModuleRecord](
            N_("Childcare"),
            lambda m: _("yes") if m.childcare_available else _("no"),
            lambda m: int(m.childcare_available),
        ),
        Column[ModuleRecord](N_("Enrolled"), _places, lambda m: m.enrolled),
        Column[ModuleRecord](N_("Programme"), lambda m: m.programme or _("All programmes")),
    )

    def is_muted(self, record: ModuleRecord) -> bool:
        return record.is_archived
