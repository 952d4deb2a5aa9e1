"""Mutation testing of the modules that guard participants' data (``make mutation``).

Each module of ``SCOPE`` is run by mutmut in a folder of its own under ``build/mutation/``,
with only the test files that exercise it; within those, mutmut runs for each mutant only
the tests that reached the mutated function, fastest first, and stops at the first
failure. One worker process (``--max-children 1``): the run must leave the second core
free. Results stay in each folder, so an interrupted run goes on where it stopped; the
score per module is printed at the end (and by ``--summary`` alone).

    python -m scripts.mutation                    # every module of the scope
    python -m scripts.mutation consent_filter     # some of them, by short name
    python -m scripts.mutation --summary          # only the table of the last results
    python -m scripts.mutation --survivors NAME   # the surviving mutants of one module
    python -m scripts.mutation --before NAME      # with the tests from before issue 19 only
    python -m scripts.mutation --again NAME       # the survivors again, after adding tests

After a ``--before`` run, a normal run of the same module keeps the verdicts and checks
only the survivors again, with the added tests (the summary shows both scores).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from scripts.mutation_equivalents import EQUIVALENT

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "mutation"
MUTMUT = Path(sys.executable).with_name("mutmut")

# short name: (module file, the test files of the suite before issue 19 that exercise it,
# the test files added for issue 19). ``make mutation`` runs with both.
SCOPE: dict[str, tuple[str, list[str], list[str]]] = {
    "consent_filter": (
        "coachdesk/export/consent_filter.py",
        ["tests/unit/test_export_filter.py", "tests/unit/test_export_documents.py"],
        ["tests/unit/test_boundaries_by_hand.py", "tests/unit/test_guards_export.py"],
    ),
    "consent_rules": (
        "coachdesk/services/consent_rules.py",
        ["tests/unit/test_services_consents.py", "tests/unit/test_consent_model.py"],
        ["tests/unit/test_validation_rules.py"],
    ),
    "validation": (
        "coachdesk/services/validation.py",
        ["tests/unit/test_services_directory.py", "tests/unit/test_smoke_participants.py"],
        ["tests/unit/test_validation_rules.py"],
    ),
    "retention": (
        "coachdesk/services/retention.py",
        ["tests/unit/test_erasure.py"],
        ["tests/unit/test_boundaries_by_hand.py", "tests/unit/test_guards_audit.py"],
    ),
    "suppression": (
        "coachdesk/reports/suppression.py",
        ["tests/unit/test_reports_suppression.py", "tests/unit/test_reports_quarterly.py"],
        ["tests/unit/test_guards_reports.py"],
    ),
    "quarterly": (
        "coachdesk/reports/quarterly.py",
        ["tests/unit/test_reports_quarterly.py", "tests/unit/test_period_boundaries.py"],
        [
            "tests/unit/test_boundaries_by_hand.py",
            "tests/unit/test_guards_reports.py",
            "tests/unit/test_programme_reports.py",
        ],
    ),
    "periods": (
        "coachdesk/reports/periods.py",
        ["tests/unit/test_reports_quarterly.py", "tests/unit/test_period_boundaries.py"],
        ["tests/unit/test_boundaries_by_hand.py", "tests/unit/test_guards_reports.py"],
    ),
    "export_log": (
        "coachdesk/export/export_log.py",
        ["tests/unit/test_export_service.py", "tests/unit/test_export_saving.py"],
        [
            "tests/unit/test_guards_export.py",
            "tests/unit/test_my_plan.py",
            "tests/unit/test_acknowledgement.py",
        ],
    ),
    "audit": (
        "coachdesk/services/audit.py",
        ["tests/unit/test_erasure.py", "tests/unit/test_services_consents.py"],
        ["tests/unit/test_guards_audit.py"],
    ),
    "keyslots": (
        "coachdesk/vault/keyslots.py",
        ["tests/unit/test_keyslot_damage.py", "tests/unit/test_vault.py"],
        [
            "tests/unit/test_integrity_behind_checksum.py",
            "tests/unit/test_guards_vault.py",
            "tests/unit/test_guards_keyslots.py",
            "tests/unit/test_keyslot_file_edges.py",
        ],
    ),
    "slot": (
        "coachdesk/vault/slot.py",
        [
            "tests/unit/test_keyslot_damage.py",
            "tests/unit/test_vault.py",
            "tests/unit/test_review_faults.py",
        ],
        [
            "tests/unit/test_integrity_behind_checksum.py",
            "tests/unit/test_guards_vault.py",
            "tests/unit/test_guards_keyslots.py",
            "tests/unit/test_keyslot_file_edges.py",
        ],
    ),
    "store": (
        "coachdesk/vault/store.py",
        ["tests/unit/test_vault.py", "tests/unit/test_open_diagnoses.py"],
        [
            "tests/unit/test_guards_vault.py",
            "tests/unit/test_vault_create_edges.py",
            "tests/unit/test_vault_open_edges.py",
            "tests/unit/test_guards_keyslots.py",
            "tests/unit/test_review_faults.py",
            "tests/unit/test_rollback.py",
            "tests/unit/test_migrations.py",
            "tests/unit/test_names_across_scripts.py",
            "tests/unit/test_name_order.py",
        ],
    ),
    "backup": (
        "coachdesk/vault/backup.py",
        ["tests/unit/test_backup.py", "tests/unit/test_damage.py"],
        [
            "tests/unit/test_integrity_behind_checksum.py",
            "tests/unit/test_guards_vault.py",
            "tests/unit/test_guards_backup_format.py",
            "tests/unit/test_backup_edges.py",
            "tests/unit/test_full_disk.py",
            "tests/unit/test_backup_rights.py",
            "tests/unit/test_attachments_vault.py",
        ],
    ),
    "backup_format": (
        "coachdesk/vault/backup_format.py",
        ["tests/unit/test_backup.py", "tests/unit/test_damage.py"],
        [
            "tests/unit/test_integrity_behind_checksum.py",
            "tests/unit/test_guards_vault.py",
            "tests/unit/test_guards_backup_format.py",
        ],
    ),
    "restore": (
        "coachdesk/vault/restore.py",
        ["tests/unit/test_backup.py", "tests/unit/test_crash_restore.py"],
        [
            "tests/unit/test_integrity_behind_checksum.py",
            "tests/unit/test_guards_vault.py",
            "tests/unit/test_guards_backup_format.py",
            "tests/unit/test_guards_restore.py",
        ],
    ),
    "integrity": (
        "coachdesk/vault/integrity.py",
        ["tests/unit/test_backup.py", "tests/unit/test_damage.py"],
        ["tests/unit/test_integrity_behind_checksum.py", "tests/unit/test_guards_vault.py"],
    ),
}

# mutmut's exit codes of a mutant's test run (mutmut.stats.status_by_exit_code): 0 survived,
# 5 and 33 no test reached it (counted as survived), 2 and 34 not run (left out); every other
# code is a kill: a failing test (1, 3), a time-out (24, 36, 152, 255, -24) or a crash.
SURVIVED = {0, 5, 33}
NOT_RUN = {2, 34}


def _config(module: str, tests: list[str]) -> str:
    pytest_options = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]
    lines = [
        "[tool.mutmut]",
        'source_paths = ["coachdesk/"]',
        f"only_mutate = [{json.dumps(module)}]",
        'also_copy = ["resources/", "scripts/"]',
        # A fixed test order; -x: the first failing test is enough to kill a mutant.
        'pytest_add_cli_args = ["-p", "no:randomly", "-x", "-q", "-p", "no:cacheprovider"]',
        f"pytest_add_cli_args_test_selection = {json.dumps(tests)}",
        "timeout_multiplier = 4.0",
        "timeout_constant = 10.0",
        "",
        "[tool.pytest.ini_options]",
    ]
    for key, value in pytest_options["ini_options"].items():
        if key != "addopts":
            lines.append(f"{key} = {json.dumps(value)}")
    return "\n".join(lines) + "\n"


def _selection(name: str, before: bool) -> list[str]:
    _module, tests, added = SCOPE[name]
    return tests if before else tests + [t for t in added if t not in tests]


def _fingerprint(selection: list[str]) -> str:
    """mutmut's hash of the test selection (mutmut.configuration.Config.config_fingerprint)."""
    return hashlib.sha256(repr(tuple(selection)).encode()).hexdigest()[:12]


def _folder(name: str, before: bool) -> tuple[Path, bool]:
    """The module's folder, ready for mutmut; True if earlier results are to be checked again
    with the added tests (the selection grew, nothing else changed)."""
    folder = WORK / name
    folder.mkdir(parents=True, exist_ok=True)
    for part in ("coachdesk", "tests", "resources", "scripts"):
        link = folder / part
        if not link.is_symlink():
            link.symlink_to(ROOT / part, target_is_directory=True)
    selection = _selection(name, before)
    config = _config(SCOPE[name][0], selection)
    pyproject = folder / "pyproject.toml"
    stats = folder / "mutants" / "mutmut-stats.json"
    existing = pyproject.read_text("utf-8") if pyproject.exists() else None
    grown = False
    if existing != config:
        if not before and _only_tests_added(name, existing, selection) and stats.exists():
            # Keep the verdicts, let mutmut collect the added tests' coverage, and check the
            # survivors again (mutmut itself would reset every verdict).
            data = json.loads(stats.read_text("utf-8"))
            data["config_fingerprint"]["test_selection"] = _fingerprint(selection)
            stats.write_text(json.dumps(data), encoding="utf-8")
            grown = True
        else:
            shutil.rmtree(folder / "mutants", ignore_errors=True)
        pyproject.write_text(config, encoding="utf-8")
    return folder, grown


def _only_tests_added(name: str, existing: str | None, selection: list[str]) -> bool:
    """Whether the folder's config ``existing`` differs from the new one only by fewer test
    files (the earlier verdicts still hold, survivors are to be checked again)."""
    if existing is None:
        return False
    old = tomllib.loads(existing)["tool"]["mutmut"]["pytest_add_cli_args_test_selection"]
    return set(old) <= set(selection) and existing == _config(SCOPE[name][0], old)


def _mutmut(folder: Path, args: list[str], log: Path) -> int:
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "COACHDESK_TEST_KDF": "fast"}
    with log.open("a", encoding="utf-8") as out:
        return subprocess.run(
            [str(MUTMUT), "run", "--max-children", "1", *args],
            cwd=folder,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        ).returncode


def run(name: str, before: bool, again: bool = False) -> int:
    folder, grown = _folder(name, before)
    print(f"== {name}: mutmut on {SCOPE[name][0]}", flush=True)
    log = folder / "mutmut.log"
    log.write_text("", encoding="utf-8")
    if not before and (grown or again or _before_file(name).exists()):
        _recheck_survivors(name)
    code = _mutmut(folder, [], log)  # every mutant not yet checked (all, on a first run)
    if code != 0:
        print(f"   mutmut stopped with {code}: see {log}", flush=True)
    if before:
        _before_file(name).write_text(json.dumps(results(name)), encoding="utf-8")
    return code


def _recheck_survivors(name: str) -> None:
    """Mark the survivors as not yet checked: mutmut then runs them again, each with the
    tests that reach it now (the added tests' coverage is collected first)."""
    meta = WORK / name / "mutants" / (SCOPE[name][0] + ".meta")
    data = json.loads(meta.read_text("utf-8"))
    codes = data["exit_code_by_key"]
    for key, code in codes.items():
        if code in SURVIVED and key not in EQUIVALENT:  # an equivalent one survives anyway
            codes[key] = None
    meta.write_text(json.dumps(data), encoding="utf-8")
    # The added files' tests count as new, so mutmut collects again which functions each
    # reaches: a test changed since (or one that reaches the module only in a forked child,
    # which mutmut does not follow, and was then given a call in the parent) is seen anew.
    added = set(SCOPE[name][2])
    stats = WORK / name / "mutants" / "mutmut-stats.json"
    if stats.exists():
        found = json.loads(stats.read_text("utf-8"))
        durations = found["duration_by_test"]
        found["duration_by_test"] = {
            t: d for t, d in durations.items() if t.split("::")[0] not in added
        }
        stats.write_text(json.dumps(found), encoding="utf-8")


def _before_file(name: str) -> Path:
    return WORK / name / "before.json"


def results(name: str) -> dict[str, int] | None:
    module = SCOPE[name][0]
    meta = WORK / name / "mutants" / (module + ".meta")
    if not meta.exists():
        return None
    codes: dict[str, int | None] = json.loads(meta.read_text("utf-8"))["exit_code_by_key"]
    return {k: v for k, v in codes.items() if v is not None and v not in NOT_RUN}


def survivors(name: str) -> list[str]:
    found = results(name) or {}
    return sorted(k for k, v in found.items() if v in SURVIVED)


def _score(found: dict[str, int] | None) -> str:
    if not found:
        return f"{'not run':>20}"
    killed = sum(1 for v in found.values() if v not in SURVIVED)
    return f"{killed:>4} / {len(found):<4} {100 * killed / len(found):>6.1f} %"


def _without_equivalents(found: dict[str, int] | None) -> str:
    if not found:
        return ""
    counted = {k: v for k, v in found.items() if k not in EQUIVALENT}
    killed = sum(1 for v in counted.values() if v not in SURVIVED)
    left = len(found) - len(counted)
    return f"{100 * killed / len(counted):>6.1f} % ({left} equivalent)"


def summary(names: list[str]) -> None:
    """Killed / mutants and the score per module: with the tests from before issue 19, now,
    and now leaving out the equivalent mutants (scripts/mutation_equivalents.py)."""
    print(f"{'module':<38} {'before':>20} {'now':>20}   without equivalents")
    for name in names:
        saved = _before_file(name)
        before = json.loads(saved.read_text("utf-8")) if saved.exists() else None
        now = results(name)
        print(f"{SCOPE[name][0]:<38} {_score(before)} {_score(now)}   {_without_equivalents(now)}")


def main(argv: list[str]) -> int:
    if argv[:1] == ["--survivors"]:
        for name in argv[1:]:
            print("\n".join(survivors(name)))
        return 0
    names = [a for a in argv if not a.startswith("--")] or list(SCOPE)
    unknown = [n for n in names if n not in SCOPE]
    if unknown:
        print(f"Unknown modules: {', '.join(unknown)}; known: {', '.join(SCOPE)}")
        return 2
    if "--summary" not in argv:
        for name in names:
            run(name, before="--before" in argv, again="--again" in argv)
    summary(names)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
