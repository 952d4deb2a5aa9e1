"""Subcommands ``report team-export`` (a coach) and ``report team`` (her project lead).

The coach writes her signed figures for a period; the lead imports the files of her team
into her own vault (all or none; a file twice, altered, of another period or a second one
from the same coach is refused) and writes the team's quarterly evaluation from every file
imported for that period, small counts hidden after adding them up. Files imported once
need not be given again: ``report team VAULT --from --to --out`` reports from them.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from coachdesk.cli.export import ensure_signing_identity
from coachdesk.cli.inputs import report_date, require_file
from coachdesk.cli.programmes import add_programme_option, programme_id_of
from coachdesk.cli.support import (
    EXIT_OK,
    add_secret_options,
    check_outputs,
    print_written,
    unlocked_vault,
)
from coachdesk.i18n import SUPPORTED_LANGUAGES, _, ngettext


def add_team(kinds: Any) -> None:
    e = kinds.add_parser(
        "team-export", help=_("your signed figures of a period, for your project lead")
    )
    e.add_argument("path", type=Path, metavar=_("VAULT"), help=_("folder of the vault"))
    _period(e)
    e.add_argument("--out", type=Path, required=True, metavar=_("FILE.cdteam"))
    add_programme_option(e)
    add_secret_options(e)
    e.set_defaults(handler=cmd_team_export)
    t = kinds.add_parser(
        "team", help=_("import your coaches' figures files and write the team's evaluation")
    )
    t.add_argument("path", type=Path, metavar=_("VAULT"), help=_("folder of the vault"))
    t.add_argument("files", type=Path, nargs="*", metavar=_("FILE.cdteam"))
    _period(t)
    t.add_argument("--out", type=Path, metavar=_("FILE.pdf"), help=_("write the signed report"))
    t.add_argument("--csv", type=Path, metavar=_("FILE.csv"), help=_("the same figures as CSV"))
    t.add_argument("--lang", dest="doc_lang", choices=SUPPORTED_LANGUAGES, default="de")
    add_secret_options(t)
    t.set_defaults(handler=cmd_team_report)


def _period(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="start", type=report_date, required=True, metavar=_("DATE"))
    p.add_argument("--to", dest="end", type=report_date, required=True, metavar=_("DATE"))


def cmd_team_export(args: argparse.Namespace) -> int:
    from coachdesk.export.service import ExportService
    from coachdesk.facade import Services
    from coachdesk.reports.quarterly import check_period
    from coachdesk.reports.team_service import TeamService

    check_period(args.start, args.end)
    check_outputs(args, args.out)
    with unlocked_vault(args, args.path) as vault:
        services = Services(vault.sessions)
        programme_id = programme_id_of(services, args.programme)
        ensure_signing_identity(ExportService(services.ctx))
        result = TeamService(services.ctx).export_team_file(
            args.out, start=args.start, end=args.end, programme_id=programme_id
        )
    print(_("Wrote {path}").format(path=str(result.path)))
    print("SHA-256: " + result.sha256)
    return EXIT_OK


def cmd_team_report(args: argparse.Namespace) -> int:
    from coachdesk.export.service import ExportService
    from coachdesk.facade import Services
    from coachdesk.reports.quarterly import check_period
    from coachdesk.reports.team_service import TeamService

    check_period(args.start, args.end)
    check_outputs(args, args.out, args.csv)
    for path in args.files:
        require_file(path)
    files = [(path.name, path.read_bytes()) for path in args.files]
    with unlocked_vault(args, args.path) as vault:
        services = Services(vault.sessions)
        team = TeamService(services.ctx)
        if files:
            team.import_team_files(files, args.start, args.end)
            done = ngettext("Imported {count} file.", "Imported {count} files.", len(files))
            print(done.format(count=len(files)))
        for s in team.team_sources(args.start, args.end):
            state = _("signature valid") if s.signature_valid else _("SIGNATURE INVALID")
            print(f"{s.coach_name}\t{s.coach_fingerprint}\t{s.exported_at:%Y-%m-%d}\t{state}")
        if args.out is None:
            return EXIT_OK
        ensure_signing_identity(ExportService(services.ctx))
        result = team.export_team_report_to(
            args.out, args.csv, start=args.start, end=args.end, lang=args.doc_lang
        )
    return print_written(result)
