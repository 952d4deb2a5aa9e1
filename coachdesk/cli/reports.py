"""Subcommand ``report quarterly`` (registered in ``coachdesk.cli.main``).

Heavy imports (ReportLab, pyHanko) happen inside the handler so that start-up stays fast.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coachdesk.cli.export import ensure_signing_identity
from coachdesk.cli.inputs import report_date
from coachdesk.cli.support import EXIT_OK, add_secret_options, check_outputs, unlocked_vault
from coachdesk.cli.team import add_team
from coachdesk.i18n import SUPPORTED_LANGUAGES, _


def add_report(sub: Any) -> None:
    p = sub.add_parser("report", help=_("write a signed report for the partners"))
    kinds = p.add_subparsers(dest="report", metavar=_("REPORT"), required=True)
    q = kinds.add_parser(
        "quarterly", help=_("anonymous evaluation figures for a period (PDF, optionally CSV)")
    )
    q.add_argument("path", type=Path, metavar=_("VAULT"), help=_("folder of the vault"))
    q.add_argument("--from", dest="start", type=report_date, required=True, metavar=_("DATE"))
    q.add_argument("--to", dest="end", type=report_date, required=True, metavar=_("DATE"))
    q.add_argument("--out", type=Path, required=True, metavar=_("FILE.pdf"))
    q.add_argument("--csv", type=Path, metavar=_("FILE.csv"), help=_("the same figures as CSV"))
    q.add_argument("--lang", dest="doc_lang", choices=SUPPORTED_LANGUAGES, default="de")
    add_secret_options(q)
    q.set_defaults(handler=cmd_report_quarterly)
    add_team(kinds)


def cmd_report_quarterly(args: argparse.Namespace) -> int:
    from coachdesk.export.service import ExportService
    from coachdesk.facade import Services
    from coachdesk.reports.quarterly import check_period
    from coachdesk.reports.service import ReportService

    check_period(args.start, args.end)  # before the vault is opened: a typo costs no unlock
    check_outputs(args, args.out, args.csv)
    with unlocked_vault(args, args.path) as vault:
        services = Services(vault.sessions)
        ensure_signing_identity(ExportService(services.ctx))
        # Saved inside the transaction that records it: no record without the files.
        result = ReportService(services.ctx).export_quarterly_to(
            args.out, args.csv, start=args.start, end=args.end, lang=args.doc_lang
        )
    print(_("Wrote {path}").format(path=str(args.out)))
    print("SHA-256: " + result.sha256)
    if result.csv_path is not None:
        print(_("Wrote {path}").format(path=str(result.csv_path)))
        print("SHA-256: " + result.csv_sha256)
    return EXIT_OK
