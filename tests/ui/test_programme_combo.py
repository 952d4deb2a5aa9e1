"""The programme filter: every programme or one, chosen with the keyboard, kept on refill."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coachdesk.facade import Services
from coachdesk.models import Programme
from coachdesk.ui.kit.programme_combo import ProgrammeCombo


def _add(services: Services, name: str, *, archived: bool = False) -> int:
    with services.ctx.write() as s:
        p = Programme(name=name)
        if archived:
            p.archived_at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        s.add(p)
        s.flush()
        return p.id


def test_programmes_come_by_name_and_archived_ones_only_when_asked(services: Services) -> None:
    _add(services, "Stark im Beruf")
    _add(services, "Ältere Runde", archived=True)
    _add(services, "MY TURN")
    assert [p.name for p in services.programmes.list()] == ["MY TURN", "Stark im Beruf"]
    everything = services.programmes.list(include_archived=True)
    assert [(p.name, p.archived) for p in everything] == [
        ("Ältere Runde", True),
        ("MY TURN", False),
        ("Stark im Beruf", False),
    ]


def test_she_picks_a_programme_with_the_keyboard_and_a_refill_keeps_it(
    qtbot: QtBot, services: Services
) -> None:
    my_turn = _add(services, "MY TURN")
    stark = _add(services, "Stark im Beruf")
    combo = ProgrammeCombo()
    qtbot.addWidget(combo)
    combo.set_programmes(services.programmes.list())
    assert combo.value() is None and combo.currentText() == "All programmes"

    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert (combo.value(), combo.name()) == (stark, "Stark im Beruf")

    _add(services, "Frauen in Arbeit")
    with qtbot.assertNotEmitted(combo.currentIndexChanged):
        combo.set_programmes(services.programmes.list())
    assert combo.value() == stark
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "All programmes",
        "Frauen in Arbeit",
        "MY TURN",
        "Stark im Beruf",
    ]

    # Her programme is no longer offered: the filter falls back to all, and says so.
    others = [p for p in services.programmes.list() if p.id != stark]
    with qtbot.waitSignal(combo.currentIndexChanged):
        combo.set_programmes(others)
    assert combo.value() is None and my_turn in [combo.itemData(i) for i in range(combo.count())]
