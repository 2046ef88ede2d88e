"""The counting rule against someone who knows it and asks everything they may.

"Revealed" here means: from everything shown, and knowing exactly how the rule decides,
the asker can work out the exact size of some group of people when that size is 1 to k-1.
For each case we list every world (how many people in each cell) the asker cannot tell
apart from the true one, and check that no group small enough to matter has the same size
in all of them. Groups are every union of cells, so "members in both networks", "Welsh
speakers outside A" and "the people in B" are all checked.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import cache
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.counting import (
    HIDDEN,
    MESSAGES,
    PEOPLE,
    Shown,
    bounded,
    combined,
    count,
    counted,
    label,
    parts,
)
from bot.i18n import translator

LONDON = ZoneInfo("Europe/London")
EN = translator("en", LONDON)
CY = translator("cy", LONDON)


def compositions(total: int, n: int) -> Iterator[tuple[int, ...]]:
    """Every way of putting `total` people into `n` cells."""
    if n == 1:
        yield (total,)
        return
    for first in range(total + 1):
        for rest in compositions(total - first, n - 1):
            yield (first, *rest)


def pinned_small_group(
    worlds: Sequence[tuple[int, ...]], truth: tuple[int, ...], minimum: int
) -> tuple[int, ...] | None:
    """A union of cells whose size is 1..minimum-1 in the true world and the same in every
    world the asker can't rule out; None if there is none."""
    cells = range(len(truth))
    for size in range(1, len(truth) + 1):
        for group in itertools.combinations(cells, size):
            true_size = sum(truth[i] for i in group)
            if not 1 <= true_size < minimum:
                continue
            if all(sum(w[i] for i in group) == true_size for w in worlds):
                return group
    return None


# ------------------------------------------------------------------ one breakdown


def breakdown_answer(values: tuple[int, ...], minimum: int) -> tuple[object, ...]:
    """What a reader sees: the whole, through `count`, and its parts."""
    return (count(sum(values), minimum), *parts(dict(enumerate(values)), minimum).values())


@given(
    minimum=st.sampled_from([2, 3, 5]),
    values=st.lists(st.integers(0, 12), min_size=1, max_size=4).map(tuple),
)
@settings(max_examples=300, deadline=None)
def test_a_breakdown_never_gives_away_a_small_group(minimum: int, values: tuple[int, ...]) -> None:
    seen = breakdown_answer(values, minimum)
    total = sum(values)
    totals = [total] if total >= minimum else range(minimum)  # "fewer than k" hides the whole
    worlds = [
        w
        for t in totals
        for w in compositions(t, len(values))
        if breakdown_answer(w, minimum) == seen
    ]
    assert values in worlds
    assert pinned_small_group(worlds, values, minimum) is None, (values, seen)


def test_every_small_breakdown_with_k_3_exhaustively() -> None:
    for n in range(1, 5):
        classes: dict[tuple[object, ...], list[tuple[int, ...]]] = defaultdict(list)
        for total in range(13):
            for w in compositions(total, n):
                classes[breakdown_answer(w, 3)].append(w)
        for worlds in classes.values():
            for truth in worlds:
                assert pinned_small_group(worlds, truth, 3) is None, truth


# ------------------------------------------------------------------ networks that overlap

# A world: (only in A, only in B, in both, in no network). A representative or coordinator
# can ask for A and B one by one, for a message to A and B together, and for everyone.


def network_answers(world: tuple[int, int, int, int], minimum: int) -> tuple[Shown, ...]:
    only_a, only_b, both, _none = world
    a, b = only_a + both, only_b + both
    shown_a, shown_b = count(a, minimum), count(b, minimum)
    together = combined(only_a + only_b + both, [shown_a, shown_b], minimum)
    everyone = combined(sum(world), [shown_a, shown_b], minimum)
    # what a message to A and B together reports when it has gone to everyone in them
    delivered = bounded(only_a + only_b + both, minimum)
    return (shown_a, shown_b, together, everyone, delivered)


@cache
def network_classes(minimum: int, most: int) -> dict[tuple[Shown, ...], list[tuple[int, ...]]]:
    classes: dict[tuple[Shown, ...], list[tuple[int, ...]]] = defaultdict(list)
    for world in itertools.product(range(most + 1), repeat=4):
        classes[network_answers(world, minimum)].append(world)  # type: ignore[arg-type]
    return classes


# Worlds are listed up to 13 people a cell; drawn ones stay well inside, so the asker is never
# helped by the edge of the list (a world left off could only make a group look pinned).
@given(world=st.tuples(*[st.integers(0, 8)] * 4))
@settings(max_examples=200, deadline=None)
def test_no_sequence_of_questions_about_networks_gives_away_a_small_group(
    world: tuple[int, int, int, int],
) -> None:
    # Every question at once: fewer questions can only leave more worlds possible.
    worlds = network_classes(5, 13)[network_answers(world, 5)]
    assert pinned_small_group(worlds, world, 5) is None, (world, network_answers(world, 5))


def test_the_differencing_attack_from_the_issue_is_stopped() -> None:
    # A: 15 people. A and B together: 17. Before, B's 2 could be worked out.
    a, together = count(15, 5), combined(17, [count(15, 5), count(2, 5)], 5)
    assert a == Shown("exact", 15)
    assert together == Shown("at_least", 15)  # only what A already said
    # Two networks of 15 and 6 with 4 people in both: 17 would give the 4 away.
    assert combined(17, [count(15, 5), count(6, 5)], 5) == Shown("at_least", 15)
    # Rounded down to 10 it would still be pinned: 13 and 14 with 14 in all means 1 only in B.
    assert combined(14, [count(13, 5), count(14, 5)], 5) == Shown("at_least", 14)


# ------------------------------------------------------------------ the rule's own cases


def test_zero_is_not_told_apart_from_a_few() -> None:
    assert {count(n, 5) for n in range(5)} == {Shown("fewer", 5)}
    assert count(5, 5) == Shown("exact", 5)


def test_parts() -> None:
    assert parts({"cy": 5, "en": 9}, 5) == {"cy": Shown("exact", 5), "en": Shown("exact", 9)}
    assert parts({"cy": 3, "en": 9}, 5) == {"cy": Shown("fewer", 5), "en": HIDDEN}
    assert parts({"cy": 4, "en": 4}, 5) == {"cy": HIDDEN, "en": Shown("fewer", 5)}
    assert parts({"a": 20, "b": 4, "c": 4}, 5) == {
        "a": HIDDEN,
        "b": Shown("fewer", 5),
        "c": Shown("fewer", 5),
    }
    assert parts({"a": 20, "b": 9, "c": 0}, 5) == {
        "a": Shown("at_least", 5),
        "b": Shown("at_least", 5),
        "c": Shown("fewer", 5),
    }
    assert parts({"cy": 1, "en": 2}, 5) == {"cy": Shown("fewer", 5), "en": Shown("fewer", 5)}


def test_combined_and_bounded() -> None:
    assert combined(23, [count(15, 5), count(8, 5)], 5) == Shown("at_least", 15)
    assert combined(3, [count(1, 5), count(2, 5)], 5) == Shown("fewer", 5)
    assert combined(7, [count(3, 5), count(4, 5)], 5) == Shown("at_least", 5)
    assert bounded(4, 5) == Shown("fewer", 5)
    assert bounded(14, 5) == Shown("at_least", 5)


def test_rendering_in_both_languages() -> None:
    assert counted(EN, count(12, 5), PEOPLE) == "12 people"
    assert counted(EN, count(2, 5), PEOPLE) == "fewer than 5 people"
    assert counted(EN, Shown("at_least", 15), PEOPLE) == "15 or more people"
    assert counted(EN, HIDDEN, PEOPLE) == "not shown"
    assert counted(EN, count(1, 1), MESSAGES) == "1 message"
    assert counted(CY, count(12, 5), PEOPLE) == "12 o bobl"
    assert counted(CY, count(2, 5), PEOPLE) == "llai na 5 o bobl"
    assert counted(CY, Shown("at_least", 15), PEOPLE) == "15 o bobl neu fwy"
    assert label(EN, Shown("at_least", 5)) == "5 or more"
    assert label(CY, count(3, 5)) == "llai na 5"
    assert label(CY, HIDDEN) == "heb ei ddangos"
