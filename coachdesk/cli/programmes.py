"""A programme named on the command line (``--programme NAME``), found among the vault's."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from coachdesk.cli.inputs import CliError, text_of_at_most
from coachdesk.i18n import N_, Message, _

if TYPE_CHECKING:
    from coachdesk.facade import Services


def add_programme_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--programme",
        type=text_of_at_most(100),
        default="",
        metavar=_("NAME"),
        help=_("only the participants of this programme"),
    )


def programme_id_of(services: Services, name: str) -> int | None:
    """The id of the programme named ``name`` (whatever its case and spacing); None when no
    name is given (every programme). A name the vault does not know is refused, naming the
    programmes it has, so a typo never writes a report of nobody."""
    if not name.strip():
        return None
    found = services.programmes.find(name)
    if found is not None:
        return found.id
    names = [p.name for p in services.programmes.list(include_archived=True)]
    if not names:
        text = N_("There is no programme “{name}”: the vault has no programmes yet.")
        raise CliError(Message(text, {"name": name}))
    raise CliError(
        Message(
            N_("There is no programme “{name}”. The vault's programmes: {names}."),
            {"name": name, "names": ", ".join(names)},
        )
    )
