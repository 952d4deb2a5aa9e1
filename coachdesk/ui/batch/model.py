"""The participants of a batch, one row each: included or skipped and why, then the outcome."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, replace

from coachdesk.export.batch_plan import BatchEntry
from coachdesk.export.batch_run import BatchResult
from coachdesk.i18n import N_, _
from coachdesk.ui.kit.table_model import Column, RecordTableModel

NUMBER, PARTICIPANT, STATE, NOTE = range(4)


class RowState(enum.StrEnum):
    INCLUDED = "included"
    SKIPPED = "skipped"
    SAVED = "saved"
    NOT_MADE = "not_made"


STATE_LABELS: dict[RowState, str] = {
    RowState.INCLUDED: N_("Included"),
    RowState.SKIPPED: N_("Skipped"),
    RowState.SAVED: N_("Saved"),
    RowState.NOT_MADE: N_("Not made"),
}


@dataclass(frozen=True)
class BatchRow:
    entry: BatchEntry
    state: RowState
    file_name: str = ""
    """The saved file's name (what and when, never whose)."""

    @property
    def note(self) -> str:
        if self.state == RowState.SAVED:
            return self.file_name
        if self.state == RowState.NOT_MADE:
            return _("The batch stopped before her document was made.")
        if self.entry.reason is not None:
            return self.entry.reason.render()
        return " ".join(m.render() for m in self.entry.cautions)


def _name(row: BatchRow) -> str:
    return row.entry.name or _("Participant no. {id}").format(id=row.entry.participant_id)


class BatchModel(RecordTableModel[BatchRow]):
    COLUMNS = (
        Column(N_("No."), lambda r: f"{r.entry.number:02d}", lambda r: r.entry.number),
        Column(N_("Participant"), _name),
        Column(N_("Document"), lambda r: _(STATE_LABELS[r.state])),
        Column(N_("Why / file"), lambda r: r.note),
    )

    def show_entries(self, entries: Sequence[BatchEntry]) -> None:
        self.set_rows(
            [
                BatchRow(e, RowState.INCLUDED if e.skipped is None else RowState.SKIPPED)
                for e in entries
            ]
        )

    def show_result(self, result: BatchResult) -> None:
        """Each row as it ended: saved with its file, skipped with its reason, or not made."""
        saved = {d.entry.number: d.path.name for d in result.saved}
        skipped = {e.number: e for e in result.skipped}
        not_made = {e.number for e in result.not_made}
        rows = []
        for row in self.rows():
            number = row.entry.number
            if number in saved:
                rows.append(replace(row, state=RowState.SAVED, file_name=saved[number]))
            elif number in skipped:
                rows.append(BatchRow(skipped[number], RowState.SKIPPED))
            elif number in not_made:
                rows.append(replace(row, state=RowState.NOT_MADE))
            else:
                rows.append(row)
        self.set_rows(rows)

    def is_muted(self, record: BatchRow) -> bool:
        return record.state in (RowState.SKIPPED, RowState.NOT_MADE)
