"""Documents in batches through the export service: real vault, real worker pool, real PDFs."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from coachdesk.export.batch_plan import BatchRequest, SkipReason
from coachdesk.models.enums import DataCategory as C
from coachdesk.vault.errors import READ_ONLY
from tests.conftest import TODAY
from tests.unit.batch_support import Batch, check_document, leftovers, name_of, seed_batch
from tests.unit.test_export_saving import read_only_folder
from tests.unit.test_export_support import add_consent


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The folder she chooses for the documents (the vault lies beside it)."""
    folder = tmp_path / "documents"
    folder.mkdir()
    return folder


def _request(batch: Batch, ids: tuple[int, ...] | None = None) -> BatchRequest:
    return BatchRequest(
        participant_ids=batch.all_ids if ids is None else ids,
        document="interim_feedback",
        organisation_id=batch.job_centre_id,
        purpose="Quarterly feedback",
    )


def _registered(services, ids) -> dict[int, list[str]]:  # type: ignore[no-untyped-def]
    return {pid: [h.sha256 for h in services.exports.history(pid)] for pid in ids}


def test_preview_lists_who_is_included_and_why_the_others_are_not(services) -> None:  # type: ignore[no-untyped-def]
    batch = seed_batch(services)
    preview = services.exports.preview_batch(_request(batch))
    assert [e.participant_id for e in preview.entries] == list(batch.all_ids)
    assert [e.number for e in preview.entries] == list(range(1, len(batch.all_ids) + 1))
    assert {e.participant_id for e in preview.included} == set(batch.included)
    reasons = {e.participant_id: e.skipped for e in preview.skipped}
    assert reasons == {
        batch.no_consent[0]: SkipReason.NO_CONSENT,
        batch.nothing_recorded[0]: SkipReason.NOTHING_RECORDED_INTERIM,
    }
    assert "no personal data" in str(preview.skipped[0].reason)
    assert preview.recipient_name == "Jobcenter Musterstadt"


def test_all_active_of_a_recipient(services) -> None:  # type: ignore[no-untyped-def]
    batch = seed_batch(services)
    found = services.exports.batch_participants(batch.job_centre_id)
    assert set(found) == set(batch.all_ids)  # her officer works there (the consent is elsewhere)
    assert services.exports.batch_participants(batch.other_org_id) == batch.no_consent


def test_batch_saves_exactly_the_included_documents_signed_and_registered(services, out) -> None:  # type: ignore[no-untyped-def]
    batch = seed_batch(services)
    before = len(services.audit.entries())
    progress: list[tuple[int, int]] = []
    result = services.exports.export_batch(
        _request(batch), out, progress=lambda done, total: progress.append((done, total))
    )
    assert result.error is None and not result.cancelled and result.not_made == ()
    assert [d.entry.participant_id for d in result.saved] == list(batch.included)
    assert {e.participant_id for e in result.skipped} == set(
        batch.no_consent + batch.nothing_recorded
    )
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted(d.path.name for d in result.saved)
    registered = _registered(services, batch.all_ids)
    for doc in result.saved:
        pid = doc.entry.participant_id
        assert check_document(doc.path, pid) == doc.sha256
        assert registered[pid] == [doc.sha256]
        # What and when and her number in the batch; never who.
        assert doc.path.name == f"Zwischenbericht_{TODAY.isoformat()}_{doc.entry.number:02d}.pdf"
        assert name_of(pid) not in doc.path.name and "Yılmaz" not in doc.path.name
    for pid in batch.no_consent + batch.nothing_recorded:
        assert registered[pid] == []
    assert len(services.audit.entries()) == before + len(batch.included)
    assert progress[-1] == (len(batch.included), len(batch.included))
    assert leftovers(out) == []


def test_english_documents_get_english_names_and_a_second_batch_never_replaces_the_first(
    services, out
) -> None:  # type: ignore[no-untyped-def]
    batch = seed_batch(services, included=2, no_consent=0, nothing_recorded=0)
    request = BatchRequest(
        participant_ids=batch.included,
        document="interim_feedback",
        organisation_id=batch.job_centre_id,
        lang="en",
    )
    first = services.exports.export_batch(request, out)
    second = services.exports.export_batch(request, out)
    day = TODAY.isoformat()
    assert [d.path.name for d in first.saved] == [
        f"Interim-feedback_{day}_01.pdf",
        f"Interim-feedback_{day}_02.pdf",
    ]
    assert [d.path.name for d in second.saved] == [
        f"Interim-feedback_{day}-2_01.pdf",
        f"Interim-feedback_{day}-2_02.pdf",
    ]
    assert len(list(out.iterdir())) == 4


def test_cancel_mid_batch_leaves_only_complete_registered_files(services, out) -> None:  # type: ignore[no-untyped-def]
    batch = seed_batch(services, included=8, no_consent=0, nothing_recorded=0)
    cancel = threading.Event()
    result = services.exports.export_batch(
        _request(batch), out, progress=lambda done, total: cancel.set(), cancel=cancel
    )
    assert result.cancelled and result.error is None
    assert len(result.saved) == 1 and len(result.not_made) == 7
    assert leftovers(out) == []
    files = {p.name for p in out.iterdir()}
    assert files == {d.path.name for d in result.saved}
    registered = _registered(services, batch.included)
    for doc in result.saved:
        assert check_document(doc.path, doc.entry.participant_id) == doc.sha256
    # A register entry for every file, and for nothing else.
    assert sum(len(v) for v in registered.values()) == len(files)
    assert sorted(sha for v in registered.values() for sha in v) == sorted(
        d.sha256 for d in result.saved
    )


def test_a_read_only_folder_saves_nothing_and_registers_nothing(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    batch = seed_batch(services)
    before = len(services.audit.entries())
    with read_only_folder(tmp_path) as folder:
        result = services.exports.export_batch(_request(batch), folder)
        assert list(folder.iterdir()) == []
    assert result.error is not None and result.error.render() == READ_ONLY
    assert result.saved == () and len(result.not_made) == len(batch.included)
    assert all(v == [] for v in _registered(services, batch.all_ids).values())
    assert len(services.audit.entries()) == before


def test_a_consent_withdrawn_while_the_batch_runs_is_honoured(services, out) -> None:  # type: ignore[no-untyped-def]
    batch = seed_batch(services, included=6, no_consent=0, nothing_recorded=0)
    last = batch.included[-1]
    consent_id = services.consents.list_for_participant(last)[0].id

    def withdraw(done: int, total: int) -> None:
        if done == 1:
            services.consents.withdraw(consent_id, TODAY)

    result = services.exports.export_batch(_request(batch), out, progress=withdraw)
    skipped = {e.participant_id: e.skipped for e in result.skipped}
    assert skipped[last] in (SkipReason.NO_CONSENT, SkipReason.CHANGED)
    assert last not in {d.entry.participant_id for d in result.saved}
    assert services.exports.history(last) == []
    assert len(result.saved) == 5


def test_a_folder_that_is_not_there_is_refused_before_anything_is_made(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from coachdesk.vault.output_paths import OutputPathError

    batch = seed_batch(services)
    with pytest.raises(OutputPathError, match="does not exist"):
        services.exports.export_batch(_request(batch), tmp_path / "missing")
    assert all(v == [] for v in _registered(services, batch.all_ids).values())


def test_only_progress_documents_come_in_batches(services) -> None:  # type: ignore[no-untyped-def]
    from coachdesk.services.errors import ValidationError

    with pytest.raises(ValidationError, match="batches"):
        BatchRequest(participant_ids=(1,), document="consent_form", organisation_id=1)


def test_a_contact_person_as_recipient(services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    batch = seed_batch(services, included=1, no_consent=1, nothing_recorded=0)
    # A consent for the person covers her alone; for the organisation, its staff too.
    with services.ctx.sessions() as s:
        from coachdesk.models import ContactPerson

        officer = s.query(ContactPerson).filter_by(organisation_id=batch.job_centre_id).one().id
    add_consent(
        services.ctx.sessions, batch.no_consent[0], {C.IDENTITY_CONTACT}, contact_id=officer
    )
    preview = services.exports.preview_batch(
        BatchRequest(
            participant_ids=batch.included + batch.no_consent,
            document="interim_feedback",
            contact_id=officer,
        )
    )
    assert preview.recipient_name == "Jobcenter Musterstadt – Petra Schulz"
    assert [e.skipped for e in preview.entries] == [None, None]


def test_file_names_drop_what_a_disk_refuses_and_number_to_the_batchs_width(tmp_path: Path) -> None:
    from coachdesk.export.batch_names import batch_file_names

    (tmp_path / "Exit-handover_2026-03-16_1.pdf").write_bytes(b"")  # another width: no clash
    names = batch_file_names('Exit: "handover"/?', TODAY, [1, 12], tmp_path)
    assert names[1].name == "Exit-handover_2026-03-16_01.pdf"
    assert names[12].name == "Exit-handover_2026-03-16_12.pdf"
