"""Programmes in the window, as a coach works: with keys and the mouse, on a real vault.

Set COACHDESK_SCREENSHOTS to a folder to save the programmes tab, her form and the report
page at 1280x720 in English and German."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from coachdesk import i18n
from coachdesk.demo.generate import generate_demo
from coachdesk.facade import Services
from coachdesk.reports.published import publish
from coachdesk.services.modules import ModuleDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.services.programmes import ProgrammeDraft
from coachdesk.ui.file.participant_file import ParticipantFile
from coachdesk.ui.kit.record_dialog import RecordDialog
from coachdesk.ui.modules.enrolment_dialogs import EnrolDialog
from coachdesk.ui.modules.view import ModulesView
from coachdesk.ui.participants.view import ParticipantsView
from coachdesk.ui.reports.models import figure_rows
from coachdesk.ui.reports.view import ReportsView
from coachdesk.ui.shell.signals import AppSignals
from tests.conftest import TODAY

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def signals(services: Services) -> AppSignals:
    hub = AppSignals()
    services.subscribe(hub.publish)
    return hub


def shoot(widget: QWidget, name: str, retranslate: object) -> None:
    """At 1280x720, in English and German, when COACHDESK_SCREENSHOTS names a folder."""
    folder = os.environ.get("COACHDESK_SCREENSHOTS")
    if not folder:
        return
    for lang in ("en", "de"):
        i18n.set_language(lang)
        retranslate()  # type: ignore[operator]
        QApplication.processEvents()
        widget.grab().save(f"{folder}/{name}_{lang}.png")
    i18n.set_language("en")
    retranslate()  # type: ignore[operator]


def open_dialog(parent: QWidget) -> RecordDialog:
    dialogs = [d for d in parent.findChildren(RecordDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_she_adds_edits_and_archives_a_programme_beside_the_catalogue(  # type: ignore[no-untyped-def]
    qtbot, services: Services, signals: AppSignals, monkeypatch
) -> None:
    view = ModulesView(services, signals)
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    bar = view.tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(1).center())
    panel = view.programmes
    assert view.tabs.currentWidget() is panel and panel.table.is_empty()
    qtbot.mouseClick(panel.new_button, LEFT)
    dialog = open_dialog(panel)
    qtbot.keyClicks(dialog.focusWidget(), "MY TURN")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.focusWidget(), "ESF Plus")
    begins, ends = dialog.widgets["funded_from"].line, dialog.widgets["funded_until"].line
    qtbot.mouseClick(begins, LEFT)
    qtbot.keyClicks(begins, "01/01/2026")
    qtbot.mouseClick(ends, LEFT)
    qtbot.keyClicks(ends, "31/12/2025")  # before it begins: refused
    qtbot.keyClick(ends, Qt.Key.Key_Return)
    assert dialog.isVisible() and services.programmes.list() == []
    ends.selectAll()
    qtbot.keyClicks(ends, "31/12/2027")
    qtbot.keyClick(ends, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    [made] = services.programmes.list()
    assert (made.name, made.funder, made.funded_from, made.funded_until) == (
        "MY TURN",
        "ESF Plus",
        dt.date(2026, 1, 1),
        dt.date(2027, 12, 31),
    )
    model = panel.table.model
    assert [model.index(0, c).data() for c in range(3)] == [
        "MY TURN",
        "ESF Plus",
        "Jan 1, 2026 to Dec 31, 2027",
    ]
    services.programmes.create(ProgrammeDraft("Stark im Beruf", funder="Jobcenter"))
    shoot(view, "programmes_tab", view.retranslate)
    # Enter on a row opens it; a second programme of the same name is refused.
    panel.table.view.setFocus()
    panel.table.select_where(lambda p: p.name == "Stark im Beruf")
    qtbot.keyClick(panel.table.view, Qt.Key.Key_Return)
    dialog = open_dialog(panel)
    name = dialog.widgets["name"]
    name.selectAll()
    qtbot.keyClicks(name, "my turn")
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert dialog.isVisible()  # refused: the name is taken
    dialog.reject()
    assert {p.name for p in services.programmes.list()} == {"MY TURN", "Stark im Beruf"}
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
    )
    panel.table.select_where(lambda p: p.name == "MY TURN")
    qtbot.mouseClick(panel.archive_button, LEFT)
    assert [p.name for p in panel.table.model.rows()] == ["Stark im Beruf"]
    panel.show_archived.setChecked(True)
    assert len(panel.table.model.rows()) == 2


def test_her_form_offers_a_new_programme_without_leaving_it(  # type: ignore[no-untyped-def]
    qtbot, services: Services, signals: AppSignals
) -> None:
    services.programmes.create(ProgrammeDraft("MY TURN"))
    pid = services.participants.create(ParticipantDraft("Amina", "Haddad")).id
    file = ParticipantFile(services, signals, pid)
    qtbot.addWidget(file)
    file.resize(1280, 720)
    file.show()
    choice = file.overview.form.fields["programme_id"]
    assert choice.currentText() == "No programme"
    assert [choice.itemText(i) for i in range(choice.count())] == [
        "No programme",
        "MY TURN",
        "New programme…",
    ]
    choice.setFocus()
    qtbot.keyClick(choice, Qt.Key.Key_End)  # the last entry: a new programme
    dialog = open_dialog(file)
    assert choice.currentText() == "No programme"  # not a value of her form
    qtbot.keyClicks(dialog.focusWidget(), "Stark im Beruf")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert choice.currentText() == "Stark im Beruf" and file.overview.dirty
    shoot(file, "participant_form", file.retranslate)
    qtbot.mouseClick(file.overview.save_button, LEFT)
    stark = services.programmes.find("Stark im Beruf")
    assert stark is not None
    assert services.participants.get(pid).programme_id == stark.id


def test_the_list_filters_by_her_programme(  # type: ignore[no-untyped-def]
    qtbot, services: Services, signals: AppSignals
) -> None:
    turn = services.programmes.create(ProgrammeDraft("MY TURN"))
    stark = services.programmes.create(ProgrammeDraft("Stark im Beruf"))
    for first, programme in (("Amina", turn.id), ("Olena", stark.id), ("Maria", stark.id)):
        services.participants.create(ParticipantDraft(first, "Test", programme_id=programme))
    view = ParticipantsView(services, signals)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    view.programme_filter.setFocus()
    qtbot.keyClicks(view.programme_filter, "Stark")
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    assert view.programme_filter.value() == stark.id
    assert view.count_label.text() == "2 participants"
    # A programme made meanwhile is offered at once; a rename shows in her row.
    services.programmes.update(stark.id, ProgrammeDraft("Stark im Beruf 2026"))
    qtbot.waitUntil(lambda: view.programme_filter.currentText() == "Stark im Beruf 2026")
    qtbot.waitUntil(
        lambda: (
            {view.model.row_at(r).programme for r in range(view.model.rowCount())}
            == {"Stark im Beruf 2026"}
        )
    )


def test_the_quarterly_report_filters_by_programme(  # type: ignore[no-untyped-def]
    qtbot, services: Services, vault
) -> None:
    generate_demo(vault, participants=40, seed=4, today=TODAY)
    hub = AppSignals()
    services.subscribe(hub.publish)
    view = ReportsView(services, hub)
    qtbot.addWidget(view)
    view.resize(1280, 720)
    page = view.quarterly
    with qtbot.waitSignal(page.figures_shown):
        view.show()
    page.language.setCurrentIndex(page.language.findData("en"))
    stark = services.programmes.find("Stark im Beruf")
    assert stark is not None
    page.programme.setFocus()
    with qtbot.waitSignal(page.figures_shown):
        qtbot.keyClicks(page.programme, "Stark")
    assert page.programme.value() == stark.id
    period = page.period()
    assert period is not None
    expected = publish(services.reports.quarterly_figures(*period, stark.id), "en")
    assert [(r.item, r.value) for r in page.table.model.rows()] == [
        (r.item, r.value) for r in figure_rows(expected)
    ]
    shoot(view, "quarterly_page", view.retranslate)


def test_a_module_of_one_programme_is_in_its_catalogue_and_offered_to_hers_first(  # type: ignore[no-untyped-def]
    qtbot, services: Services, signals: AppSignals
) -> None:
    turn = services.programmes.create(ProgrammeDraft("MY TURN"))
    stark = services.programmes.create(ProgrammeDraft("Stark im Beruf"))
    services.modules.create(ModuleDraft("Jobmesse"))  # for every programme
    services.modules.create(ModuleDraft("Kompetenzfeststellung", programme_id=stark.id))
    view = ModulesView(services, signals)
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    shoot(view, "module_catalogue", view.retranslate)
    qtbot.mouseClick(view.new_button, LEFT)
    dialog = open_dialog(view)
    qtbot.keyClicks(dialog.widgets["title"], "Bewerbungstraining")
    combo = dialog.widgets["programme_id"]
    assert combo.currentText() == "All programmes"
    shoot(dialog, "module_form", dialog.retranslate_form)
    combo.setFocus()
    qtbot.keyClicks(combo, "MY")
    qtbot.keyClick(dialog.widgets["title"], Qt.Key.Key_Return)
    assert not dialog.isVisible()

    def shown() -> set[str]:
        return {m.title for m in view.table.model.rows()}

    assert shown() == {"Jobmesse", "Kompetenzfeststellung", "Bewerbungstraining"}
    view.programme.setFocus()
    qtbot.keyClicks(view.programme, "MY")
    assert shown() == {"Jobmesse", "Bewerbungstraining"}
    qtbot.wait(QApplication.keyboardInputInterval() + 100)  # a new search, not "MYStark"
    qtbot.keyClicks(view.programme, "Stark")
    assert shown() == {"Jobmesse", "Kompetenzfeststellung"}
    amina = services.participants.create(ParticipantDraft("Amina", "T", programme_id=turn.id))
    enrol = EnrolDialog(services, amina.id, view)
    qtbot.addWidget(enrol)
    items = [enrol.module.itemText(i) for i in range(enrol.module.count())]
    assert items[:2] == ["Bewerbungstraining", "Jobmesse"] or items[:2] == [
        "Jobmesse",
        "Bewerbungstraining",
    ]
    assert items[2] == "" and items[3] == "Kompetenzfeststellung (Stark im Beruf)"
