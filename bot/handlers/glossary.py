"""/glossary (/geirfa): what a word or abbreviation means, in plain words, in your language."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.commands import command
from bot.context import Context
from bot.domain import jargon
from bot.domain.access import Role
from bot.domain.glossary import GlossaryEntry
from bot.i18n import LANGS, SEPARATOR, Lang, Tr
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.text import esc
from bot.tg.ui import reply

# In memory: a passing question, asked of newcomers too (nothing is stored before consent).
ASKING = steps.kind("glossary.term", Role.ANYONE, memory=True)


def explain(tr: Tr, entries: list[GlossaryEntry], query: str) -> str:
    if not entries:
        return tr.gettext(
            "I don't have “{term}” in my glossary. Try a shorter form or the abbreviation, or ask "
            "your representative."
        ).format(term=esc(query[:100]))
    other: Lang = "en" if tr.lang == "cy" else "cy"
    blocks = []
    for entry in entries:
        blocks.append(
            f"<b>{esc(entry.term(tr.lang))}</b>\n{esc(entry.plain(tr.lang))}\n"
            + (
                tr.gettext("In English: {term}")
                if other == "en"
                else tr.gettext("In Welsh: {term}")
            ).format(term=esc(entry.term(other)))
        )
    return "\n\n".join(blocks)


@requires(Role.ANYONE)
async def glossary_command(update: Update, context: Context) -> None:
    """/glossary (/geirfa) [term]: explain a term, or ask which one."""
    query = " ".join(context.args or [])
    # Someone whose language isn't known yet gets both, Welsh first.
    trs = [context.tr_for(lang) for lang in LANGS] if context.visit.lang is None else [context.tr]
    if query:
        entries = jargon.lookup(query)
        await reply(update, context, SEPARATOR.join(explain(tr, entries, query) for tr in trs))
        return
    asks = [
        tr.gettext(
            "Which word or abbreviation would you like explained? For example: CMHT, CTP or CPN."
        )
        for tr in trs
    ]
    await steps.ask(context, ASKING)
    await reply(update, context, SEPARATOR.join(asks))


@steps.takes_text(ASKING)
async def glossary_step(update: Update, context: Context, waiting: steps.Waiting) -> None:
    """The term someone asked /glossary about."""
    message = update.effective_message
    query = message.text.strip() if message is not None and message.text else ""
    await steps.done(context)
    trs = [context.tr_for(lang) for lang in LANGS] if context.visit.lang is None else [context.tr]
    entries = jargon.lookup(query)
    await reply(update, context, SEPARATOR.join(explain(tr, entries, query) for tr in trs))


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [CommandHandler(command("glossary").names, glossary_command)]
