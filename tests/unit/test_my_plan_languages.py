""" "My plan" from the command line, in every document language, and its change list alone.

``coachdesk export --document my_plan --language xx`` needs no recipient: the plan goes to
her. Each language's page holds the German and the translated title, her name, and for
Arabic and Farsi a known sentence in logical order; every font embedded; signature valid.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from coachdesk import i18n
from coachdesk.cli.main import main
from coachdesk.export import plan_texts as T
from coachdesk.export.plan_diff import changes
from coachdesk.export.plan_facts import (
    PlanAgreement,
    PlanAppointment,
    PlanFacts,
    PlanGoal,
    PlanStep,
)
from coachdesk.services.context import ServiceContext
from coachdesk.services.settings import SettingsService
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE
from tests.unit.plan_support import all_markers, seed_plan
from tests.unit.test_document_languages import NEW_LANGUAGES, reader_text


def test_every_document_language_translates_every_text_of_the_plan() -> None:
    from coachdesk import doc_languages

    for lang in NEW_LANGUAGES:
        assert doc_languages.untranslated(lang, T.ALL_TEXTS) == [], lang
        for msgid in T.ALL_TEXTS:  # the placeholders survive translation
            names = set(re.findall(r"\{\w+\}", msgid))
            assert set(re.findall(r"\{\w+\}", i18n._(msgid, lang))) == names, (lang, msgid)


@pytest.mark.parametrize("lang", NEW_LANGUAGES)
def test_plan_from_the_command_line_in_her_language(
    lang, vault_path, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    vault = Vault.open(vault_path, PASSPHRASE)
    SettingsService(ServiceContext(vault.sessions)).set_coach_name("Miriam Löwe")
    participant = seed_plan(vault.sessions, "Amal", "Haddad-Шевченко").participant_id
    vault.lock()
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / f"plan-{lang}.pdf"
    args = ["export", str(vault_path), "--participant", str(participant)]
    args += ["--document", "my_plan", "--language", lang, "--out", str(out)]
    assert main(args) == 0
    text = reader_text(out)
    flat = " ".join(text.split())
    assert "Mein Plan" in flat and i18n._(T.TITLE, lang) in flat
    assert "Amal" in flat and "Шевченко" in flat
    if lang in ("ar", "fa"):
        first_plan = i18n._(T.FIRST_PLAN, lang).rstrip(".")
        assert first_plan in text  # typed order survives extraction
    for hidden in all_markers():
        assert hidden not in text, hidden
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    for line in fonts.splitlines()[2:]:
        assert " yes " in line, line
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig
    subprocess.run(["qpdf", "--check", str(out)], capture_output=True, check=True)


def test_language_and_papers_are_refused_where_they_do_not_belong(
    vault_path, tmp_path, monkeypatch, capsys
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    args = ["--lang", "en", "export", str(vault_path), "--participant", "1"]
    out = ["--out", str(tmp_path / "x.pdf")]
    assert main([*args, "--document", "exit_handover", "--language", "ar", *out]) != 0
    assert "consent form and her plan only" in capsys.readouterr().err


DAY = dt.date(2026, 3, 16)


def _facts(**kw: object) -> PlanFacts:
    return PlanFacts(1, "Amal Haddad", "", **kw)  # type: ignore[arg-type]


def test_changes_between_two_plans_in_plain_words() -> None:
    step = PlanStep(1, "CV", "milestone", None, None)
    goal = PlanGoal(1, "Work as a cook", "open", None, None, (step,))
    talk = PlanAppointment(1, dt.datetime(2026, 3, 20, 10), "three_way", "")
    gone = PlanAppointment(2, dt.datetime(2026, 3, 22, 10), "individual", "")
    held = PlanAppointment(3, dt.datetime(2026, 3, 1, 10), "individual", "")
    before = _facts(
        goals=(goal,),
        agreements=(PlanAgreement(1, "Amal", "Call the school", None, None),),
        appointments=(talk, gone, held),
    )
    done_step = PlanStep(1, "CV", "milestone", None, DAY)
    now = _facts(
        goals=(
            PlanGoal(1, "Work as a cook", "reached", None, DAY, (done_step,)),
            PlanGoal(2, "Driving licence", "open", None, None),
        ),
        agreements=(
            PlanAgreement(1, "Amal", "Call the school", None, DAY),
            PlanAgreement(2, "Coach", "Find a course", None, None),
        ),
        appointments=(
            PlanAppointment(1, dt.datetime(2026, 3, 20, 11), "three_way", ""),
            PlanAppointment(4, dt.datetime(2026, 4, 2, 9), "group", ""),
        ),
    )
    said = [_(c.msgid, "en").format(**c.params) for c in changes(before, now, DAY)]
    assert said == [
        "Goal reached: Work as a cook",
        "New goal: Driving licence",
        "Step done: CV",
        "Agreement done: Amal – Call the school",
        "New agreement: Coach – Find a course",
        "New appointment: 20.03.2026 11:00",
        "New appointment: 02.04.2026 09:00",
        "Appointment cancelled or moved: 20.03.2026 10:00",
        "Appointment cancelled or moved: 22.03.2026 10:00",
    ]
    assert changes(now, now, DAY) == ()


def _(msgid: str, lang: str) -> str:
    return i18n._(msgid, lang)
