"""Team figures: three coaches' signed files give the figures of one vault holding them all."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from coachdesk.facade import Services
from coachdesk.reports.quarterly import QuarterlyFigures
from coachdesk.reports.service import ReportService
from coachdesk.reports.team_figures import merge, merge_modules
from coachdesk.reports.team_format import read_team_file
from coachdesk.reports.team_service import TEAM_FIGURES, TeamService
from coachdesk.services.errors import ValidationError
from coachdesk.vault.errors import StorageError
from tests.unit.team_support import (  # noqa: F401 - team_fixture is a fixture
    COACHES,
    END,
    START,
    Team,
    named_files,
    team_fixture,
)
from tests.unit.test_reports_quarterly import names_and_identifiers


def lead_of(team: Team, tmp_path: Path) -> TeamService:
    """A fresh copy of the lead's vault would cost a key derivation: clear her imports instead."""
    service = TeamService(team.lead.ctx)
    for source in service.team_sources(START, END):
        service.remove_team_file(source.id)
    return service


def raw(services: Services) -> QuarterlyFigures:
    return ReportService(services.ctx).quarterly_figures(START, END)


def test_three_files_give_the_figures_of_one_vault_holding_all(team: Team, tmp_path: Path) -> None:
    lead = lead_of(team, tmp_path)
    sources = lead.import_team_files(named_files(team.files), START, END)
    assert sorted(s.coach_name for s in sources) == sorted(COACHES)
    assert all(s.signature_valid for s in sources)
    merged = lead.team_figures(START, END)
    together = raw(team.together)
    # One vault has one catalogue per demo run: the same offer counted under one title.
    together = dataclasses.replace(together, modules=merge_modules(together.modules))
    assert merged == together
    assert merged.entries > 0 and merged.exits > 0 and merged.modules


def test_merged_figures_are_the_sum_of_each_coachs_raw_counts(team: Team, tmp_path: Path) -> None:
    lead = lead_of(team, tmp_path)
    lead.import_team_files(named_files(team.files), START, END)
    merged = lead.team_figures(START, END)
    parts = [raw(c) for c in team.coaches]
    assert merged == merge(parts)
    for name in ("participants_at_start", "goals_reached", "three_way_meetings"):
        assert getattr(merged, name) == sum(getattr(p, name) for p in parts)
    assert merged.entries == sum(p.entries for p in parts)
    assert merged.attendance == tuple(sum(p.attendance[i] for p in parts) for i in range(3))
    for i, (month, n) in enumerate(merged.exits_by_month):
        assert n == sum(p.exits_by_month[i][1] for p in parts), month


def test_the_file_names_no_one_and_is_recorded_where_it_was_made(team: Team) -> None:
    coach = team.coaches[0]
    content = team.files[0].read_bytes()
    text = content.decode()
    assert all(value not in text for value in names_and_identifiers(coach))
    doc = json.loads(text)
    assert doc["format"] == "coachdesk-team-figures" and doc["version"] == 2
    assert set(doc["payload"]) == {
        "file_id",
        "exported_at",
        "organisation",
        "programme",
        "coach_fingerprint",
        "figures",
        "esf",
    }
    entries = [
        e
        for e in coach.audit.entries(action="export")
        if e.details["document_type"] == TEAM_FIGURES
    ]
    assert len(entries) == 1
    assert entries[0].details["sha256"] == read_team_file(content).sha256


def refusal(lead: TeamService, files: list[tuple[str, bytes]]) -> str:
    with pytest.raises(ValidationError) as info:
        lead.import_team_files(files, START, END)
    return str(info.value)


def test_the_same_file_twice_is_refused(team: Team, tmp_path: Path) -> None:
    lead = lead_of(team, tmp_path)
    files = named_files(team.files)
    assert "chosen twice" in refusal(lead, [files[0], files[0]])
    assert lead.team_sources(START, END) == []  # all or nothing
    lead.import_team_files(files[:1], START, END)
    assert "already imported" in refusal(lead, files[:1])
    copy = tmp_path / "renamed.cdteam"
    shutil.copyfile(team.files[0], copy)
    assert "already imported" in refusal(lead, named_files([copy]))
    assert len(lead.team_sources(START, END)) == 1


def test_a_second_file_of_the_same_coach_and_period_is_refused(team: Team, tmp_path: Path) -> None:
    lead = lead_of(team, tmp_path)
    again = tmp_path / "again.cdteam"
    TeamService(team.coaches[0].ctx).export_team_file(again, start=START, end=END)
    both = named_files([team.files[0], again])
    assert "Two files from Aylin Demir" in refusal(lead, both)
    lead.import_team_files(both[:1], START, END)
    message = refusal(lead, both[1:])
    assert "Figures from Aylin Demir for this period were already imported" in message
    assert "again.cdteam" in message


def test_a_file_of_another_period_is_refused(team: Team, tmp_path: Path) -> None:
    lead = lead_of(team, tmp_path)
    other = tmp_path / "q3.cdteam"
    TeamService(team.coaches[1].ctx).export_team_file(
        other, start=START.replace(month=7), end=START.replace(day=30, month=9)
    )
    message = refusal(lead, named_files([other]))
    assert "holds figures for Jul 1, 2025 to Sep 30, 2025, not for the period chosen" in message


def altered(content: bytes, old: bytes, new: bytes) -> bytes:
    assert old in content
    return content.replace(old, new, 1)


def test_an_altered_byte_or_a_foreign_signature_is_refused(team: Team, tmp_path: Path) -> None:
    lead = lead_of(team, tmp_path)
    content = team.files[2].read_bytes()
    count = json.loads(content)["payload"]["figures"]["goals_reached"]
    cases = {
        "count": altered(
            content, f'"goals_reached":{count}'.encode(), f'"goals_reached":{count + 1}'.encode()
        ),
        "space": altered(content, b'"version":2', b'"version": 2'),
        "period": altered(content, b'"period_end":"2025-12-31"', b'"period_end":"2025-12-30"'),
    }
    # Every single byte of the signature flipped in turn would take long; a few positions:
    doc = json.loads(content)
    value = doc["signature"]["value"]
    for i in (0, len(value) // 2, len(value) - 4):
        flipped = value[:i] + ("A" if value[i] != "A" else "B") + value[i + 1 :]
        cases[f"signature{i}"] = altered(content, value.encode(), flipped.encode())
    # Signed by another coach's key, with this coach's certificate left in.
    other = json.loads(team.files[0].read_bytes())
    doc["signature"] = other["signature"]
    from coachdesk.reports.team_format import canonical

    cases["foreign"] = canonical(doc) + b"\n"
    for name, data in cases.items():
        message = refusal(lead, [(f"{name}.cdteam", data)])
        assert "was changed after the coach signed it" in message, name
    assert "not a team figures file" in refusal(lead, [("x.cdteam", b"%PDF-1.7")])
    assert lead.team_sources(START, END) == []


def test_every_single_flipped_byte_of_a_file_is_refused(team: Team) -> None:
    content = team.files[1].read_bytes()
    for i in range(len(content)):
        data = bytearray(content)
        data[i] ^= 0x01
        with pytest.raises(ValidationError):
            read_team_file(bytes(data))


def test_a_file_that_cannot_be_saved_is_not_recorded(team: Team, tmp_path: Path) -> None:
    coach = team.coaches[2]
    before = len(coach.audit.entries(action="export"))
    with pytest.raises(StorageError):
        TeamService(coach.ctx).export_team_file(
            tmp_path / "no such folder" / "q4.cdteam", start=START, end=END
        )
    assert len(coach.audit.entries(action="export")) == before
    assert list(tmp_path.iterdir()) == []
