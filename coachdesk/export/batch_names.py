"""File names of a batch's documents: what, when and a number, never whose.

A file name is seen by anyone who looks at the folder and lands in recently-used lists,
so it carries the document's name (in the document's language), the day and the
participant's place in the batch; the dialog and the command line tell the coach which
number is whom. A batch never replaces a file: when a name of this batch is taken in
the folder (a second batch on the same day), the whole batch gets the next free day
suffix, so its files stay together.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

from coachdesk.i18n import N_, Message
from coachdesk.vault.output_paths import OutputPathError, check_output_paths

# Characters Windows refuses in a file name, and control characters (as ui/kit/file_names).
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def batch_file_names(what: str, day: dt.date, numbers: list[int], folder: Path) -> dict[int, Path]:
    """A free path in ``folder`` for each number, e.g. ``Zwischenbericht_2026-03-16_07.pdf``."""
    stem = "-".join(_FORBIDDEN.sub(" ", what).split()) or "CoachDesk"
    width = max(2, len(str(max(numbers, default=1))))
    taken = {p.name.casefold() for p in folder.iterdir()} if folder.is_dir() else set()
    attempt = 1
    while True:
        when = day.isoformat() if attempt == 1 else f"{day.isoformat()}-{attempt}"
        names = {n: f"{stem}_{when}_{n:0{width}d}.pdf" for n in numbers}
        if not any(name.casefold() in taken for name in names.values()):
            return {n: folder / name for n, name in names.items()}
        attempt += 1


def check_batch_folder(folder: Path, paths: Iterable[Path]) -> None:
    """Refuse a folder that is not there or lies in a vault, before anything is made."""
    if not folder.is_dir():
        raise OutputPathError(
            Message(
                N_("Not saved: the folder {folder} does not exist. Please choose another folder."),
                {"folder": str(folder)},
            )
        )
    check_output_paths(paths)
