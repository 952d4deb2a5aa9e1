"""Where the files shipped beside the code are: fonts, icons (``resources/`` in the source tree).

One search order for every kind of resource, so a frozen bundle, a wheel and a source
checkout all find them the same way.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

RESOURCES_ENV = "COACHDESK_RESOURCES"
"""A folder holding ``fonts/``, ``icons/`` (packagers and tests may point elsewhere)."""


def candidates(kind: str) -> list[Path]:
    """Where ``kind`` (a subfolder such as "fonts") may be, in order: an explicit folder, a
    PyInstaller bundle, the source tree, and ``share/coachdesk/`` under the environment."""
    found = []
    override = os.environ.get(RESOURCES_ENV)
    if override:
        found.append(Path(override) / kind)
    bundle = getattr(sys, "_MEIPASS", None)  # PyInstaller unpacks ``resources/`` here
    if bundle:
        found.append(Path(bundle) / "resources" / kind)
    found.append(Path(__file__).resolve().parents[1] / "resources" / kind)
    # A wheel installs them as data files: share/coachdesk/<kind> under the environment.
    found.append(Path(sys.prefix) / "share" / "coachdesk" / kind)
    return found


def find(kind: str, required: list[str]) -> Path | None:
    """The first candidate folder of ``kind`` holding every file in ``required``."""
    for folder in candidates(kind):
        if all((folder / name).is_file() for name in required):
            return folder
    return None
