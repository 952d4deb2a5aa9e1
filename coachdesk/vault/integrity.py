"""The vault's own check: SQLCipher's HMAC of every page, SQLite's structure check, and the
SHA-256 of every attached file (a page can be intact while a paper's bytes are not, after a
bug or a repair that dropped a chunk)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError

Execute = Callable[[str], Iterable[Sequence[Any]]]
"""Runs one SQL statement on an open connection and gives its rows."""


@dataclass(frozen=True)
class IntegrityReport:
    """Results of SQLCipher's page check, SQLite's structure check and the papers' checksums."""

    cipher_problems: tuple[str, ...]
    structure_problems: tuple[str, ...]
    attachment_problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not (self.cipher_problems or self.structure_problems or self.attachment_problems)

    @property
    def problems(self) -> tuple[str, ...]:
        return self.cipher_problems + self.structure_problems + self.attachment_problems


def check_integrity(engine: Engine) -> IntegrityReport:
    """All three checks on an open vault's engine; a page that cannot be read is a cipher
    problem."""
    try:
        with engine.connect() as conn:
            cipher = [r[0] for r in conn.exec_driver_sql("PRAGMA cipher_integrity_check")]
            structure = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
            structure = [s for s in structure if s != "ok"]
            papers = () if cipher or structure else attachment_problems(conn.exec_driver_sql)
    except DatabaseError as exc:
        return IntegrityReport((str(exc.orig),), ())
    return IntegrityReport(tuple(cipher), tuple(structure), papers)


def attachment_problems(execute: Execute) -> tuple[str, ...]:
    """One line per stored file whose chunks no longer add up to its size and SHA-256,
    naming only the file's number, never its title or content."""
    return tuple(
        f"attached file {content_id}: content does not match its SHA-256"
        for content_id in damaged_contents(execute)
    )


def damaged_contents(execute: Execute) -> list[int]:
    """The ids of stored files whose chunks no longer add up to their size and SHA-256.

    A vault from before attachments (no such table) has none.
    """
    has_table = list(
        execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachment_content'")
    )
    if not has_table:
        return []
    files = list(execute("SELECT id, sha256, size FROM attachment_content ORDER BY id"))
    damaged = []
    for content_id, sha256, size in files:
        digest = hashlib.sha256()
        length = 0
        rows = execute(  # as bytes even if damage left text there: never decoded, never shown
            "SELECT CAST(data AS BLOB) FROM attachment_chunk"
            f" WHERE content_id = {int(content_id)} ORDER BY seq"
        )
        for (data,) in rows:
            digest.update(data)
            length += len(data)
        if length != size or digest.hexdigest() != sha256:
            damaged.append(int(content_id))
    return damaged
