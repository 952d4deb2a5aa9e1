"""Subcommands ``export``, ``verify`` and ``certificate`` (registered in ``coachdesk.cli.main``).

Heavy imports (ReportLab, pyHanko) happen inside the handlers so that start-up stays fast.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachdesk import doc_languages
from coachdesk.cli.export_access import add_access_options, from_export
from coachdesk.cli.export_ack import acknowledgement_from, add_acknowledgement_options
from coachdesk.cli.export_batch import cmd_export_batch, is_batch, participant_list
from coachdesk.cli.inputs import (
    PURPOSE_LIMIT,
    CliError,
    record_id,
    report_month,
    require_file,
    text_of_at_most,
)
from coachdesk.cli.support import EXIT_OK, add_secret_options, check_outputs, unlocked_vault
from coachdesk.i18n import N_, SUPPORTED_LANGUAGES, Message, _, format_datetime, ngettext

if TYPE_CHECKING:
    from coachdesk.export.service import ExportService

EXIT_MODIFIED = 4
DOCUMENT_TYPES = (
    "exit_handover",
    "interim_feedback",
    "meeting_summary",
    "consent_form",
    "my_plan",
    "absence_sheet",
    "access_request",  # her whole file: ``export_access``
)
HER_DOCUMENTS = ("consent_form", "my_plan")
"""Documents for her that print each German text in her language too (``--language``)."""


def add_export(sub: Any) -> None:
    p = sub.add_parser("export", help=_("write a consent-filtered, signed PDF document"))
    p.add_argument("path", type=Path, metavar=_("VAULT"), help=_("folder of the vault"))
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--participant", type=record_id, metavar="ID")
    who.add_argument(
        "--participants",
        type=participant_list,
        metavar="ID,ID,...",
        help=_("one document for each of these participants, into --out-dir"),
    )
    who.add_argument(
        "--all-active-for",
        type=record_id,
        metavar="ORG_ID",
        help=_("one document for each active participant of this organisation, into --out-dir"),
    )
    p.add_argument("--document", required=True, choices=DOCUMENT_TYPES)
    p.add_argument(
        "--recipient", type=record_id, metavar="ORG_ID", help=_("receiving organisation")
    )
    p.add_argument("--contact", type=record_id, metavar="ID", help=_("receiving contact person"))
    p.add_argument("--purpose", type=text_of_at_most(PURPOSE_LIMIT), default="", metavar=_("TEXT"))
    p.add_argument("--out", type=Path, metavar=_("FILE.pdf"))
    p.add_argument(
        "--out-dir", type=Path, metavar=_("FOLDER"), help=_("folder for the documents of a batch")
    )
    p.add_argument("--lang", dest="doc_lang", choices=SUPPORTED_LANGUAGES, default="de")
    p.add_argument(
        "--language",
        choices=doc_languages.document_languages(),
        help=_(
            "her language: the consent form or her plan is printed in it beneath each German text"
        ),
    )
    p.add_argument(
        "--meeting", type=record_id, metavar="ID", help=_("meeting of a meeting summary")
    )
    p.add_argument(
        "--enclose",
        type=record_id,
        action="append",
        default=[],
        metavar="ID",
        help=_("a paper of her file to append as pages (if her consent covers it; repeatable)"),
    )
    add_month_option(p)
    add_acknowledgement_options(p)
    add_access_options(p)
    add_secret_options(p)
    p.set_defaults(handler=cmd_export)


def add_month_option(p: Any) -> None:
    p.add_argument(
        "--month",
        type=report_month,
        metavar=_("YYYY-MM"),
        help=_("month of an absence sheet (default: the month before)"),
    )


def cmd_export(args: argparse.Namespace) -> int:
    from coachdesk.export.facts import REASON_LABELS
    from coachdesk.export.request import ExportRequest
    from coachdesk.export.service import ExportService
    from coachdesk.facade import Services
    from coachdesk.labels import label

    if args.document == "access_request":
        return from_export(args)
    ack = acknowledgement_from(args, is_batch(args))
    if args.month is not None and args.document != "absence_sheet":
        raise CliError(Message(N_("--month is for absence sheets only.")))
    if is_batch(args):
        return cmd_export_batch(args)
    if args.out is None:
        raise CliError(Message(N_("A document for one participant needs --out FILE.pdf.")))
    check_outputs(args, args.out)
    with unlocked_vault(args, args.path) as vault:
        services = Services(vault.sessions)
        exports = ExportService(services.ctx)
        ensure_signing_identity(exports)
        request = ExportRequest(
            participant_id=args.participant,
            document=args.document,
            organisation_id=args.recipient,
            contact_id=args.contact,
            purpose=args.purpose,
            lang=args.doc_lang,
            languages=form_languages(args),
            meeting_id=args.meeting,
            attachment_ids=tuple(args.enclose),
            acknowledgement=ack,
            month=args.month,
        )
        preview = exports.preview(request)
        # Saved inside the transaction that records it: no record without the file.
        result = exports.export_to(args.out, request)
    print(_("Wrote {path}").format(path=str(args.out)))
    print("SHA-256: " + result.sha256)
    included = ", ".join(label(c) for c in sorted(result.categories)) or "–"
    print(_("Included: {categories}").format(categories=included))
    for w in preview.withheld:
        what = label(w.category) if w.category is not None else _("Internal notes")
        print(_("Withheld: {what} ({reason})").format(what=what, reason=_(REASON_LABELS[w.reason])))
    for e in result.enclosures:
        print(
            _("Enclosed: paper {id}, {pages} from page {first}, SHA-256 {sha256}").format(
                id=e.attachment_id,
                pages=ngettext("{count} page", "{count} pages", e.page_count).format(
                    count=e.page_count
                ),
                first=e.first_page,
                sha256=e.sha256,
            )
        )
    return EXIT_OK


def form_languages(args: argparse.Namespace) -> tuple[str, ...]:
    """A consent form or her plan in German (binding) and, beneath each text, in hers."""
    if args.language is not None and args.document not in HER_DOCUMENTS:
        raise CliError(Message(N_("--language is for the consent form and her plan only.")))
    return doc_languages.form_languages(args.doc_lang, args.language)


def ensure_signing_identity(exports: ExportService) -> None:
    """Create the coach's signing certificate on first use, and say so."""
    if exports.current_identity() is None:
        info = exports.create_identity()
        print(_("Created a signing certificate for {name}.").format(name=info.subject_name))


def add_verify(sub: Any) -> None:
    p = sub.add_parser("verify", help=_("check the signature of an exported PDF"))
    p.add_argument("file", type=Path, metavar=_("FILE.pdf"))
    p.add_argument("--cert", type=Path, metavar=_("CERT"), help=_("the coach's certificate"))
    p.set_defaults(handler=cmd_verify)


def cmd_verify(args: argparse.Namespace) -> int:
    from coachdesk.documents.signing import verify

    for given in (args.file, args.cert):
        if given is not None:
            require_file(given)
    result = verify(args.file, args.cert)
    state = _("intact") if result.intact and not result.modified else _("MODIFIED or damaged")
    print(_("Signature: {state}").format(state=state))
    print(_("Signer: {name}").format(name=result.signer or "–"))
    when = format_datetime(result.signing_time) if result.signing_time else "–"
    print(_("Signing time: {time}").format(time=when))
    if result.fingerprint_matches is not None:
        match = _("matches") if result.fingerprint_matches else _("DOES NOT match")
        print(_("Certificate: {match}").format(match=match))
    ok = result.intact and not result.modified and result.fingerprint_matches is not False
    return EXIT_OK if ok else EXIT_MODIFIED


def add_certificate(sub: Any) -> None:
    p = sub.add_parser("certificate", help=_("save the coach's signing certificate (no key)"))
    p.add_argument("path", type=Path, metavar=_("VAULT"), help=_("folder of the vault"))
    p.add_argument("--out", type=Path, required=True, metavar=_("FILE.pem"))
    p.add_argument("--der", action="store_true", help=_("DER instead of PEM"))
    add_secret_options(p)
    p.set_defaults(handler=cmd_certificate)


def cmd_certificate(args: argparse.Namespace) -> int:
    from coachdesk.export.service import ExportService
    from coachdesk.facade import Services
    from coachdesk.vault.saving import save_atomically

    check_outputs(args, args.out)
    with unlocked_vault(args, args.path) as vault:
        exports = ExportService(Services(vault.sessions).ctx)
        data = exports.export_certificate(pem=not args.der)
        info = exports.current_identity()
    save_atomically(args.out, data)
    print(_("Wrote {path}").format(path=str(args.out)))
    if info is not None:
        print("SHA-256: " + info.fingerprint_sha256)
    return EXIT_OK
