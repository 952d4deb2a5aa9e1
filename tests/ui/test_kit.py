"""The shared form pieces, used with the keyboard: form rows and spin boxes with counted units."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from coachdesk import i18n
from coachdesk.i18n import N_, ngettext
from coachdesk.ui.kit.count_spin_box import CountSpinBox
from coachdesk.ui.kit.form_rows import FormRows, plain_caption
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.kit.table_model import Column, RecordTableModel


@pytest.fixture
def german() -> Iterator[None]:
    before = i18n.current_language()
    i18n.set_language("de")
    yield
    i18n.set_language(before)


def months_box(qtbot: QtBot) -> CountSpinBox:
    box = CountSpinBox(lambda n: ngettext("{n} month", "{n} months", n))
    box.setRange(0, 120)
    qtbot.addWidget(box)
    box.show()
    return box


def type_value(qtbot: QtBot, box: CountSpinBox, digits: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, digits)


@pytest.mark.usefixtures("german")
def test_the_unit_follows_the_number_as_she_types(qtbot: QtBot) -> None:
    box = months_box(qtbot)
    type_value(qtbot, box, "1")
    assert (box.value(), box.text()) == (1, "1 Monat")
    type_value(qtbot, box, "36")
    assert (box.value(), box.text()) == (36, "36 Monate")
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.text() == "35 Monate"


def test_the_unit_follows_the_language(qtbot: QtBot) -> None:
    box = months_box(qtbot)
    type_value(qtbot, box, "6")
    i18n.set_language("de")
    try:
        box.retranslate()
        assert box.text() == "6 Monate"
    finally:
        i18n.set_language("en")
    box.retranslate()
    assert box.text() == "6 months"


def form(qtbot: QtBot) -> tuple[QWidget, FormRows]:
    window = QWidget()
    qtbot.addWidget(window)
    rows = FormRows(window)
    # Made in another order than shown: Tab must follow the rows, not the creation order.
    phone, role, first = QLineEdit(window), QLineEdit(window), QLineEdit(window)
    rows.add("first_name", N_("&First name:"), first)
    rows.add("role", N_("Role"), role)
    rows.add("phone", N_("Phone"), phone)
    rows.chain_tabs()
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window, rows


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


def test_a_screen_reader_hears_each_caption(qtbot: QtBot) -> None:
    _window, rows = form(qtbot)
    assert [accessible_name(w) for w in rows.fields.values()] == ["First name", "Role", "Phone"]


@pytest.mark.usefixtures("german")
def test_captions_and_names_are_translated(qtbot: QtBot) -> None:
    _window, rows = form(qtbot)
    assert rows.captions["role"].text() == i18n._("Role")
    assert accessible_name(rows.fields["role"]) == i18n._("Role")


def test_tab_walks_the_fields_in_their_order(qtbot: QtBot) -> None:
    window, rows = form(qtbot)
    first, role, phone = rows.fields.values()
    first.setFocus()
    qtbot.keyClicks(first, "Amina")
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    assert window.focusWidget() is role
    qtbot.keyClicks(role, "Mentorin")
    qtbot.keyClick(role, Qt.Key.Key_Tab)
    assert window.focusWidget() is phone
    qtbot.keyClicks(phone, "0151 2345")
    assert [w.text() for w in (first, role, phone)] == ["Amina", "Mentorin", "0151 2345"]


def test_a_field_name_is_used_once(qtbot: QtBot) -> None:
    _window, rows = form(qtbot)
    with pytest.raises(ValueError):
        rows.add("role", N_("Role"), QLineEdit())


def test_plain_caption() -> None:
    assert plain_caption("&Current passphrase:") == "Current passphrase"
    assert plain_caption("Rock && roll") == "Rock & roll"


def test_a_message_takes_no_space_from_the_fields_and_goes_when_fixed(qtbot: QtBot) -> None:
    from PySide6.QtCore import QPoint

    from coachdesk.i18n import Message
    from coachdesk.services.errors import FieldError, ValidationError
    from coachdesk.ui.kit.forms import show_validation_errors

    window, rows = form(qtbot)
    first, role, _phone = rows.fields.values()
    before = role.mapTo(window, QPoint(0, 0)).y()
    problem = ValidationError([FieldError("first_name", Message(N_("Please enter a name.")))])
    show_validation_errors(rows.fields, problem)
    label = first.error_label  # type: ignore[attr-defined]
    assert label.isVisible() and label.text()
    assert role.mapTo(window, QPoint(0, 0)).y() == before  # nothing moved under her mouse
    qtbot.keyClicks(first, "Amina")
    assert not label.isVisible()  # fixed: the message goes at once, not at the next save
    assert role.mapTo(window, QPoint(0, 0)).y() == before


def test_a_long_text_counts_down_near_its_limit(qtbot: QtBot) -> None:
    from coachdesk.ui.kit.forms import LengthCounter, text_area

    window = QWidget()
    qtbot.addWidget(window)
    rows = FormRows(window)
    notes = rows.add("notes", N_("Note"), text_area(limit=100))
    window.show()
    counter = window.findChild(LengthCounter)
    assert counter is not None and not counter.isVisible()
    notes.setFocus()
    qtbot.keyClicks(notes, "x" * 89)
    assert not counter.isVisible()
    qtbot.keyClicks(notes, "x" * 6)
    assert counter.isVisible() and counter.text() == "95 of 100 characters"
    qtbot.keyClicks(notes, "x" * 6)
    assert counter.text() == "101 of 100 characters" and "b00020" in counter.styleSheet()


@pytest.mark.parametrize("typed", ["14:00", "14.00", "1400"])
@pytest.mark.parametrize("x", [22, 150])  # on the minutes, after the text
def test_a_time_is_typed_as_she_says_it_wherever_she_clicked(
    qtbot: QtBot, typed: str, x: int
) -> None:
    """A plain QTimeEdit left 10:00 standing when she had clicked there and typed 14:00."""
    from PySide6.QtCore import QPoint, QTime

    from coachdesk.ui.kit.time_field import TimeField

    window = QWidget()
    qtbot.addWidget(window)
    field = TimeField(window)
    field.setTime(QTime(10, 0))
    field.resize(200, field.sizeHint().height())
    window.resize(300, 100)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton, pos=QPoint(x, 8))
    qtbot.wait(10)
    qtbot.keyClicks(field, typed)
    assert field.time() == QTime(14, 0)


def test_a_dot_moves_on_to_the_minutes(qtbot: QtBot) -> None:
    from PySide6.QtCore import QTime

    from coachdesk.ui.kit.time_field import TimeField

    field = TimeField()
    qtbot.addWidget(field)
    field.setTime(QTime(10, 0))
    field.show()
    field.setFocus()
    qtbot.wait(10)
    qtbot.keyClicks(field, "9.30")
    assert field.time() == QTime(9, 30)


class Names(RecordTableModel[str]):
    COLUMNS = (Column[str](N_("Name"), lambda s: s),)


def test_tabbing_into_a_list_marks_a_row_so_enter_and_buttons_act_on_it(qtbot: QtBot) -> None:
    host = QWidget()
    before = QLineEdit(host)
    table = RecordTable(Names(host))  # a model lives with its view, as in every tab
    layout = QVBoxLayout(host)
    layout.addWidget(before)
    layout.addWidget(table)
    qtbot.addWidget(host)
    table.set_rows(["Amina"])
    host.show()
    host.activateWindow()
    qtbot.waitUntil(host.isActiveWindow)
    before.setFocus()
    assert table.current_record() is None
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert table.view.hasFocus()
    assert table.current_record() == "Amina"
    with qtbot.waitSignal(table.activated) as activated:
        qtbot.keyClick(table.view, Qt.Key.Key_Return)
    assert activated.args == ["Amina"]
