"""You said, we did: outcomes recorded in Welsh and English, delivered to the network,
listed for members with what they answer, reminded on their review day, and updated."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, time, timedelta

import pytest

from bot.domain.dates import add_months
from bot.handlers.outcomes.common import OutcomeButton, OutcomesPage
from bot.outcomes_review import ProgressButton
from bot.sim.harness import Harness, Person
from bot.storage import audit, members, roles
from bot.storage import outcomes as store
from bot.storage import topics as topic_store
from bot.tg import clock
from bot.views import today
from tests.helpers.db import row_counts
from tests.helpers.delivery import last_batch, received, settled, until
from tests.helpers.people import onboard, seed_constituencies
from tests.helpers.views import CARERS_CY, CARERS_EN, make_rep

SAID_CY = "Roedd apwyntiadau yn ystod y dydd yn anodd i ofalwyr sy'n gweithio."
SAID_EN = "Daytime appointments were hard for carers who work."
DID_CY = "Bydd clinig gyda'r nos bob dydd Iau <o fis Ionawr> & ymlaen."
DID_EN = "There will be an evening clinic every Thursday <from January> & on."
LABELS = {
    "en": {
        "record": "Record an outcome",
        "send": "Record it and send it to members",
        "quietly": "Record it without sending",
        "month": "In 1 month",
        "none": "No review date",
        "no topic": "None of these",
    },
    "cy": {
        "record": "Cofnodi canlyniad",
        "send": "Ei gofnodi a'i anfon at aelodau",
        "quietly": "Ei gofnodi heb ei anfon",
        "month": "Ymhen 1 mis",
        "none": "Dim diwrnod adolygu",
        "no topic": "Dim un o'r rhain",
    },
}


async def record(
    rep: Person, lang: str, *, topic: str | None, review: str = "none", send: str = "send"
) -> str:
    """/outcomes, Record an outcome, the link, four texts, a review day; returns the preview."""
    words = LABELS[lang]
    await rep.say("/canlyniadau" if lang == "cy" else "/outcomes")
    await rep.press(words["record"])
    await rep.press(topic or words["no topic"])
    for text in (SAID_CY, SAID_EN, DID_CY, DID_EN):
        await rep.say(text)
    shown = await rep.press(words[review])
    preview = "\n---\n".join(m.text for m in shown)
    if send:
        await rep.press(words[send])
    return preview


async def setting(h: Harness) -> tuple[dict[str, int], Person, Person, Person]:
    places = await seed_constituencies(h)
    await topic_store.open_topic(
        h.services.db, places["carers"], "Apwyntiadau gyda'r nos", "Evening appointments"
    )
    welsh = await onboard(h, 7201, lang="cy", join=CARERS_CY)
    english = await onboard(h, 7202, lang="en", join=CARERS_EN)
    outsider = await onboard(h, 7203, lang="en")  # in no network
    return places, welsh, english, outsider


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_an_outcome_linked_to_a_topic_is_delivered_and_listed(
    harness: Harness, lang: str
) -> None:
    places, welsh, english, outsider = await setting(harness)
    rep = await make_rep(harness, 7210, places["carers"], lang=lang)
    topic = "Pwnc: Apwyntiadau gyda'r nos" if lang == "cy" else "Topic: Evening appointments"
    preview = await record(rep, lang, topic=topic, send="")
    # The preview shows exactly what each language's readers get, and who it reaches.
    assert "Fe ddywedoch chi, fe wnaethon ni · Rhwydwaith Gofalwyr Caerdydd a'r Fro" in preview
    assert f"Fe ddywedoch chi: {SAID_CY}\nFe wnaethon ni: {DID_CY}" in preview
    assert "Mewn ymateb i'r pwnc “Apwyntiadau gyda'r nos”." in preview
    assert f"You said: {SAID_EN}\nWe did: {DID_EN}" in preview
    assert "In answer to the topic “Evening appointments”." in preview
    assert ("fewer than 5 people" if lang == "en" else "llai na 5 o bobl") in preview
    assert await harness.services.db.scalar("SELECT COUNT(*) FROM delivery_batches") == 0

    await rep.press(LABELS[lang]["send"])
    batch = await settled(harness, await last_batch(harness))
    assert batch.counts.sent == 2  # the two members of the network; not the outsider
    assert received(welsh, f"Fe wnaethon ni: {DID_CY}")
    assert received(english, f"We did: {DID_EN}")
    assert not received(welsh, DID_EN) and not outsider.inbox[-1].text.startswith("You said")
    assert any(
        ("Mae eich “Fe ddywedoch chi" if lang == "cy" else "Your “You said, we did” has been sent")
        in t
        for t in rep.texts()
    )

    [listed] = await english.say("/outcomes")
    assert listed.text.startswith("You said, we did: Cardiff and Vale Carers' Network")
    assert "In answer to the topic “Evening appointments”." in listed.text
    assert f"You said: {SAID_EN}\nWe did: {DID_EN}" in listed.text
    assert listed.buttons == []  # members read; they don't record
    [listed_cy] = await welsh.say("/canlyniadau")
    assert f"Fe wnaethon ni: {DID_CY}" in listed_cy.text
    assert (await audit.latest(harness.services.db))[0].action == "outcome.recorded"


async def test_a_review_day_reminds_the_author_and_the_update_joins_the_history(
    harness: Harness,
) -> None:
    places, welsh, english, _ = await setting(harness)
    rep = await make_rep(harness, 7220, places["carers"], lang="cy")
    await record(rep, "cy", topic=None, review="month", send="quietly")
    review_on = add_months(today(harness.settings), 1)
    [outcome] = await store.recorded_in(harness.services.db, places["carers"], limit=5)
    assert outcome.review_on == review_on
    tz = harness.settings.timezone
    services = harness.services

    # Not before the day, nor before 09:00 on it; then once, and never twice.
    assert await clock.run_due(services, now=datetime.combine(review_on, time(8, 59), tz)) is False
    assert await clock.run_due(services, now=datetime.combine(review_on, time(9, 0), tz)) is True
    assert await clock.run_due(services, now=datetime.combine(review_on, time(9, 30), tz)) is False
    await until(_has(rep, "Amser adrodd ar gynnydd"), "the reminder")
    reminder = rep.last
    assert "Mae diwrnod adolygu'r canlyniad hwn wedi dod (Rhwydwaith Gofalwyr" in reminder.text
    assert [b.text for b in reminder.button_rows()] == ["Ychwanegu diweddariad ar y cynnydd"]

    await rep.press("Ychwanegu diweddariad ar y cynnydd")
    await rep.say("Mae'r clinig cyntaf wedi bod: daeth 12 o ofalwyr.")
    shown = await rep.say("The first clinic has happened: 12 carers came.")
    preview = "\n".join(m.text for m in shown)
    assert "Cynnydd, " in preview and "Progress, " in preview
    await rep.press("Ei ychwanegu a'i anfon at aelodau")
    assert "Pryd dylwn i eich atgoffa i adrodd ar gynnydd eto?" in rep.last.text
    await until(_has(english, "The first clinic has happened"), "the progress update")
    assert received(welsh, "Mae'r clinig cyntaf wedi bod")
    assert not received(welsh, "The first clinic")
    done = await rep.press("Dim diwrnod adolygu")
    assert any("Dim rhagor o negeseuon atgoffa" in m.text for m in done)

    [listed] = await english.say("/outcomes")
    assert "Progress\n• " in listed.text and "12 carers came" in listed.text
    fresh = await store.get(harness.services.db, outcome.id)
    assert fresh is not None and fresh.review_on is None
    later = datetime.combine(review_on + timedelta(days=40), time(10), tz)
    assert await clock.run_due(services, now=later) is False


def _has(person: Person, text: str) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return any(text in m.text for m in person.inbox)

    return check


async def test_a_review_day_after_the_author_left_reminds_the_networks_representatives(
    harness: Harness,
) -> None:
    places, *_ = await setting(harness)
    author = await make_rep(harness, 7230, places["carers"])
    other = await make_rep(harness, 7231, places["carers"])
    await record(author, "en", topic=None, review="month", send="quietly")
    db = harness.services.db
    member = await members.by_telegram_id(db, 7230)
    assert member is not None
    [grant] = [g for g in await roles.of_member(db, member.id)]
    await roles.revoke(db, grant.id)
    day = add_months(today(harness.settings), 1)
    now = datetime.combine(day, time(12), harness.settings.timezone)
    assert await clock.run_due(harness.services, now=now) is True
    await until(_has(other, "Time to report progress"), "the reminder to the other rep")
    assert not any("Time to report progress" in t for t in author.texts())


async def test_bad_input_and_forged_buttons_change_nothing(harness: Harness) -> None:
    places, _, english, outsider = await setting(harness)
    rep = await make_rep(harness, 7240, places["carers"])
    stranger_rep = await make_rep(harness, 7241, places["users"])
    await rep.say("/outcomes")
    await rep.press("Record an outcome")
    await rep.press("None of these")
    [short] = await rep.say("ok")
    assert "Please write 3 to 1,000 characters: this has 2." in short.text
    [long] = await rep.say("x" * 1001)
    assert "this has 1,001" in long.text
    for text in (SAID_CY, SAID_EN, DID_CY, DID_EN):
        await rep.say(text)
    await rep.press("On a day I'll type")
    for typed in ("yesterday", "1/1/2020", "31/2/2027", f"1/1/{today(harness.settings).year + 5}"):
        [answer] = await rep.say(typed)
        assert "I couldn't read that as a day from tomorrow to two years ahead" in answer.text
    draft = int(await harness.services.db.scalar("SELECT id FROM outcomes"))
    before = await row_counts(harness.services.db)
    # Another network's representative, a member and an outsider press the draft's buttons.
    for person in (stranger_rep, english, outsider):
        for action in ("send", "record", "cancel", "edit"):
            await person.press_data(OutcomeButton(draft, action, "cy").pack())  # type: ignore[arg-type]
        await person.press_data(OutcomesPage(places["carers"] + 100).pack())
    await outsider.press_data(OutcomesPage(places["carers"]).pack())
    assert "You can only see the outcomes of your own networks." in str(
        harness.sim.callback_answers[-1].get("text")
    )
    await stranger_rep.press_data(ProgressButton(draft).pack())  # a draft is not an outcome yet
    assert await row_counts(harness.services.db) == before
    [typed] = await rep.say("3/6/" + str(today(harness.settings).year + 1))
    assert "Check the outcome before it is recorded." in typed.text


async def test_older_outcomes_page_by_page(harness: Harness) -> None:
    places, _, english, _ = await setting(harness)
    rep = await make_rep(harness, 7250, places["carers"])
    for _n in range(7):
        await record(rep, "en", topic=None, send="quietly")
    [first] = await english.say("/outcomes")
    assert first.text.count("You said:") == 5
    assert [b.text for b in first.button_rows()] == ["Older outcomes"]
    [second] = await english.press("Older outcomes")
    assert second.text.count("You said:") == 2
    assert second.button_rows() == []
    [mine] = await rep.say("/outcomes")
    labels = [b.text for b in mine.button_rows()]
    assert labels[0] == "Older outcomes" and labels[-1] == "Record an outcome"
    assert "Add progress to #7" in labels


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_an_outcome_linked_to_a_closed_poll_is_delivered(harness: Harness, lang: str) -> None:
    from tests.helpers.polls import answer, close_on_time, drained, send_poll, write_poll

    places = await seed_constituencies(harness)
    rep = await make_rep(harness, 7260, places["carers"], lang=lang)
    voters = [
        await onboard(
            harness, 7261 + n, lang=("cy", "en")[n % 2], join=(CARERS_CY, CARERS_EN)[n % 2]
        )
        for n in range(10)
    ]
    await write_poll(rep, lang=lang, share=True)
    poll = await send_poll(harness, rep, lang)
    for n, voter in enumerate(voters):
        labels = (["Bore", "Gyda'r nos"], ["Morning", "Evening"])[n % 2]
        await answer(voter, poll, labels[n // 5])  # five mornings, five evenings
    open_poll = poll

    # While the poll is open it can't be answered by an outcome; once closed, it can.
    await rep.say("/canlyniadau" if lang == "cy" else "/outcomes")
    await rep.press(LABELS[lang]["record"])
    assert not any(b.text.startswith(("Pôl:", "Poll:")) for b in rep.last.button_rows())
    draft = int(await harness.services.db.scalar("SELECT MAX(id) FROM outcomes"))
    await rep.press_data(OutcomeButton(draft, "poll", str(open_poll.id)).pack())
    assert (await store.get(harness.services.db, draft)).poll_id is None  # type: ignore[union-attr]
    await close_on_time(harness, poll)

    question = (
        "Pôl: Pa amser sy'n well i gyfarfod?"
        if lang == "cy"
        else "Poll: Which time suits you best?"
    )
    preview = await record(rep, lang, topic=question, send="")
    assert "Mewn ymateb i'r pôl “Pa amser sy'n well i gyfarfod?”, a gaeodd ar " in preview
    assert "Sut atebodd aelodau: Bore: 5 (50%) · Gyda'r nos: 5 (50%)" in preview
    assert "In answer to the poll “Which time suits you best?”, closed on " in preview
    assert "How members answered: Morning: 5 (50%) · Evening: 5 (50%)" in preview
    await rep.press(LABELS[lang]["send"])
    await drained(harness)
    assert received(voters[0], "Sut atebodd aelodau: Bore: 5 (50%)")
    assert received(voters[1], f"We did: {DID_EN}")
    [listed] = await voters[1].say("/outcomes")
    assert "In answer to the poll “Which time suits you best?”" in listed.text


@pytest.mark.parametrize("lang", ["cy", "en"])
async def test_an_outcome_answers_a_topic_members_put_on_a_meetings_agenda(
    harness: Harness, lang: str
) -> None:
    from tests.helpers.meetings import plan
    from tests.test_suggestions import WORDS as SUGGEST
    from tests.test_suggestions import ahead, suggest

    places, welsh, english, _ = await setting(harness)
    rep = await make_rep(harness, 7280, places["carers"], lang=lang)
    await plan(harness, rep, lang, ahead(harness))
    await suggest(english, "en", "Evening clinics for carers who work, please.")
    await rep.say("/awgrymu" if lang == "cy" else "/suggest")
    await rep.press(SUGGEST["ranked"][lang])
    await rep.press(SUGGEST["agenda 1"][lang])

    label = (
        "Awgrym ar gyfer cyfarfod: Evening clinics for carers who work, please."
        if lang == "cy"
        else "Suggested for a meeting: Evening clinics for carers who work, please."
    )
    preview = await record(rep, lang, topic=label, send="")
    assert (
        "Mewn ymateb i bwnc a awgrymodd aelodau ar gyfer y cyfarfod “Fforwm Gofalwyr” ar "
        in preview
    )
    assert "In answer to a topic members suggested for the meeting “Carers' Forum” on " in preview
    assert ": “Evening clinics for carers who work, please.”" in preview
    await rep.press(LABELS[lang]["send"])
    listed = await welsh.say("/canlyniadau")
    assert any(
        "a awgrymodd aelodau ar gyfer y cyfarfod “Fforwm Gofalwyr”" in m.text for m in listed
    )
    # Nothing in the outcome says who suggested it: the suggestion never knew.
    [row] = await harness.services.db.fetchall(
        "SELECT * FROM outcomes WHERE status = 'recorded' AND suggestion_id IS NOT NULL"
    )
    assert english.id not in tuple(row)
