"""Subcommands ``backup``, ``restore`` and ``recovery-code`` (registered in ``cli.main``).

Each goes through the vault administration service, which writes the audit entry.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from coachdesk.cli.inputs import read_secret_file, require_file
from coachdesk.cli.support import (
    EXIT_OK,
    add_recovery_sheet_option,
    add_secret_options,
    check_outputs,
    hand_over_recovery_code,
    passphrase,
    print_counts,
    unlocked_vault,
)
from coachdesk.i18n import _

# Table names of a backup's record counts -> the keys ``print_counts`` has labels for.
_COUNT_KEYS = {
    "participant": "participants",
    "goal": "goals",
    "milestone": "milestones",
    "module": "modules",
    "enrolment": "enrolments",
    "attendance": "attendance",
    "meeting": "meetings",
    "agreement": "agreements",
    "handover": "handovers",
    "consent": "consents",
    "organisation": "organisations",
    "contact_person": "contacts",
    "aftercare_followup": "aftercare_followups",
    "audit_log": "audit_entries",
}


def add_backup(sub: Any) -> None:
    p = sub.add_parser("backup", help=_("write an encrypted, checked backup of a vault"))
    p.add_argument("path", type=Path, metavar=_("VAULT"), help=_("folder of the vault"))
    p.add_argument(
        "dest", type=Path, metavar=_("DEST"), help=_("backup file, or a folder to put it in")
    )
    add_secret_options(p, recovery=True)
    p.set_defaults(handler=cmd_backup)


def cmd_backup(args: argparse.Namespace) -> int:
    from coachdesk.facade import Services

    check_outputs(args, args.dest, files=False)  # a folder to put it in, made if need be
    with unlocked_vault(args, args.path) as vault:
        info = Services(vault.sessions, vault=vault).vault_admin.back_up(args.dest)
    print(_("Backup written and checked: {path}").format(path=str(info.path)))
    print_counts(_labelled(info.counts))
    return EXIT_OK


def add_restore(sub: Any) -> None:
    p = sub.add_parser(
        "restore", help=_("replace a vault with a backup (the current vault is kept aside)")
    )
    p.add_argument("backup", type=Path, metavar=_("BACKUP"), help=_("the backup file"))
    p.add_argument("path", type=Path, metavar=_("VAULT"), help=_("folder of the vault"))
    add_secret_options(p, recovery=True)
    p.set_defaults(handler=cmd_restore)


def cmd_restore(args: argparse.Namespace) -> int:
    from coachdesk.facade import Services
    from coachdesk.services.vault_admin import restore_vault
    from coachdesk.vault.store import Vault

    require_file(args.backup)  # a mistyped name is not "not a backup"
    code_file = getattr(args, "recovery_code_file", None)
    if code_file is not None:
        code = read_secret_file(code_file)
        result = restore_vault(args.backup, args.path, recovery_code=code)
        vault = Vault.open_with_recovery_code(args.path, code)
    else:
        secret = passphrase(args)
        result = restore_vault(args.backup, args.path, secret)
        vault = Vault.open(args.path, secret)
    try:
        Services(vault.sessions, vault=vault).vault_admin.record_restore()
    finally:
        vault.lock()
    print(_("Restored the backup into {path}.").format(path=str(args.path)))
    if result.previous is not None:
        print(_("The vault it replaced is kept at {path}.").format(path=str(result.previous)))
    print_counts(_labelled(result.info.counts))
    return EXIT_OK


def _labelled(counts: Mapping[str, int]) -> dict[str, int]:
    return {key: counts[table] for table, key in _COUNT_KEYS.items() if table in counts}


def add_recovery_code(sub: Any) -> None:
    p = sub.add_parser(
        "recovery-code",
        help=_("replace the recovery code (the old printed sheet stops working)"),
    )
    p.add_argument("path", type=Path, metavar=_("VAULT"), help=_("folder of the vault"))
    add_recovery_sheet_option(p)
    add_secret_options(p)
    p.set_defaults(handler=cmd_recovery_code)


def cmd_recovery_code(args: argparse.Namespace) -> int:
    from coachdesk.facade import Services

    check_outputs(args, args.recovery_sheet)
    with unlocked_vault(args, args.path) as vault:
        code = Services(vault.sessions, vault=vault).vault_admin.renew_recovery_code()
    print(_("The vault has a new recovery code. The old one no longer opens it."))
    hand_over_recovery_code(args, code)
    return EXIT_OK
