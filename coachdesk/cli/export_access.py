"""``coachdesk export access VAULT --participant ID --out DIR --notes include|withhold``.

Her whole file on request (GDPR Art. 15 or 20): a signed PDF, the JSON file and the archive
of her papers, written into DIR. ``--notes`` has no default: whether her file's internal
notes go with it is the coach's decision each time, and the audit log records it.

``export VAULT ...`` writes one document; ``export access VAULT ...`` is this command
(``routed`` tells them apart before parsing: a vault folder named "access" still works as
``export access --participant ...``).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coachdesk import doc_languages
from coachdesk.cli.inputs import CliError, record_id
from coachdesk.cli.support import EXIT_OK, add_secret_options, check_outputs, unlocked_vault
from coachdesk.i18n import N_, Message, _

COMMAND = "export-access"
NOTES = {"include": "included", "withhold": "withheld"}
ARTICLES = {"15": "gdpr_art_15", "20": "gdpr_art_20"}


def routed(argv: Sequence[str]) -> list[str]:
    """``export access VAULT ...`` as the command ``export-access VAULT ...``."""
    args = list(argv)
    at = _command_index(args)
    if at is None or args[at : at + 2] != ["export", "access"]:
        return args
    rest = args[at + 2 :]
    if not rest or rest[0].startswith("-"):
        return args  # ``export access --participant ...``: a vault folder named "access"
    return [*args[:at], COMMAND, *rest]


def _command_index(args: list[str]) -> int | None:
    skip = False
    for n, token in enumerate(args):
        if skip:
            skip = False
        elif token in ("--lang", "--vault"):
            skip = True
        elif not token.startswith("-"):
            return n
    return None


def add_access_options(p: argparse.ArgumentParser, *, required: bool = False) -> None:
    """``--notes`` and ``--article``, here and on ``export --document access_request``."""
    p.add_argument(
        "--notes",
        required=required,
        choices=tuple(NOTES),
        help=_("include or withhold her file's internal notes (your decision; it is recorded)"),
    )
    p.add_argument(
        "--article",
        choices=tuple(ARTICLES),
        default="15",
        help=_("15: a copy of her data (access); 20: her data to take elsewhere (portability)"),
    )


def from_export(args: argparse.Namespace) -> int:
    """``export VAULT --participant ID --document access_request --out-dir FOLDER --notes ...``:
    the same as ``export access`` (her language by ``--language``, else ``--lang``)."""
    if args.participant is None or args.out_dir is None or args.notes is None:
        raise CliError(Message(ACCESS_NEEDS))
    args.out = args.out_dir
    args.doc_lang = args.language or args.doc_lang
    return cmd_export_access(args)


ACCESS_NEEDS = N_(
    "Her whole file needs --participant ID, --out-dir FOLDER and --notes include|withhold."
)


def add_export_access(sub: Any) -> None:
    p = sub.add_parser(
        COMMAND,
        help=_("everything stored about a participant, for her (GDPR Art. 15 or 20)"),
        description=_(
            "Usage: coachdesk export access VAULT --participant ID --out DIR "
            "--notes include|withhold. Writes a signed PDF, a JSON file with all her data "
            "and a ZIP archive of her papers into DIR."
        ),
    )
    p.add_argument("path", type=Path, metavar=_("VAULT"), help=_("folder of the vault"))
    p.add_argument("--participant", type=record_id, metavar="ID", required=True)
    p.add_argument("--out", type=Path, required=True, metavar=_("FOLDER"))
    add_access_options(p, required=True)
    p.add_argument("--lang", dest="doc_lang", choices=doc_languages.document_languages())
    add_secret_options(p)
    p.set_defaults(handler=cmd_export_access)


def cmd_export_access(args: argparse.Namespace) -> int:
    from coachdesk.cli.export import ensure_signing_identity
    from coachdesk.export.access_request import AccessRequest, Article, Notes
    from coachdesk.export.access_service import AccessService
    from coachdesk.export.batch_names import check_batch_folder
    from coachdesk.export.service import ExportService
    from coachdesk.facade import Services

    # The request is checked before the vault is opened (and its passphrase asked for).
    request = AccessRequest(
        participant_id=args.participant,
        notes=Notes(NOTES[args.notes]),
        article=Article(ARTICLES[args.article]),
        lang=args.doc_lang or "de",
    )
    check_outputs(args, args.out, files=False)  # not into the vault, before it is opened
    check_batch_folder(args.out, [])
    with unlocked_vault(args, args.path) as vault:
        services = Services(vault.sessions)
        ensure_signing_identity(ExportService(services.ctx))
        result = AccessService(services.ctx).export_to(args.out, request)
    print(_("Wrote {path}").format(path=str(result.pdf)))
    print("SHA-256: " + result.pdf_sha256)
    print(_("Wrote {path}").format(path=str(result.json)))
    print("SHA-256: " + result.json_sha256)
    if result.papers is not None:
        print(_("Wrote {path}").format(path=str(result.papers)))
        print("SHA-256: " + str(result.papers_sha256))
    notes = _("included") if request.include_notes else _("withheld")
    print(_("Internal notes: {choice}").format(choice=notes))
    return EXIT_OK
