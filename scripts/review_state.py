"""Write a catalog's review state beside its compiled form (run by ``make translations``).

Usage: python -m scripts.review_state CATALOG.po OUT.json — OUT lists the message ids whose
translation is marked fuzzy (not yet checked by a native speaker; see translations/README.md).
The compiled catalog (.mo) keeps no flags, so documents read the state from OUT.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po


def unreviewed(po: Path) -> list[str]:
    with po.open("rb") as f:
        catalog = read_po(f)
    found = []
    for message in catalog:
        if not message.id or not message.fuzzy or not message.string:
            continue  # the header, and entries without a translation (they print English)
        found.append(message.id if isinstance(message.id, str) else message.id[0])
    return sorted(found)


def main(po: str, out: str) -> int:
    state = {"catalog": Path(po).name, "unreviewed": unreviewed(Path(po))}
    Path(out).write_text(json.dumps(state, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], sys.argv[2]))
