"""The consent form in every document language, as a reader and a PDF tool see it.

Each language's form is exported from a real vault through ``coachdesk export --language``,
then read back with pdftotext (German and translated title, her name, a known sentence in
logical order), pdffonts (every font embedded) and pdfsig (the signature still valid).
Set ``COACHDESK_KEEP_PDFS=folder`` to keep the PDFs for looking at them (pdftoppm).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from coachdesk import doc_languages, i18n
from coachdesk.cli.main import main
from coachdesk.export.consent_texts import ALL_TEXTS, CONSENT_FORM_TITLE
from coachdesk.models.enums import DataCategory as C
from coachdesk.services.context import ServiceContext
from coachdesk.services.settings import SettingsService
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE
from tests.unit.test_export_support import add_consent, seed

NEW_LANGUAGES = ("ar", "fa", "tr", "uk", "ru")
FIRST, LAST = "Amal", "Haddad-Шевченко"
# A sentence of the Arabic and the Farsi form, as typed (logical order): read back the same.
# Its final full stop is left out: on a page that is mostly German, pdftotext reads the page
# left to right and puts a sentence's closing full stop before the sentence (measured, see
# documents/rtl.py).
KNOWN = {
    "ar": "لم تتم مراجعة الترجمة بعد؛ النص الألماني هو المعتمد",
    "fa": "ترجمه هنوز بررسی نشده است؛ متن آلمانی معتبر است",
}


def reader_text(path: Path) -> str:
    """What pdftotext gives, with Arabic presentation forms folded and direction marks gone."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    text = unicodedata.normalize("NFKC", out.stdout)
    return re.sub("[\u202a-\u202e\u2066-\u2069\u200e\u200f]", "", text)


def seeded(vault_path: Path) -> tuple[int, int]:
    """Her file with a consent for the job centre: (participant, job centre)."""
    vault = Vault.open(vault_path, PASSPHRASE)
    SettingsService(ServiceContext(vault.sessions)).set_coach_name("Miriam Löwe")
    done = seed(vault.sessions, FIRST, LAST)
    add_consent(
        vault.sessions,
        done.participant_id,
        {C.IDENTITY_CONTACT, C.GOALS_PROGRESS},
        organisation_id=done.job_centre_id,
    )
    vault.lock()
    return done.participant_id, done.job_centre_id


def export_form(vault_path: Path, out: Path, language: str | None, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    participant, job_centre = seeded(vault_path)
    export_again(vault_path, (participant, job_centre), out, language, monkeypatch)


def export_again(vault_path, ids, out, language, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    args = [
        "--lang", "en", "export", str(vault_path),
        "--participant", str(ids[0]),
        "--document", "consent_form",
        "--recipient", str(ids[1]),
        "--out", str(out),
    ]  # fmt: skip
    if language is not None:
        args += ["--language", language]
    assert main(args) == 0
    keep = os.environ.get("COACHDESK_KEEP_PDFS")
    if keep:
        shutil.copy(out, Path(keep) / out.name)


def test_document_languages_are_the_catalogs_present(tmp_path: Path) -> None:
    assert set(doc_languages.document_languages()) >= {"de", "en", *NEW_LANGUAGES}
    assert doc_languages.document_languages()[:2] == ("de", "en")
    # A new language is a catalog file alone: compiled into the locale folder, it is offered.
    folder = tmp_path / "locale"
    for lang in ("de", "ti"):
        (folder / lang / "LC_MESSAGES").mkdir(parents=True)
        (folder / lang / "LC_MESSAGES" / "coachdesk.mo").write_bytes(b"")
    assert doc_languages.document_languages(folder) == ("de", "en", "ti")


def test_every_document_language_translates_every_text_of_the_form() -> None:
    for lang in NEW_LANGUAGES:
        assert doc_languages.untranslated(lang, ALL_TEXTS) == [], lang
        for msgid in ALL_TEXTS:  # the placeholders survive translation
            names = set(re.findall(r"\{\w+\}", msgid))
            assert set(re.findall(r"\{\w+\}", i18n._(msgid, lang))) == names, (lang, msgid)


def test_direction_and_names_of_languages() -> None:
    assert [doc_languages.is_rtl(x) for x in ("ar", "fa", "de", "tr", "uk")] == [
        True,
        True,
        False,
        False,
        False,
    ]
    assert doc_languages.language_name("tr") == "Türkçe"
    choices = doc_languages.document_languages()
    assert doc_languages.language_of("Arabisch, etwas Englisch", choices) == "ar"
    assert doc_languages.language_of("Deutsch B1, Türkisch", choices) == "tr"
    assert doc_languages.language_of("Dari", choices) == "fa"
    assert doc_languages.language_of("Ukrainian, Russian", choices) == "uk"
    assert doc_languages.language_of("Tigrinya", choices) is None
    assert doc_languages.language_label("fa", "de") == "Persisch – فارسی"
    assert doc_languages.language_label("en", "en") == "English"
    # German is always the first, binding language of a form printed in hers too.
    assert doc_languages.form_languages("de", "ar") == ("de", "ar")
    assert doc_languages.form_languages("en", "tr") == ("de", "en", "tr")
    assert doc_languages.form_languages("de", None) == ()
    assert doc_languages.form_languages("en", "en") == ()


@pytest.mark.parametrize("lang", NEW_LANGUAGES)
def test_consent_form_in_her_language(lang, vault_path, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"consent-{lang}.pdf"
    export_form(vault_path, out, lang, monkeypatch)
    text = reader_text(out)
    flat = " ".join(text.split())
    assert i18n._(CONSENT_FORM_TITLE, "de") in flat
    assert " ".join(i18n._(CONSENT_FORM_TITLE, lang).split()) in flat
    assert FIRST in text and "Шевченко" in text
    # The catalogs are not yet checked by a native speaker: the form says so, in both.
    assert "Übersetzung noch nicht geprüft; es gilt der deutsche Text." in flat
    notice = i18n._(doc_languages.NOT_CHECKED, lang)
    assert " ".join(notice.rstrip(".").split()) in flat
    if lang in KNOWN:
        assert notice.startswith(KNOWN[lang])
        assert KNOWN[lang] in text  # logical order, as typed, survives extraction
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    rows = fonts.stdout.splitlines()[2:]
    assert rows and all(re.search(r"\byes\s+yes\s+(yes|no)\s+\d+\s+\d+$", r) for r in rows), rows
    if doc_languages.is_rtl(lang):
        assert any("NotoNaskhArabic" in r for r in rows)
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig


def test_a_reviewed_catalog_prints_no_notice(vault_path, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The same catalog, every entry marked as checked by a native speaker.
    folder = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, folder)
    review = folder / "tr" / "LC_MESSAGES" / doc_languages.REVIEW_FILE
    review.write_text('{"catalog": "tr.po", "unreviewed": []}', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", folder)
    out = tmp_path / "consent-tr-reviewed.pdf"
    ids = seeded(vault_path)
    export_again(vault_path, ids, out, "tr", monkeypatch)
    flat = " ".join(reader_text(out).split())
    assert "Kişisel verilerin paylaşılmasına onay" in flat
    assert "noch nicht geprüft" not in flat and "henüz kontrol edilmedi" not in flat
    # Only the form's own texts count: a text of another document still unchecked is no notice.
    review.write_text('{"catalog": "tr.po", "unreviewed": ["Search"]}', encoding="utf-8")
    out.unlink()
    export_again(vault_path, ids, out, "tr", monkeypatch)
    assert "henüz kontrol edilmedi" not in " ".join(reader_text(out).split())
    # One entry of the form marked fuzzy again: the notice is back.
    review.write_text('{"catalog": "tr.po", "unreviewed": ["Purpose"]}', encoding="utf-8")
    out.unlink()
    export_again(vault_path, ids, out, "tr", monkeypatch)
    assert "henüz kontrol edilmedi" in " ".join(reader_text(out).split())


def test_a_german_form_has_no_notice(vault_path, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "consent-de.pdf"
    export_form(vault_path, out, None, monkeypatch)
    flat = " ".join(reader_text(out).split())
    assert "Einwilligung in die Weitergabe" in flat and FIRST in flat
    assert "noch nicht geprüft" not in flat
