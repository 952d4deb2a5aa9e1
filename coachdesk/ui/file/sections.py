"""The sections (tabs) of a participant's file, and which one shows a record of each kind."""

from __future__ import annotations

import enum

from coachdesk.i18n import N_
from coachdesk.services.context import ChangeKind


class FileSection(enum.StrEnum):
    """The tabs of the participant file, in the order they are shown."""

    OVERVIEW = "overview"
    GOALS = "goals"
    MODULES = "modules"
    MEETINGS = "meetings"
    HANDOVERS = "handovers"
    CONSENTS = "consents"
    PAPERS = "papers"
    AFTERCARE = "aftercare"
    ESF = "esf"
    EXPORTS = "exports"


SECTION_OF_KIND: dict[ChangeKind, FileSection] = {
    ChangeKind.PARTICIPANT: FileSection.OVERVIEW,
    ChangeKind.GOAL: FileSection.GOALS,
    ChangeKind.MILESTONE: FileSection.GOALS,
    ChangeKind.ENROLMENT: FileSection.MODULES,
    ChangeKind.MEETING: FileSection.MEETINGS,
    ChangeKind.AGREEMENT: FileSection.MEETINGS,
    ChangeKind.HANDOVER: FileSection.HANDOVERS,
    ChangeKind.CONSENT: FileSection.CONSENTS,
    ChangeKind.AFTERCARE: FileSection.AFTERCARE,
    ChangeKind.ESF: FileSection.ESF,
    ChangeKind.EXPORT: FileSection.EXPORTS,
    ChangeKind.ATTACHMENT: FileSection.PAPERS,
}
"""Which section shows a record of each kind (Today opens a meeting, a goal, a consent...)."""

SECTION_TITLES: dict[FileSection, str] = {
    FileSection.OVERVIEW: N_("Overview"),
    FileSection.GOALS: N_("Goals and milestones"),
    FileSection.MODULES: N_("Modules"),
    FileSection.MEETINGS: N_("Meetings"),
    FileSection.HANDOVERS: N_("Handovers"),
    FileSection.CONSENTS: N_("Consents"),
    FileSection.PAPERS: N_("Papers"),
    FileSection.AFTERCARE: N_("Aftercare"),
    FileSection.ESF: N_("ESF Plus"),
    FileSection.EXPORTS: N_("Exports"),
}
"""The tab titles (source texts, translated when shown)."""
