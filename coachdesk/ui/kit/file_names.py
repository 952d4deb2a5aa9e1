"""File names CoachDesk suggests in a save dialog: what and when, in her language, never who."""

from __future__ import annotations

import datetime as dt
import re

# Characters Windows refuses in a file name, and control characters.
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def suggested_name(what: str, when: dt.date | str, suffix: str) -> str:
    """``what`` (a translated title such as "Austrittsbericht") and when (an ISO date or a
    period such as "2026-01-01_2026-03-31").

    The name says what and when and never whom: a file name is seen by anyone who looks
    at the folder, and lands in recently-used lists.
    """
    words = _FORBIDDEN.sub(" ", what).split()
    stem = "-".join(words) or "CoachDesk"
    day = when.isoformat() if isinstance(when, dt.date) else when
    return f"{stem}_{day}{suffix}"
