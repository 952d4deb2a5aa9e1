"""Switching the language in Settings retranslates the open window without a restart."""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from PySide6.QtCore import QSettings, Qt

from coachdesk import i18n
from coachdesk.facade import Services
from coachdesk.ui.shell.main_window import PARTICIPANTS, SETTINGS, MainWindow
from coachdesk.ui.shell.main_window import TODAY as TODAY_VIEW
from coachdesk.ui.shell.preferences import LANGUAGE_KEY
from coachdesk.ui.shell.signals import AppSignals
from tests.conftest import TODAY

GERMAN = {
    "Today": "Heute",
    "Participants": "Teilnehmerinnen",
    "Settings": "Einstellungen",
    "Lock": "Sperren",
    "Show archived": "Archivierte zeigen",
}


@pytest.fixture
def german_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    """A small German catalog, so the test does not depend on the lead's translation state."""
    catalog = Catalog(locale="de")
    for source, target in GERMAN.items():
        catalog.add(source, target)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    german = gettext.GNUTranslations(buffer)
    real = i18n.translations
    monkeypatch.setattr(i18n, "translations", lambda lang: german if lang == "de" else real(lang))


@pytest.fixture
def window(qtbot, vault, tmp_path: Path) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    signals = AppSignals()
    services = Services(vault.sessions, actor="Test Coach", today=lambda: TODAY)
    services.subscribe(signals.publish)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(services, vault, signals, settings)
    qtbot.addWidget(w)
    yield w
    w.dispose()


def _navigation(window: MainWindow) -> dict[str, str]:
    """Navigation label per view key."""
    return {
        window.nav.items.item(r).data(Qt.ItemDataRole.UserRole): window.nav.items.item(r).text()
        for r in range(window.nav.items.rowCount())
    }


def test_choosing_deutsch_retranslates_the_window(window: MainWindow, german_catalog) -> None:  # type: ignore[no-untyped-def]
    assert _navigation(window)[TODAY_VIEW] == "Today"
    assert _navigation(window)[PARTICIPANTS] == "Participants"
    window.show_view(SETTINGS)
    combo = window.settings_view.language
    combo.setCurrentIndex(combo.findData("de"))

    assert i18n.current_language() == "de"
    assert _navigation(window)[TODAY_VIEW] == "Heute"
    assert _navigation(window)[PARTICIPANTS] == "Teilnehmerinnen"
    assert _navigation(window)[SETTINGS] == "Einstellungen"
    assert window.lock_button.text() == "Sperren"
    assert window.participants.show_archived.text() == "Archivierte zeigen"
    assert window.settings.value(LANGUAGE_KEY) == "de"
    # The navigation grows with its longest label instead of cutting it off.
    metrics = window.nav.fontMetrics()
    assert window.nav.width() > metrics.horizontalAdvance("Teilnehmerinnen")

    combo.setCurrentIndex(combo.findData("en"))
    assert _navigation(window)[TODAY_VIEW] == "Today"
