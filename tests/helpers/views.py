"""Acting out views and digests: a representative, a view from start to finish."""

from __future__ import annotations

import asyncio

from bot.sim.harness import Harness, Person
from bot.storage import constituencies, members, roles
from tests.helpers.people import onboard, seed_constituencies

CARERS_EN = "Cardiff and Vale Carers' Network"
CARERS_CY = "Rhwydwaith Gofalwyr Caerdydd a'r Fro"
USERS_EN = "Hywel Dda Service Users' Forum"

SEND = {"en": "Send anonymously", "cy": "Anfon yn ddienw"}
# In a network too small for a view to stay anonymous, the member is told and sends knowingly.
SEND_ANYWAY = {
    "en": "Send it anyway, knowing I may be recognised",
    "cy": "Ei hanfon beth bynnag, gan wybod y gallai rhywun fy adnabod",
}
CANCEL = {"en": "Cancel", "cy": "Canslo"}
EDIT = {"en": "Edit", "cy": "Golygu"}
SOMETHING_ELSE = {"en": "Something else", "cy": "Rhywbeth arall"}


async def make_rep(h: Harness, user_id: int, constituency_id: int, *, lang: str = "en") -> Person:
    """Someone onboarded, then made representative of a constituency (as an invite would)."""
    join = None  # representatives need not be members of the network they speak for
    person = await onboard(h, user_id, lang=lang, join=join)
    member = await members.by_telegram_id(h.services.db, user_id)
    assert member is not None
    await roles.grant(h.services.db, member.id, "representative", constituency_id)
    return person


async def give_view(
    person: Person, text: str, *, lang: str = "en", topic: str | None = None
) -> None:
    """/feedback, the topic if asked, the text, then Send anonymously."""
    await person.say("/adborth" if lang == "cy" else "/feedback")
    labels = [b.text for b in person.last.button_rows()]
    if SOMETHING_ELSE[lang] in labels:
        await person.press(topic or SOMETHING_ELSE[lang])
    await person.say(text)
    labels = [b.text for m in person.inbox[-3:] for b in m.button_rows()]
    await person.press(SEND[lang] if SEND[lang] in labels else SEND_ANYWAY[lang])


async def fill(h: Harness, constituency_id: int, n: int = 5, start: int = 880000) -> None:
    """Members who say nothing, so a network is big enough for views to stay anonymous."""
    for i in range(n):
        member = await members.create(h.services.db, start + i, start + i, "en")
        await constituencies.join(h.services.db, member.id, constituency_id)


async def wait_for(predicate: object, limit: float = 5.0) -> None:
    """Wait until `predicate()` is true (the delivery worker sends in the background)."""
    assert callable(predicate)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(0.01)


async def seed_big_networks(h: Harness) -> dict[str, int]:
    """The two test networks, each with enough silent members for a view to stay anonymous."""
    places = await seed_constituencies(h)
    await fill(h, places["carers"], start=880000)
    await fill(h, places["users"], start=880100)
    return places
