"""The files of her papers, in one ZIP archive beside the JSON file.

Why an archive, not the files inside the JSON: a scan is often megabytes, and base64 in a
JSON file makes it a third larger and unreadable in an editor, while every system opens a ZIP
archive and shows the files by name. Why not a folder: one file is handed over (a USB stick,
a mail to her) without a part left behind. The JSON file names each paper's place in the
archive and its SHA-256, and the signed PDF prints the archive's SHA-256, so she (or the
next coach's software) can check that nothing was changed on the way.

Each file is read back from the vault checked against its SHA-256 (``read_content``); a
damaged one stops the export with a message, rather than hand over a file that is not hers.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from io import BytesIO

from sqlalchemy.orm import Session

from coachdesk.export.access_values import Json
from coachdesk.models import Attachment, AttachmentContent
from coachdesk.services.attachment_store import read_content

FOLDER = "papers"
EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/tiff": ".tif",
    "image/webp": ".webp",
}
# Characters Windows refuses in a file name, and control characters (as batch_names).
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
_EPOCH = (1980, 1, 1, 0, 0, 0)
"""The earliest time a ZIP entry can carry."""


def member_name(paper: Json) -> str:
    """``papers/0012-Einwilligung Jobcenter.pdf``: her number for it, its title, its type."""
    title = " ".join(_FORBIDDEN.sub(" ", str(paper["title"])).split())[:80].strip(". ")
    ext = EXTENSIONS.get(str(paper["media_type"]), ".bin")
    return f"{FOLDER}/{int(paper['id']):04d}-{title or 'paper'}{ext}"


def papers_archive(
    s: Session, papers: list[Json], step: Callable[[], None] | None = None
) -> bytes | None:
    """The archive of ``papers`` (their ``file`` filled in), or None when she has none."""
    if not papers:
        return None
    buf = BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for paper in papers:
            row = s.get(Attachment, paper["id"])
            assert row is not None  # read in the same transaction
            content = s.get(AttachmentContent, row.content_id)
            assert content is not None
            data = read_content(s, content)
            name = member_name(paper)
            info = zipfile.ZipInfo(name, date_time=_zip_time(row.created_at))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16  # hers to read, like every saved document
            archive.writestr(info, data)
            paper["file"] = name
            if step is not None:
                step()
    return buf.getvalue()


def _zip_time(at: dt.datetime) -> tuple[int, int, int, int, int, int]:
    if at.year < _EPOCH[0]:
        return _EPOCH
    return (at.year, at.month, at.day, at.hour, at.minute, at.second)
