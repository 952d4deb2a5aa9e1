"""``coachdesk self-test``: one line per check, all of them real, and nothing left behind."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from coachdesk.cli.main import main


def test_every_check_passes_and_nothing_is_left(capsys: pytest.CaptureFixture[str]) -> None:
    before = set(Path(tempfile.gettempdir()).glob("coachdesk-self-test-*"))
    assert main(["self-test", "--window"]) == 0
    lines = capsys.readouterr().out.splitlines()
    checks = [line for line in lines if line.startswith(("ok", "FAILED"))]
    assert len(checks) == 13 and all(line.startswith("ok") for line in checks), lines
    assert lines[-1] == "All 13 checks passed."
    assert any("SQLCipher is active (4." in line for line in checks)
    assert any("The German catalog is loaded (Teilnehmerinnen)" in line for line in checks)
    assert any("read back (application/pdf, image/tiff)" in line for line in checks)
    assert any("The viewer draws a document's pages (" in line for line in checks)
    assert set(Path(tempfile.gettempdir()).glob("coachdesk-self-test-*")) == before


def test_messages_follow_the_language(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "de", "self-test"]) == 0
    out = capsys.readouterr().out
    assert "Alle 11 Prüfungen bestanden." in out


def test_a_network_attempt_fails_the_check(tmp_path: Path) -> None:
    import socket

    from coachdesk.cli.selftest import SelfTest

    test = SelfTest(tmp_path)
    test.watch_network()
    assert test.no_network()
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", 9), timeout=0.5)  # the discard port: refused
    with pytest.raises(AssertionError, match=r"socket\.connect"):
        test.no_network()
