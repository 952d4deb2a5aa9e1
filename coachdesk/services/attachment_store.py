"""The bytes of attachments: stored once per file in chunks, read back checked."""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.i18n import N_
from coachdesk.models import AttachmentChunk, AttachmentContent
from coachdesk.models.attachment import CHUNK_SIZE
from coachdesk.services.attachment_rules import too_large
from coachdesk.services.errors import ValidationError
from coachdesk.vault.errors import StorageError


class DamagedAttachmentError(StorageError):
    """The stored bytes no longer match the SHA-256 taken when the paper was added."""

    default = N_(
        "This paper is damaged in the vault: its content no longer matches its checksum. "
        "Restore a backup to get it back."
    )


def read_content(s: Session, content: AttachmentContent) -> bytes:
    """The stored bytes of ``content``, checked against its SHA-256."""
    data = b"".join(chunks(s, content.id))
    if len(data) != content.size or hashlib.sha256(data).hexdigest() != content.sha256:
        raise DamagedAttachmentError()
    return data


def read_file(path: Path, limit: int) -> bytes:
    """A file she chose, read whole; refused before reading when it is no file or too large."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ValidationError.single(
                "file", N_("This is not a file that can be attached (a folder or a device).")
            )
        if info.st_size > limit:
            raise too_large(info.st_size, limit)
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise StorageError.from_read_error(exc) from exc
    if len(data) > limit:
        raise too_large(len(data), limit)
    return data


def chunks(s: Session, content_id: int) -> Iterator[bytes]:
    q = (
        select(AttachmentChunk.data)
        .where(AttachmentChunk.content_id == content_id)
        .order_by(AttachmentChunk.seq)
    )
    yield from s.scalars(q)


def store(s: Session, data: bytes, digest: str, media_type: str, pages: int) -> AttachmentContent:
    content = AttachmentContent(
        sha256=digest, size=len(data), media_type=media_type, page_count=pages
    )
    s.add(content)
    s.flush()
    view = memoryview(data)
    for seq, start in enumerate(range(0, len(data), CHUNK_SIZE)):
        s.add(
            AttachmentChunk(
                content_id=content.id, seq=seq, data=bytes(view[start : start + CHUNK_SIZE])
            )
        )
    s.flush()
    return content
