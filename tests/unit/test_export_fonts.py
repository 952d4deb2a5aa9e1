"""The shipped fonts: all there, all loadable, found from the source tree and an installation."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from fontTools import ttLib
from reportlab.pdfbase.ttfonts import TTFont

from coachdesk.documents import fonts

REPO = Path(__file__).resolve().parents[2]
LATIN_CYRILLIC = "Aa ÄäÖöÜüß ĞğİıŞşÇç ЖжЩщЁёЇї"
ARABIC_SCRIPT = "فاطمة پژوهش"


def test_every_shipped_font_exists_loads_and_covers_its_scripts() -> None:
    shipped = fonts.shipped_fonts()
    assert set(shipped) == {fonts.SANS, fonts.SANS_BOLD, fonts.ARABIC, fonts.ARABIC_BOLD}
    for name, path in shipped.items():
        assert path.is_file(), path
        TTFont(name, str(path))  # ReportLab can embed it
        cmap = ttLib.TTFont(str(path)).getBestCmap()
        sample = ARABIC_SCRIPT if name in (fonts.ARABIC, fonts.ARABIC_BOLD) else LATIN_CYRILLIC
        missing = [ch for ch in sample if ch != " " and ord(ch) not in cmap]
        assert missing == [], (name, missing)
    # The licence travels with the fonts (SIL Open Font License).
    assert (fonts.font_dir() / "OFL.txt").is_file()


def _installed_copy(tmp_path: Path) -> Path:
    """The package alone, as pip puts it into site-packages: no repository around it."""
    site = tmp_path / "site-packages"
    shutil.copytree(
        REPO / "coachdesk", site / "coachdesk", ignore=shutil.ignore_patterns("__pycache__")
    )
    return site


def _font_dir_in(site: Path, prefix: Path, env: dict[str, str] | None = None) -> str:
    code = (
        "import sys; sys.prefix = sys.argv[1]\n"
        "from coachdesk.documents.fonts import FontsMissingError, font_dir\n"
        "try:\n    print(font_dir())\n"
        "except FontsMissingError as exc:\n    print('MISSING', exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(prefix)],
        capture_output=True,
        text=True,
        cwd=site,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", **(env or {})},
        check=True,
    )
    return result.stdout.strip()


def test_fonts_found_from_an_installation_or_a_clear_error(tmp_path: Path) -> None:
    site = _installed_copy(tmp_path)
    prefix = tmp_path / "venv"
    prefix.mkdir()
    # Nothing installed beside the package: the coach is told, in words, what is wrong.
    missing = _font_dir_in(site, prefix)
    assert missing.startswith("MISSING The fonts for documents are missing")
    assert str(prefix / "share" / "coachdesk" / "fonts") in missing
    # Installed as data files of the wheel (share/coachdesk/fonts under the environment).
    shutil.copytree(REPO / "resources" / "fonts", prefix / "share" / "coachdesk" / "fonts")
    assert _font_dir_in(site, prefix) == str(prefix / "share" / "coachdesk" / "fonts")
    # A bundle or a packager may name the resources folder explicitly.
    bundle = tmp_path / "bundle"
    shutil.copytree(REPO / "resources", bundle)
    found = _font_dir_in(site, tmp_path / "empty", {fonts.RESOURCES_ENV: str(bundle)})
    assert found == str(bundle / "fonts")


def test_source_tree_fonts_are_the_repositorys() -> None:
    assert fonts.font_dir() == REPO / "resources" / "fonts"
