"""Every participant field that can leave the vault has a label on the page (a raw column
name such as ``first_name_latin`` in a job-centre document is a bug)."""

from __future__ import annotations

from coachdesk.export.common import FIELD_LABELS
from coachdesk.export.consent_filter import category_of
from coachdesk.i18n import _
from coachdesk.models import Participant


def test_every_exportable_participant_field_has_a_translated_label() -> None:
    exported = [
        column.key
        for column in Participant.__table__.columns
        if category_of(Participant, column.key) is not None
    ]
    assert "first_name_latin" in exported
    assert [key for key in exported if key not in FIELD_LABELS] == []
    same_in_german = {"Pseudonym", "Status"}
    untranslated = [
        key
        for key in exported
        if _(FIELD_LABELS[key], "de") == FIELD_LABELS[key] not in same_in_german
    ]
    assert untranslated == []
