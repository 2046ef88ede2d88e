"""Polls end to end: a representative asks, members answer, the poll closes, results go out."""

from __future__ import annotations

from bot.sim.harness import Harness, Person
from tests.helpers.delivery import representative, speed_up
from tests.helpers.people import onboard, seed_constituencies
from tests.helpers.polls import answer, close_on_time, poll_message, send_poll, write_poll
from tests.helpers.views import CARERS_CY, CARERS_EN


async def members(h: Harness, n: int, first_id: int = 7000) -> list[Person]:
    """n members of the carers' network, alternately Welsh and English."""
    found = []
    for i in range(n):
        lang = "cy" if i % 2 == 0 else "en"
        found.append(
            await onboard(h, first_id + i, lang=lang, join=CARERS_CY if lang == "cy" else CARERS_EN)
        )
    return found


async def test_smoke(harness: Harness) -> None:
    speed_up(harness)
    places = await seed_constituencies(harness)
    rep = await representative(harness, 6000, places["carers"])
    people = await members(harness, 6)
    await write_poll(rep)
    print("\n".join(m.text for m in rep.inbox[-6:]))
    poll = await send_poll(harness, rep)
    for p in people:
        print(poll_message(p, poll).text[:80])
    for p in people[:5]:
        replies = await answer(p, poll, "Bore" if p.id % 2 == 0 else "Morning")
        print(replies[-1].text[-300:])
    await rep.say("/polls")
    print(rep.last.text)
    await close_on_time(harness, poll)
    print("\n----\n".join(m.text for m in rep.inbox[-4:]))
    print(people[0].inbox[-1].text, people[0].inbox[-2].text)
