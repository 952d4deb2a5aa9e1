"""The ``coachdesk`` command: the GUI without a subcommand, vault tools with one.

Adding a subcommand takes two pieces, here or in the module it concerns
(``coachdesk/cli/export.py`` registers export, verify and certificate):

1. a registrar ``def add_NAME(sub: SubParsers) -> None`` that calls
   ``sub.add_parser(...)``, adds its arguments and ``set_defaults(handler=cmd_NAME)``,
   listed in ``COMMANDS`` below;
2. a handler ``def cmd_NAME(args: argparse.Namespace) -> int`` returning the exit code,
   importing heavy modules (ReportLab, pyHanko, Qt) inside, so that start-up stays fast.

Shared pieces (passphrase options and sources, opening a vault, exit codes,
``CliError``) live in ``coachdesk.cli.support``. Handlers raise the project's
errors (VaultError, ValidationError, CliError, ...); ``main`` prints them as one
line in the user's language, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from coachdesk import __version__, i18n
from coachdesk.cli import attachments
from coachdesk.cli.colleagues import add_colleagues
from coachdesk.cli.directory import add_directory
from coachdesk.cli.export import add_certificate, add_export, add_verify
from coachdesk.cli.export_access import add_export_access, routed
from coachdesk.cli.imports import add_import
from coachdesk.cli.participants import add_participants
from coachdesk.cli.reports import add_report
from coachdesk.cli.selftest import add_self_test
from coachdesk.cli.support import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_VALIDATION,
    EXIT_VAULT,
    CliError,
    add_recovery_sheet_option,
    add_secret_options,
    check_new_vault,
    hand_over_recovery_code,
    passphrase,
    print_counts,
    print_recovery_code,
    tolerant_output,
    unlocked_vault,
    vault_info,
)
from coachdesk.cli.transfer import add_transfer
from coachdesk.cli.transfer import routed as transfer_routed
from coachdesk.cli.vault import add_backup, add_recovery_code, add_restore
from coachdesk.i18n import N_, Message, _

SubParsers = Any  # argparse's _SubParsersAction, which is private
Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors become one line on stderr, like every other error."""

    def error(self, message: str) -> NoReturn:
        raise CliError(
            Message(N_("{problem} (see: coachdesk --help)"), {"problem": message}),
        )


# -- commands --------------------------------------------------------------------------------


def _add_init(sub: SubParsers) -> None:
    p = sub.add_parser("init", help=_("create a new, empty vault"))
    p.add_argument("path", type=Path, metavar=_("PATH"), help=_("folder of the new vault"))
    add_recovery_sheet_option(p)
    add_secret_options(p)
    p.set_defaults(handler=cmd_init)


def cmd_init(args: argparse.Namespace) -> int:
    from coachdesk.vault.store import Vault

    check_new_vault(args)
    vault, code = Vault.create(args.path, passphrase(args, new=True))
    vault.lock()
    print(_("Created the vault {path}.").format(path=str(args.path)))
    hand_over_recovery_code(args, code)
    return EXIT_OK


def _add_demo(sub: SubParsers) -> None:
    p = sub.add_parser("demo", help=_("create a vault filled with fictional demo data"))
    p.add_argument("path", type=Path, metavar=_("PATH"), help=_("folder of the new vault"))
    p.add_argument("--participants", type=int, default=40, metavar="N", help=_("default: 40"))
    p.add_argument("--seed", type=int, default=1, metavar="S", help=_("default: 1"))
    add_secret_options(p)
    p.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    from coachdesk.demo.generate import generate_demo
    from coachdesk.vault.store import Vault

    if not 0 <= args.participants <= 100_000:
        raise CliError(Message(N_("The number of participants must be between 0 and 100000.")))
    check_new_vault(args)
    vault, code = Vault.create(args.path, passphrase(args, new=True))
    try:
        summary = generate_demo(vault, participants=args.participants, seed=args.seed)
    finally:
        vault.lock()
    print(_("Created the demo vault {path}.").format(path=str(args.path)))
    print_counts(summary.counts())
    print_recovery_code(code)
    return EXIT_OK


def _add_info(sub: SubParsers) -> None:
    p = sub.add_parser(
        "info", help=_("check a vault's integrity and count its records (no personal data)")
    )
    p.add_argument("path", type=Path, metavar=_("PATH"), help=_("folder of the vault"))
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    add_secret_options(p, recovery=True)
    p.set_defaults(handler=cmd_info)


def cmd_info(args: argparse.Namespace) -> int:
    # Read-only: an older vault is reported as it is, not upgraded.
    with unlocked_vault(args, args.path, migrate=False) as vault:
        info = vault_info(vault)
    if args.json:
        print(json.dumps(info, indent=2, sort_keys=True))
    else:
        ok = info["integrity"]["ok"]
        print(_("Schema revision: {revision}").format(revision=str(info["schema_revision"])))
        print(_("Integrity check: {result}").format(result=_("ok") if ok else _("FAILED")))
        for problem in info["integrity"]["problems"]:
            print("  " + problem)
        print_counts(info["counts"])
    return EXIT_OK if info["integrity"]["ok"] else EXIT_ERROR


COMMANDS: list[Callable[[SubParsers], None]] = [
    _add_init,
    _add_demo,
    _add_info,
    add_participants,
    add_import,
    add_export,
    add_export_access,
    add_verify,
    add_certificate,
    *attachments.COMMANDS,
    add_backup,
    add_restore,
    add_recovery_code,
    add_report,
    add_colleagues,
    add_transfer,
    add_directory,
    add_self_test,
]


# -- entry point -----------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with help texts in the current language."""
    parser = _Parser(
        prog="coachdesk",
        description=_("CoachDesk: offline, encrypted case files for job coaches."),
        epilog=_("Without a command, CoachDesk opens its window."),
    )
    parser.add_argument("--version", action="version", version=f"CoachDesk {__version__}")
    parser.add_argument(
        "--lang", choices=i18n.SUPPORTED_LANGUAGES, help=_("language of messages (de or en)")
    )
    parser.add_argument(
        "--vault", type=Path, metavar=_("PATH"), help=_("open this vault in the window")
    )
    sub = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser)
    for register in COMMANDS:
        register(sub)
    return parser


def _global_lang(argv: Sequence[str]) -> str | None:
    """``--lang`` given before the command (after it, a command may use it for a document)."""
    tokens = iter(argv)
    lang: str | None = None
    for token in tokens:
        if token == "--lang":
            lang = next(tokens, None)
        elif token.startswith("--lang="):
            lang = token.split("=", 1)[1]
        elif token == "--vault":
            next(tokens, None)
        elif not token.startswith("-"):
            break
    return lang


def _choose_language(argv: Sequence[str]) -> str:
    lang = _global_lang(argv) or i18n.system_language()
    if lang not in i18n.SUPPORTED_LANGUAGES:
        raise CliError(
            Message(
                N_("Unknown language {lang}; choose one of: {choices}."),
                {"lang": lang, "choices": ", ".join(i18n.SUPPORTED_LANGUAGES)},
            )
        )
    return str(lang)


def _run(argv: list[str]) -> int:
    i18n.set_language(_choose_language(argv))
    parser = build_parser()
    args, rest = parser.parse_known_args(transfer_routed(routed(argv)))
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        # The window: Qt may take options of its own, so unknown ones are passed on.
        from coachdesk.ui.shell.launch import run_gui

        gui_args = list(rest)
        if args.vault is not None:
            gui_args += ["--vault", str(args.vault)]
        if args.lang is not None:
            gui_args += ["--lang", args.lang]
        return int(run_gui(gui_args))
    if rest:
        parser.error(_("unrecognised arguments: {args}").format(args=" ".join(rest)))
    return handler(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 error, 2 vault, 3 validation)."""
    from coachdesk.services.errors import NotFoundError, ValidationError
    from coachdesk.vault.errors import VaultError
    from coachdesk.vault.output_paths import OutputPathError

    args = list(sys.argv[1:] if argv is None else argv)
    tolerant_output()
    try:
        return _run(args)
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except VaultError as exc:  # a refused place to save is the command's problem, not the vault's
        code = EXIT_ERROR if isinstance(exc, OutputPathError) else EXIT_VAULT
        return _fail(exc.message.render(), code)
    except ValidationError as exc:
        return _fail(" ".join(e.message.render() for e in exc.errors), EXIT_VALIDATION)
    except (CliError, NotFoundError) as exc:
        return _fail(exc.message.render(), EXIT_ERROR)
    except BrokenPipeError:
        # The reader stopped early (``coachdesk participants VAULT | head``): not an error.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return _fail(
            Message(N_("The operating system reported: {reason}"), {"reason": reason}).render(),
            EXIT_ERROR,
        )
    except KeyboardInterrupt:
        return _fail(_("Cancelled."), 130)


def _fail(text: str, code: int) -> int:
    print(_("Error: {message}").format(message=" ".join(text.split())), file=sys.stderr)
    return code
