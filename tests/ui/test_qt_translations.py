"""Qt's standard buttons follow the app's language, switched at run time."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from coachdesk import i18n
from coachdesk.ui.shell.qt_translations import QtTranslations


@pytest.fixture
def qt_translations(qapp) -> Iterator[QtTranslations]:  # type: ignore[no-untyped-def]
    translations = QtTranslations(qapp)
    yield translations
    i18n.set_language("en")
    i18n.off_language_changed(translations.apply)
    translations.deleteLater()


def _buttons() -> list[str]:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    return [b.text().replace("&", "") for b in box.buttons()]


def test_standard_buttons_are_german_after_switching(qt_translations) -> None:  # type: ignore[no-untyped-def]
    assert _buttons() == ["Cancel"]
    i18n.set_language("de")
    assert _buttons() == ["Abbrechen"]
    i18n.set_language("en")
    assert _buttons() == ["Cancel"]
