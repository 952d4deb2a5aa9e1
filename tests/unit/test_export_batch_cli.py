"""``coachdesk export --participants / --all-active-for ... --out-dir`` as a script uses it."""

from __future__ import annotations

import io
import os
import signal
from pathlib import Path

import pytest

from coachdesk.cli.main import main
from coachdesk.facade import Services
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE, TODAY
from tests.unit.batch_support import Batch, check_document, leftovers, name_of, seed_batch
from tests.unit.test_export_saving import read_only_folder


@pytest.fixture
def batch(vault_path: Path, monkeypatch: pytest.MonkeyPatch) -> Batch:
    vault = Vault.open(vault_path, PASSPHRASE)
    try:
        seeded = seed_batch(Services(vault.sessions, actor="Test Coach", today=lambda: TODAY))
    finally:
        vault.lock()
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    return seeded  # type: ignore[no-any-return]


def _export(vault_path: Path, *options: str) -> int:
    return main(["--lang", "en", "export", str(vault_path), *options])


def _history(vault_path: Path, ids: tuple[int, ...]) -> dict[int, list[str]]:
    vault = Vault.open(vault_path, PASSPHRASE)
    try:
        exports = Services(vault.sessions).exports
        return {pid: [h.sha256 for h in exports.history(pid)] for pid in ids}
    finally:
        vault.lock()


def test_participants_batch_saves_the_included_and_names_the_skipped(
    vault_path, batch, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "documents"
    out.mkdir()
    ids = ",".join(str(i) for i in batch.all_ids)
    code = _export(
        vault_path,
        *("--participants", ids, "--document", "interim_feedback"),
        *("--recipient", str(batch.job_centre_id), "--out-dir", str(out), "--lang", "en"),
    )
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "\r[" not in printed.out  # no progress bar when stdout is not a terminal
    files = sorted(out.iterdir())
    assert len(files) == len(batch.included) and leftovers(out) == []
    history = _history(vault_path, batch.all_ids)
    for path in files:
        assert path.name.startswith("Interim-feedback_")
        saved_line = next(line for line in printed.out.splitlines() if path.name in line)
        pid = int(saved_line.split("participant ")[1].split()[0])
        assert history[pid] == [check_document(path, pid)]
    for pid in batch.no_consent + batch.nothing_recorded:
        assert f"Skipped: participant {pid}: " in printed.out and history[pid] == []
    assert "4 documents saved." in printed.out and "2 participants skipped." in printed.out
    assert not any(name_of(pid) in printed.out + printed.err for pid in batch.all_ids)


def test_all_active_for_a_job_centre_with_a_progress_bar_on_a_terminal(
    vault_path, batch, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    code = _export(
        vault_path,
        *("--all-active-for", str(batch.job_centre_id), "--document", "interim_feedback"),
        *("--out-dir", str(tmp_path), "--lang", "de"),
    )
    assert code == 0
    assert f"\r[{'#' * 30}] 4/4" in terminal.getvalue()
    assert len(list(tmp_path.glob("Zwischenbericht_*.pdf"))) == len(batch.included)


def test_exit_codes_when_nothing_can_be_made_or_the_options_do_not_fit(
    vault_path, batch, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    skipped = ",".join(str(i) for i in batch.no_consent + batch.nothing_recorded)
    common = ("--recipient", str(batch.job_centre_id), "--document", "interim_feedback")
    assert _export(vault_path, "--participants", skipped, *common, "--out-dir", str(tmp_path)) == 3
    assert "every participant was skipped" in capsys.readouterr().err
    one = str(batch.included[0])
    assert (
        _export(vault_path, "--participants", one, *common, "--out", str(tmp_path / "x.pdf")) == 1
    )
    assert "--out-dir" in capsys.readouterr().err
    missing = str(tmp_path / "missing")
    assert _export(vault_path, "--participants", one, *common, "--out-dir", missing) == 1
    assert "no such folder" in capsys.readouterr().err
    wrong = ("--recipient", str(batch.job_centre_id), "--document", "consent_form")
    assert _export(vault_path, "--participants", one, *wrong, "--out-dir", str(tmp_path)) == 1
    assert _export(vault_path, "--participants", "1,x", *common, "--out-dir", str(tmp_path)) == 1
    assert list(tmp_path.glob("*.pdf")) == []


def test_a_read_only_folder_exits_1_with_the_reason_and_registers_nothing(
    vault_path, batch, tmp_path, capsys
) -> None:  # type: ignore[no-untyped-def]
    ids = ",".join(str(i) for i in batch.included)
    with read_only_folder(tmp_path) as folder:
        code = _export(
            vault_path,
            *("--participants", ids, "--document", "interim_feedback"),
            *("--recipient", str(batch.job_centre_id), "--out-dir", str(folder)),
        )
        assert list(folder.iterdir()) == []
    assert code == 1
    assert "may not write to this folder" in capsys.readouterr().err
    assert all(v == [] for v in _history(vault_path, batch.all_ids).values())


def test_ctrl_c_asks_the_batch_to_stop_instead_of_breaking_off() -> None:
    from coachdesk.cli.export_batch import cancel_on_interrupt

    # Ctrl+C as in a terminal: a process started in the background by a shell without job
    # control begins with SIGINT ignored, and "what it was" would then be "ignored".
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with cancel_on_interrupt() as cancel:
            os.kill(os.getpid(), signal.SIGINT)
            assert cancel.is_set()
        with pytest.raises(KeyboardInterrupt):  # afterwards Ctrl+C is what it was
            os.kill(os.getpid(), signal.SIGINT)
    finally:
        signal.signal(signal.SIGINT, previous)


def test_the_workers_never_inherit_the_passphrase(vault_path, batch, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Processes inherit the environment: the fork server starts, and the workers start,
    while the passphrase is not in it."""
    from coachdesk.export import batch_pool
    from coachdesk.export.service import ExportService

    seen: dict[str, str | None] = {}
    real_warm_up, real_batch = batch_pool.warm_up, ExportService.export_batch

    def warm_up() -> None:
        seen["fork server"] = os.environ.get("COACHDESK_PASSPHRASE")
        real_warm_up()

    def export_batch(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen["workers"] = os.environ.get("COACHDESK_PASSPHRASE")
        return real_batch(self, *args, **kwargs)

    monkeypatch.setattr(batch_pool, "warm_up", warm_up)
    monkeypatch.setattr(ExportService, "export_batch", export_batch)
    ids = ",".join(str(i) for i in batch.included)
    code = _export(
        vault_path,
        *("--participants", ids, "--document", "interim_feedback"),
        *("--recipient", str(batch.job_centre_id), "--out-dir", str(tmp_path)),
    )
    assert code == 0 and seen == {"fork server": None, "workers": None}
