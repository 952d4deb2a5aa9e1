"""`python -m benchmarks.imports [VAULT]`: a spreadsheet of 10,000 new participants read,
checked (preview) and stored (commit), as .xlsx and as .csv in UTF-8 with BOM, UTF-8 and
Windows-1252, into a copy of VAULT (default: an empty vault, made here).

Prints one JSON object: seconds for read, preview and commit per file kind. With a vault
of 10,000 participants the duplicate check compares against them (their dates of birth
overlap the list's). The list is written by the tests' own writers (tests/unit).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.vaults import PASSPHRASE
from coachdesk.facade import Services
from coachdesk.vault.store import Vault

ROWS = 10_000
KINDS = ("xlsx", "utf-8-sig", "utf-8", "cp1252")


def _timed(work: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = work()
    return round(time.perf_counter() - start, 2), result


def one_kind(source: Path | None, kind: str, folder: Path) -> dict[str, float]:
    from tests.unit.import_support import GERMAN_HEADINGS, people, write_csv
    from tests.unit.sheet_files import write_xlsx

    target = folder / f"vault-{kind}"
    if source is None:
        Vault.create(target, PASSPHRASE)[0].lock()
    else:
        shutil.copytree(source, target)
    rows = [GERMAN_HEADINGS, *people(ROWS)]
    if kind == "xlsx":
        sheet = write_xlsx(folder / "list.xlsx", rows)  # type: ignore[arg-type]
    else:
        sheet = write_csv(folder / "list.csv", rows, kind)
    with Vault.open(target, PASSPHRASE) as vault:
        imports = Services(vault.sessions, actor="Benchmark", vault=vault).imports
        read, table = _timed(lambda: imports.read(sheet))
        mapping = imports.mapping_for(table.headers)
        checked, preview = _timed(lambda: imports.preview(table, mapping))
        stored, result = _timed(lambda: imports.commit(preview, skip_problems=True))
    shutil.rmtree(target)
    sheet.unlink()
    return {
        "read_s": read,
        "preview_s": checked,
        "commit_s": stored,
        "imported": result.imported,
        "left_out": result.skipped,
    }


def main(argv: list[str]) -> None:
    source = Path(argv[0]) if argv else None
    with tempfile.TemporaryDirectory(prefix="coachdesk-bench-import-") as tmp:
        figures = {kind: one_kind(source, kind, Path(tmp)) for kind in KINDS}
    print(json.dumps({"rows": ROWS, "vault": str(source or "empty"), "kinds": figures}, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
