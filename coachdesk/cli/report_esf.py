"""Subcommand ``report esf``: the ESF Plus indicators of a period, signed PDF and CSV.

Registered by ``coachdesk.cli.reports.add_report``; heavy imports happen in the handler.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coachdesk.cli.inputs import CliError, report_date
from coachdesk.cli.support import add_secret_options, check_outputs, print_written, unlocked_vault
from coachdesk.i18n import N_, SUPPORTED_LANGUAGES, Message, _


def add_esf(kinds: Any) -> None:
    e = kinds.add_parser(
        "esf",
        help=_("ESF Plus common indicators of a period by gender (signed PDF, optionally CSV)"),
    )
    e.add_argument("path", type=Path, metavar=_("VAULT"), help=_("folder of the vault"))
    e.add_argument("--from", dest="start", type=report_date, required=True, metavar=_("DATE"))
    e.add_argument("--to", dest="end", type=report_date, required=True, metavar=_("DATE"))
    e.add_argument(
        "--programme", metavar=_("NAME"), help=_("only this programme (default: every programme)")
    )
    e.add_argument("--out", type=Path, required=True, metavar=_("FILE.pdf"))
    e.add_argument("--csv", type=Path, metavar=_("FILE.csv"), help=_("the same figures as CSV"))
    e.add_argument("--lang", dest="doc_lang", choices=SUPPORTED_LANGUAGES, default="de")
    add_secret_options(e)
    e.set_defaults(handler=cmd_report_esf)


def programme_id(names: dict[str, int], wanted: str) -> int:
    """The programme of that name (case does not matter), or a message listing the names."""
    found = {name.casefold(): pid for name, pid in names.items()}.get(wanted.strip().casefold())
    if found is not None:
        return found
    if not names:
        raise CliError(Message(N_("This vault has no programmes yet: leave out --programme.")))
    raise CliError(
        Message(
            N_("There is no programme called “{name}”. The programmes in this vault: {names}."),
            {"name": wanted, "names": ", ".join(f"“{n}”" for n in sorted(names))},
        )
    )


def cmd_report_esf(args: argparse.Namespace) -> int:
    from coachdesk.cli.export import ensure_signing_identity
    from coachdesk.export.service import ExportService
    from coachdesk.facade import Services
    from coachdesk.reports.esf_service import EsfReportService
    from coachdesk.reports.quarterly import check_period
    from coachdesk.services.programmes import ProgrammeService

    check_period(args.start, args.end)  # before the vault is opened: a typo costs no unlock
    check_outputs(args, args.out, args.csv)
    with unlocked_vault(args, args.path) as vault:
        services = Services(vault.sessions)
        chosen = None
        if args.programme is not None:
            known = ProgrammeService(services.ctx).list(include_archived=True)
            chosen = programme_id({p.name: p.id for p in known}, args.programme)
        ensure_signing_identity(ExportService(services.ctx))
        # Saved inside the transaction that records it: no record without the files.
        result = EsfReportService(services.ctx).export_esf_to(
            args.out,
            args.csv,
            start=args.start,
            end=args.end,
            programme_id=chosen,
            lang=args.doc_lang,
        )
    return print_written(result)
