"""The colleagues' certificates as a table: name, organisation, state, validity, fingerprint."""

from __future__ import annotations

import datetime as dt

from coachdesk.i18n import N_, _, format_date
from coachdesk.services.colleagues import ColleagueInfo, usability
from coachdesk.ui.kit.table_model import Column, RecordTableModel, date_key


def state_text(c: ColleagueInfo, now: dt.datetime | None = None) -> str:
    """Whether she may be used for a transfer now, in a few words."""
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if c.removed_at is not None:
        return _("removed")
    if c.verified_at is None:
        return _("not verified")
    if usability(c, now) is not None:
        return _("expired") if now > c.valid_until else _("not valid yet")
    return _("verified on {date}").format(date=format_date(c.verified_at.date()))


class ColleagueTableModel(RecordTableModel[ColleagueInfo]):
    NAME, ORGANISATION, STATE, VALID_UNTIL, FINGERPRINT = range(5)
    COLUMNS = (
        Column(N_("Colleague"), lambda c: c.name),
        Column(N_("Organisation"), lambda c: c.organisation or c.contact),
        Column(N_("State"), state_text),
        Column(
            N_("Valid until"),
            lambda c: format_date(c.valid_until.date()),
            lambda c: date_key(c.valid_until),
        ),
        Column(N_("Fingerprint begins"), lambda c: c.grouped_fingerprint[:9]),
    )
