"""Render the application icon (packaging/icons/coachdesk.svg) for the installers.

``python -m scripts.render_icons FOLDER`` writes FOLDER/<n>x<n>/apps/coachdesk.png in the
hicolor sizes (Linux) and FOLDER/coachdesk.ico (Windows). Drawn with Qt's own SVG renderer,
so packaging needs no other image tool.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "packaging" / "icons" / "coachdesk.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    out = Path(argv[0])
    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"cannot read {SOURCE}", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        target = out / f"{size}x{size}" / "apps" / "coachdesk.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target)):
            print(f"cannot write {target}", file=sys.stderr)
            return 1
        if size == 256:
            image.save(str(out / "coachdesk.ico"))  # Qt's ico plugin; absent: no .ico
    scalable = out / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    (scalable / "coachdesk.svg").write_bytes(SOURCE.read_bytes())
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
