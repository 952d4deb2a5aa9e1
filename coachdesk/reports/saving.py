"""Where a report is saved inside the transaction that records it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coachdesk.vault.output_paths import check_output_paths
from coachdesk.vault.saving import save_atomically


@dataclass(frozen=True)
class Targets:
    """Where an export's files go; no PDF path: the caller only wants the bytes."""

    pdf: Path | None = None
    csv: Path | None = None


def save_files(targets: Targets, pdf: bytes, csv: bytes | None, saved: list[Path]) -> None:
    """Save the PDF, then the CSV, each atomically; ``saved`` lists what is on disk.

    The caller takes the listed files back if anything fails later (a CSV that cannot be
    saved, a record that cannot be committed), so a report is on disk only if recorded.
    """
    if targets.pdf is None:
        return
    # Both before either is written: the CSV must not land on the PDF just saved.
    check_output_paths([targets.pdf, targets.csv if csv is not None else None])
    save_atomically(targets.pdf, pdf)
    saved.append(targets.pdf)
    if targets.csv is not None and csv is not None:
        save_atomically(targets.csv, csv)
        saved.append(targets.csv)
