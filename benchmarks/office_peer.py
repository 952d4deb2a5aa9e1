"""The peer coaches use today: a filled office template converted by LibreOffice.

The same handover facts are written into a flat ODF text document (.fodt) and
converted with ``soffice --headless --convert-to pdf``, once per document and
as a batch of 100 in one call.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

from coachdesk.facade import Services

_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:body><office:text>
"""
_TAIL = "</office:text></office:body></office:document>\n"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def handover_document(services: Services, participant_id: int) -> str:
    p = services.participants.get(participant_id)
    parts = [_HEAD, _h("Abschlussbericht / Übergabe an das Jobcenter")]
    parts.append(_p(f"Teilnehmerin: {p.display_name}, Kundennummer {p.jobcentre_customer_number}"))
    parts.append(_h("Ziele und Meilensteine"))
    for goal in services.goals.list_for_participant(participant_id):
        parts.append(_p(f"{goal.title} ({goal.status})"))
        parts.extend(_p(f" – {ms.title}") for ms in goal.milestones)
    parts.append(_h("Module"))
    for enrolment in services.modules.enrolments_for_participant(participant_id):
        parts.append(_p(f"{enrolment.module_title}: {enrolment.result}"))
    parts.append(_h("Vereinbarungen"))
    for meeting in services.meetings.list_for_participant(participant_id):
        parts.extend(_p(f"{a.who}: {a.what}") for a in meeting.agreements)
    parts.append(_h("Empfehlung"))
    for handover in services.handovers.list_for_participant(participant_id):
        parts.append(_p(handover.recommendation))
    parts.append(_TAIL)
    return "".join(parts)


def _h(text: str) -> str:
    return f'<text:h text:outline-level="2">{escape(text)}</text:h>\n'


def _p(text: str) -> str:
    return f"<text:p>{escape(text)}</text:p>\n"


def convert(files: list[Path], outdir: Path, profile: Path) -> float:
    """Seconds for one soffice call converting ``files`` to PDF."""
    binary = soffice()
    assert binary is not None
    started = time.perf_counter()
    subprocess.run(
        [
            binary,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *map(str, files),
        ],
        check=True,
        capture_output=True,
        timeout=900,
    )
    return time.perf_counter() - started


def run_office_peer(services: Services, participant_ids: list[int]) -> dict[str, float] | None:
    if soffice() is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        profile = folder / "profile"
        files = []
        for index, pid in enumerate(participant_ids[:100]):
            path = folder / f"handover-{index}.fodt"
            path.write_text(handover_document(services, pid), encoding="utf-8")
            files.append(path)
        convert(files[:1], folder / "warmup", profile)  # first start creates the profile
        singles = sorted(convert([f], folder / "single", profile) for f in files[:3])
        batch = convert(files, folder / "batch", profile)
        produced = len(list((folder / "batch").glob("*.pdf")))
    return {"one_document_s": singles[1], "batch_100_s": batch, "batch_documents": produced}
