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
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "build" / "mutation"
MUTMUT = Path(sys.executable).with_name("mutmut")

# short name: (module file, the test files that exercise it)
SCOPE: dict[str, tuple[str, list[str]]] = {
    "consent_filter": (
        "coachdesk/export/consent_filter.py",
        ["tests/unit/test_export_filter.py", "tests/unit/test_export_documents.py"],
    ),
    "consent_rules": (
        "coachdesk/services/consent_rules.py",
        ["tests/unit/test_services_consents.py", "tests/unit/test_validation_rules.py"],
    ),
    "validation": (
        "coachdesk/services/validation.py",
        ["tests/unit/test_validation_rules.py", "tests/unit/test_services_drafts.py"],
    ),
    "retention": (
        "coachdesk/services/retention.py",
        ["tests/unit/test_erasure.py", "tests/unit/test_boundaries_by_hand.py"],
    ),
    "suppression": (
        "coachdesk/reports/suppression.py",
        ["tests/unit/test_reports_suppression.py", "tests/unit/test_reports_quarterly.py"],
    ),
    "quarterly": (
        "coachdesk/reports/quarterly.py",
        [
            "tests/unit/test_reports_quarterly.py",
            "tests/unit/test_period_boundaries.py",
            "tests/unit/test_boundaries_by_hand.py",
        ],
    ),
    "export_log": (
        "coachdesk/export/export_log.py",
        ["tests/unit/test_export_service.py", "tests/unit/test_export_saving.py"],
    ),
    "audit": (
        "coachdesk/services/audit.py",
        ["tests/unit/test_erasure.py", "tests/unit/test_audit_log.py"],
    ),
    "keyslots": (
        "coachdesk/vault/keyslots.py",
        [
            "tests/unit/test_keyslot_damage.py",
            "tests/unit/test_integrity_behind_checksum.py",
            "tests/unit/test_vault.py",
        ],
    ),
    "slot": (
        "coachdesk/vault/slot.py",
        [
            "tests/unit/test_keyslot_damage.py",
            "tests/unit/test_integrity_behind_checksum.py",
            "tests/unit/test_vault.py",
        ],
    ),
    "store": (
        "coachdesk/vault/store.py",
        ["tests/unit/test_vault.py", "tests/unit/test_open_diagnoses.py"],
    ),
    "backup": (
        "coachdesk/vault/backup.py",
        ["tests/unit/test_backup.py", "tests/unit/test_integrity_behind_checksum.py"],
    ),
    "backup_format": (
        "coachdesk/vault/backup_format.py",
        ["tests/unit/test_backup.py", "tests/unit/test_integrity_behind_checksum.py"],
    ),
    "restore": (
        "coachdesk/vault/restore.py",
        ["tests/unit/test_backup.py", "tests/unit/test_integrity_behind_checksum.py"],
    ),
    "integrity": (
        "coachdesk/vault/integrity.py",
        ["tests/unit/test_backup.py", "tests/unit/test_integrity_behind_checksum.py"],
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


def _folder(name: str) -> Path:
    module, tests = SCOPE[name]
    folder = WORK / name
    folder.mkdir(parents=True, exist_ok=True)
    for part in ("coachdesk", "tests", "resources", "scripts"):
        link = folder / part
        if not link.exists():
            link.symlink_to(ROOT / part, target_is_directory=True)
    config = _config(module, tests)
    pyproject = folder / "pyproject.toml"
    if not pyproject.exists() or pyproject.read_text("utf-8") != config:
        pyproject.write_text(config, encoding="utf-8")
        shutil.rmtree(folder / "mutants", ignore_errors=True)  # other tests: start again
    return folder


def run(name: str) -> int:
    folder = _folder(name)
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "COACHDESK_TEST_KDF": "fast"}
    print(f"== {name}: mutmut on {SCOPE[name][0]}", flush=True)
    log = folder / "mutmut.log"
    with log.open("w", encoding="utf-8") as out:
        done = subprocess.run(
            [str(MUTMUT), "run", "--max-children", "1"],
            cwd=folder,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    if done.returncode != 0:
        print(f"   mutmut stopped with {done.returncode}: see {log}", flush=True)
    return done.returncode


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


def summary(names: list[str]) -> None:
    print(f"{'module':<40} {'mutants':>8} {'killed':>8} {'survived':>9} {'score':>7}")
    for name in names:
        found = results(name)
        if found is None:
            print(f"{SCOPE[name][0]:<40} {'not run':>8}")
            continue
        killed = sum(1 for v in found.values() if v not in SURVIVED)
        total = len(found)
        score = f"{100 * killed / total:.1f} %" if total else "-"
        print(f"{SCOPE[name][0]:<40} {total:>8} {killed:>8} {total - killed:>9} {score:>7}")


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
            run(name)
    summary(names)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
