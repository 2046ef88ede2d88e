"""The one slot per person: who answers typed text, and what an old button does.

For every journey, in Welsh and in English: text typed where a button is expected gets a
pointer to those buttons in the person's language (and the flow keeps its state); a button
of a flow that has finished says so and changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta

import pytest

from bot.handlers.meetings.common import MeetingButton
from bot.sim.harness import Harness, Person
from bot.sim.methods import NOT_MODIFIED
from bot.sim.telegram import SentMessage
from bot.storage import constituencies, members, pending, roles
from bot.storage.db import utcnow
from tests.helpers import meetings as meeting_help
from tests.helpers.db import row_counts
from tests.helpers.delivery import coordinator, representative
from tests.helpers.people import onboard, seed_constituencies
from tests.helpers.views import CARERS_CY, CARERS_EN, USERS_EN, seed_big_networks

FINISHED = {
    "en": "This has already finished, so that button does nothing now.",
    "cy": "Mae hyn wedi gorffen yn barod, felly dydy'r botwm yna ddim yn gwneud dim byd bellach.",
}
NOT_SURE = {"en": "I'm not sure what you mean", "cy": "Dydw i ddim yn siŵr"}


def alert(h: Harness) -> str:
    return str(h.sim.callback_answers[-1].get("text", ""))


async def told(person: Person, keyboard: dict[str, str], label: str) -> str:
    """Press an old button; what the person is told: an alert, or a message when the notice is
    longer than an alert's 200 characters."""
    answers = len(person.h.sim.callback_answers)
    replies = await person.press_data(keyboard[label])
    shown = [str(a.get("text") or "") for a in person.h.sim.callback_answers[answers:]]
    return "\n".join([t for t in shown if t] + [m.text for m in replies])


def buttons_of(message: SentMessage) -> dict[str, str]:
    """A keyboard as it was when it arrived: label -> data (answering may remove it)."""
    return {b.text: b.data for b in message.button_rows() if b.data}


async def press_old(person: Person, keyboard: dict[str, str], label: str) -> None:
    """Press a button of a keyboard kept from earlier, as a second device or a slow edit can."""
    await person.press_data(keyboard[label])


# ------------------------------------------------------------------ the reported case


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_a_broadcast_left_half_written_never_takes_a_view(
    harness: Harness, lang: str
) -> None:
    places = await seed_big_networks(harness)
    rep = await onboard(harness, 8100, lang=lang, join=CARERS_EN if lang == "en" else CARERS_CY)
    member = await members.by_telegram_id(harness.services.db, 8100)
    assert member is not None
    await roles.grant(harness.services.db, member.id, "representative", places["carers"])
    await rep.say("/broadcast")
    await rep.press(
        "Members of networks I choose" if lang == "en" else "Aelodau'r rhwydweithiau rwy'n eu dewis"
    )
    await rep.press(CARERS_EN if lang == "en" else CARERS_CY)
    await rep.press(
        "I've finished choosing networks"
        if lang == "en"
        else "Rydw i wedi gorffen dewis rhwydweithiau"
    )
    await rep.press("News" if lang == "en" else "Newyddion")  # now it waits for the Welsh text
    await rep.say("/feedback")
    [preview] = await rep.say("The evening clinic would help carers who work.")
    assert (
        "This is exactly what your representatives will see" if lang == "en" else "Dyma'n union"
    ) in preview.text
    assert "evening clinic" in preview.text
    draft = await harness.services.db.fetchone("SELECT text_cy FROM broadcasts")
    assert draft is not None and not draft["text_cy"]  # the view never became the broadcast
    assert await pending.get(harness.services.db, member.id) is None  # the view is in memory


# ------------------------------------------------------------------ text where a button is expected

Setup = Callable[[Harness, str], Awaitable[Person]]


async def _welcome(h: Harness, lang: str) -> Person:
    person = h.person(8200 if lang == "en" else 8201, language_code=lang)
    await person.say("/start")
    return person


async def _consent(h: Harness, lang: str) -> Person:
    person = h.person(8202 if lang == "en" else 8203)
    await person.say("/start")
    await person.press("English" if lang == "en" else "Cymraeg")
    return person


async def _join(h: Harness, lang: str) -> Person:
    await seed_constituencies(h)
    person = await onboard(h, 8204 if lang == "en" else 8205, lang=lang)
    await person.say("/join" if lang == "en" else "/ymuno")
    return person


async def _describe(h: Harness, lang: str) -> Person:
    person = h.person(8206 if lang == "en" else 8207)
    await person.say("/start")
    await person.press("English" if lang == "en" else "Cymraeg")
    await person.press("I agree, let's start" if lang == "en" else "Rwy'n cytuno, awn ati")
    return person  # no networks open: straight to the optional question


async def _forget(h: Harness, lang: str) -> Person:
    person = await onboard(h, 8208 if lang == "en" else 8209, lang=lang)
    await person.say("/forget")
    return person


async def _language(h: Harness, lang: str) -> Person:
    person = await onboard(h, 8210 if lang == "en" else 8211, lang=lang)
    await person.say("/language")
    return person


async def _view_network(h: Harness, lang: str) -> Person:
    await seed_constituencies(h)
    person = await onboard(
        h, 8212 if lang == "en" else 8213, lang=lang, join=CARERS_EN if lang == "en" else CARERS_CY
    )
    await person.say("/join")
    await person.press(USERS_EN if lang == "en" else "Fforwm Defnyddwyr Hywel Dda")
    await person.say("/feedback")  # two networks: which one?
    return person


async def _view_preview(h: Harness, lang: str) -> Person:
    await seed_constituencies(h)
    person = await onboard(
        h, 8214 if lang == "en" else 8215, lang=lang, join=CARERS_EN if lang == "en" else CARERS_CY
    )
    await person.say("/feedback")
    await person.say("Evening appointments would help a great deal.")
    return person


async def _broadcast_preview(h: Harness, lang: str) -> Person:
    boss = await coordinator(h, lang=lang)
    await boss.say("/broadcast")
    await boss.press("Everyone who has joined" if lang == "en" else "Pawb sydd wedi ymuno")
    await boss.press("News" if lang == "en" else "Newyddion")
    await boss.say("Neges")
    await boss.say("Message")
    return boss


async def _invite(h: Harness, lang: str) -> Person:
    await seed_constituencies(h)
    boss = await coordinator(h, lang=lang)
    await boss.say("/invite")
    return boss


async def _digesttime(h: Harness, lang: str) -> Person:
    places = await seed_constituencies(h)
    rep = await representative(h, 8216 if lang == "en" else 8217, places["carers"], lang=lang)
    await rep.say("/digesttime")
    return rep


async def _leave_choice(h: Harness, lang: str) -> Person:
    person = await _view_network(h, lang)  # in two networks
    await person.say("/leave" if lang == "en" else "/gadael")
    return person


async def _leave_confirmation(h: Harness, lang: str) -> Person:
    await seed_constituencies(h)
    person = await onboard(
        h, 8218 if lang == "en" else 8219, lang=lang, join=CARERS_EN if lang == "en" else CARERS_CY
    )
    await person.say("/leave" if lang == "en" else "/gadael")
    return person


async def _constituencies(h: Harness, lang: str) -> Person:
    boss = await coordinator(h, lang=lang)
    await boss.say("/constituencies")
    return boss


async def _poll_kind(h: Harness, lang: str) -> Person:
    places = await seed_constituencies(h)
    rep = await representative(h, 8218 if lang == "en" else 8219, places["carers"], lang=lang)
    await rep.say("/poll" if lang == "en" else "/pleidlais")
    await rep.say("Cwestiwn?")
    await rep.say("Question?")
    return rep  # now: how will members answer? (buttons)


async def _poll_preview(h: Harness, lang: str) -> Person:
    from tests.helpers.polls import write_poll

    places = await seed_constituencies(h)
    rep = await representative(h, 8220 if lang == "en" else 8221, places["carers"], lang=lang)
    await onboard(
        h, 8222 if lang == "en" else 8223, lang=lang, join=CARERS_EN if lang == "en" else CARERS_CY
    )
    await write_poll(rep, lang=lang)
    return rep


async def _meeting_rep(h: Harness, lang: str, user_id: int) -> Person:
    places = await seed_constituencies(h)
    return await representative(h, user_id + (lang == "cy"), places["carers"], lang=lang)


def _in_ten_days(h: Harness) -> datetime:
    local = (utcnow() + timedelta(days=10)).astimezone(h.settings.timezone)
    return local.replace(hour=14, minute=0, second=0, microsecond=0)


async def _meeting_read_back(h: Harness, lang: str) -> Person:
    rep = await _meeting_rep(h, lang, 8220)
    await rep.say("/cyfarfod" if lang == "cy" else "/meeting")
    await rep.say(meeting_help.TITLES[0])
    await rep.say(meeting_help.TITLES[1])
    await rep.say(meeting_help.typed(_in_ten_days(h), lang, h))
    return rep


async def _meeting_check(h: Harness, lang: str) -> Person:
    rep = await _meeting_read_back(h, lang)
    await rep.press(meeting_help.w("right", lang))
    await rep.press(meeting_help.w("2h", lang))
    await rep.say("Neuadd y Dref")
    await rep.press(meeting_help.w("no agenda", lang))
    return rep


async def _meeting_page(h: Harness, lang: str) -> Person:
    rep = await _meeting_rep(h, lang, 8222)
    await meeting_help.plan(h, rep, lang, _in_ten_days(h))
    await rep.say("/cyfarfod" if lang == "cy" else "/meeting")
    await rep.press(rep.last.button_rows()[1].text)
    return rep


async def _meeting_papers(h: Harness, lang: str) -> Person:
    rep = await _meeting_page(h, lang)
    await rep.press(meeting_help.w("papers", lang))
    return rep


async def _topic_preview(h: Harness, lang: str) -> Person:
    rep = await _meeting_rep(h, lang, 8224)
    await meeting_help.plan(h, rep, lang, _in_ten_days(h))
    member = await onboard(
        h, 8226 + (lang == "cy"), lang=lang, join=CARERS_EN if lang == "en" else CARERS_CY
    )
    await member.say("/awgrymu" if lang == "cy" else "/suggest")
    await member.press("Awgrymu pwnc" if lang == "cy" else "Suggest a topic")
    await member.say("Evening appointments for carers who work.")
    return member


async def _interests(h: Harness, lang: str) -> Person:
    places = await seed_constituencies(h)
    rep = await representative(h, 8240 if lang == "en" else 8241, places["carers"], lang=lang)
    await rep.say("/interests")
    return rep


async def _interest_withdrawal(h: Harness, lang: str) -> Person:
    rep = await _interests(h, lang)
    await rep.press("Declare an interest" if lang == "en" else "Datgan buddiant")
    for typed in ("Ymddiriedolwr", "Trustee", "2020"):
        await rep.say(typed)
    await rep.press("Withdraw interest 1" if lang == "en" else "Tynnu buddiant 1 yn ôl")
    return rep


async def _outcome_preview(h: Harness, lang: str) -> Person:
    places = await seed_constituencies(h)
    rep = await representative(h, 8242 if lang == "en" else 8243, places["carers"], lang=lang)
    en = lang == "en"
    await rep.say("/outcomes")
    await rep.press("Record an outcome" if en else "Cofnodi canlyniad")
    await rep.press("None of these" if en else "Dim un o'r rhain")
    for typed in ("Dywedodd pobl", "People said", "Gwnaethon ni", "We did"):
        await rep.say(typed)
    await rep.press("No review date" if en else "Dim diwrnod adolygu")
    return rep


async def _outcome_link(h: Harness, lang: str) -> Person:
    places = await seed_constituencies(h)
    rep = await representative(h, 8244 if lang == "en" else 8245, places["carers"], lang=lang)
    await rep.say("/outcomes")
    await rep.press("Record an outcome" if lang == "en" else "Cofnodi canlyniad")
    return rep


async def _contact_choice(h: Harness, lang: str) -> Person:
    places = await seed_constituencies(h)
    await representative(h, 8246 if lang == "en" else 8247, places["carers"])
    member = await onboard(
        h, 8248 if lang == "en" else 8249, lang=lang, join=CARERS_EN if lang == "en" else CARERS_CY
    )
    await member.say("/contact")
    await member.press(member.last.button_rows()[0].text)  # the representative
    return member  # named or anonymous?


async def _contact_preview(h: Harness, lang: str) -> Person:
    member = await _contact_choice(h, lang)
    await member.press("Stay anonymous" if lang == "en" else "Aros yn ddienw")
    await member.say("Could we meet after the forum?")
    return member


async def _contact_ending(h: Harness, lang: str) -> Person:
    member = await _contact_preview(h, lang)
    await member.press("Send the message" if lang == "en" else "Anfon y neges")
    await member.press("End the conversation" if lang == "en" else "Gorffen y sgwrs")
    return member


async def _hours_day(h: Harness, lang: str) -> Person:
    places = await seed_constituencies(h)
    rep = await representative(h, 8250 if lang == "en" else 8251, places["carers"], lang=lang)
    await rep.say("/involvement")
    await rep.press(
        "Add hours you gave" if lang == "en" else "Ychwanegu oriau rydych chi wedi'u rhoi"
    )
    await rep.say("2")
    return rep  # which day? (buttons)


async def _hours_removal(h: Harness, lang: str) -> Person:
    rep = await _hours_day(h, lang)
    await rep.press("Today" if lang == "en" else "Heddiw")
    await rep.press("No note" if lang == "en" else "Dim nodyn")
    await rep.press("Remove the latest entry" if lang == "en" else "Tynnu'r cofnod diweddaraf")
    return rep


POINTERS: dict[str, tuple[Setup, str, dict[str, str]]] = {
    "poll composer": (
        _poll_kind,
        "one answer",
        {
            "en": "You have a poll in progress: please carry on with the buttons above",
            "cy": "Mae gennych chi bôl ar y gweill",
        },
    ),
    "poll preview": (
        _poll_preview,
        "send it",
        {
            "en": "Please use the buttons above: “Send the poll”",
            "cy": "Defnyddiwch y botymau uchod: “Anfon y pôl”",
        },
    ),
    # setup, what is typed, the start of the pointer in each language
    "welcome": (
        _welcome,
        "hello",
        {"en": "Please choose your language", "cy": "Dewiswch eich iaith"},
    ),
    "privacy notice": (
        _consent,
        "ok I agree",
        {
            "en": "Please use the buttons above: “I agree, let's start” or “No thanks”.",
            "cy": "Defnyddiwch y botymau uchod: “Rwy'n cytuno",
        },
    ),
    "join list": (
        _join,
        "the carers one",
        {"en": "Please choose networks", "cy": "Dewiswch rwydweithiau"},
    ),
    "self-description": (
        _describe,
        "carer",
        {
            "en": "Please use the buttons above: “I use or have used services”",
            "cy": "Defnyddiwch y botymau uchod: “Rwy'n defnyddio",
        },
    ),
    "forget confirmation": (
        _forget,
        "yes",
        {
            "en": "Please use the buttons above: “Yes, delete everything about me” or “No, keep my details”.",
            "cy": "Defnyddiwch y botymau uchod: “Ydw, dilëwch",
        },
    ),
    "language": (
        _language,
        "Welsh please",
        {"en": "Please choose your language", "cy": "Dewiswch eich iaith"},
    ),
    "view network choice": (
        _view_network,
        "-1",
        {
            "en": "Please choose with the buttons above where your view should go",
            "cy": "Dewiswch gyda'r botymau uchod ble",
        },
    ),
    "view preview": (
        _view_preview,
        "and another thing",
        {
            "en": "Please use the buttons above: “Send anonymously”, “Edit” or “Cancel”.",
            "cy": "Defnyddiwch y botymau uchod: “Anfon yn ddienw”, “Golygu” neu “Canslo”.",
        },
    ),
    "broadcast preview": (
        _broadcast_preview,
        "looks good",
        {
            "en": "Please use the buttons above: “Send the message”",
            "cy": "Defnyddiwch y botymau uchod: “Anfon y neges”",
        },
    ),
    "invitation": (
        _invite,
        "a member please",
        {
            "en": "Please choose with the buttons above, or send /invite",
            "cy": "Dewiswch gyda'r botymau uchod, neu anfonwch /gwahodd",
        },
    ),
    "digest time": (
        _digesttime,
        "Friday",
        {
            "en": "Please choose with the buttons above, or send /digesttime",
            "cy": "Dewiswch gyda'r botymau uchod, neu anfonwch /amser_crynodeb",
        },
    ),
    "leave: which network": (
        _leave_choice,
        "the carers",
        {
            "en": "Please choose with the buttons above which network to leave",
            "cy": "Dewiswch gyda'r botymau uchod pa rwydwaith i'w adael",
        },
    ),
    "leave: are you sure": (
        _leave_confirmation,
        "yes",
        {
            "en": "Please use the buttons above: “Yes, leave this network” or “No, stay in it”.",
            "cy": "Defnyddiwch y botymau uchod: “Ydw, gadael y rhwydwaith hwn” neu “Nac ydw, aros",
        },
    ),
    "networks list": (
        _constituencies,
        "Powys",
        {
            "en": "Please choose with the buttons above, or send /constituencies",
            "cy": "Dewiswch gyda'r botymau uchod, neu anfonwch /rhwydweithiau",
        },
    ),
    "meeting date read back": (
        _meeting_read_back,
        "yes",
        {
            "en": "Please use the buttons above: “Yes, that's right”, “No, I'll type it again” or “Choose with buttons”.",
            "cy": "Defnyddiwch y botymau uchod: “Ydy, mae hynny'n iawn”, “Nac ydy, fe wna i ei deipio eto” neu “Dewis gyda botymau”.",
        },
    ),
    "meeting check": (
        _meeting_check,
        "looks good",
        {
            "en": "Please use the buttons above: “Save the meeting”, “Change a detail” or “Cancel, don't save it”.",
            "cy": "Defnyddiwch y botymau uchod: “Cadw'r cyfarfod”, “Newid manylyn” neu “Canslo, heb ei gadw”.",
        },
    ),
    "meeting page": (
        _meeting_page,
        "cancel it",
        {
            "en": "Please use the buttons above, or send /meeting to start again.",
            "cy": "Defnyddiwch y botymau uchod, neu anfonwch /cyfarfod i ddechrau eto.",
        },
    ),
    "agenda topic preview": (
        _topic_preview,
        "and another thing",
        {
            "en": "Please use the buttons above: “Send anonymously”, “Edit” or “Cancel”.",
            "cy": "Defnyddiwch y botymau uchod: “Anfon yn ddienw”, “Golygu” neu “Canslo”.",
        },
    ),
    "meeting papers": (
        _meeting_papers,
        "here they are",
        {
            "en": "Please send the papers as files (in Telegram: the paper clip, then “File”)",
            "cy": "Anfonwch y papurau fel ffeiliau (yn Telegram: y clip papur, yna “Ffeil”)",
        },
    ),
    "interests list": (
        _interests,
        "a new one",
        {
            "en": "Please choose with the buttons above, or send /interests",
            "cy": "Dewiswch gyda'r botymau uchod, neu anfonwch /buddiannau",
        },
    ),
    "interest withdrawal": (
        _interest_withdrawal,
        "yes",
        {
            "en": "Please use the buttons above: “Yes, withdraw this interest” or “No, keep this interest”.",
            "cy": "Defnyddiwch y botymau uchod: “Tynnu'r buddiant hwn yn ôl” neu “Cadw'r buddiant hwn”.",
        },
    ),
    "outcome link": (
        _outcome_link,
        "the evening clinic",
        {
            "en": "Please carry on with the buttons above, or send /outcomes",
            "cy": "Defnyddiwch y botymau uchod i'w orffen, neu anfonwch /canlyniadau",
        },
    ),
    "outcome preview": (
        _outcome_preview,
        "looks right",
        {
            "en": "Please use the buttons above: “Record it and send it to members”",
            "cy": "Defnyddiwch y botymau uchod: “Ei gofnodi a'i anfon at aelodau”",
        },
    ),
    "contact choice": (
        _contact_choice,
        "anonymous please",
        {
            "en": "Please choose with the buttons above, or send /contact",
            "cy": "Dewiswch gyda'r botymau uchod, neu anfonwch /cysylltu",
        },
    ),
    "contact preview": (
        _contact_preview,
        "send it",
        {
            "en": "Please use the buttons above: “Send the message”, “Edit” or “Cancel”.",
            "cy": "Defnyddiwch y botymau uchod: “Anfon y neges”, “Golygu” neu “Canslo”.",
        },
    ),
    "contact ending": (
        _contact_ending,
        "yes",
        {
            "en": "Please use the buttons above: “Yes, end the conversation” or “No, keep it open”.",
            "cy": "Defnyddiwch y botymau uchod: “Gorffen y sgwrs” neu “Cadw'r sgwrs ar agor”.",
        },
    ),
    "hours: which day": (
        _hours_day,
        "the 28th",
        {
            "en": "Please choose with the buttons above, or send /involvement",
            "cy": "Dewiswch gyda'r botymau uchod, neu anfonwch /cyfranogiad",
        },
    ),
    "hours: remove an entry": (
        _hours_removal,
        "yes",
        {
            "en": "Please use the buttons above: “Yes, remove this entry” or “No, keep this entry”.",
            "cy": "Defnyddiwch y botymau uchod: “Ydw, tynnu'r cofnod hwn” neu “Nac ydw, cadw'r cofnod hwn”.",
        },
    ),
}


@pytest.mark.parametrize("lang", ["en", "cy"])
@pytest.mark.parametrize("flow", list(POINTERS))
async def test_text_where_a_button_is_expected_points_to_the_buttons(
    harness: Harness, flow: str, lang: str
) -> None:
    setup, typed, expected = POINTERS[flow]
    person = await setup(harness, lang)
    buttons_before = [b.text for b in person.last.button_rows()]
    before = await row_counts(harness.services.db)
    replies = await person.say(typed)
    assert [r.text[: len(expected[lang])] for r in replies][-1:] == [expected[lang]], replies
    assert not any(NOT_SURE[lang] in r.text for r in replies)
    # nothing changed, and the same buttons still work
    assert await row_counts(harness.services.db) == before
    assert buttons_before
    await person.press(buttons_before[-1])
    assert not any("Sorry" in m.text or "Mae'n ddrwg" in m.text for m in person.inbox)


async def test_the_language_chosen_survives_text_at_the_privacy_notice(harness: Harness) -> None:
    person = await _consent(harness, "cy")
    await person.say("ok I agree")
    await person.press("Rwy'n cytuno, awn ati")
    member = await members.by_telegram_id(harness.services.db, 8203)
    assert member is not None and member.language == "cy"


# ------------------------------------------------------------------ old buttons


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_old_buttons_of_finished_flows_change_nothing(harness: Harness, lang: str) -> None:
    en = lang == "en"
    places = await seed_big_networks(harness)
    db = harness.services.db
    person = await onboard(
        harness, 8300 if en else 8301, lang=lang, join=CARERS_EN if en else CARERS_CY
    )

    # a view cancelled: its Cancel and Send buttons
    await person.say("/feedback")
    await person.say("A view I will cancel after all.")
    preview = buttons_of(person.last)
    await person.press("Cancel" if en else "Canslo")
    before = await row_counts(db)
    for label in ("Cancel", "Send anonymously") if en else ("Canslo", "Anfon yn ddienw"):
        assert (await told(person, preview, label)).startswith(FINISHED[lang])
    assert await row_counts(db) == before

    # /forget answered "no": its "yes" does nothing now
    await person.say("/forget")
    confirm = buttons_of(person.last)
    await person.press("No, keep my details" if en else "Nac ydw, cadwch fy manylion")
    await press_old(
        person,
        confirm,
        "Yes, delete everything about me" if en else "Ydw, dilëwch bopeth amdana i",
    )
    assert alert(harness).startswith(FINISHED[lang])
    assert await members.by_telegram_id(db, person.id) is not None

    # /join finished: the old list toggles nothing
    await person.say("/join" if en else "/ymuno")
    listing = buttons_of(person.last)
    await person.press("I've finished choosing" if en else "Rydw i wedi gorffen dewis")
    await press_old(person, listing, USERS_EN if en else "Fforwm Defnyddwyr Hywel Dda")
    assert alert(harness).startswith(FINISHED[lang])
    member = await members.by_telegram_id(db, person.id)
    assert member is not None
    assert [c.id for c in await constituencies.of_member(db, member.id)] == [places["carers"]]

    # /leave answered "no": its "yes" does nothing now
    await person.say("/leave" if en else "/gadael")
    sure = buttons_of(person.last)
    await person.press("No, stay in it" if en else "Nac ydw, aros ynddo")
    await press_old(
        person, sure, "Yes, leave this network" if en else "Ydw, gadael y rhwydwaith hwn"
    )
    assert alert(harness).startswith(FINISHED[lang])
    assert [c.id for c in await constituencies.of_member(db, member.id)] == [places["carers"]]

    # the privacy notice's "No thanks", pressed by someone who agreed long ago
    from bot.handlers.onboarding import ConsentButton

    await person.press_data(ConsentButton(False, lang).pack())  # type: ignore[arg-type]
    assert alert(harness).startswith(FINISHED[lang])
    assert await members.by_telegram_id(db, person.id) is not None


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_a_view_left_for_another_command_says_so_whole_when_its_button_is_pressed(
    harness: Harness, lang: str
) -> None:
    """Starting something else ends the draft; its old Send button says why, in full: the
    Welsh notice is longer than an alert holds and once arrived cut off mid-sentence."""
    en = lang == "en"
    await seed_big_networks(harness)
    person = await onboard(
        harness, 8310 if en else 8311, lang=lang, join=CARERS_EN if en else CARERS_CY
    )
    await person.say("/feedback" if en else "/adborth")
    await person.say(
        "The evening clinic would help carers who work."
        if en
        else "Byddai clinig gyda'r nos yn help i ofalwyr."
    )
    preview = buttons_of(person.last)
    await person.say("/join" if en else "/ymuno")  # something else: the draft goes
    before = await row_counts(harness.services.db)
    notice = await told(person, preview, "Send anonymously" if en else "Anfon yn ddienw")
    assert notice.startswith(FINISHED[lang])
    assert ("when you start something else" if en else "dechrau rhywbeth arall") in notice
    assert notice.endswith(
        "Send /feedback to start again." if en else "Anfonwch /adborth i ddechrau eto."
    )
    assert await row_counts(harness.services.db) == before


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_a_picture_or_an_edit_at_the_preview_points_to_its_buttons(
    harness: Harness, lang: str
) -> None:
    """At the preview the words are in and only a press is left: a picture was told "please
    type your view as a message" and an edit "please send it again", and either, done, got
    "Please use the buttons above"."""
    en = lang == "en"
    await seed_big_networks(harness)
    person = await onboard(
        harness, 8320 if en else 8321, lang=lang, join=CARERS_EN if en else CARERS_CY
    )
    await person.say("/feedback" if en else "/adborth")
    [typed] = await person.say("The evening clinic would help carers.")
    buttons = (
        "“Send anonymously”, “Edit” or “Cancel”"
        if en
        else "“Anfon yn ddienw”, “Golygu” neu “Canslo”"
    )
    [photo] = await person.send_media("photo")
    assert buttons in photo.text
    assert ("type your view" if en else "teipiwch eich barn") not in photo.text
    [edit] = await person.edit(typed.message_id - 1, "The evening clinic would help.")
    assert buttons in edit.text
    assert ("send it again" if en else "anfonwch hi eto") not in edit.text
    person.find_button("Send anonymously" if en else "Anfon yn ddienw")  # still there


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_an_old_invitation_keyboard_cannot_make_a_second_link(
    harness: Harness, lang: str
) -> None:
    await seed_big_networks(harness)
    boss = await coordinator(harness, lang=lang)
    en = lang == "en"
    await boss.say("/invite")
    await boss.press("A member of a network" if en else "Aelod o rwydwaith")
    await boss.press(CARERS_EN if en else CARERS_CY)
    await boss.press("One person only" if en else "Un person yn unig")
    days = buttons_of(boss.last)
    first, second = list(days)[:2]
    await boss.press(first)
    count = await harness.services.db.scalar("SELECT COUNT(*) FROM invites")
    await press_old(boss, days, second)
    assert alert(harness).startswith(FINISHED[lang])
    assert await harness.services.db.scalar("SELECT COUNT(*) FROM invites") == count


async def test_a_sent_broadcasts_buttons_say_it_has_gone(harness: Harness) -> None:
    boss = await _broadcast_preview(harness, "cy")
    preview = buttons_of(boss.last)
    await boss.press("Anfon y neges")
    await press_old(boss, preview, "Anfon y neges")
    assert alert(harness).startswith(FINISHED["cy"])
    assert await harness.services.db.scalar("SELECT COUNT(*) FROM delivery_batches") == 1


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_a_sent_polls_buttons_say_it_has_gone(harness: Harness, lang: str) -> None:
    rep = await _poll_preview(harness, lang)
    preview = buttons_of(rep.last)
    send = "Send the poll" if lang == "en" else "Anfon y pôl"
    await rep.press(send)
    for label in (send, "Change the question" if lang == "en" else "Newid y cwestiwn"):
        await press_old(rep, preview, label)
        assert alert(harness).startswith(FINISHED[lang])
    assert await harness.services.db.scalar("SELECT COUNT(*) FROM delivery_batches") == 1


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_old_meeting_buttons_change_nothing(harness: Harness, lang: str) -> None:
    db = harness.services.db
    rep = await _meeting_rep(harness, lang, 8230)
    member = await onboard(
        harness,
        8232 if lang == "en" else 8233,
        lang=lang,
        join=CARERS_EN if lang == "en" else CARERS_CY,
    )
    # A draft forgotten: its check's "Save" does nothing.
    await _meeting_check_for(rep, harness, lang)
    check = buttons_of(rep.last)
    await rep.press(meeting_help.w("cancel draft", lang))
    before = await row_counts(db)
    await press_old(rep, check, meeting_help.w("save", lang))
    assert alert(harness).startswith(FINISHED[lang])
    assert await row_counts(db) == before

    # A meeting saved: its check's "Save", pressed again, does nothing.
    meeting = await meeting_help.plan(harness, rep, lang, _in_ten_days(harness))
    await rep.say("/cyfarfod" if lang == "cy" else "/meeting")
    listing = buttons_of(rep.last)
    before = await row_counts(db)
    await rep.press_data(MeetingButton(meeting.id, "save").pack())
    assert alert(harness).startswith(FINISHED[lang])
    assert await row_counts(db) == before

    # A meeting cancelled: the members' answer buttons and the organiser's list do nothing.
    await meeting_help.run_at(harness, meeting_help.due(harness, meeting, 7 * 86400))
    yes = meeting_help.w("yes", lang)
    answers = buttons_of(next(m for m in member.inbox if yes in buttons_of(m)))
    await rep.press(list(listing)[1])
    await rep.press(meeting_help.w("cancel", lang))
    await rep.press(meeting_help.w("sure", lang))
    before = await row_counts(db)
    await press_old(member, answers, meeting_help.w("yes", lang))
    assert alert(harness) == (
        "That meeting has been cancelled."
        if lang == "en"
        else "Mae'r cyfarfod hwnnw wedi'i ganslo."
    )
    await press_old(rep, listing, list(listing)[1])
    assert alert(harness).startswith(FINISHED[lang])
    assert await row_counts(db) == before


async def _meeting_check_for(rep: Person, h: Harness, lang: str) -> None:
    await rep.say("/cyfarfod" if lang == "cy" else "/meeting")
    await rep.say(meeting_help.TITLES[0])
    await rep.say(meeting_help.TITLES[1])
    await rep.say(meeting_help.typed(_in_ten_days(h), lang, h))
    await rep.press(meeting_help.w("right", lang))
    await rep.press(meeting_help.w("2h", lang))
    await rep.say("Neuadd y Dref")
    await rep.press(meeting_help.w("no agenda", lang))


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_an_old_agenda_topic_draft_changes_nothing(harness: Harness, lang: str) -> None:
    member = await _topic_preview(harness, lang)
    preview = buttons_of(member.last)
    await member.press("Canslo" if lang == "cy" else "Cancel")
    before = await row_counts(harness.services.db)
    notice = await told(member, preview, "Anfon yn ddienw" if lang == "cy" else "Send anonymously")
    assert notice.startswith(FINISHED[lang])
    assert await row_counts(harness.services.db) == before


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_a_withdrawn_interests_old_buttons_change_nothing(
    harness: Harness, lang: str
) -> None:
    en = lang == "en"
    rep = await _interests(harness, lang)
    await rep.press("Declare an interest" if en else "Datgan buddiant")
    for typed in ("Ymddiriedolwr", "Trustee", "2020"):
        await rep.say(typed)
    listing = buttons_of(rep.last)
    await rep.press("Withdraw interest 1" if en else "Tynnu buddiant 1 yn ôl")
    confirm = buttons_of(rep.last)
    yes = "Yes, withdraw this interest" if en else "Tynnu'r buddiant hwn yn ôl"
    await rep.press(yes)
    before = await row_counts(harness.services.db)
    await press_old(rep, confirm, yes)
    assert alert(harness).startswith(FINISHED[lang])
    await press_old(rep, listing, "Change interest 1" if en else "Newid buddiant 1")
    assert alert(harness).startswith(FINISHED[lang])
    assert await row_counts(harness.services.db) == before


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_a_recorded_outcomes_old_buttons_change_nothing(harness: Harness, lang: str) -> None:
    en = lang == "en"
    rep = await _outcome_preview(harness, lang)
    preview = buttons_of(rep.last)
    send = "Record it and send it to members" if en else "Ei gofnodi a'i anfon at aelodau"
    await rep.press(send)
    before = await row_counts(harness.services.db)
    for label in (send, "Edit the Welsh" if en else "Golygu'r Gymraeg"):
        await press_old(rep, preview, label)
        assert alert(harness).startswith(FINISHED[lang])
    assert await row_counts(harness.services.db) == before

    # a progress update added: its preview's buttons, and the next-review buttons
    await rep.say("/outcomes")
    await rep.press("Add progress to #1" if en else "Ychwanegu cynnydd at #1")
    await rep.say("Cynnydd")
    await rep.say("Progress")
    added = buttons_of(rep.last)
    add = "Add it without sending" if en else "Ei ychwanegu heb ei anfon"
    await rep.press(add)
    following = buttons_of(rep.last)
    await rep.press("No review date" if en else "Dim diwrnod adolygu")
    before = await row_counts(harness.services.db)
    await press_old(rep, added, add)
    assert alert(harness).startswith(FINISHED[lang])
    await press_old(rep, following, "In 1 month" if en else "Ymhen 1 mis")
    assert alert(harness).startswith(FINISHED[lang])
    assert await row_counts(harness.services.db) == before


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_a_sent_or_ended_conversations_old_buttons_change_nothing(
    harness: Harness, lang: str
) -> None:
    en = lang == "en"
    member = await _contact_preview(harness, lang)
    preview = buttons_of(member.last)
    send = "Send the message" if en else "Anfon y neges"
    await member.press(send)
    sent = buttons_of(member.last)
    await member.press("End the conversation" if en else "Gorffen y sgwrs")
    await member.press("Yes, end the conversation" if en else "Gorffen y sgwrs")
    before = await row_counts(harness.services.db)
    gone = await told(member, preview, send)  # the draft went when it was sent
    assert gone.startswith(FINISHED[lang])
    ended = await told(member, sent, "Reply" if en else "Ateb")  # the conversation has ended
    assert ("This conversation has ended" if en else "Mae'r sgwrs hon wedi gorffen") in ended
    assert await row_counts(harness.services.db) == before


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_a_removed_entrys_old_buttons_change_nothing(harness: Harness, lang: str) -> None:
    en = lang == "en"
    rep = await _hours_removal(harness, lang)
    confirm = buttons_of(rep.last)
    yes = "Yes, remove this entry" if en else "Ydw, tynnu'r cofnod hwn"
    await rep.press(yes)
    await rep.say("/involvement" if en else "/cyfranogiad")
    before = await row_counts(harness.services.db)
    await press_old(rep, confirm, yes)
    assert alert(harness).startswith(FINISHED[lang])
    assert await row_counts(harness.services.db) == before


@pytest.mark.parametrize("lang", ["en", "cy"])
async def test_reminders_turned_off_twice_is_no_error(
    harness: Harness, lang: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A double tap on "Turn off reminders for every meeting": the second press edited the
    message to what it already said, Telegram refused, and the member got "something went
    wrong"."""
    en = lang == "en"
    await seed_big_networks(harness)
    person = await onboard(
        harness, 8330 if en else 8331, lang=lang, join=CARERS_EN if en else CARERS_CY
    )
    [_, toggle] = await person.say("/meetings" if en else "/cyfarfodydd")
    off = buttons_of(toggle)
    label = "Turn off reminders for every meeting" if en else next(iter(off))
    rejected = len(harness.sim.rejected)
    for _ in range(2):
        await press_old(person, off, label)
    assert ("no more meeting reminders" if en else "/cyfarfodydd") in person.last.text
    assert {r[2] for r in harness.sim.rejected[rejected:]} <= {NOT_MODIFIED}  # expected, ignored
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
