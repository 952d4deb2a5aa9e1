"""Every user-visible string of the source has a German translation with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _source_messages() -> set[str]:
    found: set[str] = set()
    keywords = {"_": None, "N_": None, "ngettext": (1, 2)}
    for _file, _line, message, _comments, _ctx in extract_from_dir(
        str(ROOT / "coachdesk"),
        method_map=[("**.py", "python")],
        keywords=keywords,
    ):
        if isinstance(message, tuple):
            found.update(m for m in message if m)
        elif message:
            found.add(message)
    return found


def _german() -> dict[str, str]:
    with open(ROOT / "translations" / "de.po", "rb") as fh:
        catalog = read_po(fh)
    result: dict[str, str] = {}
    for msg in catalog:
        if not msg.id:
            continue
        if isinstance(msg.id, tuple):
            for msgid, msgstr in zip(msg.id, msg.string, strict=False):
                result[msgid] = msgstr
        else:
            result[msg.id] = msg.string
    return result


def test_every_source_string_has_a_german_translation() -> None:
    german = _german()
    missing = sorted(m for m in _source_messages() if not german.get(m))
    assert missing == [], f"{len(missing)} strings without German translation: {missing[:20]}"


def test_translations_keep_their_placeholders() -> None:
    german = _german()
    wrong = [
        msgid
        for msgid, text in german.items()
        if text and sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(text))
    ]
    assert wrong == []


def test_switching_language_translates_messages() -> None:
    from coachdesk import i18n
    from coachdesk.vault.errors import WrongPassphraseError

    err = WrongPassphraseError()
    i18n.set_language("de")
    assert "Kennwort" in str(err)
    i18n.set_language("en")
    assert "passphrase" in str(err)
