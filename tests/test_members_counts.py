"""/members through the one counting rule: never a small group's number, nor one that can be
worked out by subtraction (the rule itself: tests/test_counting_rule.py); representatives
see only their own networks."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

import pytest

from bot.i18n import translator
from bot.sim.harness import Harness
from bot.storage import constituencies, members
from tests.helpers.roles import make_cast

EN = translator("en", ZoneInfo("Europe/London"))
CY = translator("cy", ZoneInfo("Europe/London"))


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
    # one language below the minimum: the other, and so the total less it, is not shown
    assert "Welsh: fewer than 5 · English: not shown" in a
    assert (
        "receiving messages: not shown · stopped messages: fewer than 5 · unreachable: fewer than 5"
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
    assert "Rhwydwaith Gofalwyr Caerdydd a'r Fro: llai na 5 o aelodau" in report.text
    assert "Cymraeg: llai na 5 · Saesneg: llai na 5" in report.text
    # one note, true of what is above it: small numbers are shown, as "fewer than 5"
    assert "Mae niferoedd o bobl o dan 5 yn cael eu dangos fel “llai na 5”" in report.text
