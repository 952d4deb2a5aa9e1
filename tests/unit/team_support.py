"""Three coaches' demo vaults, a lead's vault, and one vault holding all three caseloads."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from coachdesk.demo.generate import generate_demo
from coachdesk.export.service import ExportService
from coachdesk.facade import Services
from coachdesk.reports.team_service import TeamService
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE, TODAY

START, END = dt.date(2025, 10, 1), dt.date(2025, 12, 31)
SEEDS = (11, 12, 13)
COACHES = ("Aylin Demir", "Birgit Sommer", "Chiara Rossi")
PARTICIPANTS = 40


@dataclass
class Team:
    coaches: list[Services]
    lead: Services
    together: Services
    """One vault holding the three coaches' participants (the same seeds, in one place)."""
    files: list[Path]
    """Each coach's exported figures file for START..END, in the order of ``coaches``."""


def open_copy(template: Path, target: Path) -> Vault:
    shutil.copytree(template, target)
    return Vault.open(target, PASSPHRASE)


def team_of(template: Path, folder: Path) -> Iterator[Team]:
    vaults: list[Vault] = []
    coaches = []
    files = []
    for index, (seed, name) in enumerate(zip(SEEDS, COACHES, strict=True)):
        vault = open_copy(template, folder / f"coach{index}")
        vaults.append(vault)
        generate_demo(vault, participants=PARTICIPANTS, seed=seed, today=TODAY)
        services = Services(vault.sessions, actor=name, today=lambda: TODAY)
        ExportService(services.ctx).create_identity(name)
        coaches.append(services)
        out = folder / f"figures-{index}.cdteam"
        TeamService(services.ctx).export_team_file(out, start=START, end=END)
        files.append(out)
    lead_vault = open_copy(template, folder / "lead")
    vaults.append(lead_vault)
    lead = Services(lead_vault.sessions, actor="Lena Leitung", today=lambda: TODAY)
    ExportService(lead.ctx).create_identity("Lena Leitung")
    together_vault = open_copy(template, folder / "together")
    vaults.append(together_vault)
    for seed in SEEDS:
        generate_demo(together_vault, participants=PARTICIPANTS, seed=seed, today=TODAY)
    together = Services(together_vault.sessions, actor="All", today=lambda: TODAY)
    yield Team(coaches, lead, together, files)
    for vault in vaults:
        vault.lock()


@pytest.fixture(scope="module", name="team")
def team_fixture(
    template_vault: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Team]:
    yield from team_of(template_vault[0], tmp_path_factory.mktemp("team"))


def named_files(paths: list[Path]) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in paths]
