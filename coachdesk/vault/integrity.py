"""The vault's own check: SQLCipher's HMAC of every page and SQLite's structure check."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError


@dataclass(frozen=True)
class IntegrityReport:
    """Results of SQLCipher's page check and SQLite's structure check."""

    cipher_problems: tuple[str, ...]
    structure_problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.cipher_problems and not self.structure_problems


def check_integrity(engine: Engine) -> IntegrityReport:
    """Both checks on an open vault's engine; a page that cannot be read is a cipher problem."""
    try:
        with engine.connect() as conn:
            cipher = [r[0] for r in conn.exec_driver_sql("PRAGMA cipher_integrity_check")]
            structure = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check")]
    except DatabaseError as exc:
        return IntegrityReport((str(exc.orig),), ())
    structure = [s for s in structure if s != "ok"]
    return IntegrityReport(tuple(cipher), tuple(structure))
