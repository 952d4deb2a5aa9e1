"""The import as one use case: read, map (remembered per set of headings), preview, commit.

``commit`` checks the rows again inside its own transaction (the vault may have changed
since the preview) and stores all valid rows or none: a row with a problem stops the
whole import unless she chose to leave such rows out.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.orm import Session

from coachdesk.i18n import N_
from coachdesk.imports.checks import KnownPeople, Preview, PreviewRow, check_rows
from coachdesk.imports.errors import ImportFileError
from coachdesk.imports.fields import BY_NAME, auto_mapping, header_key
from coachdesk.imports.reader import Progress, Table, read_table
from coachdesk.imports.storing import store_participants
from coachdesk.models import VaultSetting
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.participants import ParticipantDraft
from coachdesk.services.programmes import name_key, named_or_new


@dataclass(frozen=True)
class ImportResult:
    imported: int
    skipped: int
    """Rows left out because of a problem (only when she chose to skip them)."""


class ImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def read(self, path: Path, progress: Progress | None = None) -> Table:
        return read_table(path, progress)

    def mapping_for(self, headers: Sequence[str]) -> dict[int, str]:
        """The mapping she chose last time for these headings, else the automatic one."""
        with self.ctx.read() as s:
            row = s.get(VaultSetting, header_key(headers))
            stored = row.value if row is not None else ""
        if stored:
            try:
                chosen = {int(k): v for k, v in json.loads(stored).items()}
            except (ValueError, AttributeError):
                chosen = {}
            valid = {i: f for i, f in chosen.items() if f in BY_NAME and 0 <= i < len(headers)}
            if valid:
                return valid
        return auto_mapping(headers)

    def preview(
        self, table: Table, mapping: Mapping[int, str], progress: Progress | None = None
    ) -> Preview:
        check_mapping(table, mapping)
        with self.ctx.read() as s:
            return self._check(s, table, mapping, progress)

    def _check(
        self, s: Session, table: Table, mapping: Mapping[int, str], progress: Progress | None
    ) -> Preview:
        from coachdesk.imports.values import date

        births = set()
        for cells in table.rows:
            for index, name in mapping.items():
                if name == "date_of_birth" and index < len(cells):
                    try:
                        born = date(cells[index])
                    except Exception:  # reported by the check itself
                        continue
                    if born is not None:
                        births.add(born)
        known = KnownPeople.of_vault(s, births)
        return check_rows(table, mapping, known, self.ctx.today(), progress)

    def commit(
        self,
        preview: Preview,
        *,
        skip_problems: bool = False,
        progress: Progress | None = None,
    ) -> ImportResult:
        """Store every valid row of ``preview`` in one transaction, or nothing. The vault is
        checked again for duplicates inside the transaction: it may have changed since."""
        if preview.missing:
            raise ImportFileError(N_("First name and last name must each come from a column."))
        if preview.problem_count and not skip_problems:
            raise ImportFileError(
                N_(
                    "Rows with problems: {count}. Nothing was imported: please correct "
                    "them in the file, or choose to leave them out."
                ),
                {"count": preview.problem_count},
            )
        valid = [r for r in preview.rows if r.ok]
        total = len(valid) + 1
        with self.ctx.write() as s:
            births = {r.draft.date_of_birth for r in valid if r.draft.date_of_birth}
            known = KnownPeople.of_vault(s, births)
            if any(known.problems(r.draft) for r in valid):
                raise ImportFileError(
                    N_("Participants were added since the preview: please check the list again.")
                )
            report = None if progress is None else (lambda done: progress(done, total))
            drafts = _with_programmes(s, self.ctx, valid)
            ids = store_participants(s, self.ctx, drafts, report)
            _remember(s, preview.headers, preview.mapping)
        if progress is not None:
            progress(total, total)
        kinds = {ChangeKind.PARTICIPANT}
        if preview.new_programmes:
            kinds.add(ChangeKind.PROGRAMME)
        self.ctx.publish(Changes.of(kinds, ids))
        return ImportResult(len(valid), preview.problem_count)


def _with_programmes(
    s: Session, ctx: ServiceContext, rows: Sequence[PreviewRow]
) -> list[ParticipantDraft]:
    """Each row's draft with its programme, looked up again by name in this transaction;
    a programme the vault does not have (the preview listed it) is made here, once.

    Made rather than refused: a sheet is how her earlier files come in, and making each
    programme by hand first would stop the import for a name the preview already showed
    her; names match whatever their case and spacing, so "My Turn" joins MY TURN."""
    ids: dict[str, int | None] = {}
    drafts = []
    for row in rows:
        if row.programme:
            key = name_key(row.programme)
            if key not in ids:
                ids[key] = named_or_new(s, ctx, row.programme)
            drafts.append(replace(row.draft, programme_id=ids[key]))
        else:
            drafts.append(row.draft)
    return drafts


def check_mapping(table: Table, mapping: Mapping[int, str]) -> None:
    """Each field from one column at most, each column one that exists."""
    for index, name in mapping.items():
        if name not in BY_NAME or not 0 <= index < len(table.headers):
            raise ImportFileError(N_("The column mapping does not fit this file."))
    if len(set(mapping.values())) != len(mapping):
        raise ImportFileError(N_("Each field can come from one column only."))


def _remember(s: Session, headers: Sequence[str], mapping: Mapping[int, str]) -> None:
    key = header_key(headers)
    value = json.dumps({str(i): f for i, f in sorted(mapping.items())})
    row = s.get(VaultSetting, key)
    if row is None:
        s.add(VaultSetting(key=key, value=value))
    else:
        row.value = value
