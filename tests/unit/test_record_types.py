"""Every record a service returns keeps its declared types: enum members stay enums, dates stay
dates, numbers stay numbers. Comparing records with ``==`` cannot see this (a ``StrEnum``
equals its string), and it is what made saving a status change end in an error box."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from collections.abc import Generator, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from coachdesk.demo.generate import generate_demo
from coachdesk.facade import Services
from coachdesk.models.enums import GoalStatus, ParticipantStatus
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE, TODAY


def problems(value: Any, declared: Any, where: str) -> Iterator[str]:
    """Where ``value`` is not of the ``declared`` type (recursing into records and containers)."""
    origin = typing.get_origin(declared)
    args = typing.get_args(declared)
    if declared is Any or declared is object:
        return
    if origin in (typing.Union, types.UnionType):
        if not any(not list(problems(value, arg, where)) for arg in args):
            yield f"{where}: {value!r} is none of {declared}"
        return
    if origin is typing.Literal:
        if value not in args:
            yield f"{where}: {value!r} not in {args}"
        return
    if origin in (list, tuple, set, frozenset) or origin in (
        typing.get_origin(typing.Sequence[int]),
    ):
        if not isinstance(value, origin):
            yield f"{where}: {type(value).__name__} instead of {origin.__name__}"
            return
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            for i, (item, arg) in enumerate(zip(value, args, strict=False)):
                yield from problems(item, arg, f"{where}[{i}]")
            return
        for i, item in enumerate(value):
            yield from problems(item, args[0] if args else Any, f"{where}[{i}]")
        return
    if origin in (dict, Mapping) or origin is typing.get_origin(Mapping[str, int]):
        if not isinstance(value, Mapping):
            yield f"{where}: {type(value).__name__} instead of a mapping"
            return
        for key, item in value.items():
            yield from problems(key, args[0] if args else Any, f"{where} key")
            yield from problems(item, args[1] if args else Any, f"{where}[{key!r}]")
        return
    if origin is not None:
        declared = origin
    if not isinstance(declared, type):
        return  # a type variable or a forward reference we cannot resolve: not judged
    if declared is float:
        ok = type(value) in (int, float)
    elif declared is int:
        ok = type(value) is int
    elif declared is dt.date:
        ok = type(value) is dt.date  # a datetime is not a date of the calendar here
    elif issubclass(declared, enum.Enum):
        ok = type(value) is declared
    else:
        ok = isinstance(value, declared)
    if not ok:
        yield f"{where}: {type(value).__name__} {value!r} instead of {declared.__name__}"
        return
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        yield from record_problems(value, where)


def record_problems(record: Any, where: str) -> Iterator[str]:
    hints = typing.get_type_hints(type(record))
    names = (
        record._fields if _is_named_tuple(record) else [f.name for f in dataclasses.fields(record)]
    )
    for name in names:
        yield from problems(getattr(record, name), hints[name], f"{where}.{name}")


def _is_named_tuple(value: Any) -> bool:
    """Rows made by the ten thousand (the participant list) are named tuples."""
    return isinstance(value, tuple) and hasattr(value, "_fields")


def records_in(value: Any) -> Iterator[Any]:
    if (dataclasses.is_dataclass(value) and not isinstance(value, type)) or _is_named_tuple(value):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from records_in(item)


@pytest.fixture(scope="module")
def demo(template_vault: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    path = tmp_path_factory.mktemp("types") / "vault"
    shutil.copytree(template_vault[0], path)
    with Vault.open(path, PASSPHRASE) as vault:
        generate_demo(vault, participants=25, seed=3, today=TODAY)
    return path


def everything_read(services: Services) -> Iterator[tuple[str, Any]]:
    """What the window and the command line read, call by call."""
    people = services.participants.list()
    yield "participants.list", people
    yield "search", services.search.search("a")
    yield "audit.entries", services.audit.entries()
    yield "modules.list", services.modules.list()
    yield "meetings.list", services.meetings.list()
    yield "directory.contacts", services.directory.list_contacts()
    yield "directory.organisations", services.directory.list_organisations()
    yield "directory.responsibilities", services.directory.list_responsibilities()
    yield "reminders.today", services.reminders.today()
    yield "retention.due", services.retention.due_for_erasure()
    yield "first_steps", services.first_steps.status()
    for programme in services.programmes.list(include_archived=True):
        yield "programmes.get", services.programmes.get(programme.id)
    for module in services.modules.list():
        yield "modules.get", services.modules.get(module.id)
        yield "modules.participants_of_module", services.modules.participants_of_module(module.id)
    for person in people:
        pid = person.id
        yield "participants.get", services.participants.get(pid)
        yield "goals", services.goals.list_for_participant(pid)
        yield "enrolments", services.modules.enrolments_for_participant(pid)
        yield "meetings", services.meetings.list_for_participant(pid)
        yield "handovers", services.handovers.list_for_participant(pid)
        yield "consents", services.consents.list_for_participant(pid)
        yield "aftercare", services.aftercare.list_for_participant(pid)
        yield "exports.history", services.exports.history(pid)


def test_every_record_read_keeps_its_types(demo: Path) -> None:
    with Vault.open(demo, PASSPHRASE) as vault:
        services = Services(vault.sessions, today=lambda: TODAY, vault=vault)
        found: list[str] = []
        seen = 0
        for call, result in everything_read(services):
            for record in records_in(result):
                seen += 1
                found.extend(record_problems(record, f"{call} {type(record).__name__}"))
    # The demo fills every kind of record (a little fewer enrolments since each woman is
    # enrolled in her programme's modules and the shared ones).
    assert seen > 440
    assert found == []


def test_records_returned_by_a_change_keep_their_types(demo: Path) -> None:
    """The records a save hands back (what the window shows next) after an enum changed."""
    import dataclasses as dc

    from coachdesk.services.goals import GoalDraft
    from coachdesk.services.participants import ParticipantDraft

    with Vault.open(demo, PASSPHRASE) as vault:
        services = Services(vault.sessions, today=lambda: TODAY, vault=vault)
        person = services.participants.list()[0]
        full = services.participants.get(person.id)
        fields = {f.name for f in dc.fields(ParticipantDraft)}
        draft = ParticipantDraft(**{k: getattr(full, k) for k in fields if hasattr(full, k)})
        changed = services.participants.update(
            person.id, dc.replace(draft, status=ParticipantStatus.ACTIVE)
        )
        goal = services.goals.create(person.id, GoalDraft(title="Deutschkurs B1"))
        goal_fields = {f.name for f in dc.fields(GoalDraft)}
        goal_draft = GoalDraft(**{k: getattr(goal, k) for k in goal_fields if hasattr(goal, k)})
        reached = services.goals.update(
            goal.id, dc.replace(goal_draft, status=GoalStatus.REACHED, reached_on=TODAY)
        )
        found = [
            *record_problems(changed, "participants.update"),
            *record_problems(goal, "goals.create"),
            *record_problems(reached, "goals.update"),
        ]
    assert type(changed.status) is ParticipantStatus
    assert found == []


def test_the_check_sees_a_string_where_an_enum_belongs() -> None:
    """The checker itself: the shapes of the status-save bug and its siblings are found."""

    @dataclasses.dataclass(frozen=True)
    class Sample:
        status: ParticipantStatus
        day: dt.date | None
        ids: tuple[int, ...]

    wrong = Sample("active", dt.datetime(2026, 1, 1), (1, "2"))  # type: ignore[arg-type]
    assert len(list(record_problems(wrong, "Sample"))) == 3
    assert list(record_problems(Sample(ParticipantStatus.ACTIVE, None, (1, 2)), "Sample")) == []


# -- the other services: settings, drafts, papers, colleagues, reports, imports, ESF, vault --


def _checked(found: list[str], call: str, result: Any) -> int:
    """Check every record in ``result``; how many there were."""
    records = list(records_in(result))
    for record in records:
        found.extend(record_problems(record, f"{call} {type(record).__name__}"))
    return len(records)


def test_settings_and_drafts_give_back_what_was_stored_in_its_type(demo: Path) -> None:
    with Vault.open(demo, PASSPHRASE) as vault:
        services = Services(vault.sessions, today=lambda: TODAY, vault=vault)
        services.settings.set_signer("Anna Çoban", "Frauen in Arbeit e. V.")
        services.settings.set_retention_months(48)
        services.settings.set_attachment_limit_mb(25)
        read = (
            services.settings.coach_name(),
            services.settings.organisation_name(),
            services.settings.retention_months(),
            services.settings.attachment_limit_mb(),
        )
        payload = {"day": TODAY, "at": dt.datetime(2026, 3, 2, 9, 30), "n": 3, "ids": [1, 2]}
        services.drafts.save("goal:types", payload)
        loaded = services.drafts.load("goal:types")
        keys = services.drafts.keys("goal:")
        services.drafts.discard("goal:types")
    assert [type(v) for v in read] == [str, str, int, int]
    assert read == ("Anna Çoban", "Frauen in Arbeit e. V.", 48, 25)
    assert loaded is not None
    assert {k: type(v) for k, v in loaded.items()} == {
        "day": dt.date,
        "at": dt.datetime,
        "n": int,
        "ids": list,
    }
    assert loaded == payload and keys == ["goal:types"]


def test_papers_colleagues_reports_imports_esf_and_backups_keep_their_types(
    demo: Path, tmp_path: Path
) -> None:
    from coachdesk.documents.signing import create_identity
    from coachdesk.models.enums import DataCategory, EsfAnswer, Gender, LabourStatus
    from coachdesk.reports.esf_service import EsfReportService
    from coachdesk.services import reminder_lists
    from coachdesk.services.attachment_records import AttachmentDraft
    from coachdesk.services.esf_rules import EntryDraft, ExitDraft, FollowUpAnswers
    from coachdesk.services.participants import ParticipantDraft
    from tests.unit.attachment_files import pdf_bytes
    from tests.unit.import_support import GERMAN_HEADINGS, people, write_csv

    found: list[str] = []
    seen = 0
    with Vault.open(demo, PASSPHRASE) as vault:
        services = Services(vault.sessions, today=lambda: TODAY, vault=vault)
        pid = services.participants.list()[0].id
        paper = services.attachments.add(
            pid, pdf_bytes("Zeugnis"), AttachmentDraft("B1", DataCategory.LANGUAGES_QUALIFICATIONS)
        )
        seen += _checked(found, "attachments.add", paper)
        seen += _checked(found, "attachments.list", services.attachments.list_for_participant(pid))
        seen += _checked(found, "attachments.get", services.attachments.get(paper.id))
        seen += _checked(found, "attachments.totals", services.attachments.totals())
        colleague = services.colleagues.import_certificate(create_identity("Berit").certificate_der)
        seen += _checked(found, "colleagues.import", colleague)
        seen += _checked(
            found, "colleagues.verify", services.colleagues.verify(colleague.id, "tel")
        )
        seen += _checked(found, "colleagues.list", services.colleagues.colleagues())
        seen += _checked(found, "colleagues.get", services.colleagues.get(colleague.id))
        start, end = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
        seen += _checked(found, "reports.quarterly", services.reports.quarterly_figures(start, end))
        seen += _checked(found, "reports.catalogue", services.reports.catalogue())
        seen += _checked(found, "reports.directory", services.reports.directory())
        esf_figures = EsfReportService(services.ctx).esf_figures(start, end)
        seen += _checked(found, "reports.esf_figures", esf_figures)
        table = services.imports.read(
            write_csv(tmp_path / "list.csv", [GERMAN_HEADINGS, *people(5)], "utf-8")
        )
        preview = services.imports.preview(table, services.imports.mapping_for(table.headers))
        seen += _checked(found, "imports.preview", preview)
        seen += _checked(found, "imports.commit", services.imports.commit(preview))
        # Her three ESF questionnaires answered, as the form sends them (enum members, dates).
        new = services.participants.create(
            ParticipantDraft("Amina", "Types", entry_date=dt.date(2025, 1, 6))
        )
        entry = EntryDraft(
            dt.date(2025, 1, 6), Gender.FEMALE, LabourStatus.EMPLOYED, None, EsfAnswer.YES
        )
        seen += _checked(found, "esf.save_entry", services.esf.save_entry(new.id, entry))
        left = services.participants.get(new.id)
        services.participants.update(new.id, _draft_of(left, exit_date=dt.date(2025, 3, 3)))
        seen += _checked(
            found, "esf.save_exit", services.esf.save_exit(new.id, ExitDraft(TODAY, employed=True))
        )
        answered = FollowUpAnswers(TODAY, employed=True, improved_situation=True)
        seen += _checked(found, "esf.follow_up", services.esf.save_follow_up(new.id, answered))
        open_follow_up = ParticipantDraft(  # left six months ago: her follow-up is due today
            "Amina", "Open", entry_date=dt.date(2025, 1, 6), exit_date=TODAY - dt.timedelta(183)
        )
        services.participants.create(open_follow_up)
        for person in services.participants.list():
            seen += _checked(found, "esf.get", services.esf.get(person.id))
        esf_keys = (reminder_lists.ESF_ENTRY, reminder_lists.ESF_EXIT, reminder_lists.ESF_FOLLOW_UP)
        listed = {
            key: _checked(found, f"reminders.entries {key}", services.reminders.entries(key))
            for key in esf_keys
        }
        seen += sum(listed.values())
        pages = services.reminders.first_page()
        for key, page in pages.pages.items():
            seen += _checked(found, f"reminders.first_page {key}", page)
        seen += _checked(found, "vault_admin.back_up", services.vault_admin.back_up(tmp_path / "b"))
        seen += _checked(found, "vault_admin.check", services.vault_admin.check())
    assert found == []
    assert esf_figures.counts and seen > 60
    assert all(listed.values()), listed  # each ESF list of Today has entries to check


def _draft_of(record: Any, **changes: Any) -> Any:
    from coachdesk.services.participants import ParticipantDraft

    names = {f.name for f in dataclasses.fields(ParticipantDraft)}
    kept = {k: getattr(record, k) for k in names if hasattr(record, k)}
    return dataclasses.replace(ParticipantDraft(**kept), **changes)


def test_a_transfer_keeps_its_types_from_plan_to_arrival(
    template_vault: tuple[Path, str], tmp_path: Path
) -> None:
    from coachdesk.export.transfer.plan import TransferRequest
    from tests.unit.transfer_support import make_pair

    found: list[str] = []
    pairs = typing.cast(Generator[Any, None, None], make_pair(template_vault, tmp_path))
    pair = next(pairs)
    try:
        request = TransferRequest(
            participant_ids=(pair.participant_id,), colleague_fingerprint=pair.berit.fingerprint
        )
        transfers = pair.anna.services.transfers
        seen = _checked(found, "transfers.plan", transfers.plan(request))
        sent = transfers.send(request, tmp_path / "package.cdt")
        seen += _checked(found, "transfers.send", sent)
        data = sent.path.read_bytes()
        seen += _checked(found, "transfers.open", pair.berit.services.transfers.open(data))
        seen += _checked(found, "transfers.receive", pair.berit.services.transfers.receive(data))
        seen += _checked(found, "history", pair.anna.services.exports.history(pair.participant_id))
    finally:
        pairs.close()
    assert found == [] and seen >= 4
