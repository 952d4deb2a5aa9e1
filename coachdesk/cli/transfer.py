"""Subcommands ``colleagues`` and ``transfer``: hand a participant over to a colleague.

``colleagues import|list|verify|remove`` keeps the colleagues' certificates;
``transfer send`` writes a package for one of them (docs/transfer-format.md) and
``transfer open`` shows one received, importing it only with ``--commit``.
"""

from __future__ import annotations

import argparse
import json
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
from coachdesk.i18n import N_, Message, _, format_datetime


def _vault(p: argparse.ArgumentParser) -> None:
    p.add_argument("path", type=Path, metavar=_("VAULT"), help=_("folder of the vault"))


def add_colleagues(sub: Any) -> None:
    p = sub.add_parser("colleagues", help=_("colleagues' certificates for transfers"))
    actions = p.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    imp = actions.add_parser("import", help=_("import a colleague's certificate (PEM or DER)"))
    _vault(imp)
    imp.add_argument("file", type=Path, metavar=_("FILE"))
    imp.add_argument("--organisation", type=record_id, metavar="ID", help=_("her organisation"))
    imp.add_argument("--contact", type=record_id, metavar="ID", help=_("her entry as a contact"))
    lst = actions.add_parser("list", help=_("list colleagues and their fingerprints"))
    _vault(lst)
    lst.add_argument("--all", action="store_true", help=_("also removed certificates"))
    lst.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    ver = actions.add_parser("verify", help=_("mark a fingerprint as compared with her"))
    _vault(ver)
    ver.add_argument("fingerprint", metavar=_("FINGERPRINT"))
    ver.add_argument("--how", type=text_of_at_most(200), default="", metavar=_("TEXT"))
    rem = actions.add_parser("remove", help=_("never use a colleague's certificate again"))
    _vault(rem)
    rem.add_argument("fingerprint", metavar=_("FINGERPRINT"))
    for q in (imp, lst, ver, rem):
        add_secret_options(q)
        q.set_defaults(handler=cmd_colleagues)


def _colleague_id(services: Any, fingerprint: str) -> int:
    from coachdesk.services.colleagues import normalise_fingerprint

    wanted = normalise_fingerprint(fingerprint)
    for c in services.colleagues.colleagues(with_removed=True):
        if c.fingerprint == wanted:
            return int(c.id)
    raise CliError(Message(N_("No colleague with this fingerprint. Import her certificate first.")))


def cmd_colleagues(args: argparse.Namespace) -> int:
    from coachdesk.facade import Services

    if args.action == "import":
        require_file(args.file)
    with unlocked_vault(args, args.path) as vault:
        services = Services(vault.sessions)
        if args.action == "import":
            info = services.colleagues.import_certificate(
                args.file.read_bytes(), organisation_id=args.organisation, contact_id=args.contact
            )
            print(_("Imported the certificate of {name}.").format(name=info.name))
            print(_("Compare this fingerprint with her before you verify it:"))
            print("  " + info.grouped_fingerprint)
        elif args.action == "list":
            _print_colleagues(services.colleagues.colleagues(with_removed=args.all), args.json)
        elif args.action == "verify":
            info = services.colleagues.verify(_colleague_id(services, args.fingerprint), args.how)
            print(_("Verified the certificate of {name}.").format(name=info.name))
        else:
            services.colleagues.remove(_colleague_id(services, args.fingerprint))
            print(_("Removed the certificate; it is not used any more."))
    return EXIT_OK


def _print_colleagues(found: list[Any], as_json: bool) -> None:
    if as_json:
        rows = [
            {
                "id": c.id,
                "name": c.name,
                "fingerprint": c.fingerprint,
                "organisation": c.organisation,
                "valid_until": c.valid_until.isoformat(),
                "verified_at": c.verified_at.isoformat() if c.verified_at else None,
                "verified_by": c.verified_by,
                "removed_at": c.removed_at.isoformat() if c.removed_at else None,
            }
            for c in found
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for c in found:
        state = (
            _("removed")
            if c.removed_at
            else _("verified on {date} by {name}").format(
                date=format_datetime(c.verified_at), name=c.verified_by
            )
            if c.verified_at
            else _("not verified")
        )
        print(f"{c.name} ({c.organisation or '-'}): {state}")
        print("  " + c.grouped_fingerprint)


def add_transfer(sub: Any) -> None:
    p = sub.add_parser("transfer", help=_("hand a participant over to a colleague"))
    actions = p.add_subparsers(dest="action", metavar=_("ACTION"), required=True)
    send = actions.add_parser("send", help=_("write a transfer file for a colleague"))
    _vault(send)
    send.add_argument("--participant", type=record_id, required=True, metavar="ID")
    send.add_argument("--to", required=True, metavar=_("FINGERPRINT"), help=_("her certificate"))
    send.add_argument("--out", type=Path, metavar=_("FILE"), help=_("the transfer file to write"))
    send.add_argument(
        "--legal-basis",
        choices=["sgb_x_67b", "other"],
        help=_("a legal basis instead of her consent (with --basis-note)"),
    )
    send.add_argument("--basis-note", default="", type=text_of_at_most(2000), metavar=_("TEXT"))
    send.add_argument("--archive", action="store_true", help=_("archive her file once sent"))
    send.set_defaults(handler=cmd_transfer_send)
    opened = actions.add_parser("open", help=_("show a transfer file; import it with --commit"))
    _vault(opened)
    opened.add_argument("file", type=Path, metavar=_("FILE"))
    opened.add_argument("--commit", action="store_true", help=_("import it (else: only show)"))
    target = opened.add_mutually_exclusive_group()
    target.add_argument("--merge-into", type=record_id, metavar="ID", help=_("her file here"))
    target.add_argument("--as-new", action="store_true", help=_("import as a new participant"))
    opened.set_defaults(handler=cmd_transfer_open)
    for q in (send, opened):
        add_secret_options(q)


def cmd_transfer_send(args: argparse.Namespace) -> int:
    from coachdesk.export.transfer.describe import category_list, count_lines
    from coachdesk.export.transfer.plan import TransferRequest
    from coachdesk.facade import Services
    from coachdesk.models.enums import LegalBasis

    if args.out is not None:
        check_outputs(args, args.out)
    request = TransferRequest(
        participant_id=args.participant,
        colleague_fingerprint=args.to,
        legal_basis=LegalBasis(args.legal_basis) if args.legal_basis else None,
        basis_note=args.basis_note,
    )
    with unlocked_vault(args, args.path) as vault:
        services = Services(vault.sessions, vault=vault)
        plan = services.transfers.plan(request)
        print(_("For: {name}").format(name=plan.colleague_name))
        print(_("What goes: {categories}").format(categories=category_list(plan.categories)))
        for line in count_lines(plan.counts):
            print("  " + line)
        print(_("Internal notes never go."))
        if args.out is None:
            print(_("Preview only: nothing was written (give --out FILE)."))
            return EXIT_OK
        sent = services.transfers.send(request, args.out)
        if args.archive:
            services.participants.archive(args.participant)
    print(_("Wrote the transfer file {path}.").format(path=str(sent.path)))
    print("SHA-256: " + sent.sha256)
    return EXIT_OK


def cmd_transfer_open(args: argparse.Namespace) -> int:
    from coachdesk.facade import Services

    require_file(args.file)
    data = args.file.read_bytes()
    with unlocked_vault(args, args.path) as vault:
        services = Services(vault.sessions, vault=vault)
        arrival = services.transfers.open(data)
        _print_arrival(arrival)
        if arrival.problem is not None:
            if not args.commit:
                return EXIT_VALIDATION  # shown above; a script sees it cannot be imported
            raise CliError(arrival.problem)
        if not args.commit:
            return EXIT_OK
        if arrival.matches and args.merge_into is None and not args.as_new:
            ids = ", ".join(str(m.participant_id) for m in arrival.matches)
            raise CliError(
                Message(
                    N_(
                        "She may already be in your vault (participant {ids}). Choose "
                        "--merge-into ID or --as-new."
                    ),
                    {"ids": ids},
                )
            )
        got = services.transfers.receive(data, into=args.merge_into)
    text = (
        _("Added the records to participant {id}.")
        if got.merged
        else _("Imported as participant {id}.")
    )
    print(text.format(id=got.participant_id))
    return EXIT_OK


def _print_arrival(arrival: Any) -> None:
    from coachdesk.export.transfer.describe import (
        basis_text,
        category_list,
        count_lines,
        sender_text,
    )

    born = arrival.person.get("date_of_birth") or "-"
    print(_("Participant: {name} (born {born})").format(name=arrival.person_name, born=born))
    print(
        _("From: {name}, {organisation}").format(
            name=arrival.sender_name, organisation=arrival.sender_organisation
        )
    )
    print(_("Sender's fingerprint:"))
    print("  " + " ".join(arrival.sender_fingerprint.upper()[i : i + 4] for i in range(0, 64, 4)))
    print(_("Signature: intact; sender: {state}").format(state=sender_text(arrival.sender_state)))
    print(_("What it holds: {categories}").format(categories=category_list(arrival.categories)))
    for line in count_lines(arrival.counts):
        print("  " + line)
    print(basis_text(arrival.basis))
    for m in arrival.matches:
        print(
            _("Already in your vault? Participant {id}: {name}").format(
                id=m.participant_id, name=m.name
            )
        )
    if arrival.problem is not None:
        print(_("Cannot be imported: {reason}").format(reason=arrival.problem.render()))
