"""``coachdesk export`` for many participants at once: ``--participants`` or ``--all-active-for``.

Exit codes: 0 when every included document was saved (participants skipped for their
reasons are listed), 3 when nobody could be included, 1 when the batch stopped on an
error (the documents listed as saved are complete and registered), 130 when cancelled
with Ctrl+C (likewise). Only participant numbers are printed, never names.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from coachdesk.cli.inputs import CliError, record_id, require_folder
from coachdesk.cli.programmes import programme_id_of
from coachdesk.cli.support import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_VALIDATION,
    PASSPHRASE_ENV,
    unlocked_vault,
)
from coachdesk.i18n import N_, Message, _, ngettext

if TYPE_CHECKING:
    from coachdesk.export.batch_run import BatchResult

EXIT_CANCELLED = 130
BAR_WIDTH = 30


def participant_list(text: str) -> tuple[int, ...]:
    """argparse type of ``--participants 12,15,31``."""
    ids = tuple(record_id(part.strip()) for part in text.split(",") if part.strip())
    if not ids:
        raise argparse.ArgumentTypeError(_("give at least one participant number"))
    return ids


def is_batch(args: argparse.Namespace) -> bool:
    return args.participants is not None or args.all_active_for is not None


def check_batch_args(args: argparse.Namespace) -> None:
    """What one document takes and a batch does not, and the other way round."""
    if args.out is not None or args.out_dir is None:
        raise CliError(Message(N_("Documents for several participants need --out-dir FOLDER.")))
    if args.enclose or args.meeting is not None:
        raise CliError(
            Message(N_("--enclose and --meeting are for one participant's document only."))
        )
    if args.document not in ("exit_handover", "interim_feedback", "absence_sheet"):
        raise CliError(
            Message(
                N_("Only exit handovers, interim feedback and absence sheets are made in batches.")
            )
        )
    require_folder(args.out_dir)


def cmd_export_batch(args: argparse.Namespace) -> int:
    from coachdesk.cli.export import ensure_signing_identity
    from coachdesk.export.batch_plan import BatchRequest
    from coachdesk.export.batch_pool import warm_up
    from coachdesk.facade import Services

    check_batch_args(args)
    with passphrase_withheld():
        warm_up()  # the workers' fork server imports while the vault is opened
    with unlocked_vault(args, args.path) as vault:
        # Read and used: worker processes started from here inherit no passphrase.
        os.environ.pop(PASSPHRASE_ENV, None)
        exports = Services(vault.sessions).exports
        ensure_signing_identity(exports)
        ids = args.participants
        if ids is None:
            programme = programme_id_of(Services(vault.sessions), getattr(args, "programme", ""))
            ids = exports.batch_participants(args.all_active_for, programme)
        request = BatchRequest(
            participant_ids=ids,
            document=args.document,
            organisation_id=args.recipient if args.recipient is not None else args.all_active_for,
            contact_id=args.contact,
            purpose=args.purpose,
            lang=args.doc_lang,
            month=args.month,
        )
        bar = ProgressBar(sys.stdout) if sys.stdout.isatty() else None
        with cancel_on_interrupt() as cancel:
            result = exports.export_batch(
                request, args.out_dir, progress=bar.show if bar else None, cancel=cancel
            )
        if bar is not None:
            bar.close()
    return summary(result)


class ProgressBar:
    """``[#######.........]  7/25`` on one line of a terminal."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.shown = False

    def show(self, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // max(total, 1)
        self.out.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}")
        self.out.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.out.write("\n")
            self.out.flush()


@contextmanager
def passphrase_withheld() -> Iterator[None]:
    """The passphrase given in the environment stays out of processes started meanwhile."""
    secret = os.environ.pop(PASSPHRASE_ENV, None)
    try:
        yield
    finally:
        if secret is not None:
            os.environ[PASSPHRASE_ENV] = secret


@contextmanager
def cancel_on_interrupt() -> Iterator[threading.Event]:
    """Ctrl+C stops the batch after the document being saved, instead of in its middle."""
    cancel = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield cancel
        return
    previous = signal.signal(signal.SIGINT, lambda _signum, _frame: cancel.set())
    try:
        yield cancel
    finally:
        signal.signal(signal.SIGINT, previous)


def summary(result: BatchResult) -> int:
    for doc in result.saved:
        print(
            _("Saved: participant {id} as {file} (SHA-256 {sha256})").format(
                id=doc.entry.participant_id, file=doc.path.name, sha256=doc.sha256
            )
        )
    for entry in result.skipped:
        reason = entry.reason.render() if entry.reason is not None else ""
        print(
            _("Skipped: participant {id}: {reason}").format(id=entry.participant_id, reason=reason)
        )
    saved, skipped = len(result.saved), len(result.skipped)
    print(ngettext("{n} document saved.", "{n} documents saved.", saved).format(n=saved))
    print(
        ngettext("{n} participant skipped.", "{n} participants skipped.", skipped).format(n=skipped)
    )
    if result.error is not None:
        print(_("Error: {message}").format(message=result.error.render()), file=sys.stderr)
        return EXIT_ERROR
    if result.cancelled:
        left = len(result.not_made)
        print(
            ngettext(
                "Cancelled: {n} document was not made.",
                "Cancelled: {n} documents were not made.",
                left,
            ).format(n=left),
            file=sys.stderr,
        )
        return EXIT_CANCELLED
    if saved == 0:
        print(_("No document was made: every participant was skipped."), file=sys.stderr)
        return EXIT_VALIDATION
    return EXIT_OK
