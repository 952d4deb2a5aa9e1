"""``coachdesk self-test``: proves an installation works, end to end, on invented data.

Run in the installed (frozen) app on a coach's laptop or in CI: it creates a vault in a
temporary folder with the real key derivation, fills a small invented file, exports a
signed document and verifies it, makes and checks a backup, loads the German catalog and
the document fonts, reads SQLCipher's version, optionally opens the window offscreen on the
vault, and removes everything. One line per check; exit 0 when all hold.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from coachdesk.cli.support import EXIT_ERROR, EXIT_OK
from coachdesk.i18n import _, ngettext

PASSPHRASE = "Selbsttest im Müttercafé 2026!"
NETWORK_EVENTS = frozenset(
    {
        "socket.connect",
        "socket.bind",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "urllib.Request",
    }
)


def add_self_test(sub: Any) -> None:
    p = sub.add_parser("self-test", help=_("check that this installation of CoachDesk works"))
    p.add_argument(
        "--window",
        action="store_true",
        help=_("also open the window (offscreen) on the test vault and close it again"),
    )
    p.set_defaults(handler=cmd_self_test)


class SelfTest:
    """The checks share one temporary folder and the vault made in the first of them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.vault_path = folder / "vault"
        self.document = folder / "document.pdf"
        self.vault: Any = None
        self.network: list[str] = []
        self.papers: list[bytes] = []

    def vault_created(self) -> str:
        from coachdesk.vault.store import Vault

        self.vault, _code = Vault.create(self.vault_path, PASSPHRASE)
        if not self.vault.integrity_check().ok:
            raise AssertionError("the new vault does not pass its integrity check")
        return str(self.vault_path.name)

    def demo_filled(self) -> str:
        from coachdesk.demo.generate import generate_demo

        summary = generate_demo(self.vault, participants=3, seed=7)
        return f"{summary.counts()['participants']}"

    def document_signed(self) -> str:
        from coachdesk.export.preview import DocumentType
        from coachdesk.export.request import ExportRequest
        from coachdesk.facade import Services
        from coachdesk.models.enums import DataCategory, OrganisationKind
        from coachdesk.services.consents import ConsentDraft
        from coachdesk.services.directory import OrganisationDraft
        from coachdesk.services.participants import ParticipantDraft
        from coachdesk.services.settings import COACH_NAME

        services = Services(self.vault.sessions, vault=self.vault)
        if not services.settings.coach_name():
            services.settings.set_coach_name(COACH_NAME)
        org = services.directory.create_organisation(
            OrganisationDraft("Jobcenter Selbsttest", OrganisationKind.JOB_CENTRE)
        )
        person = services.participants.create(ParticipantDraft("Ayşe", "Selbsttest"))
        services.consents.record(
            person.id,
            ConsentDraft(
                frozenset({DataCategory.IDENTITY_CONTACT, DataCategory.GOALS_PROGRESS}),
                "Selbsttest",
                dt.date.today(),
                recipient_organisation_id=org.id,
            ),
        )
        services.exports.create_identity()
        request = ExportRequest(
            participant_id=person.id, document=DocumentType.EXIT_HANDOVER, organisation_id=org.id
        )
        result = services.exports.export_to(self.document, request)
        return result.sha256[:16]

    def signature_verified(self) -> str:
        from coachdesk.documents.signing import verify

        checked = verify(self.document)
        if not checked.intact or checked.modified:
            raise AssertionError("the signature does not hold")
        return checked.signer

    def backup_checked(self) -> str:
        from coachdesk.facade import Services
        from coachdesk.vault.backup import verify_backup

        info = Services(self.vault.sessions, vault=self.vault).vault_admin.back_up(self.folder)
        checked = verify_backup(info.path, PASSPHRASE)
        return f"{checked.counts.get('participant', 0)}"

    def paper_kept(self) -> str:
        """A scan (a picture in a PDF) and a two-page TIFF are recognised, kept and read back:
        PDFium and Pillow's decoders are in the installation."""
        import io

        from PIL import Image

        from coachdesk.facade import Services
        from coachdesk.models.enums import DataCategory
        from coachdesk.services.attachment_records import AttachmentDraft

        services = Services(self.vault.sessions, vault=self.vault)
        person = services.participants.list()[0].id
        from reportlab.pdfgen import canvas

        pdf = io.BytesIO()
        sheet = canvas.Canvas(pdf)
        for page in ("1", "2"):
            sheet.drawString(72, 720, f"CoachDesk self-test, page {page}")
            sheet.showPage()
        sheet.save()
        tiff = io.BytesIO()
        pages = [Image.new("RGB", (200, 280), colour) for colour in ("white", "teal")]
        pages[0].save(tiff, "TIFF", save_all=True, append_images=pages[1:])
        scans = [pdf.getvalue(), tiff.getvalue()]
        kept = [
            services.attachments.add(person, data, AttachmentDraft(name, DataCategory.HEALTH))
            for name, data in zip(("scan.pdf", "scan.tif"), scans, strict=True)
        ]
        for record, data in zip(kept, scans, strict=True):
            if services.attachments.content(record.id) != data or record.page_count != 2:
                raise AssertionError(f"{record.media_type} did not come back whole")
        self.papers = scans
        return ", ".join(r.media_type for r in kept)

    def pages_drawn(self) -> str:
        """The viewer draws the signed document and a TIFF's pages in memory (Qt's image
        plugins and PDFium's library are in the installation)."""
        from coachdesk.ui.shell.self_check import pages_drawn

        return pages_drawn([(self.document.read_bytes(), "pdf"), (self.papers[1], "image")])

    def catalog_loaded(self) -> str:
        from coachdesk.i18n import _ as translate

        german = translate("Participants", "de")
        if german == "Participants":
            raise AssertionError("the German catalog is missing")
        return german

    def fonts_found(self) -> str:
        from coachdesk.documents.fonts import shipped_fonts

        fonts = shipped_fonts()
        missing = [name for name, path in fonts.items() if not path.is_file()]
        if missing:
            raise AssertionError(", ".join(missing))
        return str(len(fonts))

    def collation_works(self) -> str:
        from coachdesk.collation import sort_key

        names = sorted(["Botan", "Şahin", "Bäcker", "Олена"], key=lambda n: sort_key(n, "de"))
        if names != ["Bäcker", "Botan", "Şahin", "Олена"]:
            raise AssertionError(", ".join(names))
        return ", ".join(names)

    def sqlcipher_version(self) -> str:
        with self.vault.engine.connect() as conn:
            version = conn.exec_driver_sql("PRAGMA cipher_version").scalar()
        if not version:
            raise AssertionError("SQLCipher is not active")
        return str(version)

    def window_opened(self) -> str:
        from coachdesk.ui.shell.self_check import window_lists_participants

        rows = window_lists_participants(self.vault, self.folder)
        if rows == 0:
            raise AssertionError("the participant list stayed empty")
        return str(rows)

    def no_network(self) -> str:
        if self.network:
            raise AssertionError(", ".join(sorted(set(self.network))))
        return _("no connection tried")

    def watch_network(self) -> None:
        """Note every attempt to reach the network during the checks (Python's audit hooks:
        a socket connection, a bind, a name lookup), whichever library makes it."""

        def hook(event: str, _args: tuple[object, ...]) -> None:
            if event in NETWORK_EVENTS:
                self.network.append(event)

        sys.addaudithook(hook)

    def close(self) -> None:
        if self.vault is not None and not self.vault.is_locked:
            self.vault.lock()


def cmd_self_test(args: argparse.Namespace) -> int:
    folder = Path(tempfile.mkdtemp(prefix="coachdesk-self-test-"))
    test = SelfTest(folder)
    checks: list[tuple[str, Callable[[], str]]] = [
        (_("A vault is created and encrypted"), test.vault_created),
        (_("Invented participants are stored"), test.demo_filled),
        (_("A consent-filtered document is signed"), test.document_signed),
        (_("Its signature verifies"), test.signature_verified),
        (_("A scanned paper is kept and read back"), test.paper_kept),
        (_("A backup is written and checked"), test.backup_checked),
        (_("The German catalog is loaded"), test.catalog_loaded),
        (_("The fonts for documents are found"), test.fonts_found),
        (_("Names sort by the rules of German"), test.collation_works),
        (_("SQLCipher is active"), test.sqlcipher_version),
    ]
    if args.window:
        checks.append((_("The window lists the participants"), test.window_opened))
        checks.append((_("The viewer draws a document's pages"), test.pages_drawn))
    checks.append((_("Nothing tried to reach the network"), test.no_network))
    test.watch_network()
    failed = 0
    try:
        for title, check in checks:
            try:
                detail = check()
            except Exception as exc:  # a failed check is reported, the next one still runs
                failed += 1
                print(_("FAILED  {check}: {reason}").format(check=title, reason=_reason(exc)))
                continue
            print(_("ok      {check} ({detail})").format(check=title, detail=detail))
    finally:
        test.close()
        shutil.rmtree(folder, ignore_errors=True)
    if failed:
        print(
            ngettext(
                "{count} of {total} check failed.", "{count} of {total} checks failed.", len(checks)
            ).format(count=failed, total=len(checks))
        )
        return EXIT_ERROR
    print(
        ngettext("The check passed.", "All {total} checks passed.", len(checks)).format(
            total=len(checks)
        )
    )
    return EXIT_OK


def _reason(exc: Exception) -> str:
    # The last line of the traceback names what broke, without any participant data (the
    # self-test uses invented people only).
    lines = traceback.format_exception_only(type(exc), exc)
    return lines[-1].strip() if lines else type(exc).__name__
