"""Coordinators' and representatives' tools answer only in a private chat: in a group, the
audit log, the roles, member counts or an invitation link would reach everyone in it."""

from __future__ import annotations

import pytest

from bot.sim.harness import Harness
from tests.helpers.roles import make_cast

GROUP = -100900
ADMIN_COMMANDS = ["audit", "roles", "members", "invites", "invite", "constituencies"]


@pytest.mark.parametrize("name", ADMIN_COMMANDS)
async def test_admin_commands_are_refused_in_a_group(harness: Harness, name: str) -> None:
    cast = await make_cast(harness)
    await cast["coordinator"].say(f"/{name}", chat_id=GROUP)
    [answer] = harness.sim.inbox(GROUP)
    assert answer.text == "Please ask me for this in a private chat."
    assert answer.button_rows() == []


async def test_in_welsh_too(harness: Harness) -> None:
    cast = await make_cast(harness, lang="cy")
    await cast["rep"].say("/aelodau", chat_id=GROUP)
    [answer] = harness.sim.inbox(GROUP)
    assert answer.text == "Gofynnwch i mi am hyn mewn sgwrs breifat, os gwelwch yn dda."
