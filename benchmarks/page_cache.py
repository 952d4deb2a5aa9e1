"""What a page cache made stale by another connection's write costs, encrypted and plain.

In WAL mode a connection drops its whole page cache when another connection has written
since its last transaction; SQLCipher then decrypts and checks the HMAC of every page it
reads again, plain SQLite copies it from the operating system's cache. Measured with raw
connections (no SQLAlchemy): one connection saves a participant, then the other (cold) and
the writer itself (warm) read 50 participants and count their meetings.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def cold_and_warm(
    open_connection: Callable[[], Any], ids: list[int], rounds: int = 200
) -> tuple[float, float]:
    """Mean CPU ms of the read on the stale connection and on the writer's own connection."""
    listed = ",".join(str(int(i)) for i in ids)
    reads = (
        f"SELECT * FROM participant WHERE id IN ({listed})",
        f"SELECT count(*) FROM meeting WHERE participant_id IN ({listed})",
    )
    writer, other = open_connection(), open_connection()
    samples: dict[str, list[float]] = {"cold": [], "warm": []}
    try:
        for n in range(rounds):
            writer.execute("BEGIN IMMEDIATE")
            writer.execute(
                "UPDATE participant SET languages = ? WHERE id = ?",
                ("de, fr" if n % 2 else "de, en", ids[n % len(ids)]),
            )
            writer.execute("COMMIT")
            for label, conn in (("cold", other), ("warm", writer)):
                started = time.process_time()
                for sql in reads:
                    conn.execute(sql).fetchall()
                samples[label].append(time.process_time() - started)
    finally:
        writer.close()
        other.close()
    return statistics.mean(samples["cold"]) * 1000, statistics.mean(samples["warm"]) * 1000


def summary(encrypted: tuple[float, float], plain: tuple[float, float]) -> str:
    (enc_cold, enc_warm), (pla_cold, pla_warm) = encrypted, plain
    return (
        "Reading 50 participants and their meetings after another connection wrote (CPU ms, "
        f"stale cache / own warm cache): encrypted {enc_cold:.2f} / {enc_warm:.2f}, "
        f"plain {pla_cold:.2f} / {pla_warm:.2f}; a stale cache costs SQLCipher "
        f"{enc_cold - enc_warm:.2f} ms, plain SQLite {pla_cold - pla_warm:.2f} ms."
    )
