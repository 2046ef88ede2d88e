"""Writing a poll: networks, the question in Welsh and English, how members answer, options."""

from __future__ import annotations

from telegram import Update

from bot.context import Context
from bot.domain import polls as rules
from bot.domain.access import Role
from bot.domain.plain import visible
from bot.handlers.polls.common import (
    CHOOSING,
    NO_LONGER,
    WRITING,
    button,
    cancel,
    reload,
)
from bot.i18n import N_, Lang, Tr
from bot.polls.opening import may_ask
from bot.storage import polls
from bot.storage.polls import KINDS, Poll
from bot.tg import steps
from bot.tg.acting_for import places_for
from bot.tg.auth import deny, requires
from bot.tg.ui import ButtonSpec, answer_with, column, reply

KIND_LABELS = {
    "single": N_("Members choose one answer"),
    "multiple": N_("Members choose one or more answers"),
    "open": N_("Members write their own answer"),
}


@requires(Role.REPRESENTATIVE, private=True)
async def poll_command(update: Update, context: Context) -> None:
    """/poll (/pleidlais): ask your networks a question, in Welsh and English."""
    member = context.visit.member
    assert member is not None
    tr = context.tr
    places = await places_for(context)
    if not places:
        await reply(update, context, tr.gettext("There are no networks for you to act for yet."))
        return
    draft_id = await polls.create_draft(
        context.db,
        member.id,
        "coordinator" if context.visit.access.coordinator else "representative",
    )
    draft = await polls.get(context.db, draft_id)
    assert draft is not None
    if len(places) == 1:
        await polls.set_networks(context.db, draft.id, [places[0].id])
        await ask_text(update, context, await reload(context, draft), "q_cy")
        return
    await networks(update, context, draft)


async def networks(update: Update, context: Context, draft: Poll) -> None:
    tr = context.tr
    rows: list[ButtonSpec] = [
        (("✓ " if p.id in draft.networks else "") + p.name(tr.lang), button(draft, "net", p.id))
        for p in await places_for(context)
    ]
    if draft.networks:
        rows.append((tr.gettext("I've finished choosing networks"), button(draft, "nets")))
    rows.append(cancel(tr, draft))
    await answer_with(
        update,
        context,
        tr.gettext(
            "Which networks should answer this poll? Press each one you want, then press the "
            "last button."
        ),
        column(rows),
    )
    await steps.ask(context, CHOOSING)


async def toggle_network(update: Update, context: Context, draft: Poll, value: str | None) -> None:
    place_id = int(value) if value and value.isdigit() else None
    if place_id is None or not context.visit.access.speaks_for(place_id):
        await deny(update, context, Role.COORDINATOR)
        return
    if place_id not in {p.id for p in await places_for(context)}:  # archived
        await deny(update, context, Role.COORDINATOR)
        return
    chosen = set(draft.networks) ^ {place_id}
    await polls.set_networks(context.db, draft.id, sorted(chosen))
    await networks(update, context, await reload(context, draft))


PROMPTS = {
    "q_cy": N_("Write the question <b>in Welsh</b> and send it to me. (You'll write the English next.) Up to {max} characters."),
    "q_en": N_("Now write the same question <b>in English</b>. Up to {max} characters."),
    "o_cy": N_("Send me the answers members can choose from <b>in Welsh</b>, in one message, one answer on each line (or with a semicolon between them): from {min} to {most} answers, each up to {max} characters. (You'll write the English next.)"),
    "o_en": N_("Now the same answers <b>in English</b>, one on each line (or with a semicolon between them), in the same order."),
}  # fmt: skip


def prompt(tr: Tr, field: str) -> str:
    return tr.gettext(PROMPTS[field]).format(
        max=rules.MAX_QUESTION if field.startswith("q") else rules.MAX_OPTION,
        min=rules.MIN_OPTIONS,
        most=rules.MAX_OPTIONS,
    )


async def ask_text(
    update: Update, context: Context, draft: Poll, field: str, then: str | None = None
) -> None:
    await steps.ask(context, WRITING, {"draft": draft.id, "field": field, "then": then})
    await answer_with(
        update, context, prompt(context.tr, field), column([cancel(context.tr, draft)])
    )


async def ask_kind(update: Update, context: Context, draft: Poll) -> None:
    tr = context.tr
    rows = [(tr.gettext(KIND_LABELS[k]), button(draft, "kind", k)) for k in KINDS]
    await answer_with(
        update,
        context,
        tr.gettext("How will members answer?"),
        column([*rows, cancel(tr, draft)]),
    )
    await steps.ask(context, CHOOSING)


def _options_problem(tr: Tr, found: rules.BadOptions) -> str:
    if found.problem == "too_few" or found.problem == "empty":
        return tr.gettext(
            "A poll needs at least {min} answers to choose from: please send them again, one on "
            "each line."
        ).format(min=rules.MIN_OPTIONS)
    if found.problem == "too_many":
        return tr.gettext(
            "That's {n} answers, and a poll can have {most} at most: please send them again."
        ).format(n=found.detail, most=rules.MAX_OPTIONS)
    if found.problem == "too_long":
        return tr.gettext(
            "Answer {n} is longer than {max} characters, which is too long for a button: "
            "please shorten it and send all the answers again."
        ).format(n=found.detail, max=rules.MAX_OPTION)
    return tr.gettext("Two of those answers are the same: please send them again.")


@steps.takes_text(WRITING)
async def text_step(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """A poll's question or options, in Welsh or English, or its closing time typed."""
    from bot.handlers.polls.closing import closing_typed
    from bot.handlers.polls.preview import preview

    message = update.effective_message
    member = context.visit.member
    draft = await polls.get(context.db, int(waiting.data.get("draft", 0)))
    tr = context.tr
    if message is None or not message.text or member is None:
        return
    if draft is None or draft.author_id != member.id or draft.status != "draft":
        await steps.done(context)
        await reply(update, context, tr.gettext(NO_LONGER))
        return
    if not may_ask(context.visit.access, draft):
        await steps.done(context)
        await deny(update, context, Role.COORDINATOR)
        return
    field = str(waiting.data.get("field"))
    then = waiting.data.get("then")
    text = visible(message.text)
    if field == "closing":
        await closing_typed(update, context, draft, text)
        return
    lang: Lang = "cy" if field.endswith("cy") else "en"
    if field.startswith("q"):
        if len(text) > rules.MAX_QUESTION:
            await reply(
                update,
                context,
                tr.gettext(
                    "That is too long: {n} characters, and the most is {max}. Please send a "
                    "shorter question."
                ).format(n=len(text), max=rules.MAX_QUESTION),
            )
            return
        await polls.set_question(context.db, draft.id, lang, text)
        if lang == "cy":
            await ask_text(update, context, draft, "q_en", then)
        elif then == "preview":
            await preview(update, context, await reload(context, draft))
        else:
            await ask_kind(update, context, draft)
        return
    found = rules.read_options(text)
    if isinstance(found, rules.BadOptions):
        await reply(update, context, _options_problem(tr, found))
        return
    if lang == "en" and len(found.labels) != len(draft.options):
        await reply(
            update,
            context,
            tr.gettext(
                "You wrote {cy} answers in Welsh and {en} in English: please send the English "
                "answers again, one for each Welsh one, in the same order."
            ).format(cy=len(draft.options), en=len(found.labels)),
        )
        return
    await polls.set_options(context.db, draft.id, lang, found.labels)
    if lang == "cy":
        await ask_text(update, context, draft, "o_en", then)
    elif then == "preview":
        await preview(update, context, await reload(context, draft))
    else:
        from bot.handlers.polls.closing import ask_closing

        await ask_closing(update, context, await reload(context, draft))
