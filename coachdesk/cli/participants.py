"""``coachdesk participants VAULT [--search TEXT] [--json]``: who is in the vault.

``--search`` finds her as the window's search does: by any word of her file, her name
in any script or spelling, with or without diacritics. The JSON carries each name's
Latin spelling (empty for a name in Latin letters).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from coachdesk.cli.programmes import programme_id_of
from coachdesk.cli.support import EXIT_OK, add_secret_options, unlocked_vault
from coachdesk.i18n import _

SubParsers = Any  # argparse's _SubParsersAction, which is private


def add_participants(sub: SubParsers) -> None:
    p = sub.add_parser("participants", help=_("list participants' ids, names and status"))
    p.add_argument("path", type=Path, metavar=_("VAULT"), help=_("folder of the vault"))
    p.add_argument(
        "--search",
        metavar=_("TEXT"),
        default="",
        help=_("only participants found by this text (names in any script, any word of the file)"),
    )
    p.add_argument(
        "--programme",
        default="",
        metavar=_("NAME"),
        help=_("only the participants of this programme"),
    )
    p.add_argument("--json", action="store_true", help=_("print the list as JSON"))
    add_secret_options(p, recovery=True)
    p.set_defaults(handler=cmd_participants)


def cmd_participants(args: argparse.Namespace) -> int:
    from coachdesk.facade import Services
    from coachdesk.labels import label

    with unlocked_vault(args, args.path) as vault:
        services = Services(vault.sessions)
        programme_id = programme_id_of(services, args.programme)
        rows = services.participants.list(
            query=args.search, programme_id=programme_id, include_archived=True
        )
    if args.json:
        data = [
            {
                "id": r.id,
                "display_name": r.display_name,
                "first_name": r.first_name,
                "last_name": r.last_name,
                "first_name_latin": r.first_name_latin,
                "last_name_latin": r.last_name_latin,
                "status": str(r.status),
                "programme": r.programme,
                "archived": r.archived,
            }
            for r in rows
        ]
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    width = max([len(str(r.id)) for r in rows] + [2])
    for r in rows:
        archived = " " + _("(archived)") if r.archived else ""
        latin = f" {r.first_name_latin or r.first_name} {r.last_name_latin or r.last_name}"
        spelled = f" ({latin.strip()})" if r.first_name_latin or r.last_name_latin else ""
        print(f"{r.id:>{width}}  {r.display_name}{spelled}  [{label(r.status)}]{archived}")
    return EXIT_OK
