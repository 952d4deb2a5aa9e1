"""The peer coaches use today: a filled office template converted by LibreOffice.

The same handover facts are written into a flat ODF text document (.fodt) and
converted with ``soffice --headless --convert-to pdf``, once per document and
as a batch of 100 in one call (``OfficePeer``; ``benchmarks.batch`` alternates its calls
with CoachDesk's batches).
"""

from __future__ import annotations

import resource
import shutil
import subprocess
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
    return convert_timed(files, outdir, profile)[0]


def convert_timed(files: list[Path], outdir: Path, profile: Path) -> tuple[float, float]:
    """Seconds and CPU seconds (soffice and its children) of one call converting ``files``."""
    binary = soffice()
    assert binary is not None
    cpu_before = _children_cpu()
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
    return time.perf_counter() - started, _children_cpu() - cpu_before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class OfficePeer:
    """The office documents of the same participants, ready to convert again and again.

    ``batch()`` may be called between CoachDesk's batches, so both are measured under
    the same load of a shared machine.
    """

    def __init__(self, services: Services, participant_ids: list[int], folder: Path) -> None:
        self.folder = folder
        self.profile = folder / "profile"
        self.files = []
        for index, pid in enumerate(participant_ids[:100]):
            path = folder / f"handover-{index}.fodt"
            path.write_text(handover_document(services, pid), encoding="utf-8")
            self.files.append(path)
        convert(self.files[:1], folder / "warmup", self.profile)  # creates the profile
        self.runs = 0

    def one(self) -> float:
        """A cold soffice start converting one document (the middle of three)."""
        return sorted(convert([f], self.folder / "single", self.profile) for f in self.files[:3])[1]

    def batch(self) -> tuple[float, float, int]:
        """Seconds, CPU seconds and documents made by one call converting all of them."""
        self.runs += 1
        outdir = self.folder / f"batch-{self.runs}"
        seconds, cpu = convert_timed(self.files, outdir, self.profile)
        return seconds, cpu, len(list(outdir.glob("*.pdf")))
