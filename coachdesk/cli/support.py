"""What the command line's subcommands share: exit codes, errors, passphrases, vault facts.

Passphrases never come from an argument (it would stay in the shell history and
the process list): from ``--passphrase-file``, the ``COACHDESK_PASSPHRASE``
environment variable, or a prompt.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachdesk import i18n
from coachdesk.cli.inputs import CliError as CliError
from coachdesk.cli.inputs import (
    environment_text,
    read_secret_file,
    require_file_name,
)
from coachdesk.i18n import N_, Message, _

if TYPE_CHECKING:
    from coachdesk.reports.service import ReportResult
    from coachdesk.vault.store import Vault

PASSPHRASE_ENV = "COACHDESK_PASSPHRASE"

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_VAULT = 2
EXIT_VALIDATION = 3


# -- passphrases -----------------------------------------------------------------------------


def add_secret_options(p: argparse.ArgumentParser, *, recovery: bool = False) -> None:
    """Where the passphrase comes from: a file, the environment, or asked (never an argument)."""
    p.add_argument(
        "--passphrase-file",
        type=Path,
        metavar=_("FILE"),
        help=_("read the passphrase from the first line of FILE (else {env} or a prompt)").format(
            env=PASSPHRASE_ENV
        ),
    )
    p.add_argument(
        "--accept-older-state",
        action="store_true",
        help=_("open the vault even if it is older than the state last seen on this computer"),
    )
    if recovery:
        p.add_argument(
            "--recovery-code-file",
            type=Path,
            metavar=_("FILE"),
            help=_("open the vault with the recovery code written in FILE"),
        )


def _ask(prompt: str) -> str:
    if not sys.stdin.isatty():
        raise CliError(
            Message(
                N_("No passphrase given. Use --passphrase-file or the {env} environment variable."),
                {"env": PASSPHRASE_ENV},
            )
        )
    return getpass.getpass(prompt)


def passphrase(args: argparse.Namespace, *, new: bool = False) -> str:
    """The passphrase for this command; a new one is asked twice when typed."""
    if getattr(args, "passphrase_file", None) is not None:
        return read_secret_file(args.passphrase_file)
    from_env = environment_text(PASSPHRASE_ENV)
    if from_env:
        return from_env
    first = _ask(_("New passphrase: ") if new else _("Passphrase: "))
    if new and _ask(_("Repeat the passphrase: ")) != first:
        raise CliError(Message(N_("The two passphrases are not the same. Nothing was created.")))
    return first


def open_vault(args: argparse.Namespace, path: Path, *, migrate: bool = True) -> Vault:
    """Open the vault at ``path`` with the recovery code file or the passphrase."""
    from coachdesk.vault.errors import NotAVaultError, VaultError
    from coachdesk.vault.store import Vault

    if not path.is_dir():  # a mistyped name: say so, with the vault's exit code as before
        raise NotAVaultError(Message(N_("There is no such folder: {path}"), {"path": str(path)}))
    code_file = getattr(args, "recovery_code_file", None)
    if code_file is not None:
        vault = Vault.open_with_recovery_code(path, read_secret_file(code_file), migrate=migrate)
    else:
        vault = Vault.open(path, passphrase(args), migrate=migrate)
    if vault.older_state is not None:
        if not getattr(args, "accept_older_state", False):
            vault.lock()
            raise VaultError(Message(OLDER_STATE))  # the vault's exit code, like any open
        vault.accept_older_state()
    for notice in vault.notices:  # a key slot repaired or found damaged
        print(notice.render(), file=sys.stderr)
    return vault


OLDER_STATE = N_(
    "This vault is older than the one you last used on this computer: what was entered since "
    "then is not in it (an older copy of the folder was put back). Nothing was changed. To "
    "work with it knowingly, repeat the command with --accept-older-state."
)


@contextlib.contextmanager
def unlocked_vault(
    args: argparse.Namespace, path: Path, *, migrate: bool = True
) -> Iterator[Vault]:
    """The vault opened (see :func:`open_vault`) for one command, locked again whatever happens."""
    vault = open_vault(args, path, migrate=migrate)
    try:
        yield vault
    finally:
        vault.lock()


def tolerant_output() -> None:
    """A file name that is not UTF-8 (bytes the shell passed on) is printed as it came,
    instead of failing after its file was written; elsewhere, escaped."""
    for stream in (sys.stdout, sys.stderr):
        utf8 = "utf" in (getattr(stream, "encoding", None) or "").lower()
        with contextlib.suppress(AttributeError, ValueError):  # a StringIO, a closed stream
            stream.reconfigure(errors="surrogateescape" if utf8 else "backslashreplace")  # type: ignore[union-attr]


def print_recovery_code(code: str) -> None:
    print()
    print(_("Recovery code (shown only this once):"))
    print()
    print("    " + code)
    print()
    print(
        _(
            "Write it down or print it now and keep the paper in a safe place. "
            "It opens the vault if the passphrase is forgotten; nobody can recover it for you."
        )
    )


COUNT_LABELS = {
    "participants": N_("Participants"),
    "goals": N_("Goals"),
    "milestones": N_("Milestones"),
    "modules": N_("Modules"),
    "enrolments": N_("Enrolments"),
    "attendance": N_("Attendance entries"),
    "meetings": N_("Meetings"),
    "agreements": N_("Agreements"),
    "handovers": N_("Handovers"),
    "consents": N_("Consents"),
    "organisations": N_("Organisations"),
    "contacts": N_("Contact persons"),
    "aftercare_followups": N_("Aftercare follow-ups"),
    "audit_entries": N_("Audit entries"),
    "attachments": N_("Papers (attachments)"),
    "attachment_bytes": N_("Bytes in attached files"),
}


def vault_info(vault: Vault) -> dict[str, Any]:
    """Schema revision, integrity check and record counts of an open vault; no personal data."""
    from sqlalchemy import func, select
    from sqlalchemy.exc import DatabaseError

    from coachdesk import models as m
    from coachdesk.vault.store import head_revision

    counted: dict[str, type[m.Base]] = {
        "participants": m.Participant,
        "goals": m.Goal,
        "milestones": m.Milestone,
        "modules": m.Module,
        "enrolments": m.Enrolment,
        "attendance": m.Attendance,
        "meetings": m.Meeting,
        "agreements": m.Agreement,
        "handovers": m.Handover,
        "consents": m.Consent,
        "organisations": m.Organisation,
        "contacts": m.ContactPerson,
        "aftercare_followups": m.AftercareFollowUp,
        "audit_entries": m.AuditEntry,
        "attachments": m.Attachment,
    }
    report = vault.integrity_check()
    counts: dict[str, int] = {}
    with vault.sessions() as s:
        for key, model in counted.items():
            try:
                counts[key] = int(s.scalar(select(func.count()).select_from(model)) or 0)
            except DatabaseError:  # an older schema without this table, or a damaged page
                s.rollback()
        try:
            stored = s.scalar(select(func.coalesce(func.sum(m.AttachmentContent.size), 0)))
            counts["attachment_bytes"] = int(stored or 0)
        except DatabaseError:
            s.rollback()
    return {
        "schema_revision": vault.schema_revision(),
        "schema_head": head_revision(),
        "integrity": {
            "ok": report.ok,
            "problems": list(report.problems),
        },
        "counts": counts,
    }


def print_counts(counts: dict[str, int]) -> None:
    for key, count in counts.items():
        print(f"  {_(COUNT_LABELS.get(key, key))}: {i18n.format_number(count)}")


def add_recovery_sheet_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--recovery-sheet",
        type=Path,
        metavar=_("FILE.pdf"),
        help=_("also save the recovery sheet to print (outside the vault folder)"),
    )


def check_outputs(args: argparse.Namespace, *paths: Path | None, files: bool = True) -> None:
    """Before anything is done: the files this command will write lie outside every vault
    folder (the one it opens or makes included) and none is named twice; see
    :mod:`coachdesk.vault.output_paths`, which the window's saves use as well.

    With ``files``, each names a file in a folder that exists: a new recovery code whose
    sheet then cannot be saved, or a vault made without it, is a worse failure than none.
    """
    from coachdesk.vault.output_paths import check_output_paths

    check_output_paths(paths, vault=Path(args.path))
    for path in paths:
        if files and path is not None:
            require_file_name(path)


def check_new_vault(args: argparse.Namespace) -> None:
    """``init`` and ``demo``: the new vault's folder is not made inside another vault's (a
    restore of that one would carry it away), nor its recovery sheet into either."""
    from coachdesk.vault.output_paths import check_output_paths

    check_output_paths([Path(args.path).absolute().parent])
    check_outputs(args, getattr(args, "recovery_sheet", None))


def hand_over_recovery_code(args: argparse.Namespace, code: str) -> None:
    """Show the new code, and save the printable sheet when ``--recovery-sheet`` asks for it
    (in the language of the messages)."""
    import datetime as dt

    from coachdesk.documents.recovery_sheet import render_recovery_sheet
    from coachdesk.vault.saving import save_atomically

    print_recovery_code(code)
    sheet: Path | None = args.recovery_sheet
    if sheet is None:
        return
    data = render_recovery_sheet(
        code,
        vault_name=Path(args.path).name,
        created_on=dt.date.today(),
        lang=i18n.current_language(),
    )
    save_atomically(sheet, data)
    print(
        _("Saved the recovery sheet as {file}. Print it, then delete the file.").format(
            file=str(sheet)
        )
    )


def print_written(result: ReportResult) -> int:
    """Where the signed report (and its CSV) went, with their SHA-256."""
    assert result.pdf_path is not None
    print(_("Wrote {path}").format(path=str(result.pdf_path)))
    print("SHA-256: " + result.sha256)
    if result.csv_path is not None:
        print(_("Wrote {path}").format(path=str(result.csv_path)))
        print("SHA-256: " + result.csv_sha256)
    return EXIT_OK
