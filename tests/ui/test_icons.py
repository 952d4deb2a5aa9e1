"""The icon set: every icon CoachDesk names is shipped, drawn, and follows the palette."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon
from pytestqt.qtbot import QtBot

from coachdesk.ui.kit.icons import Icon, icon, icon_folder


def opaque_colours(qicon: QIcon, size: int = 24) -> set[str]:
    image = qicon.pixmap(size, size).toImage()
    return {
        image.pixelColor(x, y).name()
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    }


def test_every_icon_is_shipped_with_its_licence() -> None:
    folder = icon_folder()
    assert folder is not None
    from pathlib import Path

    assert "ISC License" in (Path(folder) / "LICENSE.txt").read_text(encoding="utf-8")


def test_every_icon_is_drawn_in_the_colour_asked(qtbot: QtBot) -> None:
    for name in Icon:
        colours = opaque_colours(icon(name, QColor("#b00020")))
        assert colours == {"#b00020"}, name
