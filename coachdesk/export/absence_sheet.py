"""The monthly absence sheet for the job centre: her sessions of one month, from the register.

One sheet per participant and calendar month: every session recorded for her in the
session register that month (date, module, present / excused / sick / absent without an
excuse) and the number of session days of each kind. It goes through the consent filter
like every document for the job centre: without a consent covering "modules and
attendance" for the recipient it shows no sessions; of her identity it shows only what
names her for the job centre (name, date of birth, customer number), never her phone,
address or e-mail. Notes written beside a session stay in the vault.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import BinaryIO

from babel import dates as babel_dates
from reportlab.platypus import Flowable

from coachdesk.documents.layout import SignatureBox, Styles, para, rows_table, styles
from coachdesk.export.common import DocumentData, build_document, fmt, not_included, opening
from coachdesk.export.facts import FilteredFile
from coachdesk.i18n import N_, _, babel_locale, ngettext
from coachdesk.models.enums import AttendanceStatus, DataCategory

C = DataCategory
TITLE = N_("Absence sheet")
IDENTITY_FIELDS = ("first_name", "last_name", "date_of_birth", "jobcentre_customer_number")
"""What of her identity the sheet shows (if her consent covers it): what the job centre
needs to find her file, nothing more."""
_FIELD_LABELS = {
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "date_of_birth": N_("Date of birth"),
    "jobcentre_customer_number": N_("Job centre customer number"),
}
# The order of the totals: present first, then the absences, excused before unexcused.
ORDER = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.EXCUSED,
    AttendanceStatus.SICK,
    AttendanceStatus.ABSENT,
)
_TOTALS = {
    AttendanceStatus.PRESENT: N_("Present"),
    AttendanceStatus.EXCUSED: N_("Excused"),
    AttendanceStatus.SICK: N_("Sick"),
    AttendanceStatus.ABSENT: N_("Absent without excuse"),
}
_STATUS_TEXT = {
    AttendanceStatus.PRESENT: N_("present"),
    AttendanceStatus.EXCUSED: N_("excused"),
    AttendanceStatus.SICK: N_("sick"),
    AttendanceStatus.ABSENT: N_("absent without excuse"),
}


@dataclass(frozen=True)
class Session:
    """One session of hers in the month, as the register holds it."""

    day: dt.date
    module: str
    status: AttendanceStatus


def month_span(month: dt.date) -> tuple[dt.date, dt.date]:
    """The first and the last day of the calendar month ``month`` lies in."""
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def previous_month(day: dt.date) -> dt.date:
    """The first day of the month before ``day``'s: the sheet a coach sends at a month's start."""
    return (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def month_name(month: dt.date, lang: str) -> str:
    """ "November 2026" / "November 2026" / "noviembre de 2026", as ``lang`` writes a month."""
    return str(babel_dates.format_skeleton("yMMMM", month, locale=babel_locale(lang)))


def sheet_title(month: dt.date, lang: str) -> str:
    """ "Absence sheet for November 2026": the title, and the purpose when none is given."""
    return _("Absence sheet for {month}", lang).format(month=month_name(month, lang))


def sessions_in(file: FilteredFile, month: dt.date) -> list[Session]:
    """Her sessions of the month, by day and module (none when attendance is not covered)."""
    first, last = month_span(month)
    found = [
        Session(a.session_date, e.module_title, a.status)
        for e in file.enrolments
        for a in e.attendance
        if first <= a.session_date <= last
    ]
    return sorted(found, key=lambda s: (s.day, s.module))


def totals(sessions: list[Session]) -> dict[AttendanceStatus, int]:
    """Session days of each kind (every kind, zero included)."""
    counted = Counter(s.status for s in sessions)
    return {status: counted[status] for status in ORDER}


def render_absence_sheet(data: DocumentData, out: BinaryIO) -> SignatureBox:
    st = styles()
    lang = data.lang
    month = data.month or previous_month(data.issued_on)
    title = sheet_title(month, lang)
    flow: list[Flowable] = opening(data, title, st)
    flow += _identity(data, st)
    flow += _attendance(data, month, st)
    return build_document(data, out, title, flow, st)


def _identity(data: DocumentData, st: Styles) -> list[Flowable]:
    lang = data.lang
    values = {f.field: f.value for f in data.file.facts if f.category == C.IDENTITY_CONTACT}
    rows = [
        (_(_FIELD_LABELS[name], lang), fmt(values[name], lang))
        for name in IDENTITY_FIELDS
        if values.get(name)
    ]
    return rows_table(rows, st) if rows else []


def _attendance(data: DocumentData, month: dt.date, st: Styles) -> list[Flowable]:
    lang = data.lang
    heading = _("Attendance in {month}", lang).format(month=month_name(month, lang))
    out: list[Flowable] = [para(heading, st.heading)]
    if C.MODULES_ATTENDANCE not in data.file.covered:
        return out + not_included(data, C.MODULES_ATTENDANCE, st)
    sessions = sessions_in(data.file, month)
    if not sessions:
        return [*out, para(_("No session of hers is recorded in this month.", lang), st.body)]
    counted = totals(sessions)
    rows = []
    for status in ORDER:
        n = counted[status]
        days = ngettext("{n} session day", "{n} session days", n, lang).format(n=n)
        rows.append((_(_TOTALS[status], lang), days))
    out += rows_table(rows, st)
    out.append(para(_("Sessions", lang), st.heading))
    out += rows_table([(fmt(s.day, lang), session_text(s, lang)) for s in sessions], st)
    return out


def session_text(session: Session, lang: str) -> str:
    """ "excused · Deutsch im Beruf": what was recorded, and in which module."""
    return f"{_(_STATUS_TEXT[session.status], lang)} · {session.module}"
