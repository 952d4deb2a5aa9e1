"""How each figure grows with the archive: 1,000, 10,000 and 50,000 participants.

The factor from 10,000 to 50,000 is for five times the data: about 5 means a figure
grows with the data, about 1 that it does not, above 5 that it grows faster than the data.
"""

from __future__ import annotations

from typing import Any

SIZES = (1000, 10_000, 50_000)

# (label, path into one size's results, unit: "s" shown in ms, "MB", or "bytes" shown in MB)
FIGURES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("Open database (beyond key derivation)", ("unlock", "open_database", "median_s"), "s"),
    ("Launch to participant list, beyond KDF", ("gui", "launch_to_list_without_kdf_s"), "s"),
    ("Search p50", ("workload", "search", "median_s"), "s"),
    ("Search p95", ("workload", "search", "p95_s"), "s"),
    ("Participant file p50", ("workload", "participant_file", "median_s"), "s"),
    ("Today overview (service)", ("workload", "today", "median_s"), "s"),
    ("List all participants (service)", ("workload", "list_all", "median_s"), "s"),
    ("One committed write", ("workload", "writes", "median_s"), "s"),
    ("One signed PDF", ("pdf", "one_signed_pdf", "median_s"), "s"),
    ("Backup of the vault", ("backup", "backup", "median_s"), "s"),
    ("Backup file", ("backup", "backup_bytes"), "bytes"),
    ("First rows: Today", ("views", "views", "today", "first_rows_s"), "s"),
    ("First rows: Participants", ("views", "views", "participants", "first_rows_s"), "s"),
    ("First rows: Meetings", ("views", "views", "meetings", "first_rows_s"), "s"),
    ("First rows: Meetings, all", ("views", "views", "meetings_all", "first_rows_s"), "s"),
    ("First rows: Modules", ("views", "views", "modules", "first_rows_s"), "s"),
    ("First rows: Contacts", ("views", "views", "contacts", "first_rows_s"), "s"),
    ("First rows: Reports", ("views", "views", "reports", "first_rows_s"), "s"),
    ("Longest stall, first visit of a view", ("views", "longest_visit_stall_s"), "s"),
    ("Open a participant's file from the list", ("views", "save", "open_file_s"), "s"),
    ("Save, every view open: window answers", ("views", "save", "median_answer_s"), "s"),
    ("Save: longest stall in the 2 s after", ("views", "save", "max_stall_after_s"), "s"),
    ("Peak RSS, launch window", ("gui", "peak_rss_mb"), "MB"),
    ("Peak RSS, every view open and a save", ("views", "peak_rss_mb"), "MB"),
)


def figure(result: dict[str, Any], path: tuple[str, ...]) -> float | None:
    value: Any = result
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return float(value) if isinstance(value, int | float) else None


def growth(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per figure: its value at each size measured (of ``SIZES``) and the x5 factor."""
    by_size = {r["participants"]: r for r in results if r["participants"] in SIZES}
    rows = []
    for label, path, unit in FIGURES:
        values = {str(size): figure(by_size[size], path) for size in SIZES if size in by_size}
        low, high = values.get("10000"), values.get("50000")
        factor = round(high / low, 2) if low and high is not None else None
        rows.append({"figure": label, "path": ".".join(path), "unit": unit, **values, "x5": factor})
    return rows


def shown(value: float | None, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "s":
        return f"{value * 1000:,.0f} ms" if value >= 0.1 else f"{value * 1000:.1f} ms"
    if unit == "bytes":
        return f"{value / 1e6:,.0f} MB"
    return f"{value:,.0f} {unit}"


def growth_table(rows: list[dict[str, Any]]) -> str:
    sizes = [str(size) for size in SIZES if any(str(size) in row for row in rows)]
    lines = [
        "| figure | " + " | ".join(f"{int(s):,}" for s in sizes) + " | 10,000 → 50,000 (x5 data) |",
        "|---|" + "---|" * (len(sizes) + 1),
    ]
    for row in rows:
        cells = [shown(row.get(s), row["unit"]) for s in sizes]
        factor = "–" if row["x5"] is None else f"x{row['x5']:.1f}"
        lines.append(f"| {row['figure']} | " + " | ".join(cells) + f" | {factor} |")
    return "\n".join(lines)
