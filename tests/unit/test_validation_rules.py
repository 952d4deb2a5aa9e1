"""Property tests that assert each validation rule, not only "saved or some error".

For every rule of participants, consents and modules: drafts generated to keep all rules
are saved (and read back), and a draft generated to break exactly one rule is refused
with that rule's own message on that rule's field. A rule that went missing, moved to
another field or got its boundary wrong fails here (issue 19, item 4).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachdesk.facade import Services
from coachdesk.models.enums import (
    SPECIAL_CATEGORIES,
    ConsentMethod,
    DataCategory,
    ExitDestination,
    GermanLevel,
    LegalBasis,
    ParticipantStatus,
)
from coachdesk.services.consent_rules import validate_consent
from coachdesk.services.consents import ConsentDraft
from coachdesk.services.errors import ValidationError
from coachdesk.services.modules import ModuleDraft, validate_module
from coachdesk.services.participants import ParticipantDraft, validate_participant
from tests.conftest import TODAY
from tests.unit.test_fuzz_services import base

PURE = settings(max_examples=60, deadline=None)
SAVED = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_unique = itertools.count(1)

names = st.text(st.characters(categories=("L",)), min_size=1, max_size=40)
days = st.dates(dt.date(2000, 1, 1), TODAY)
spans = st.integers(0, 2000)
customer_numbers = st.from_regex(r"\A(\d{3}[A-Z]\d{6}|\d{5}BG\d{7})\Z")
emails = st.from_regex(r"\A[a-z]{1,10}@[a-z]{1,10}\.(de|org)\Z")
phones = st.from_regex(r"\A\+?[0-9]{3,12}\Z")


@st.composite
def participants(draw: st.DrawFn) -> ParticipantDraft:
    """A participant that keeps every rule."""
    entry = draw(st.none() | days)
    exit_date = (
        None if entry is None else draw(st.none() | spans.map(lambda n: entry + dt.timedelta(n)))
    )
    born = draw(st.none() | st.dates(dt.date(TODAY.year - 100, 1, 1), TODAY))
    return ParticipantDraft(
        first_name=draw(names),
        last_name=draw(names),
        date_of_birth=born,
        phone=draw(st.just("") | phones),
        email=draw(st.just("") | emails),
        jobcentre_customer_number=draw(st.just("") | customer_numbers),
        german_level=draw(st.none() | st.sampled_from(GermanLevel)),
        children_count=draw(st.none() | st.integers(0, 20)),
        status=draw(st.sampled_from(ParticipantStatus)),
        entry_date=entry,
        exit_date=exit_date,
        exit_destination=None
        if exit_date is None
        else draw(st.none() | st.sampled_from(ExitDestination)),
    )


Breaker = Callable[[Any, st.DrawFn], tuple[Any, str, str]]
"""Turns a draft that keeps all rules into one that breaks one: (draft, field, msgid)."""

BLANKS = st.sampled_from(["", " ", "\t", "\n  "])


def _too_young(d: ParticipantDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
    born = TODAY + dt.timedelta(draw(st.integers(1, 3000)))
    msg = "The date of birth cannot be in the future."
    return dataclasses.replace(d, date_of_birth=born), "date_of_birth", msg


def _too_old(d: ParticipantDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
    born = draw(st.dates(dt.date(1800, 1, 1), dt.date(TODAY.year - 101, 12, 31)))
    msg = "Please check the date of birth: more than 100 years ago."
    return dataclasses.replace(d, date_of_birth=born), "date_of_birth", msg


def _exit_before_entry(d: ParticipantDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
    entry = draw(days)
    exit_date = entry - dt.timedelta(draw(st.integers(1, 2000)))
    msg = "The exit date cannot be before the entry date."
    return dataclasses.replace(d, entry_date=entry, exit_date=exit_date), "exit_date", msg


def _children(d: ParticipantDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
    count = draw(st.integers(max_value=-1) | st.integers(min_value=21))
    msg = "The number of children must be between 0 and 20."
    return dataclasses.replace(d, children_count=count), "children_count", msg


def _destination_without_exit(d: ParticipantDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
    where = draw(st.sampled_from(ExitDestination))
    msg = "Please enter the exit date as well as where she went."
    return dataclasses.replace(d, exit_date=None, exit_destination=where), "exit_date", msg


def _set(field: str, values: st.SearchStrategy[Any], msgid: str) -> Breaker:
    def breaker(d: Any, draw: st.DrawFn) -> tuple[Any, str, str]:
        return dataclasses.replace(d, **{field: draw(values)}), field, msgid

    return breaker


PARTICIPANT_RULES: dict[str, Breaker] = {
    "first name required": _set("first_name", BLANKS, "Please fill in {field}."),
    "last name required": _set("last_name", BLANKS, "Please fill in {field}."),
    "name length": _set(
        "last_name",
        st.integers(101, 400).map(lambda n: "ö" * n),
        "This text is too long ({length} characters, at most {limit}).",
    ),
    "a later field's length": _set(  # after a date field: every text field is checked
        "languages",
        st.integers(301, 600).map(lambda n: "x" * n),
        "This text is too long ({length} characters, at most {limit}).",
    ),
    "customer number": _set(
        "jobcentre_customer_number",
        st.sampled_from(["12", "962D12345", "962D1234567", "12345XY1234567", "ABCD123456"]),
        "The customer number should look like 123A456789 "
        "(or a household number like 12345BG1234567).",
    ),
    "e-mail": _set(
        "email",
        st.sampled_from(["anna", "anna@", "@example.org", "anna@example", "an na@example.org"]),
        "This is not a valid e-mail address.",
    ),
    "phone": _set(
        "phone",
        st.sampled_from(["12", "0176 abc", "ruf an", "0176#123"]),
        "A phone number may contain digits, spaces and + ( ) / - .",
    ),
    "status offered": _set(
        "status",
        st.sampled_from(["Aktiv", "", "ACTIVE"]),
        "Please choose one of the offered values.",
    ),
    "where she went needs the exit date": _destination_without_exit,
    "born in the future": _too_young,
    "born over 100 years ago": _too_old,
    "exit before entry": _exit_before_entry,
    "children between 0 and 20": _children,
}


@st.composite
def consents(draw: st.DrawFn) -> ConsentDraft:
    """A consent that keeps every rule (recipient: organisation 1, made by ``base``)."""
    categories = draw(st.frozensets(st.sampled_from(DataCategory), min_size=1))
    special = bool(categories & SPECIAL_CATEGORIES)
    method = ConsentMethod.WRITTEN if special else draw(st.sampled_from(ConsentMethod))
    basis = LegalBasis.EXPLICIT_CONSENT if special else draw(st.sampled_from(LegalBasis))
    given = draw(days)
    return ConsentDraft(
        categories=categories,
        purpose=draw(names),
        given_on=given,
        recipient_organisation_id=1,
        legal_basis=basis,
        method=method,
        witness=draw(names) if method == ConsentMethod.ORAL_WITH_WITNESS else "",
        notice_language=draw(st.sampled_from(["de", "ar", "uk", "fa", "de-DE", "tir"])),
        valid_until=draw(st.none() | spans.map(lambda n: given + dt.timedelta(n))),
    )


def _given_in_future(d: ConsentDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
    given = TODAY + dt.timedelta(draw(st.integers(1, 3000)))
    msg = "This date is in the future; it has not happened yet."
    return dataclasses.replace(d, given_on=given, valid_until=None), "given_on", msg


def _ends_before_given(d: ConsentDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
    until = d.given_on - dt.timedelta(draw(st.integers(1, 2000)))
    msg = "A consent cannot end before the day it was given."
    return dataclasses.replace(d, valid_until=until), "valid_until", msg


def _oral_without_witness(d: ConsentDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
    categories = d.categories - SPECIAL_CATEGORIES or frozenset({DataCategory.IDENTITY_CONTACT})
    changed = dataclasses.replace(
        d,
        categories=categories,
        legal_basis=LegalBasis.CONSENT,
        method=ConsentMethod.ORAL_WITH_WITNESS,
        witness="",
    )
    return changed, "witness", "Oral consent needs a witness. Please enter the name."


def _special(field: str) -> Breaker:
    def breaker(d: ConsentDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
        special = d.categories | {draw(st.sampled_from(sorted(SPECIAL_CATEGORIES)))}
        if field == "legal_basis":
            basis = draw(
                st.sampled_from([b for b in LegalBasis if b != LegalBasis.EXPLICIT_CONSENT])
            )
            changed = dataclasses.replace(
                d, categories=special, legal_basis=basis, method=ConsentMethod.WRITTEN
            )
            msg = "Health and residence status need explicit consent (GDPR Art. 9(2)(a))."
        else:
            changed = dataclasses.replace(
                d,
                categories=special,
                legal_basis=LegalBasis.EXPLICIT_CONSENT,
                method=ConsentMethod.ORAL_WITH_WITNESS,
                witness="Frau Berg",
            )
            msg = "Health and residence status may only be shared with written consent."
        return changed, field, msg

    return breaker


def _no_recipient(d: ConsentDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
    changed = dataclasses.replace(d, recipient_organisation_id=None, recipient_contact_id=None)
    msg = "Please choose to whom the data may go (an organisation or a person)."
    return changed, "recipient", msg


CONSENT_RULES: dict[str, Breaker] = {
    "at least one kind of data": _set(
        "categories", st.just(frozenset()), "Please choose at least one kind of data."
    ),
    "a recipient": _no_recipient,
    "purpose required": _set("purpose", BLANKS, "Please fill in {field}."),
    "given in the past": _given_in_future,
    "ends after given": _ends_before_given,
    "oral needs a witness": _oral_without_witness,
    "special needs explicit consent": _special("legal_basis"),
    "special needs writing": _special("method"),
    "language code": _set(
        "notice_language",
        st.sampled_from(["deutsch", "D", "de_", "12", "de-Deutschland"]),
        "Please enter the language as a short code, for example de, ar or uk.",
    ),
}


@st.composite
def modules(draw: st.DrawFn) -> ModuleDraft:
    starts = draw(st.none() | days)
    ends = (
        None if starts is None else draw(st.none() | spans.map(lambda n: starts + dt.timedelta(n)))
    )
    return ModuleDraft(
        title=draw(names),
        starts_on=starts,
        ends_on=ends,
        capacity=draw(st.none() | st.integers(1, 1000)),
    )


def _ends_before_start(d: ModuleDraft, draw: st.DrawFn) -> tuple[Any, str, str]:
    starts = draw(days)
    ends = starts - dt.timedelta(draw(st.integers(1, 500)))
    msg = "The module cannot end before it starts."
    return dataclasses.replace(d, starts_on=starts, ends_on=ends), "ends_on", msg


MODULE_RULES: dict[str, Breaker] = {
    "title required": _set("title", BLANKS, "Please fill in {field}."),
    "ends after start": _ends_before_start,
    "places between 1 and 1000": _set(
        "capacity",
        st.integers(max_value=0) | st.integers(min_value=1001),
        "The number of places must be between 1 and 1000.",
    ),
}


def _only(problems: list[Any], field: str, msgid: str) -> None:
    assert [(p.field, p.message.msgid) for p in problems] == [(field, msgid)]


@PURE
@given(draft=participants())
def test_participants_that_keep_every_rule_pass_it(draft: ParticipantDraft) -> None:
    assert validate_participant(draft, TODAY) == []


@pytest.mark.parametrize("rule", sorted(PARTICIPANT_RULES))
@PURE
@given(data=st.data())
def test_a_participant_breaking_one_rule_gets_that_rules_message(
    rule: str, data: st.DataObject
) -> None:
    draft, field, msgid = PARTICIPANT_RULES[rule](data.draw(participants()), data.draw)
    _only(validate_participant(draft, TODAY), field, msgid)


@PURE
@given(draft=consents())
def test_consents_that_keep_every_rule_pass_it(draft: ConsentDraft) -> None:
    assert validate_consent(draft, TODAY) == []


@pytest.mark.parametrize("rule", sorted(CONSENT_RULES))
@PURE
@given(data=st.data())
def test_a_consent_breaking_one_rule_gets_that_rules_message(
    rule: str, data: st.DataObject
) -> None:
    draft, field, msgid = CONSENT_RULES[rule](data.draw(consents()), data.draw)
    _only(validate_consent(draft, TODAY), field, msgid)


@PURE
@given(draft=modules())
def test_modules_that_keep_every_rule_pass_it(draft: ModuleDraft) -> None:
    assert validate_module(draft) == []


@pytest.mark.parametrize("rule", sorted(MODULE_RULES))
@PURE
@given(data=st.data())
def test_a_module_breaking_one_rule_gets_that_rules_message(rule: str, data: st.DataObject) -> None:
    draft, field, msgid = MODULE_RULES[rule](data.draw(modules()), data.draw)
    _only(validate_module(draft), field, msgid)


def _refused(call: Callable[[], object], field: str, msgid: str) -> None:
    with pytest.raises(ValidationError) as refused:
        call()
    assert [(e.field, e.message.msgid) for e in refused.value.errors] == [(field, msgid)]


@SAVED
@given(draft=participants(), data=st.data())
def test_the_service_saves_what_keeps_the_rules_and_refuses_each_break(
    services: Services, draft: ParticipantDraft, data: st.DataObject
) -> None:
    n = next(_unique)  # the vault refuses a second person with the same name or number
    number = f"{n:05d}BG{n:07d}" if draft.jobcentre_customer_number else ""
    own = dataclasses.replace(
        draft, last_name=f"{draft.last_name} {n}", jobcentre_customer_number=number
    )
    saved = services.participants.create(own)
    assert services.participants.get(saved.id) == saved
    assert saved.entry_date == own.entry_date and saved.exit_date == own.exit_date
    rule = data.draw(st.sampled_from(sorted(PARTICIPANT_RULES)))
    broken, field, msgid = PARTICIPANT_RULES[rule](own, data.draw)
    _refused(lambda: services.participants.create(broken), field, msgid)
    _refused(lambda: services.participants.update(saved.id, broken), field, msgid)
    assert services.participants.get(saved.id) == saved


@SAVED
@given(draft=consents(), data=st.data())
def test_the_service_records_consents_that_keep_the_rules_and_refuses_each_break(
    services: Services, draft: ConsentDraft, data: st.DataObject
) -> None:
    organisation = base(services).organisation
    pid = services.participants.create(ParticipantDraft("Amina", f"K {next(_unique)}")).id
    own = dataclasses.replace(draft, recipient_organisation_id=organisation)
    saved = services.consents.record(pid, own)
    assert services.consents.get(saved.id) == saved
    rule = data.draw(st.sampled_from(sorted(CONSENT_RULES)))
    broken, field, msgid = CONSENT_RULES[rule](own, data.draw)
    _refused(lambda: services.consents.record(pid, broken), field, msgid)
    _refused(lambda: services.consents.update(saved.id, broken), field, msgid)
    assert services.consents.list_for_participant(pid) == [saved]


@SAVED
@given(draft=modules(), data=st.data())
def test_the_service_saves_modules_that_keep_the_rules_and_refuses_each_break(
    services: Services, draft: ModuleDraft, data: st.DataObject
) -> None:
    own = dataclasses.replace(draft, title=f"{draft.title} {next(_unique)}")
    saved = services.modules.create(own)
    assert services.modules.get(saved.id) == saved
    rule = data.draw(st.sampled_from(sorted(MODULE_RULES)))
    broken, field, msgid = MODULE_RULES[rule](own, data.draw)
    _refused(lambda: services.modules.create(broken), field, msgid)
    _refused(lambda: services.modules.update(saved.id, broken), field, msgid)


def test_a_text_at_its_limit_is_kept_one_more_character_is_refused_with_both_numbers() -> None:
    at_limit = ParticipantDraft("Amina", "k" * 100)
    assert validate_participant(at_limit, TODAY) == []
    problems = validate_participant(dataclasses.replace(at_limit, last_name="k" * 101), TODAY)
    assert [(p.field, p.message.render("en")) for p in problems] == [
        ("last_name", "This text is too long (101 characters, at most 100).")
    ]


def test_a_customer_number_typed_loosely_is_saved_in_its_one_form(services: Services) -> None:
    for typed, kept in ((" 962d-123456 ", "962D123456"), ("12345 bg 1234567", "12345BG1234567")):
        draft = ParticipantDraft("Amina", f"K {next(_unique)}", jobcentre_customer_number=typed)
        assert services.participants.create(draft).jobcentre_customer_number == kept


def test_required_fields_name_themselves_in_the_message() -> None:
    blank_consent = ConsentDraft(frozenset({DataCategory.GOALS_PROGRESS}), " ", None, 1)  # type: ignore[arg-type]
    texts = {p.field: p.message.render("en") for p in validate_consent(blank_consent, TODAY)}
    assert texts == {
        "purpose": "Please fill in the purpose.",
        "given_on": "Please fill in the date it was given.",
    }
    texts = {
        p.field: p.message.render("en")
        for p in validate_participant(ParticipantDraft("", " "), TODAY)
    }
    assert texts == {
        "first_name": "Please fill in first name.",
        "last_name": "Please fill in last name.",
    }
    assert [p.message.render("en") for p in validate_module(ModuleDraft(""))] == [
        "Please fill in the title."
    ]


def test_every_kind_of_data_at_once_is_a_valid_choice_and_an_unknown_one_is_not() -> None:
    everything = ConsentDraft(
        frozenset(DataCategory), "Programme", TODAY, 1, legal_basis=LegalBasis.EXPLICIT_CONSENT
    )
    assert validate_consent(everything, TODAY) == []
    unknown = dataclasses.replace(everything, categories=frozenset({"gesundheit"}))  # type: ignore[arg-type]
    _only(
        validate_consent(unknown, TODAY), "categories", "Please choose one of the offered values."
    )
    for field in ("method", "legal_basis"):
        plain = dataclasses.replace(everything, categories=frozenset({DataCategory.GOALS_PROGRESS}))
        odd = dataclasses.replace(plain, **{field: "mündlich"})
        _only(validate_consent(odd, TODAY), field, "Please choose one of the offered values.")


def test_the_recipient_must_still_be_in_the_directory(services: Services) -> None:
    from coachdesk.models.enums import OrganisationKind
    from coachdesk.services.directory import ContactDraft, OrganisationDraft

    own = base(services)
    other = services.directory.create_organisation(
        OrganisationDraft("Volkshochschule", OrganisationKind.ADULT_EDUCATION_CENTRE)
    ).id
    elsewhere = services.directory.create_contact(ContactDraft(other, "Herr Lang")).id
    draft = ConsentDraft(frozenset({DataCategory.GOALS_PROGRESS}), "Programme", TODAY)
    for recipient, msgid in (
        ({"recipient_organisation_id": 9999}, "This organisation is no longer in the directory."),
        ({"recipient_contact_id": 9999}, "This person is no longer in the directory."),
        (
            {"recipient_organisation_id": own.organisation, "recipient_contact_id": elsewhere},
            "This contact person works for another organisation.",
        ),
    ):
        broken = dataclasses.replace(draft, **recipient)
        _refused(lambda b=broken: services.consents.record(own.participant, b), "recipient", msgid)
    with_person = dataclasses.replace(
        draft, recipient_organisation_id=other, recipient_contact_id=elsewhere
    )
    assert services.consents.record(own.participant, with_person).recipient_contact_id == elsewhere


def test_the_same_consent_twice_on_one_day_is_refused_only_for_the_same_person(
    services: Services,
) -> None:
    organisation = base(services).organisation
    first = services.participants.create(ParticipantDraft("Amina", f"K {next(_unique)}")).id
    second = services.participants.create(ParticipantDraft("Amina", f"K {next(_unique)}")).id
    draft = ConsentDraft(frozenset({DataCategory.GOALS_PROGRESS}), "Programme", TODAY, organisation)
    kept = services.consents.record(first, draft)
    msgid = "This consent has already been recorded for the same day."
    with pytest.raises(ValidationError) as refused:
        services.consents.record(first, draft)
    assert [(e.field, e.message.msgid) for e in refused.value.errors] == [(None, msgid)]
    services.consents.record(second, draft)  # another woman's consent of the same day
    earlier = dataclasses.replace(draft, given_on=TODAY - dt.timedelta(days=1))
    services.consents.record(first, earlier)  # the same terms, another day
    services.consents.withdraw(kept.id, TODAY)
    services.consents.record(first, draft)  # after withdrawing, she may give it again
    assert len(services.consents.list_for_participant(first)) == 3
