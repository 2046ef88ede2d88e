"""/suggest (/awgrymu): a member sees the topics suggested for a coming meeting, supports the
ones they want discussed, and suggests one of their own, anonymously."""

from __future__ import annotations

from telegram import Update

from bot import suggestions
from bot.context import Context
from bot.domain.access import Role
from bot.handlers.suggestions.common import (
    CHOOSING,
    CLOSED,
    heading,
    open_meeting,
)
from bot.i18n import Tr
from bot.meetings.buttons import SuggestButton
from bot.storage import suggestions as store
from bot.storage.db import utcnow
from bot.storage.meetings import Meeting
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.text import esc
from bot.tg.ui import ButtonSpec, answer_with, column, reply, tell

SHOWN = 10


@requires(Role.MEMBER, private=True)
async def suggest_command(update: Update, context: Context) -> None:
    """/suggest (/awgrymu): topics for a coming meeting of my networks."""
    member = context.visit.member
    assert member is not None
    tr = context.tr
    coming = await suggestions.coming(context.services, member, context.visit.access, utcnow())
    if not coming:
        await reply(
            update,
            context,
            tr.gettext(
                "There are no meetings coming up for your networks, so there is nothing to "
                "suggest a topic for yet. You'll hear when one is planned."
            ),
        )
        return
    if len(coming) == 1:
        await show_topics(update, context, coming[0])
        return
    await steps.ask(context, CHOOSING)
    rows = [(m.title(tr.lang), SuggestButton("meeting", m.id).pack()) for m in coming[:8]]
    await reply(
        update,
        context,
        tr.gettext("Which meeting would you like to suggest a topic for?"),
        column(rows),
    )


def _topic_line(tr: Tr, number: int, text: str, lang: str, on_agenda: bool) -> str:
    line = f"{number}. {esc(text)}"
    notes = []
    if lang != tr.lang:
        notes.append(
            tr.gettext("written in Welsh") if lang == "cy" else tr.gettext("written in English")
        )
    if on_agenda:
        notes.append(tr.gettext("on the agenda"))
    return line + (f" <i>({', '.join(notes)})</i>" if notes else "")


async def show_topics(update: Update, context: Context, meeting: Meeting, first: str = "") -> None:
    """The topics so far, in an order that says nothing about who came first, with a button
    to support each, and one to suggest another."""
    member = context.visit.member
    assert member is not None
    tr = context.tr
    services = context.services
    found = (await store.of_meeting(context.db, meeting.id))[:SHOWN]
    mine = await suggestions.supported(services, member, meeting, found)
    lines = [first, ""] if first else []
    lines.append(heading(context, meeting))
    lines.append("")
    if found:
        lines.append(
            tr.gettext(
                "Members suggested these topics. Support the ones you'd like discussed: one "
                "support each, and nobody can see who supports what."
            )
        )
        lines += [
            _topic_line(tr, n, s.text, s.language, s.on_agenda) for n, s in enumerate(found, 1)
        ]
    else:
        lines.append(tr.gettext("Nobody has suggested a topic for this meeting yet."))
    rows: list[ButtonSpec] = []
    for n, s in enumerate(found, 1):
        if s.on_agenda:
            continue
        label = (
            tr.gettext("✓ You support topic {n}")
            if s.id in mine
            else tr.gettext("I support topic {n}")
        )
        rows.append((label.format(n=n), SuggestButton("support", s.id).pack()))
    if await suggestions.left(services, member, meeting) > 0:
        rows.append((tr.gettext("Suggest a topic"), SuggestButton("new", meeting.id).pack()))
    if suggestions.may_rank(context.visit.access, meeting):
        rows.append(
            (
                tr.gettext("Most supported first (for representatives)"),
                SuggestButton("ranked", meeting.id).pack(),
            )
        )
    await steps.ask(context, CHOOSING, {"meeting": meeting.id})
    await answer_with(update, context, "\n".join(lines), column(rows))


async def support_pressed(update: Update, context: Context, data: SuggestButton) -> None:
    member = context.visit.member
    query = update.callback_query
    assert member is not None
    assert query is not None
    suggestion = await store.get(context.db, data.id or 0)
    meeting = await open_meeting(update, context, suggestion.meeting_id if suggestion else None)
    if meeting is None or suggestion is None:
        return
    tr = context.tr
    try:
        added = await suggestions.support(context.services, member, meeting, suggestion)
    except suggestions.Closed:
        await tell(update, context, tr.gettext(CLOSED))
        return
    if not added:
        await tell(update, context, tr.gettext("You already support this topic: one support each."))
        return
    await show_topics(update, context, meeting, tr.gettext("Thank you: you support this topic."))
