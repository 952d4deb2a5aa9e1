"""Small counts stay hidden: a brute-force reader cannot pin a "< 3" cell from the total."""

from __future__ import annotations

import itertools
import random

import pytest

from coachdesk.reports.suppression import HIDDEN_TEXT, SMALL_TEXT, Cell, protect, single


def reader_candidates(texts: list[str], total: int) -> list[set[int]]:
    """Every value each cell can hold, knowing only what is published and the rule.

    "< 3" is 1 or 2; "x" is at least 3 and at most the smallest non-zero count shown
    (or anything when the whole breakdown is withheld).
    """
    shown = [int(t) for t in texts if t not in (SMALL_TEXT, HIDDEN_TEXT)]
    withheld = all(t == HIDDEN_TEXT for t in texts)
    ceiling = min([v for v in shown if v > 0] or [total])
    domains: list[range] = []
    for t in texts:
        if t == SMALL_TEXT:
            domains.append(range(1, 3))
        elif t == HIDDEN_TEXT:
            domains.append(range(0, total + 1) if withheld else range(3, ceiling + 1))
        else:
            domains.append(range(int(t), int(t) + 1))
    possible: list[set[int]] = [set() for _ in texts]
    for combo in itertools.product(*domains):
        if sum(combo) == total:
            for i, v in enumerate(combo):
                possible[i].add(v)
    return possible


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([1, 5, 7], ["< 3", "x", "7"]),
        ([2, 2], ["x", "x"]),
        ([1, 2, 10], ["< 3", "< 3", "10"]),
        ([0, 0, 4, 9], ["0", "0", "4", "9"]),
        ([2, 0, 2], ["x", "x", "x"]),
    ],
)
def test_examples_of_the_rule(values: list[int], expected: list[str]) -> None:
    cells = protect(values, single(sum(values)))
    assert [c.text for c in cells] == expected


def test_no_total_means_only_small_counts_are_hidden() -> None:
    assert [c.text for c in protect([1, 5, 0, 2], None)] == ["< 3", "5", "0", "< 3"]
    assert [c.text for c in protect([1, 4], single(2 + 3 - 3))] == ["< 3", "4"]


def test_a_small_total_hides_its_breakdown_only_as_small() -> None:
    total = single(2)
    assert total.text == SMALL_TEXT
    assert [c.text for c in protect([2, 0], total)] == ["< 3", "0"]


def test_random_breakdowns_never_reveal_a_small_count() -> None:
    rng = random.Random(7)
    checked = 0
    for _ in range(1500):
        values = [rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 9]) for _ in range(rng.randint(1, 5))]
        total = single(sum(values))
        cells = protect(values, total)
        texts = [c.text for c in cells]
        for value, cell in zip(values, cells, strict=True):
            assert cell.value == value
            if cell.text not in (SMALL_TEXT, HIDDEN_TEXT):
                assert cell.text == str(value)
            if 0 < value < 3:
                assert cell.text in (SMALL_TEXT, HIDDEN_TEXT)
        if not total.shown:
            continue
        possible = reader_candidates(texts, total.value)
        for value, cell, options in zip(values, cells, possible, strict=True):
            assert value in options, (values, texts)
            if cell.text == SMALL_TEXT or (0 < value < 3):
                checked += 1
                assert len(options) >= 2, (values, texts, options)
    assert checked > 300


def test_cell_texts() -> None:
    assert Cell(7).text == "7"
    assert single(0).text == "0"
    assert single(1).text == "< 3"
    assert single(3).text == "3"
