"""The ESF Plus indicator report on a large vault: how long its figures take to count.

    python -m benchmarks.esf_report [VAULT]   (default: the cached 50,000 vault)

Works on a copy: opens it (migrating it to the current schema), gives every participant the
demo's ESF Plus questionnaires (``coachdesk.demo.esf``), then times the
figures of a quarter, a year and five years, for all programmes and for one, and prints
SQLite's query plan of each of the three queries (entries, leavers, six months after).
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import event, func, insert, select

from benchmarks.stats import measure
from benchmarks.vaults import DEMO_TODAY, PASSPHRASE, cached_vault
from coachdesk import models as m
from coachdesk.demo.esf import EsfDemo
from coachdesk.demo.records import IdAllocator, Rows
from coachdesk.facade import Services
from coachdesk.reports.esf_service import EsfReportService
from coachdesk.vault.store import Vault

PERIODS = {
    "quarter": (dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
    "year": (dt.date(2025, 11, 1), dt.date(2026, 10, 31)),
    "five years": (dt.date(2021, 11, 2), dt.date(2026, 10, 31)),
}


def fill(vault: Vault) -> int:
    """Questionnaires for everyone, in one transaction per 5,000 (her programme record came
    with the migration from the name typed in her file)."""
    with vault.sessions.begin() as s:
        highest: dict[type[m.Base], int] = {}
        for model in (m.EsfEntry, m.EsfExit, m.EsfFollowUp):
            highest[model] = int(s.scalar(select(func.max(model.id))) or 0)
        ids = IdAllocator(highest)
        P = m.Participant
        people = list(s.execute(select(P.id, P.entry_date, P.exit_date, P.exit_destination)))
    esf = EsfDemo(7, DEMO_TODAY, ids)
    for start in range(0, len(people), 5000):
        rows = Rows()
        for pid, entry, left, destination in people[start : start + 5000]:
            foreign = pid % 3 != 0
            esf.add(
                rows, pid, foreign=foreign, entry=entry, exit_date=left, destination=destination
            )
        with vault.sessions.begin() as s:
            for model in (m.EsfEntry, m.EsfExit, m.EsfFollowUp):
                if rows.of(model):
                    s.execute(insert(model).execution_options(render_nulls=True), rows.of(model))
    return len(people)


def plans(vault: Vault) -> None:
    from coachdesk.reports import esf

    statements: list[str] = []

    def capture(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(vault.engine, "before_cursor_execute", capture)
    with vault.sessions() as s:
        esf.compute(s, *PERIODS["year"], 1)
    event.remove(vault.engine, "before_cursor_execute", capture)
    conn = vault.engine.raw_connection()
    try:
        for statement in statements:
            marks = statement.count("?")
            params = ["2025-11-01", "2026-10-31", 1, 1][:marks] if marks else []
            params = (
                [1, "2025-11-01", "2026-10-31"][:marks] if "programme_id" in statement else params
            )
            plan = conn.execute("EXPLAIN QUERY PLAN " + statement, params).fetchall()
            print(" ".join(statement.split())[:90] + " ...")
            for line in plan:
                print("    ", line[-1])
    finally:
        conn.close()


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else cached_vault(50_000)[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "vault"
        shutil.copytree(source, path)
        started = time.perf_counter()
        vault = Vault.open(path, PASSPHRASE)
        print(f"opened (and migrated) in {time.perf_counter() - started:.1f} s")
        try:
            started = time.perf_counter()
            people = fill(vault)
            print(
                f"questionnaires for {people} participants in {time.perf_counter() - started:.1f} s"
            )
            service = EsfReportService(Services(vault.sessions, today=lambda: DEMO_TODAY).ctx)
            for label, (start, end) in PERIODS.items():
                for programme in (None, 1):
                    figures = service.esf_figures(start, end, programme)
                    t = measure(
                        lambda a=start, b=end, p=programme: service.esf_preview(a, b, p, "de"),
                        runs=5,
                    )
                    who = "all programmes" if programme is None else "one programme"
                    print(
                        f"{label:>10}, {who:<14}: median {t.median * 1000:7.1f} ms, "
                        f"p95 {t.p95 * 1000:7.1f} ms (entrants {figures.row('EECO01')[-1]}, "
                        f"leavers {figures.row('LEAVERS')[-1]})"
                    )
            plans(vault)
        finally:
            vault.lock()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
