"""Subcommands ``attach``, ``attachments`` and ``attachment-save``: papers in a file, scripted.

``attachment-save`` is the one way a paper's bytes leave the vault from the command line:
an explicit copy, recorded in the export register and the audit log like a document.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from coachdesk.cli.inputs import record_id, report_date, require_file, text_of_at_most
from coachdesk.cli.support import EXIT_OK, add_secret_options, check_outputs, unlocked_vault
from coachdesk.i18n import _, format_date, format_number

TITLE_LIMIT = 200


class _Categories:
    """The data categories for ``--category``, looked up only when argparse checks or prints
    them: the parser is built on every start, the window's too, and the domain model would
    bring SQLAlchemy with it (half a second before the window shows)."""

    def __iter__(self) -> Iterator[str]:
        from coachdesk.models.enums import DataCategory

        return iter([str(c) for c in DataCategory])

    def __contains__(self, value: object) -> bool:
        return value in list(self)


def add_attach(sub: Any) -> None:
    p = sub.add_parser("attach", help=_("keep a scan, photo or PDF in a participant's file"))
    p.add_argument("path", type=Path, metavar=_("VAULT"), help=_("folder of the vault"))
    p.add_argument("--participant", type=record_id, required=True, metavar="ID")
    p.add_argument("--file", type=Path, required=True, metavar=_("FILE"), help=_("PDF or picture"))
    p.add_argument("--title", type=text_of_at_most(TITLE_LIMIT), required=True, metavar=_("TEXT"))
    p.add_argument(
        "--category",
        required=True,
        choices=_Categories(),
        metavar=_("CATEGORY"),
        help=_("one of: %(choices)s"),
    )
    p.add_argument(
        "--date", type=report_date, metavar="YYYY-MM-DD", help=_("the date on the paper")
    )
    links = p.add_mutually_exclusive_group()
    links.add_argument("--consent", type=record_id, metavar="ID", help=_("its consent"))
    links.add_argument("--handover", type=record_id, metavar="ID", help=_("its handover"))
    links.add_argument("--meeting", type=record_id, metavar="ID", help=_("its meeting"))
    add_secret_options(p)
    p.set_defaults(handler=cmd_attach)


def cmd_attach(args: argparse.Namespace) -> int:
    from coachdesk.facade import Services
    from coachdesk.models.enums import DataCategory
    from coachdesk.services.attachment_records import AttachmentDraft

    require_file(args.file)
    draft = AttachmentDraft(
        args.title,
        DataCategory(args.category),
        args.date,
        consent_id=args.consent,
        handover_id=args.handover,
        meeting_id=args.meeting,
    )
    with unlocked_vault(args, args.path) as vault:
        record = Services(vault.sessions).attachments.add_file(args.participant, args.file, draft)
    print(_("Attached as paper {id}.").format(id=record.id))
    print("SHA-256: " + record.sha256)
    return EXIT_OK


def add_attachments(sub: Any) -> None:
    p = sub.add_parser("attachments", help=_("list the papers in a participant's file"))
    p.add_argument("path", type=Path, metavar=_("VAULT"), help=_("folder of the vault"))
    p.add_argument("--participant", type=record_id, required=True, metavar="ID")
    p.add_argument("--json", action="store_true", help=_("print the list as JSON"))
    add_secret_options(p, recovery=True)
    p.set_defaults(handler=cmd_attachments)


def cmd_attachments(args: argparse.Namespace) -> int:
    from coachdesk.facade import Services
    from coachdesk.labels import label

    with unlocked_vault(args, args.path) as vault:
        services = Services(vault.sessions)
        services.participants.get(args.participant)  # "not found" rather than an empty list
        rows = services.attachments.list_for_participant(args.participant)
    if args.json:
        data = [
            {
                "id": r.id,
                "title": r.title,
                "category": str(r.category),
                "document_date": r.document_date.isoformat() if r.document_date else None,
                "media_type": r.media_type,
                "pages": r.page_count,
                "size": r.size,
                "sha256": r.sha256,
                "consent_id": r.consent_id,
                "handover_id": r.handover_id,
                "meeting_id": r.meeting_id,
            }
            for r in rows
        ]
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    if not rows:
        print(_("No papers in this file."))
    for r in rows:
        when = format_date(r.document_date) if r.document_date else "–"
        size = format_number(round(r.size / 1024 / 1024, 1))
        print(f"{r.id:>6}  {r.title}  [{label(r.category)}]  {when}  {size} MB  {r.sha256[:12]}")
    return EXIT_OK


def add_attachment_save(sub: Any) -> None:
    p = sub.add_parser(
        "attachment-save", help=_("save a copy of a paper outside the vault (recorded)")
    )
    p.add_argument("path", type=Path, metavar=_("VAULT"), help=_("folder of the vault"))
    p.add_argument("--attachment", type=record_id, required=True, metavar="ID")
    p.add_argument("--out", type=Path, required=True, metavar=_("FILE"))
    add_secret_options(p)
    p.set_defaults(handler=cmd_attachment_save)


def cmd_attachment_save(args: argparse.Namespace) -> int:
    from coachdesk.facade import Services

    check_outputs(args, args.out)
    with unlocked_vault(args, args.path) as vault:
        services = Services(vault.sessions)
        record = services.attachments.get(args.attachment)
        services.attachments.save_copy(args.attachment, args.out)
    print(_("Wrote {path}").format(path=str(args.out)))
    print("SHA-256: " + record.sha256)
    return EXIT_OK


COMMANDS = [add_attach, add_attachments, add_attachment_save]
