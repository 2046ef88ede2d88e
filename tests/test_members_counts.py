"""The minimum-group rule: /members never shows a small group's number, nor lets one be
worked out by subtraction; representatives see only their own networks."""

from __future__ import annotations

import itertools
import re
from zoneinfo import ZoneInfo

import pytest

from bot.domain.counting import count_text, parts_text, suppress, suppress_parts
from bot.i18n import translator
from bot.sim.harness import Harness
from bot.storage import constituencies, members
from tests.helpers.roles import make_cast

EN = translator("en", ZoneInfo("Europe/London"))
CY = translator("cy", ZoneInfo("Europe/London"))


@pytest.mark.parametrize(("count", "shown"), [(0, None), (1, None), (4, None), (5, 5), (60, 60)])
def test_suppress(count: int, shown: int | None) -> None:
    assert suppress(count, 5) == shown


def test_count_text_in_both_languages() -> None:
    assert count_text(EN, 3, 5) == "fewer than 5"
    assert count_text(CY, 3, 5) == "llai na 5"
    assert count_text(EN, 12, 5) == "12"


def test_one_small_part_hides_the_next_smallest_too() -> None:
    """With the whole (12) known, showing 9 would give away the 3."""
    assert suppress_parts({"cy": 3, "en": 9}, 5) == {"cy": None, "en": None}
    assert parts_text(EN, {"cy": 3, "en": 9}, 5) == {"cy": "fewer than 5", "en": "5 or more"}
    assert parts_text(CY, {"cy": 3, "en": 9}, 5) == {"cy": "llai na 5", "en": "5 neu fwy"}


def test_small_parts_that_add_up_to_the_minimum_stay_hidden_alone() -> None:
    parts = {"active": 20, "stopped": 3, "unreachable": 2}
    assert suppress_parts(parts, 5) == {"active": 20, "stopped": None, "unreachable": None}


def test_nothing_hidden_when_every_part_is_big_enough() -> None:
    assert suppress_parts({"cy": 5, "en": 9}, 5) == {"cy": 5, "en": 9}


def test_an_empty_part_is_hidden_too() -> None:
    """Even a zero: "nobody speaks Welsh here" is still a count below the minimum."""
    assert parts_text(EN, {"cy": 0, "en": 30}, 5) == {"cy": "fewer than 5", "en": "5 or more"}


def test_two_hidden_parts_of_four_are_not_both_given_away() -> None:
    """28 members, 20 receiving messages: two "fewer than 5" would then both be 4."""
    parts = {"active": 20, "stopped": 4, "unreachable": 4}
    assert suppress_parts(parts, 5) == {"active": None, "stopped": None, "unreachable": None}
    assert parts_text(EN, parts, 5) == {
        "active": "5 or more",
        "stopped": "fewer than 5",
        "unreachable": "fewer than 5",
    }


def test_five_members_all_in_one_language() -> None:
    """5 members, "fewer than 5" Welsh and "5 or more" English would make the Welsh 0."""
    assert parts_text(EN, {"cy": 0, "en": 5}, 5) == {"cy": "fewer than 5", "en": "not shown"}
    assert parts_text(CY, {"cy": 0, "en": 5}, 5) == {"cy": "llai na 5", "en": "heb ei ddangos"}
    assert parts_text(EN, {"cy": 4, "en": 4}, 5) == {"cy": "not shown", "en": "fewer than 5"}


def _readings(total: int, labels: tuple[str, ...], minimum: int) -> list[tuple[int, ...]]:
    """Every breakdown of `total` that agrees with what a reader is shown."""
    allowed = []
    for label in labels:
        if label.isdigit():
            allowed.append([int(label)])
        elif label == "fewer than 5":
            allowed.append(list(range(minimum)))
        elif label == "5 or more":
            allowed.append(list(range(minimum, total + 1)))
        else:
            assert label == "not shown", label
            allowed.append(list(range(total + 1)))
    return [c for c in itertools.product(*allowed) if sum(c) == total]


@pytest.mark.parametrize(("size", "largest"), [(2, 40), (3, 30), (4, 16)])
def test_no_small_part_can_be_worked_out_by_subtraction(size: int, largest: int) -> None:
    """Every breakdown (two languages, three statuses, four self-descriptions) of every total:
    from the total, the numbers shown and what each label says, no part below the minimum
    is ever pinned down to one number. The language and status lines of one network share
    only their total, so checking each against the total covers both together."""
    for parts in itertools.product(range(largest + 1), repeat=size):
        total = sum(parts)
        if total < 5 or total > largest:
            continue  # a whole below the minimum is itself "fewer than 5": nothing to subtract
        labels = tuple(parts_text(EN, dict(enumerate(parts)), 5).values())
        readings = _readings(total, labels, 5)
        assert parts in readings, (parts, labels)
        for i, n in enumerate(parts):
            if n < 5:
                assert len({r[i] for r in readings}) > 1, (parts, labels)
            if labels[i].isdigit():
                assert n >= 5, (parts, labels)


@pytest.mark.parametrize(
    ("n", "welsh"),
    [(3, "3 aelod"), (5, "5 o aelodau"), (6, "6 aelod"), (7, "7 o aelodau"), (11, "11 o aelodau")],
)
def test_member_counts_are_plural_forms(n: int, welsh: str) -> None:
    assert CY.ngettext("{n} member", "{n} members", n).format(n=n) == welsh


async def test_members_command_follows_the_rule(harness: Harness) -> None:
    cast = await make_cast(harness)  # network A: member, rep, coordinator; B: rep_other
    db = harness.services.db
    for telegram_id in range(7001, 7010):  # nine more in A: eight English, one Welsh
        member = await members.create(
            db, telegram_id, telegram_id, "cy" if telegram_id == 7001 else "en"
        )
        await constituencies.join(db, member.id, cast.a)
        if telegram_id in (7002, 7003):
            await members.set_status(db, member.id, "stopped")
    [report] = await cast["coordinator"].say("/members")
    a, b = report.text.split("Hywel Dda Service Users' Forum")
    assert "Cardiff and Vale Carers' Network: 12 members" in a
    assert "Welsh: fewer than 5 · English: 5 or more" in a
    assert (
        "receiving messages: 5 or more · stopped messages: fewer than 5 · unreachable: fewer than 5"
        in a
    )
    assert ": fewer than 5 members" in b
    assert "Welsh: fewer than 5 · English: fewer than 5" in b
    # only the total that is big enough, and the minimum, appear as numbers
    assert set(re.findall(r"\d+", report.text)) == {"12", "5"}


async def test_a_representative_sees_only_their_networks(harness: Harness) -> None:
    cast = await make_cast(harness)
    [report] = await cast["rep"].say("/aelodau")
    assert "Cardiff and Vale Carers' Network" in report.text
    assert "Hywel Dda" not in report.text
    [other] = await cast["rep_other"].say("/members")
    assert "Hywel Dda Service Users' Forum" in other.text
    assert "Cardiff" not in other.text


async def test_members_in_welsh(harness: Harness) -> None:
    cast = await make_cast(harness, lang="cy")
    [report] = await cast["rep"].say("/aelodau")
    assert "Rhwydwaith Gofalwyr Caerdydd a'r Fro: llai na 5 aelod" in report.text
    assert "Cymraeg: llai na 5 · Saesneg: llai na 5" in report.text
    assert "Dydy niferoedd o dan 5 ddim yn cael eu dangos" in report.text
