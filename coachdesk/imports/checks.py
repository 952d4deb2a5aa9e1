"""Each row of a mapped sheet as a participant draft, with everything wrong with it.

The rules are the participant form's (``validate_participant``) plus the duplicate check
of ``participant_checks``: the same names in any script and the same date of birth, or the
same customer number, against the vault and against the rows above it in the file.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.collation import sort_key
from coachdesk.i18n import N_, Message
from coachdesk.imports.fields import REQUIRED, field_label
from coachdesk.imports.reader import Cell, Progress, Table
from coachdesk.imports.values import CellProblem, convert
from coachdesk.models import Participant, Programme
from coachdesk.services.errors import FieldError
from coachdesk.services.participants import ParticipantDraft, validate_participant
from coachdesk.services.programmes import name_key, names_by_id, tidy_name
from coachdesk.services.validation import max_length, normalise_customer_number
from coachdesk.transliteration import NameKeys, name_keys

PROGRESS_STEP = 500
PROGRAMME_NAME_LIMIT: int = Programme.name.type.length  # type: ignore[attr-defined]


@dataclass(frozen=True)
class PreviewRow:
    number: int
    """Its row number in the spreadsheet."""
    draft: ParticipantDraft
    problems: tuple[FieldError, ...] = ()
    programme: str = ""
    """The programme the sheet names (tidied); ``draft.programme_id`` is set when the vault
    has it, else it is made when the import is stored (see ``Preview.new_programmes``)."""

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Preview:
    """What an import would do, row by row; nothing is stored yet."""

    headers: tuple[str, ...]
    mapping: Mapping[int, str]
    rows: tuple[PreviewRow, ...]
    notices: tuple[Message, ...] = ()
    """How the file was read (merged cells, the encoding)."""
    missing: tuple[str, ...] = ()
    """Required fields no column fills: nothing can be imported until they are mapped."""
    new_programmes: tuple[str, ...] = ()
    """Programmes the sheet names that the vault does not have yet: made on import."""

    @property
    def valid_count(self) -> int:
        return sum(r.ok for r in self.rows)

    @property
    def problem_count(self) -> int:
        return len(self.rows) - self.valid_count


@dataclass
class KnownPeople:
    """Who is already there: in the vault (read once) and in the rows checked so far."""

    by_birth: dict[dt.date, list[tuple[tuple[str, str, str, str], int | None]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    """Names by date of birth, with the file row they came from (None: the vault)."""
    numbers: dict[str, int | None] = field(default_factory=dict)
    programmes: dict[str, int] = field(default_factory=dict)
    """The vault's programmes by ``programmes.name_key``."""
    _keys: dict[tuple[str, str, str, str], NameKeys] = field(default_factory=dict)

    @classmethod
    def of_vault(cls, s: Session, births: Iterable[dt.date]) -> KnownPeople:
        known = cls()
        wanted = sorted(set(births))
        for start in range(0, len(wanted), 500):  # SQLite's limit on bound values
            q = select(
                Participant.date_of_birth,
                Participant.first_name,
                Participant.last_name,
                Participant.first_name_latin,
                Participant.last_name_latin,
            ).where(Participant.date_of_birth.in_(wanted[start : start + 500]))
            for born, *names in s.execute(q):
                if born is None:
                    continue
                known.by_birth[born].append(((names[0], names[1], names[2], names[3]), None))
        q2 = select(Participant.jobcentre_customer_number).where(
            Participant.jobcentre_customer_number != ""
        )
        known.numbers = dict.fromkeys(s.scalars(q2))
        known.programmes = {name_key(n): pid for pid, n in names_by_id(s).items()}
        return known

    def keys(self, names: tuple[str, str, str, str]) -> NameKeys:
        if names not in self._keys:
            self._keys[names] = name_keys(*names)
        return self._keys[names]

    def problems(self, draft: ParticipantDraft) -> list[FieldError]:
        found: list[FieldError] = []
        names = (draft.first_name, draft.last_name, draft.first_name_latin, draft.last_name_latin)
        same_day = self.by_birth.get(draft.date_of_birth) if draft.date_of_birth else None
        if same_day:  # names are folded only when someone was born on the same day
            wanted = self.keys(names)
            for other, row in same_day:
                if wanted.same_person(self.keys(other)):
                    found.append(
                        FieldError(
                            None,
                            _same(
                                row,
                                N_(
                                    "A participant with this name and date of birth already exists."
                                ),
                                N_("Row {row} has the same name and date of birth."),
                            ),
                        )
                    )
                    break
        number = draft.jobcentre_customer_number
        if number and number in self.numbers:
            row = self.numbers[number]
            found.append(
                FieldError(
                    "jobcentre_customer_number",
                    _same(
                        row,
                        N_("Another participant already has this customer number."),
                        N_("Row {row} has the same customer number."),
                    ),
                )
            )
        return found

    def add(self, draft: ParticipantDraft, row: int) -> None:
        if draft.date_of_birth is not None:
            names = (
                draft.first_name,
                draft.last_name,
                draft.first_name_latin,
                draft.last_name_latin,
            )
            self.by_birth[draft.date_of_birth].append((names, row))
        if draft.jobcentre_customer_number:
            self.numbers.setdefault(draft.jobcentre_customer_number, row)


def _same(row: int | None, in_vault: str, in_file: str) -> Message:
    return Message(in_vault) if row is None else Message(in_file, {"row": row})


def draft_of(
    cells: tuple[Cell, ...], mapping: Mapping[int, str]
) -> tuple[ParticipantDraft, list[FieldError], str]:
    """Her draft, what is wrong with its cells, and the programme named (by its name)."""
    values: dict[str, object] = {}
    problems: list[FieldError] = []
    for index, name in mapping.items():
        try:
            value = convert(name, cells[index] if index < len(cells) else None)
        except CellProblem as exc:
            problems.append(FieldError(name, exc.message))
            continue
        if value not in (None, ""):
            values[name] = value
    programme = tidy_name(str(values.pop("programme", "")))
    max_length(problems, "programme", programme, PROGRAMME_NAME_LIMIT)
    draft = ParticipantDraft(first_name="", last_name="")
    draft = replace(draft, **values)  # type: ignore[arg-type]
    draft = replace(
        draft,
        jobcentre_customer_number=normalise_customer_number(draft.jobcentre_customer_number),
    )
    return draft, problems, programme


def check_rows(
    table: Table,
    mapping: Mapping[int, str],
    known: KnownPeople,
    today: dt.date,
    progress: Progress | None = None,
) -> Preview:
    missing = tuple(name for name in REQUIRED if name not in mapping.values())
    rows: list[PreviewRow] = []
    new: dict[str, str] = {}
    total = len(table.rows)
    for i, (number, cells) in enumerate(zip(table.row_numbers, table.rows, strict=True)):
        draft, problems, programme = draft_of(cells, mapping)
        if programme:
            key = name_key(programme)
            draft = replace(draft, programme_id=known.programmes.get(key))
            if draft.programme_id is None:
                new.setdefault(key, programme)
        failed = {p.field for p in problems}
        # A field no column fills is said once for the whole file (``missing``), not per row.
        problems += [
            p
            for p in validate_participant(draft, today)
            if p.field is None or (p.field not in failed and p.field not in missing)
        ]
        problems += known.problems(draft)
        known.add(draft, number)
        rows.append(PreviewRow(number, draft, tuple(problems), programme))
        if progress is not None and i % PROGRESS_STEP == 0:
            progress(i, total)
    made = tuple(sorted(new.values(), key=sort_key))
    return Preview(table.headers, dict(mapping), tuple(rows), table.notices, missing, made)


def describe(problem: FieldError) -> str:
    """A problem as one line: the field's caption, then what is wrong."""
    text = problem.message.render()
    if problem.field is None:
        return text
    try:
        return f"{field_label(problem.field)}: {text}"
    except KeyError:
        return text
