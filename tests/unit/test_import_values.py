"""Cell values as a participant's fields want them: German, ISO and Excel dates, statuses
and levels in German or English, and what is refused with a sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from coachdesk.imports import values
from coachdesk.imports.values import CellProblem
from coachdesk.models.enums import GermanLevel, ParticipantStatus


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("01.03.1990", dt.date(1990, 3, 1)),
        ("1.3.1990", dt.date(1990, 3, 1)),
        ("1990-03-01", dt.date(1990, 3, 1)),
        ("1990-03-01 00:00:00", dt.date(1990, 3, 1)),
        ("01.03.1990 00:00", dt.date(1990, 3, 1)),
        (dt.datetime(1990, 3, 1, 0, 0), dt.date(1990, 3, 1)),
        (dt.date(1990, 3, 1), dt.date(1990, 3, 1)),
        (32933, dt.date(1990, 3, 1)),  # Excel's day number, the date format lost
        (32933.0, dt.date(1990, 3, 1)),
        ("", None),
        (None, None),
    ],
)
def test_dates(cell: values.Cell, expected: dt.date | None) -> None:
    assert values.date(cell) == expected


@pytest.mark.parametrize(
    ("cell", "said"),
    [
        ("31.02.1990", "31.02.1990 is not a date"),
        ("01/03/1990", "is not a date"),  # day or month first? not guessed
        ("01.03.90", "four digits"),
        ("gestern", "is not a date"),
        (32933.5, "is not a date"),
        ("=HEUTE()", "is a formula"),
    ],
)
def test_dates_refused(cell: values.Cell, said: str) -> None:
    with pytest.raises(CellProblem) as caught:
        values.date(cell)
    assert said in caught.value.message.render()


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Aktiv", ParticipantStatus.ACTIVE),
        ("active", ParticipantStatus.ACTIVE),
        ("PAUSIERT", ParticipantStatus.PAUSED),
        ("Ausgetreten", ParticipantStatus.EXITED),
        ("ausgeschieden", ParticipantStatus.EXITED),
        ("Nachbetreuung", ParticipantStatus.AFTERCARE),
        ("Intake", ParticipantStatus.INTAKE),
        ("", None),
    ],
)
def test_statuses_in_german_and_english(cell: str, expected: ParticipantStatus | None) -> None:
    assert values.status(cell) == expected


def test_unknown_values_are_named() -> None:
    with pytest.raises(CellProblem, match="schläft is not a status"):
        values.status("schläft")
    with pytest.raises(CellProblem, match="Z9 is not a German level"):
        values.german_level("Z9")
    with pytest.raises(CellProblem, match="zwei is not a number"):
        values.count("zwei")


def test_levels_numbers_and_text() -> None:
    assert values.german_level("b1") is GermanLevel.B1
    assert values.count(3.0) == 3
    assert values.text(1711234567.0) == "1711234567"  # a phone number typed as a number
    assert values.text(dt.datetime(2026, 2, 1)) == "01.02.2026"
    assert values.text("  Hauptstr. 1 ") == "Hauptstr. 1"
