"""Subcommand ``report quarterly`` (registered in ``coachdesk.cli.main``).

Heavy imports (ReportLab, pyHanko) happen inside the handler so that start-up stays fast.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coachdesk.cli.export import ensure_signing_identity
from coachdesk.cli.export_batch import participant_list
from coachdesk.cli.inputs import (
    PURPOSE_LIMIT,
    record_id,
    report_date,
    report_month,
    text_of_at_most,
)
from coachdesk.cli.programmes import add_programme_option, programme_id_of
from coachdesk.cli.report_esf import add_esf
from coachdesk.cli.support import (
    add_secret_options,
    check_outputs,
    print_written,
    unlocked_vault,
)
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
    add_programme_option(q)
    add_secret_options(q)
    q.set_defaults(handler=cmd_report_quarterly)
    add_absences(kinds)
    add_esf(kinds)
    add_team(kinds)


def add_absences(kinds: Any) -> None:
    """``report absences``: the month's absence sheets, one signed PDF per participant; the
    same documents as ``export --document absence_sheet`` (one, or a batch into a folder)."""
    a = kinds.add_parser(
        "absences",
        help=_("monthly absence sheets from the session register, one signed PDF each"),
    )
    a.add_argument("path", type=Path, metavar=_("VAULT"), help=_("folder of the vault"))
    a.add_argument("--month", type=report_month, required=True, metavar=_("YYYY-MM"))
    a.add_argument(
        "--recipient", type=record_id, required=True, metavar="ORG_ID", help=_("the job centre")
    )
    a.add_argument("--contact", type=record_id, metavar="ID", help=_("receiving contact person"))
    who = a.add_mutually_exclusive_group()
    who.add_argument("--participant", type=record_id, metavar="ID")
    who.add_argument(
        "--participants",
        type=participant_list,
        metavar="ID,ID,...",
        help=_("these participants (default: every active participant of the recipient)"),
    )
    a.add_argument("--out", type=Path, metavar=_("FILE.pdf"), help=_("one participant's sheet"))
    a.add_argument("--out-dir", type=Path, metavar=_("FOLDER"), help=_("folder for the sheets"))
    a.add_argument("--purpose", type=text_of_at_most(PURPOSE_LIMIT), default="", metavar=_("TEXT"))
    a.add_argument("--lang", dest="doc_lang", choices=SUPPORTED_LANGUAGES, default="de")
    add_programme_option(a)
    add_secret_options(a)
    a.set_defaults(
        handler=cmd_report_absences,
        document="absence_sheet",
        all_active_for=None,
        enclose=[],
        meeting=None,
        language=None,
        acknowledged=None,
        ack_by=None,
        ack_language=None,
        agrees=False,
        objects=None,
    )


def cmd_report_absences(args: argparse.Namespace) -> int:
    from coachdesk.cli.export import cmd_export

    if args.participant is None and args.participants is None:
        args.all_active_for = args.recipient  # every woman the job centre sent
    return cmd_export(args)


def cmd_report_quarterly(args: argparse.Namespace) -> int:
    from coachdesk.export.service import ExportService
    from coachdesk.facade import Services
    from coachdesk.reports.quarterly import check_period
    from coachdesk.reports.service import ReportService

    check_period(args.start, args.end)  # before the vault is opened: a typo costs no unlock
    check_outputs(args, args.out, args.csv)
    with unlocked_vault(args, args.path) as vault:
        services = Services(vault.sessions)
        programme_id = programme_id_of(services, args.programme)
        ensure_signing_identity(ExportService(services.ctx))
        # Saved inside the transaction that records it: no record without the files.
        result = ReportService(services.ctx).export_quarterly_to(
            args.out,
            args.csv,
            start=args.start,
            end=args.end,
            lang=args.doc_lang,
            programme_id=programme_id,
        )
    return print_written(result)
