"""The recovery sheet as a reader sees it: the code large and centred, in the coach's language."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest

from coachdesk.cli.main import main
from coachdesk.documents.recovery_sheet import render_recovery_sheet
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE

CODE = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ23-4567-89AB"
A4_WIDTH = 595.28
XHTML = "{http://www.w3.org/1999/xhtml}"


def words_with_boxes(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    """Each word of the first page with (xMin, yMin, xMax, yMax) in points, via pdftotext -bbox."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    root = ElementTree.fromstring(html)
    return [
        (
            w.text or "",
            float(w.attrib["xMin"]),
            float(w.attrib["yMin"]),
            float(w.attrib["xMax"]),
            float(w.attrib["yMax"]),
        )
        for w in root.iter(f"{XHTML}word")
    ]


def sheet(tmp_path: Path, lang: str) -> Path:
    target = tmp_path / f"sheet-{lang}.pdf"
    target.write_bytes(
        render_recovery_sheet(CODE, vault_name="vault", created_on=dt.date(2026, 11, 24), lang=lang)
    )
    return target


@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_code_is_large_and_centred(tmp_path: Path, lang: str) -> None:
    words = words_with_boxes(sheet(tmp_path, lang))
    lines = [w for w in words if w[0] in ("ABCD-EFGH-JKMN-PQRS", "TVWX-YZ23-4567-89AB")]
    assert [w[0] for w in lines] == ["ABCD-EFGH-JKMN-PQRS", "TVWX-YZ23-4567-89AB"]
    for _text, x_min, y_min, x_max, y_max in lines:
        assert y_max - y_min >= 14  # points: readable at arm's length
        centre = (x_min + x_max) / 2
        assert abs(centre - A4_WIDTH / 2) < 10
        assert x_max - x_min > A4_WIDTH / 3  # a line, not a 2 mm scribble in a corner


def test_the_german_sheet_has_no_english_words(tmp_path: Path) -> None:
    text = " ".join(w[0] for w in words_with_boxes(sheet(tmp_path, "de")))
    assert "Wiederherstellungscode" in text and "24. November 2026" in text
    english = {
        "recovery",
        "sheet",
        "vault",
        "keep",
        "created",
        "code:",
        "the",
        "with",
        "passphrase",
    }
    found = {w.lower() for w in re.findall(r"[A-Za-z]+", text)} & english
    assert found == {"vault"}  # only the vault's own name


def test_init_writes_the_sheet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    target = tmp_path / "sheet.pdf"
    assert main(["--lang", "de", "init", str(tmp_path / "v"), "--recovery-sheet", str(target)]) == 0
    words = " ".join(w[0] for w in words_with_boxes(target))
    assert "Wiederherstellungsblatt" in words
    code = re.search(r"([0-9A-Z]{4}-){3}[0-9A-Z]{4} ([0-9A-Z]{4}-){3}[0-9A-Z]{4}", words)
    assert code is not None
    Vault.open_with_recovery_code(tmp_path / "v", code.group(0).replace(" ", "-")).lock()


def test_init_refuses_a_sheet_inside_the_new_vault(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "v"
    assert main(["init", str(path), "--recovery-sheet", str(path / "sheet.pdf")]) == 1
    assert "outside the vault folder" in capsys.readouterr().err
    assert not path.exists()
