"""Her acknowledgement of a document on the command line (``export --acknowledged ...``).

The same record as the export dialog's, without a drawn signature: how she took note, who
read it aloud or interpreted it and in which language, and whether she agrees or what she
objects to, in her words.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from coachdesk.cli.inputs import CliError, text_of_at_most
from coachdesk.i18n import N_, Message, _

if TYPE_CHECKING:
    from coachdesk.export.acknowledgement import Acknowledgement

HOW_CHOICES = {"read": "read", "read-aloud": "read_aloud", "interpreted": "interpreted"}
NAME_LIMIT = 200
OBJECTION_LIMIT = 20_000


def add_acknowledgement_options(p: Any) -> None:
    p.add_argument(
        "--acknowledged",
        choices=tuple(HOW_CHOICES),
        help=_("how she took note of the document before it is sent (reports about her)"),
    )
    p.add_argument(
        "--interpreter",
        "--read-by",
        dest="ack_by",
        type=text_of_at_most(NAME_LIMIT),
        metavar=_("NAME"),
        help=_("who interpreted it or read it aloud to her"),
    )
    p.add_argument(
        "--ack-language",
        metavar="xx",
        help=_("the language it was interpreted or read in (a code such as ar, fa, uk)"),
    )
    said = p.add_mutually_exclusive_group()
    said.add_argument("--agrees", action="store_true", help=_("she agrees with its content"))
    said.add_argument(
        "--objects",
        type=text_of_at_most(OBJECTION_LIMIT),
        metavar=_("TEXT"),
        help=_("what she objects to, in her words"),
    )


def acknowledgement_from(args: argparse.Namespace, batch: bool) -> Acknowledgement | None:
    """Her acknowledgement as the options give it; None when none is given."""
    from coachdesk.export.acknowledgement import Acknowledgement
    from coachdesk.models.acknowledgement import HowNoted

    given = args.ack_by or args.ack_language or args.agrees or args.objects is not None
    if args.acknowledged is None:
        if given:
            raise CliError(Message(N_("Say how she took note of it: --acknowledged.")))
        return None
    if batch:
        raise CliError(Message(N_("Her acknowledgement is recorded for one document at a time.")))
    if not args.agrees and args.objects is None:
        raise CliError(Message(N_("Say whether she agrees: --agrees or --objects TEXT.")))
    return Acknowledgement(
        how=HowNoted(HOW_CHOICES[args.acknowledged]),
        by=args.ack_by or "",
        language=args.ack_language or "",
        agrees=args.agrees,
        objection=args.objects or "",
    )
