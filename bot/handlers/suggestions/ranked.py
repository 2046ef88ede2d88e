"""The organiser's and representatives' side: topics most supported first, and putting one on
the agenda, which tells the meeting's networks."""

from __future__ import annotations

from telegram import Update

from bot import suggestions
from bot.context import Context
from bot.domain.access import Role
from bot.handlers.meetings.common import button
from bot.handlers.suggestions.common import CHOOSING, heading, open_meeting
from bot.meetings import counts
from bot.meetings.buttons import SuggestButton
from bot.meetings.plan import may_manage
from bot.storage import suggestions as store
from bot.storage.meetings import Meeting
from bot.tg import steps
from bot.tg.auth import deny
from bot.tg.text import esc
from bot.tg.ui import ButtonSpec, answer_with, column


async def show_ranked(update: Update, context: Context, meeting: Meeting, first: str = "") -> None:
    """Every topic suggested, most supported first, with how many support it (counting rule)."""
    tr = context.tr
    if not suggestions.may_rank(context.visit.access, meeting):
        await deny(update, context, Role.REPRESENTATIVE)
        return
    found = await store.ranked(context.db, meeting.id)
    minimum = context.settings.min_group
    lines = [first, ""] if first else []
    lines += [heading(context, meeting), ""]
    if not found:
        lines.append(tr.gettext("Nobody has suggested a topic for this meeting yet."))
    else:
        lines.append(tr.gettext("<b>Topics members suggested, most supported first</b>"))
    rows: list[ButtonSpec] = []
    for n, s in enumerate(found, 1):
        support = tr.gettext("supported by: {people}").format(
            people=counts.supports(tr, s.supports, minimum)
        )
        marks = [support]
        if s.language != tr.lang:
            marks.append(
                tr.gettext("written in Welsh")
                if s.language == "cy"
                else tr.gettext("written in English")
            )
        if s.on_agenda:
            marks.append(tr.gettext("on the agenda"))
        lines.append(f"{n}. {esc(s.text)} <i>({'; '.join(marks)})</i>")
        if not s.on_agenda:
            label = tr.gettext("Put topic {n} on the agenda").format(n=n)
            rows.append((label, SuggestButton("agenda", s.id).pack()))
    member = context.visit.member
    assert member is not None
    if may_manage(context.visit.access, member.id, meeting):
        rows.append((tr.gettext("Back to the meeting"), button(meeting, "manage")))
    await steps.ask(context, CHOOSING, {"meeting": meeting.id})
    await answer_with(update, context, "\n".join(lines), column(rows))


async def agenda_pressed(update: Update, context: Context, data: SuggestButton) -> None:
    """Put a topic on the agenda: the network hears, in each member's language."""
    member = context.visit.member
    assert member is not None
    tr = context.tr
    suggestion = await store.get(context.db, data.id or 0)
    meeting = await open_meeting(update, context, suggestion.meeting_id if suggestion else None)
    if meeting is None or suggestion is None:
        return
    if not suggestions.may_rank(context.visit.access, meeting):
        await deny(update, context, Role.REPRESENTATIVE)
        return
    told = await suggestions.put_on_agenda(context.services, meeting, suggestion, member, tr.lang)
    if told is None:
        await show_ranked(
            update, context, meeting, tr.gettext("That topic is on the agenda already.")
        )
        return
    context.services.delivery.wake()
    first = tr.gettext(
        "Done: it is on the agenda, and the network is being told: {people}."
    ).format(people=counts.people(tr, told, context.settings.min_group, meeting))
    await show_ranked(update, context, meeting, first)
