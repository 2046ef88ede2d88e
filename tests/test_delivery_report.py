"""A sender's report counts people, never message parts, through the same counting rule as the
preview; when the people it did not reach are too few to count, it still says it went."""

from __future__ import annotations

import pytest

from bot.sim.harness import Harness
from bot.storage import constituencies, members
from tests.helpers.delivery import last_batch, received, representative, settled, speed_up
from tests.helpers.people import seed_constituencies

WORDS = {
    "en": {
        "audience": "Members of networks I choose",
        "network": "Cardiff and Vale Carers' Network",
        "done": "I've finished choosing networks",
        "kind": "News",
        "send": "Send the message",
        "recipients": "Recipients: 8 people",
        "parts": "(2 messages)",
        "title": "Your message has been sent.",
        "delivered": "Delivered to: all of them but any counted below",
        "unreachable": "Unreachable (blocked the bot or left): fewer than 5 people",
        "failed": "Failed: fewer than 5 people",
        "listing": "/broadcasts",
    },
    "cy": {
        "audience": "Aelodau'r rhwydweithiau rwy'n eu dewis",
        "network": "Rhwydwaith Gofalwyr Caerdydd a'r Fro",
        "done": "Rydw i wedi gorffen dewis rhwydweithiau",
        "kind": "Newyddion",
        "send": "Anfon y neges",
        "recipients": "Derbynwyr: 8 o bobl",
        "parts": "(2 neges)",
        "title": "Mae eich neges wedi'i hanfon.",
        "delivered": "Wedi cyrraedd: pob un ohonyn nhw heblaw unrhyw rai sy'n cael eu cyfrif isod",
        "unreachable": "Methu eu cyrraedd (wedi rhwystro'r bot neu wedi gadael): llai na 5 o bobl",
        "failed": "Wedi methu: llai na 5 o bobl",
        "listing": "/negeseuon",
    },
}


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_a_representatives_report_counts_people_and_says_it_went(
    harness: Harness, lang: str
) -> None:
    speed_up(harness)
    w = WORDS[lang]
    places = await seed_constituencies(harness)
    cid = places["carers"]
    db = harness.services.db
    for n in range(8):  # eight members; one has blocked the bot since joining
        member = await members.create(db, 9700 + n, 9700 + n, "cy" if n % 2 else "en")
        await constituencies.join(db, member.id, cid)
    harness.sim.block(9703)
    rep = await representative(harness, 9800, cid, lang=lang)
    await rep.say("/broadcast")
    await rep.press(w["audience"])
    await rep.press(w["network"])
    await rep.press(w["done"])
    await rep.press(w["kind"])
    # the Welsh is long: Telegram's app sends the paste as two messages, readers get two parts
    await rep.say(" ".join(f"gair{i:04d}" for i in range(450)))
    await rep.say(" ".join(f"diwedd{i:03d}" for i in range(95)))
    preview = "\n".join(m.text for m in await rep.say("Short news in English."))
    assert w["recipients"] in preview
    assert w["parts"] in preview  # parts: a detail of what each reader gets, in the preview
    await rep.press(w["send"])
    batch = await settled(harness, await last_batch(harness))
    assert (batch.people.sent, batch.people.unreachable) == (7, 1)
    assert batch.counts.sent == 3 * 2 + 4  # message parts: three Welsh readers got two each
    [report] = received(rep, w["title"])
    assert report.splitlines()[1:] == [w["delivered"], w["unreachable"], w["failed"]]
    assert "10" not in report and "7" not in report  # neither parts nor the exact success
    [listing] = await rep.say(w["listing"])
    assert w["delivered"] in listing.text and w["recipients"] in listing.text
