"""Subcommands ``transfer`` and ``receive``: hand participants over to a colleague.

``transfer`` writes a package of one or several participants for one of them
(docs/transfer-format.md) and ``receive`` opens one, importing it unless ``--preview``.
The earlier spellings ``transfer send`` and ``transfer open [--commit]`` still work
(``routed`` rewrites them before parsing).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coachdesk.cli.inputs import CliError, record_id, require_file, text_of_at_most
from coachdesk.cli.support import (
    EXIT_OK,
    EXIT_VALIDATION,
    add_secret_options,
    check_outputs,
    unlocked_vault,
)
from coachdesk.i18n import N_, Message, _, ngettext


def _vault(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", type=Path, metavar=_("VAULT"), help=_("folder of the vault"))


def routed(argv: Sequence[str]) -> list[str]:
    """``transfer send VAULT ...`` as ``transfer VAULT ...``; ``transfer open VAULT FILE``
    as ``receive VAULT FILE --preview`` (``--commit``: without ``--preview``)."""
    args = list(argv)
    at = next((n for n, a in enumerate(args) if a == "transfer"), None)
    if at is None or len(args) < at + 3 or args[at + 2].startswith("-"):
        return args
    if args[at + 1] == "send":
        return [*args[: at + 1], *args[at + 2 :]]
    if args[at + 1] == "open":
        rest = args[at + 2 :]
        preview = [] if "--commit" in rest else ["--preview"]
        return [*args[:at], "receive", *[a for a in rest if a != "--commit"], *preview]
    return args


def add_transfer(sub: Any) -> None:
    send = sub.add_parser(
        "transfer", help=_("write a transfer file of participants for a colleague")
    )
    _vault(send)
    send.add_argument(
        "--participant",
        type=record_id,
        required=True,
        action="append",
        metavar="ID",
        help=_("whom it carries (repeat for several)"),
    )
    send.add_argument("--to", required=True, metavar=_("FINGERPRINT"), help=_("her certificate"))
    send.add_argument("--out", type=Path, metavar=_("FILE"), help=_("the transfer file to write"))
    send.add_argument(
        "--legal-basis",
        choices=["sgb_x_67b", "other"],
        help=_("a legal basis instead of her consent (with --basis-note)"),
    )
    send.add_argument("--basis-note", default="", type=text_of_at_most(2000), metavar=_("TEXT"))
    send.add_argument("--archive", action="store_true", help=_("archive their files once sent"))
    send.set_defaults(handler=cmd_transfer_send)
    opened = sub.add_parser("receive", help=_("open a transfer file and import it"))
    _vault(opened)
    opened.add_argument("file", type=Path, metavar=_("FILE"))
    opened.add_argument("--preview", action="store_true", help=_("only show what it holds"))
    target = opened.add_mutually_exclusive_group()
    target.add_argument("--merge-into", type=record_id, metavar="ID", help=_("her file here"))
    target.add_argument("--as-new", action="store_true", help=_("import everyone as new"))
    opened.add_argument(
        "--choose",
        action="append",
        default=[],
        metavar=_("N=new|skip|ID"),
        help=_("for the N-th person of the file: import as new, skip, or merge into ID"),
    )
    opened.set_defaults(handler=cmd_transfer_open)
    for q in (send, opened):
        add_secret_options(q)


def cmd_transfer_send(args: argparse.Namespace) -> int:
    from coachdesk.export.transfer.plan import TransferRequest
    from coachdesk.facade import Services
    from coachdesk.models.enums import LegalBasis

    if args.out is not None:
        check_outputs(args, args.out)
    request = TransferRequest(
        participant_ids=tuple(args.participant),
        colleague_fingerprint=args.to,
        legal_basis=LegalBasis(args.legal_basis) if args.legal_basis else None,
        basis_note=args.basis_note,
    )
    with unlocked_vault(args, args.path) as vault:
        services = Services(vault.sessions, vault=vault)
        plan = services.transfers.plan(request)
        _print_plan(plan)
        if args.out is None:
            print(_("Preview only: nothing was written (give --out FILE)."))
            return EXIT_OK
        sent = services.transfers.send(request, args.out)
        if args.archive:
            for person in plan.people:
                services.participants.archive(person.participant_id)
    print(_("Wrote the transfer file {path}.").format(path=str(sent.path)))
    print("SHA-256: " + sent.sha256)
    return EXIT_OK


def _print_plan(plan: Any) -> None:
    from coachdesk.export.transfer.describe import plan_lines

    for line in plan_lines(plan):
        print(line)


def _choices(args: argparse.Namespace, arrival: Any, *, lenient: bool = False) -> list[Any]:
    """What to do with each person: from --choose, --merge-into and --as-new; a person who
    may already be in the vault needs an explicit choice."""
    from coachdesk.export.transfer.receiving import Take

    people = arrival.people
    chosen: dict[int, Any] = {}
    for text in args.choose:
        number, _sep, what = text.partition("=")
        if not number.isdigit() or not 1 <= int(number) <= len(people):
            raise CliError(
                Message(N_("--choose {text}: no such person in this file."), {"text": text})
            )
        if what in ("new", "skip"):
            chosen[int(number) - 1] = Take(what)
        elif what.isdigit():
            chosen[int(number) - 1] = record_id(what)
        else:
            raise CliError(
                Message(
                    N_("--choose {text}: give new, skip or a participant's id."), {"text": text}
                )
            )
    if args.merge_into is not None:
        if len(people) != 1:
            raise CliError(
                Message(N_("This file holds several people: choose for each with --choose N=ID."))
            )
        chosen[0] = args.merge_into
    out = []
    for person in people:
        choice = chosen.get(person.index)
        if choice is None and person.matches and not args.as_new and not lenient:
            ids = ", ".join(str(m.participant_id) for m in person.matches)
            raise CliError(
                Message(
                    N_(
                        "{name} may already be in your vault (participant {ids}). Choose "
                        "--merge-into ID or --as-new, or --choose {n}=ID|new|skip."
                    ),
                    {"name": person.name, "ids": ids, "n": person.index + 1},
                )
            )
        out.append(Take.NEW if choice is None else choice)
    return out


def cmd_transfer_open(args: argparse.Namespace) -> int:
    from coachdesk.facade import Services

    require_file(args.file)
    data = args.file.read_bytes()
    with unlocked_vault(args, args.path) as vault:
        services = Services(vault.sessions, vault=vault)
        arrival = services.transfers.open(data)
        _print_arrival(arrival)
        if arrival.problem is not None:
            if args.preview:
                return EXIT_VALIDATION  # shown above; a script sees it cannot be imported
            raise CliError(arrival.problem)
        if args.preview:
            _print_merges(services, data, _choices(args, arrival, lenient=True))
            return EXIT_OK
        got = services.transfers.receive(data, _choices(args, arrival))
    for taken in got.people:
        text = (
            _("Added the records to participant {id}.")
            if taken.merged
            else _("Imported as participant {id}.")
        )
        print(text.format(id=taken.participant_id))
        if taken.filled:
            print(
                "  "
                + _("Filled her empty fields: {fields}").format(fields=field_list(taken.filled))
            )
        if taken.conflicts:
            kept = field_list(taken.conflicts)
            print("  " + _("Different in the file, hers kept: {fields}.").format(fields=kept))
    if got.skipped:
        print(
            ngettext("{n} person skipped.", "{n} people skipped.", got.skipped).format(
                n=got.skipped
            )
        )
    return EXIT_OK


def _print_merges(services: Any, data: bytes, choices: list[Any]) -> None:
    """For each merge chosen: the fields it would fill, and those that differ."""
    for n, choice in enumerate(choices):
        if isinstance(choice, int):
            filled, conflicts = services.transfers.merge_preview(data, n, choice)
            print(_("{n}. Merged into participant {id}:").format(n=n + 1, id=choice))
            fields = field_list(filled) or "-"
            print("  " + _("Her empty fields filled: {fields}").format(fields=fields))
            if conflicts:
                kept = field_list(conflicts)
                print("  " + _("Different in the file, hers kept: {fields}.").format(fields=kept))


def field_list(fields: Sequence[str]) -> str:
    from coachdesk.export.transfer.describe import field_list as listed

    return listed(fields)


def _print_arrival(arrival: Any) -> None:
    from coachdesk.export.transfer.describe import (
        basis_text,
        category_list,
        count_lines,
        sender_text,
    )

    print(
        _("From: {name}, {organisation}").format(
            name=arrival.sender_name, organisation=arrival.sender_organisation
        )
    )
    print(_("Sender's fingerprint:"))
    print("  " + " ".join(arrival.sender_fingerprint.upper()[i : i + 4] for i in range(0, 64, 4)))
    print(_("Signature: intact; sender: {state}").format(state=sender_text(arrival.sender_state)))
    for person in arrival.people:
        born = person.person.get("date_of_birth") or "-"
        print(
            _("{n}. Participant: {name} (born {born})").format(
                n=person.index + 1, name=person.name, born=born
            )
        )
        print(
            "  "
            + _("What it holds: {categories}").format(categories=category_list(person.categories))
        )
        for line in count_lines(person.counts):
            print("    " + line)
        print("  " + basis_text(person.basis))
        for m in person.matches:
            print(
                "  "
                + _("Already in your vault? Participant {id}: {name}").format(
                    id=m.participant_id, name=m.name
                )
            )
    if arrival.problem is not None:
        print(_("Cannot be imported: {reason}").format(reason=arrival.problem.render()))
