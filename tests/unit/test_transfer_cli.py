"""``coachdesk colleagues`` and ``coachdesk transfer``: a handover from a script, end to end."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coachdesk.cli.main import main
from coachdesk.cli.support import EXIT_ERROR, EXIT_OK, EXIT_VALIDATION
from coachdesk.models.enums import DataCategory
from tests.conftest import PASSPHRASE
from tests.unit.transfer_support import FIRST, Pair, make_pair


@pytest.fixture
def pair(template_vault: tuple[Path, str], tmp_path: Path) -> Iterator[Pair]:
    yield from make_pair(template_vault, tmp_path)


@pytest.fixture
def locked(pair: Pair, monkeypatch: pytest.MonkeyPatch) -> Pair:
    """Both vaults closed, as a script finds them; the passphrase in the environment."""
    pair.anna.vault.lock()
    pair.berit.vault.lock()
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    return pair


def test_colleagues_import_list_verify_remove(
    locked: Pair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    anna = str(locked.anna.vault.path)
    cert = tmp_path / "carla.pem"
    from coachdesk.documents.signing import certificate_bytes, create_identity

    carla = create_identity("Carla Weber")
    cert.write_bytes(certificate_bytes(carla))
    assert main(["--lang", "en", "colleagues", "import", anna, str(cert)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Carla Weber" in out and carla.fingerprint_sha256[:4].upper() in out
    assert main(["--lang", "en", "colleagues", "list", anna]) == EXIT_OK
    assert "not verified" in capsys.readouterr().out
    grouped = " ".join(carla.fingerprint_sha256[i : i + 4] for i in range(0, 64, 4))
    assert main(["--lang", "en", "colleagues", "verify", anna, grouped, "--how", "met"]) == 0
    assert main(["--lang", "en", "colleagues", "list", anna, "--json"]) == EXIT_OK
    assert '"verified_by": "Anna Çoban"' in capsys.readouterr().out
    assert main(["--lang", "en", "colleagues", "remove", anna, carla.fingerprint_sha256]) == 0
    assert main(["--lang", "en", "colleagues", "verify", anna, "00ff"]) == EXIT_ERROR


def test_send_preview_then_open_and_commit(
    locked: Pair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    anna, berit = str(locked.anna.vault.path), str(locked.berit.vault.path)
    to = locked.berit.fingerprint
    pid = str(locked.participant_id)
    assert main(["--lang", "en", "transfer", "send", anna, "--participant", pid, "--to", to]) == 0
    out = capsys.readouterr().out
    assert "Preview only" in out and "1 paper" in out and "Internal notes never go" in out
    package = tmp_path / "olena.cdtransfer"
    argv = ["--lang", "en", "transfer", "send", anna, "--participant", pid, "--to", to]
    assert main([*argv, "--out", str(package), "--archive"]) == EXIT_OK
    assert package.exists()
    assert main(["--lang", "de", "transfer", "open", berit, str(package)]) == EXIT_OK
    shown = capsys.readouterr().out
    assert FIRST in shown and "Anna Çoban" in shown
    assert main(["--lang", "en", "transfer", "open", berit, str(package), "--commit"]) == 0
    assert "Imported as participant" in capsys.readouterr().out
    again = main(["--lang", "en", "transfer", "open", berit, str(package), "--commit"])
    assert again == EXIT_ERROR
    assert "already imported" in capsys.readouterr().err
    # Only shown: the reason is printed, and the exit code says it cannot be imported.
    assert main(["--lang", "en", "transfer", "open", berit, str(package)]) == EXIT_VALIDATION
    assert "already imported" in capsys.readouterr().out


def test_a_possible_duplicate_needs_a_choice(
    locked: Pair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from coachdesk.models import Participant
    from coachdesk.vault.store import Vault
    from tests.unit.transfer_support import BORN

    berit_vault = Vault.open(locked.berit.vault.path, PASSPHRASE)
    with berit_vault.sessions.begin() as s:
        s.add(Participant(first_name="Olena", last_name="Shevchenko", date_of_birth=BORN))
    berit_vault.lock()
    anna, berit = str(locked.anna.vault.path), str(locked.berit.vault.path)
    package = tmp_path / "p.cdtransfer"
    send = ["transfer", "send", anna, "--participant", str(locked.participant_id)]
    assert main([*send, "--to", locked.berit.fingerprint, "--out", str(package)]) == EXIT_OK
    opened = ["--lang", "en", "transfer", "open", berit, str(package), "--commit"]
    assert main(opened) == EXIT_ERROR
    assert "--merge-into" in capsys.readouterr().err
    preview = ["--lang", "en", "receive", berit, str(package), "--preview", "--merge-into", "1"]
    assert main(preview) == EXIT_OK
    shown = capsys.readouterr().out
    assert "1. Merged into participant 1:" in shown
    assert "Her empty fields filled: " in shown and "Job centre customer number" in shown
    assert "Different in the file, hers kept: First name, Last name" in shown
    assert main([*opened, "--merge-into", "1"]) == EXIT_OK
    assert "Added the records to participant 1" in capsys.readouterr().out


def test_a_damaged_file_is_one_line_not_a_traceback(
    locked: Pair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.cdtransfer"
    bad.write_bytes(b"COACHDESK-TRANSFER\n\0\0\0\5{}")
    code = main(["--lang", "en", "transfer", "open", str(locked.berit.vault.path), str(bad)])
    assert code == EXIT_VALIDATION
    err = capsys.readouterr().err
    assert "altered" in err and "Traceback" not in err and len(err.splitlines()) == 1


def test_several_people_transfer_receive_and_directory(
    locked: Pair, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from coachdesk.models import Participant
    from coachdesk.vault.store import Vault
    from tests.unit.test_export_support import add_consent

    anna_vault = Vault.open(locked.anna.vault.path, PASSPHRASE)
    with anna_vault.sessions.begin() as s:
        ivana = Participant(first_name="Ivana", last_name="Horvat")
        s.add(ivana)
        s.flush()
        ivana_id = ivana.id
    add_consent(
        anna_vault.sessions, ivana_id, {*DataCategory}, organisation_id=locked.berit_org_in_anna
    )
    anna_vault.lock()
    anna, berit = str(locked.anna.vault.path), str(locked.berit.vault.path)
    assert main(["--lang", "en", "directory", anna, "--json"]) == EXIT_OK
    found = json.loads(capsys.readouterr().out)
    org = next(o for o in found if o["id"] == locked.berit_org_in_anna)
    assert org["name"] == "Frauen in Arbeit Köln" and "notes" not in org
    assert main(["--lang", "en", "directory", anna]) == EXIT_OK
    assert "Frauen in Arbeit Köln" in capsys.readouterr().out
    package = tmp_path / "two.cdtransfer"
    send = ["--lang", "en", "transfer", anna, "--to", locked.berit.fingerprint]
    send += ["--participant", str(locked.participant_id), "--participant", str(ivana_id)]
    assert main([*send, "--out", str(package)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Ivana Horvat: goes" in out and "Wrote the transfer file" in out
    assert main(["--lang", "en", "receive", berit, str(package), "--preview"]) == EXIT_OK
    shown = capsys.readouterr().out
    assert "1. Participant: " + FIRST in shown and "2. Participant: Ivana Horvat" in shown
    bad = main(["--lang", "en", "receive", berit, str(package), "--choose", "3=new"])
    assert bad == EXIT_ERROR and "no such person" in capsys.readouterr().err
    code = main(["--lang", "en", "receive", berit, str(package), "--choose", "2=skip"])
    assert code == EXIT_OK
    out = capsys.readouterr().out
    assert "Imported as participant 1." in out and "1 person skipped." in out
    assert main(["--lang", "en", "participants", berit, "--json"]) == EXIT_OK
    names = [p["first_name"] for p in json.loads(capsys.readouterr().out)]
    assert names == [FIRST]
