"""Names in the order a German or English reader expects, in lists and documents."""

from __future__ import annotations

import pytest

from coachdesk.collation import name_key, sort_key

NAMES = ["Botan", "Zêbarî", "Bäcker", "Олена", "Schmidt", "أمل", "Şahin", "Baal", "Sadiq", "Çelik"]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_letters_sort_as_a_reader_expects(lang: str) -> None:
    ordered = sorted(NAMES, key=lambda n: sort_key(n, lang))
    assert ordered == [
        "Baal",
        "Bäcker",  # not after "Botan", as code points put it
        "Botan",
        "Çelik",  # with the C, not after Z
        "Sadiq",
        "Şahin",  # with the S
        "Schmidt",
        "Zêbarî",
        "Олена",  # Cyrillic after Latin (ICU's root order of scripts)
        "أمل",  # Arabic after Cyrillic
    ]
    assert sorted(NAMES) != ordered  # code-point order, what the lists did before


def test_case_and_accents_only_break_ties() -> None:
    assert sort_key("ayse", "de") < sort_key("Ayşe", "de") < sort_key("Ayşe Kaya", "de")


def test_a_shorter_last_name_comes_first_then_the_first_name() -> None:
    keys = {
        name: name_key(last, first, n, "de")
        for n, (name, last, first) in enumerate(
            [
                ("Hassan, Amal", "Hassan", "Amal"),
                ("Al-Hassan, Samira", "Al-Hassan", "Samira"),
                ("Hassanein, Dana", "Hassanein", "Dana"),
                ("Hassan, Aya", "Hassan", "Aya"),
            ]
        )
    }
    assert sorted(keys, key=keys.__getitem__) == [
        "Al-Hassan, Samira",
        "Hassan, Amal",
        "Hassan, Aya",
        "Hassanein, Dana",
    ]
