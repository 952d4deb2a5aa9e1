"""Her programme by name wherever files come in or go out: a spreadsheet's "Programm"
column, a colleague's transfer package, her whole-file access export, a document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coachdesk.export.transfer.content import gather
from coachdesk.export.transfer.plan import TransferRequest
from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.models import AuditEntry, Participant, Programme
from coachdesk.models.enums import DataCategory, OrganisationKind
from coachdesk.services.directory import OrganisationDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.services.programmes import ProgrammeDraft
from coachdesk.ui.importing.preview_model import summary_text
from coachdesk.vault.store import Vault
from tests.unit.sheet_files import write_xlsx
from tests.unit.test_export_support import add_consent
from tests.unit.transfer_support import Pair, make_pair


def test_a_programm_column_matches_by_name_and_new_names_are_made_once(
    services: Services, tmp_path: Path
) -> None:
    turn = services.programmes.create(ProgrammeDraft("MY TURN"))
    rows = [
        ["Vorname", "Nachname", "Programm"],
        ["Amal", "Haddad", "MY TURN"],
        ["Olena", "Kovalenko", "my  turn"],  # the same programme, typed otherwise
        ["Maria", "Rossi", "Neustart 2026"],
        ["Zoë", "Weiß", "NEUSTART 2026"],
        ["Sara", "Ohne", ""],
    ]
    table = services.imports.read(write_xlsx(tmp_path / "liste.xlsx", rows))  # type: ignore[arg-type]
    mapping = services.imports.mapping_for(table.headers)
    assert mapping[2] == "programme"
    preview = services.imports.preview(table, mapping)
    # Shown before anything is stored: which names are new and will be made.
    assert preview.new_programmes == ("Neustart 2026",)
    assert "New programmes, made on import: Neustart 2026." in summary_text(preview)
    assert [r.draft.programme_id for r in preview.rows] == [turn.id, turn.id, None, None, None]
    assert services.programmes.find("Neustart 2026") is None
    services.imports.commit(preview)
    made = services.programmes.find("neustart 2026")
    assert made is not None and made.name == "Neustart 2026"
    by_name = {r.first_name: r.programme for r in services.participants.list()}
    assert by_name == {
        "Amal": "MY TURN",
        "Olena": "MY TURN",
        "Maria": "Neustart 2026",
        "Zoë": "Neustart 2026",
        "Sara": "",
    }
    assert len(services.programmes.list()) == 2
    programme_audit = [
        e for e in services.audit.entries(action="create") if e.entity == "programme"
    ]
    assert len(programme_audit) == 2  # MY TURN by hand, Neustart 2026 by the import


def test_a_programme_name_too_long_is_a_problem_of_its_row(
    services: Services, tmp_path: Path
) -> None:
    rows = [["Vorname", "Nachname", "Programm"], ["Amal", "Haddad", "P" * 101]]
    table = services.imports.read(write_xlsx(tmp_path / "l.xlsx", rows))  # type: ignore[arg-type]
    preview = services.imports.preview(table, services.imports.mapping_for(table.headers))
    assert [p.field for p in preview.rows[0].problems] == ["programme"]


@pytest.fixture
def pair(template_vault: tuple[Path, str], tmp_path: Path) -> Iterator[Pair]:
    yield from make_pair(template_vault, tmp_path)


def _send(pair: Pair, out: Path) -> bytes:
    request = TransferRequest(
        participant_ids=(pair.participant_id,), colleague_fingerprint=pair.berit.fingerprint
    )
    pair.anna.services.transfers.send(request, out)
    return out.read_bytes()


def test_her_programme_travels_by_name_and_is_made_where_it_is_missing(
    pair: Pair, tmp_path: Path
) -> None:
    with pair.anna.vault.sessions() as s:
        her = s.get(Participant, pair.participant_id)
        assert her is not None
        person = gather(s, her, frozenset(DataCategory)).records["participant"]
    assert person["programme"] == "MY TURN" and "programme_id" not in person
    got = pair.berit.services.transfers.receive(_send(pair, tmp_path / "p.cdtransfer"))
    made = pair.berit.services.programmes.find("MY TURN")
    assert made is not None
    assert pair.berit.services.participants.get(got.participant_id).programme_id == made.id


def test_her_programme_is_matched_by_name_in_the_colleagues_vault(
    pair: Pair, tmp_path: Path
) -> None:
    pair.berit.services.programmes.create(ProgrammeDraft("Anderes Programm"))
    theirs = pair.berit.services.programmes.create(ProgrammeDraft("My Turn"))
    got = pair.berit.services.transfers.receive(_send(pair, tmp_path / "p.cdtransfer"))
    assert pair.berit.services.participants.get(got.participant_id).programme_id == theirs.id
    with pair.berit.vault.sessions() as s:
        assert s.scalar(select(func.count(Programme.id))) == 2
        made = s.scalar(
            select(func.count(AuditEntry.id)).where(
                AuditEntry.entity == "programme", AuditEntry.action == "create"
            )
        )
    assert made == 2  # the two she made herself; none by the package


def test_a_merge_gives_her_the_programme_only_where_her_file_has_none(
    pair: Pair, tmp_path: Path
) -> None:
    data = _send(pair, tmp_path / "p.cdtransfer")
    hers = pair.berit.services.participants.create(ParticipantDraft("Amal", "Haddad"))
    arrival = pair.berit.services.transfers.open(data)
    preview = pair.berit.services.transfers.merge_preview(data, 0, hers.id)
    assert "programme" in preview[0]
    assert pair.berit.services.participants.get(hers.id).programme_id is None  # only a preview
    pair.berit.services.transfers.receive(data, choices=[hers.id])
    made = pair.berit.services.programmes.find("MY TURN")
    assert made is not None and len(arrival.people) == 1
    assert pair.berit.services.participants.get(hers.id).programme_id == made.id

    # Sent again to a colleague whose file of her names another programme: hers is kept.
    other = pair.berit.services.programmes.create(ProgrammeDraft("Stark im Beruf"))
    with pair.berit.vault.sessions.begin() as s:
        row = s.get(Participant, hers.id)
        assert row is not None
        row.programme_id = other.id
    again = pair.berit.services.transfers.merge_preview(
        _send(pair, tmp_path / "q.cdtransfer"), 0, hers.id
    )
    assert "programme" in again[1] and "programme" not in again[0]


def test_documents_and_her_access_file_name_her_programme_never_its_id(
    services: Services, vault: Vault
) -> None:
    from coachdesk.export.access_records import participant as access_participant
    from coachdesk.export.access_texts import FIELD_LABELS as ACCESS_LABELS
    from coachdesk.export.common import FIELD_LABELS
    from coachdesk.export.consent_filter import filter_participant

    turn = services.programmes.create(ProgrammeDraft("MY TURN"))
    pid = services.participants.create(ParticipantDraft("Amal", "Haddad", programme_id=turn.id)).id
    org = services.directory.create_organisation(
        OrganisationDraft("Jobcenter", OrganisationKind.JOB_CENTRE)
    )
    add_consent(vault.sessions, pid, {DataCategory.GOALS_PROGRESS}, organisation_id=org.id)
    with services.ctx.read() as s:
        written = access_participant(s, pid, "de", notes=False)
        filtered = filter_participant(s, pid, org.id, None, "purpose", dt.date(2026, 2, 1))
    assert written["programme"] == "MY TURN" and "programme_id" not in written
    facts = {f.field: f.value for f in filtered.facts}
    assert facts["programme_id"] == "MY TURN"
    assert _(FIELD_LABELS["programme_id"], "de") == "Maßnahme"
    assert _(ACCESS_LABELS["programme"], "de") == "Maßnahme"  # her access file's caption
