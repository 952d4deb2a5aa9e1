"""``coachdesk import participants VAULT FILE [--map COLUMN=FIELD ...] [--commit]``.

A dry run unless ``--commit``: it prints how the columns are mapped and each row's
problems. With ``--commit`` all valid rows are stored in one transaction, or none: a row
with a problem stops the import unless ``--skip-problems`` leaves such rows out. Progress
goes to stderr (only on a terminal) and holds no participant data.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coachdesk.cli.support import (
    EXIT_OK,
    EXIT_VALIDATION,
    CliError,
    add_secret_options,
    unlocked_vault,
)
from coachdesk.i18n import N_, Message, _, ngettext

SubParsers = Any  # argparse's _SubParsersAction, which is private


def add_import(sub: SubParsers) -> None:
    p = sub.add_parser("import", help=_("import participants from a spreadsheet"))
    what = p.add_subparsers(dest="what", metavar=_("WHAT"), required=True)
    q = what.add_parser(
        "participants",
        help=_("import participants from an .xlsx, .ods or .csv list (a dry run unless --commit)"),
    )
    q.add_argument("path", type=Path, metavar=_("VAULT"), help=_("folder of the vault"))
    q.add_argument("file", type=Path, metavar=_("FILE"), help=_("the .xlsx, .ods or .csv list"))
    q.add_argument(
        "--map",
        action="append",
        default=[],
        metavar=_("COLUMN=FIELD"),
        help=_(
            'a column (its heading or letter) and the field it fills, e.g. "Geb.=date_of_birth"; '
            "an empty field leaves the column out"
        ),
    )
    q.add_argument(
        "--commit",
        action="store_true",
        help=_("store the rows (without it: only show what would be imported)"),
    )
    q.add_argument(
        "--skip-problems",
        action="store_true",
        help=_("with --commit: leave out the rows with problems and import the others"),
    )
    add_secret_options(q)
    q.set_defaults(handler=cmd_import_participants)


def _progress(stage: str) -> Any:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        print(f"\r{stage} {percent:3d} %", end="", file=sys.stderr, flush=True)

    return show


def cmd_import_participants(args: argparse.Namespace) -> int:
    from coachdesk.facade import Services
    from coachdesk.imports.checks import describe
    from coachdesk.imports.errors import ImportFileError
    from coachdesk.imports.fields import field_label
    from coachdesk.imports.reader import column_letter

    try:
        with unlocked_vault(args, args.path) as vault:
            imports = Services(vault.sessions, vault=vault).imports
            table = imports.read(args.file, _progress(_("Reading…")))
            mapping = apply_map_options(table.headers, imports.mapping_for(table.headers), args.map)
            preview = imports.preview(table, mapping, _progress(_("Checking…")))
            for index, heading in enumerate(table.headers):
                target = field_label(mapping[index]) if index in mapping else _("(not imported)")
                print(f"{column_letter(index)} {heading!r} -> {target}")
            for notice in preview.notices:
                print(notice.render())
            if preview.missing:
                missing = ", ".join(field_label(n) for n in preview.missing)
                raise CliError(
                    Message(
                        N_("No column is mapped to: {fields}. Use --map COLUMN=FIELD."),
                        {"fields": missing},
                    )
                )
            for row in preview.rows:
                for problem in row.problems:
                    name = row.draft.first_name + " " + row.draft.last_name
                    print(
                        _("Row {row} ({name}): {problem}").format(
                            row=row.number, name=name.strip(), problem=describe(problem)
                        )
                    )
            print(
                ngettext("{n} row read", "{n} rows read", len(preview.rows)).format(
                    n=len(preview.rows)
                )
                + ": "
                + ngettext(
                    "{n} ready to import", "{n} ready to import", preview.valid_count
                ).format(n=preview.valid_count)
                + ", "
                + ngettext(
                    "{n} with problems.", "{n} with problems.", preview.problem_count
                ).format(n=preview.problem_count)
            )
            if not args.commit:
                print(_("Dry run: nothing was imported. Add --commit to import."))
                return EXIT_OK if not preview.problem_count else EXIT_VALIDATION
            result = imports.commit(
                preview,
                skip_problems=args.skip_problems,
                progress=_progress(_("Importing…")),
            )
    except ImportFileError as exc:
        raise CliError(exc.message) from exc
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(
        ngettext("Imported {n} participant.", "Imported {n} participants.", result.imported).format(
            n=result.imported
        )
    )
    if result.skipped:
        print(
            ngettext(
                "Left out {n} row with problems.",
                "Left out {n} rows with problems.",
                result.skipped,
            ).format(n=result.skipped)
        )
    return EXIT_OK


def apply_map_options(
    headers: tuple[str, ...], mapping: dict[int, str], options: list[str]
) -> dict[int, str]:
    """The mapping with each ``COLUMN=FIELD`` applied: COLUMN is a heading or a letter,
    FIELD a field's name or caption (English or German), empty to leave the column out."""
    from coachdesk.imports.fields import BY_NAME, field_for, fold
    from coachdesk.imports.reader import column_letter

    result = dict(mapping)
    for option in options:
        column, sep, field = option.partition("=")
        if not sep:
            raise CliError(
                Message(N_("--map needs COLUMN=FIELD, not {option}."), {"option": option})
            )
        index = next((i for i, h in enumerate(headers) if fold(h) == fold(column)), None)
        if index is None:
            index = next(
                (i for i in range(len(headers)) if column_letter(i) == column.strip().upper()), None
            )
        if index is None:
            raise CliError(Message(N_("The file has no column {column}."), {"column": column}))
        if not field.strip():
            result.pop(index, None)
            continue
        name = field.strip() if field.strip() in BY_NAME else field_for(field)
        if name is None:
            raise CliError(
                Message(
                    N_("{field} is not a participant field. Known fields: {fields}."),
                    {"field": field, "fields": ", ".join(BY_NAME)},
                )
            )
        result = {i: f for i, f in result.items() if f != name}
        result[index] = name
    return result
