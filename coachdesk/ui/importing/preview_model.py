"""The preview of an import: one row per spreadsheet row, what it becomes and what is wrong."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from coachdesk.i18n import N_, _, format_date, format_number, ngettext
from coachdesk.imports.checks import Preview, PreviewRow, describe
from coachdesk.imports.fields import field_label
from coachdesk.labels import label
from coachdesk.ui.kit.table_model import Column, RecordTableModel, date_key

ROW, FIRST, LAST, BORN, PROGRAMME, STATUS, PROBLEMS = range(7)
PROBLEM_COLOUR = "#a4262c"


def problems_text(row: PreviewRow) -> str:
    return " ".join(describe(p) for p in row.problems) if row.problems else _("Ready")


def summary_text(p: Preview | None) -> str:
    """How many rows are ready and how many have problems, or which field needs a column."""
    if p is None:
        return ""
    if p.missing:
        fields = ", ".join(field_label(n) for n in p.missing)
        return _("Please choose a column for: {fields}.").format(fields=fields)
    n_rows, n_ready, n_problems = len(p.rows), p.valid_count, p.problem_count
    rows = ngettext("{n} row", "{n} rows", n_rows).format(n=format_number(n_rows))
    ready = ngettext("{n} ready to import", "{n} ready to import", n_ready)
    problems = ngettext("{n} with problems", "{n} with problems", n_problems)
    ready = ready.format(n=format_number(n_ready))
    problems = problems.format(n=format_number(n_problems))
    text = f"{rows}: {ready}, {problems}."
    if p.new_programmes:
        made = _("New programmes, made on import: {names}.")
        text += " " + made.format(names=", ".join(p.new_programmes))
    return text


def programme_text(row: PreviewRow) -> str:
    if row.programme and row.draft.programme_id is None:
        return _("{name} (new)").format(name=row.programme)
    return row.programme


class PreviewModel(RecordTableModel[PreviewRow]):
    COLUMNS = (
        Column(N_("Row"), lambda r: str(r.number), lambda r: r.number),
        Column(N_("First name"), lambda r: r.draft.first_name),
        Column(N_("Last name"), lambda r: r.draft.last_name),
        Column(
            N_("Date of birth"),
            lambda r: format_date(r.draft.date_of_birth) if r.draft.date_of_birth else "",
            lambda r: date_key(r.draft.date_of_birth),
        ),
        Column(N_("Programme"), programme_text),
        Column(N_("Status"), lambda r: label(r.draft.status)),
        Column(N_("Problems"), problems_text, lambda r: (r.ok, problems_text(r))),
    )

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and index.column() == PROBLEMS
            and not self.row_at(index.row()).ok
        ):
            return QBrush(QColor(PROBLEM_COLOUR))
        return super().data(index, role)
