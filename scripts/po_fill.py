"""Fill German translations into translations/de.po from a small table (developer helper).

Usage: python -m scripts.po_fill FILE.json [CATALOG.po --unreviewed] — FILE maps each English
message id to its German text, or for plural entries to a list of two German forms. Writes the
catalog with the same width as ``make update-catalogs`` so the diff shows only the new entries.
Another catalog may be named (a document language); ``--unreviewed`` marks what is filled in
as fuzzy, not yet checked by a native speaker (translations/README.md).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOG = Path("translations/de.po")


def main(table_file: str, catalog_file: str = "", *flags: str) -> int:
    table = json.loads(Path(table_file).read_text(encoding="utf-8"))
    path = Path(catalog_file) if catalog_file else CATALOG
    with path.open("rb") as f:
        catalog = read_po(f)
    missing = []
    for key, german in table.items():
        message = catalog.get(key)
        if message is None:
            # Plural entries are keyed by their singular.
            message = next((m for m in catalog if isinstance(m.id, tuple) and m.id[0] == key), None)
        if message is None:
            missing.append(key)
            continue
        message.string = tuple(german) if isinstance(german, list) else german
        if "--unreviewed" in flags:
            message.flags.add("fuzzy")
    with path.open("wb") as f:
        write_po(f, catalog, width=100)
    for key in missing:
        print(f"not in the catalog: {key}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
