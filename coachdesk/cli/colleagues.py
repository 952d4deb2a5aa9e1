"""Subcommand ``colleagues import|list|verify|remove``: colleagues' certificates for
transfers (docs/transfer-format.md, "Trust")."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from coachdesk.cli.inputs import CliError, record_id, require_file, text_of_at_most
from coachdesk.cli.support import EXIT_OK, add_secret_options, unlocked_vault
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
