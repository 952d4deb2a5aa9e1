"""The backup container: one file holding the key slots and the encrypted database.

Layout (all integers big-endian; see docs/backup-format.md)::

    8 bytes   magic b"CDBACKUP"
    2 bytes   container version (1)
    4 bytes   header length N
    N bytes   header, UTF-8 JSON (created_at, schema_revision, db_size, db_sha256, keyslots)
    32 bytes  SHA-256 of everything before it (magic .. header)
    db_size   the SQLCipher database, encrypted with the vault's data key

The key slots are the vault's own, so the backup opens with the passphrase or the
recovery code that were valid when it was made. The checksums find any damaged
byte before a restore touches anything; SQLCipher's page HMACs check it again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from coachdesk.vault.errors import BackupTooNewError, DamagedBackupError, NotABackupError

MAGIC = b"CDBACKUP"
CONTAINER_VERSION = 1
FORMAT = "coachdesk-backup"
SUFFIX = ".cdbackup"
_PREFIX = struct.Struct(">8sHI")
_DIGEST = 32
MAX_HEADER = 1024 * 1024
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class BackupHeader:
    """What a backup says about itself, readable without a passphrase."""

    created_at: dt.datetime
    """When the backup was made (UTC, naive)."""
    schema_revision: str
    """The Alembic revision of the database inside."""
    db_size: int
    db_sha256: str
    keyslots: bytes
    """The vault's keyslots.json as it was when the backup was made."""
    db_offset: int
    """Where the database starts in the file."""


def encode_header(
    created_at: dt.datetime, schema_revision: str, db_size: int, db_sha256: str, keyslots: bytes
) -> bytes:
    header = json.dumps(
        {
            "format": FORMAT,
            "created_at": created_at.isoformat(),
            "schema_revision": schema_revision,
            "db_size": db_size,
            "db_sha256": db_sha256,
            "keyslots": keyslots.decode("utf-8"),
        },
        sort_keys=True,
    ).encode("utf-8")
    head = _PREFIX.pack(MAGIC, CONTAINER_VERSION, len(header)) + header
    return head + hashlib.sha256(head).digest()


def parse_header(head: bytes, file_size: int) -> BackupHeader:
    """Parse the start of a backup file; ``head`` may hold more bytes than the header."""
    if len(head) < _PREFIX.size or head[: len(MAGIC)] != MAGIC:
        raise NotABackupError()
    _magic, version, length = _PREFIX.unpack_from(head)
    if version > CONTAINER_VERSION:
        raise BackupTooNewError()
    if version < 1 or length > MAX_HEADER:
        raise DamagedBackupError()
    end = _PREFIX.size + length
    if len(head) < end + _DIGEST:
        raise DamagedBackupError()
    if hashlib.sha256(head[:end]).digest() != head[end : end + _DIGEST]:
        raise DamagedBackupError()
    try:
        data = json.loads(head[_PREFIX.size : end].decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise DamagedBackupError()
        created = dt.datetime.fromisoformat(str(data["created_at"]))
        db_size = data["db_size"]
        if not isinstance(db_size, int) or isinstance(db_size, bool):
            raise DamagedBackupError()
        header = BackupHeader(
            created_at=created.replace(tzinfo=None),
            schema_revision=str(data["schema_revision"]),
            db_size=db_size,
            db_sha256=str(data["db_sha256"]),
            keyslots=str(data["keyslots"]).encode("utf-8"),
            db_offset=end + _DIGEST,
        )
    except (KeyError, TypeError, ValueError, UnicodeError, OverflowError, RecursionError) as exc:
        raise DamagedBackupError() from exc
    if header.db_size <= 0 or header.db_offset + header.db_size != file_size:
        raise DamagedBackupError()
    return header


def read_header(path: Path) -> BackupHeader:
    """The header of the backup at ``path``; the database part is not checked here."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            head = fh.read(_PREFIX.size)
            if len(head) == _PREFIX.size and head[: len(MAGIC)] == MAGIC:
                length = min(_PREFIX.unpack(head)[2], MAX_HEADER)
                head += fh.read(length + _DIGEST)
    except IsADirectoryError as exc:
        raise NotABackupError() from exc
    except FileNotFoundError as exc:
        raise NotABackupError() from exc
    return parse_header(head, size)


def _db_chunks(fh: BinaryIO, header: BackupHeader) -> Iterator[bytes]:
    fh.seek(header.db_offset)
    remaining = header.db_size
    while remaining:
        chunk = fh.read(min(_CHUNK, remaining))
        if not chunk:
            raise DamagedBackupError()
        remaining -= len(chunk)
        yield chunk


def check_file(path: Path) -> BackupHeader:
    """Header and database checksum: finds any damaged byte without the passphrase."""
    header = read_header(path)
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in _db_chunks(fh, header):
            digest.update(chunk)
    if digest.hexdigest() != header.db_sha256:
        raise DamagedBackupError()
    return header


def extract_database(path: Path, header: BackupHeader, target: Path) -> None:
    """Copy the (still encrypted) database out of the backup, checking its checksum."""
    digest = hashlib.sha256()
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(path, "rb") as fh, os.fdopen(fd, "wb") as out:
        for chunk in _db_chunks(fh, header):
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    if digest.hexdigest() != header.db_sha256:
        raise DamagedBackupError()


def write_container(target: Path, header: bytes, db_path: Path) -> None:
    """Write header and database to ``target`` and fsync it (the caller renames it)."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out, open(db_path, "rb") as db:
        out.write(header)
        while chunk := db.read(_CHUNK):
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
