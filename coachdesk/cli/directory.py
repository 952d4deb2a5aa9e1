"""``coachdesk directory VAULT [--json]``: organisations and their contacts, with ids.

So that a script finds a recipient's id (``export --recipient``, ``colleagues import
--organisation/--contact``). Names and roles only: no notes, no participant data.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from coachdesk.cli.support import EXIT_OK, add_secret_options, unlocked_vault
from coachdesk.i18n import _


def add_directory(sub: Any) -> None:
    p = sub.add_parser("directory", help=_("organisations and contacts, with their ids"))
    p.add_argument("path", type=Path, metavar=_("VAULT"), help=_("folder of the vault"))
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    add_secret_options(p)
    p.set_defaults(handler=cmd_directory)


def cmd_directory(args: argparse.Namespace) -> int:
    from coachdesk.facade import Services
    from coachdesk.labels import label

    with unlocked_vault(args, args.path) as vault:
        services = Services(vault.sessions)
        organisations = services.directory.list_organisations()
        contacts = services.directory.list_contacts()
    rows: list[dict[str, Any]] = [
        {
            "id": o.id,
            "name": o.name,
            "kind": str(o.kind),
            "email": o.email,
            "phone": o.phone,
            "contacts": [
                {
                    "id": c.id,
                    "name": c.name,
                    "role": c.role_title,
                    "email": c.email,
                    "phone": c.phone,
                }
                for c in contacts
                if c.organisation_id == o.id
            ],
        }
        for o in organisations
    ]
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return EXIT_OK
    for o, org in zip(rows, organisations, strict=True):
        print(f"{o['id']}  {o['name']} ({label(org.kind)})")
        for c in o["contacts"]:
            role = f", {c['role']}" if c["role"] else ""
            print(f"    {_('contact')} {c['id']}  {c['name']}{role}")
    return EXIT_OK
