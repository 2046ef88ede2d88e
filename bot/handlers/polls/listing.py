"""/polls (/polau): a member's open polls still to answer; for authors and representatives,
their polls with how many have answered (never how), closing early, and the results."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Literal

from telegram import Update

from bot.broadcasts import place_names
from bot.context import Context
from bot.domain.access import Role
from bot.polls import answering, closing, counts, results
from bot.polls.buttons import PollButton
from bot.storage import constituencies, polls
from bot.storage import poll_answers as answers
from bot.storage.db import utcnow
from bot.storage.polls import Poll
from bot.tg.auth import requires
from bot.tg.buttons import finished
from bot.tg.callbacks import CallbackData
from bot.tg.text import esc
from bot.tg.ui import ButtonSpec, answer_with, column, reply, tell

SHOWN = 8  # polls listed for a representative


@dataclass(frozen=True, slots=True)
class PollAdminButton(CallbackData, prefix="padmin"):
    poll: int
    action: Literal["close", "sure", "keep", "results"]


def _short(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def may_see(context: Context, poll: Poll) -> bool:
    """The author, a representative of one of its networks, or a coordinator."""
    member = context.visit.member
    access = context.visit.access
    return (member is not None and poll.author_id == member.id) or any(
        access.speaks_for(c) for c in poll.networks
    )


def may_close(context: Context, poll: Poll) -> bool:
    member = context.visit.member
    return context.visit.access.coordinator or (member is not None and poll.author_id == member.id)


@requires(Role.MEMBER, private=True)
async def polls_command(update: Update, context: Context) -> None:
    """/polls (/polau): polls waiting for your answer; your polls and how they are going."""
    tr = context.tr
    member = context.visit.member
    assert member is not None
    now = utcnow()
    mine = [c.id for c in await constituencies.of_member(context.db, member.id)]
    waiting: list[Poll] = []
    for poll in await polls.open_in(context.db, mine):
        answer = await answering.current(context.services, poll, context.visit.telegram_id)
        if answering.is_open(poll, now) and answer is not None and answer.choice is None:
            waiting.append(poll)
    if waiting:
        lines = [tr.gettext("<b>Polls waiting for your answer</b>")]
        lines += [
            tr.gettext("• {question} (closes on {when})").format(
                question=esc(p.question(tr.lang)), when=tr.datetime(p.closes_at)
            )
            for p in waiting
            if p.closes_at is not None
        ]
        rows: list[ButtonSpec] = [
            (_short(p.question(tr.lang)), PollButton(p.id, "show").pack()) for p in waiting
        ]
        await reply(update, context, "\n".join(lines), column(rows))
    else:
        await reply(
            update,
            context,
            tr.gettext(
                "No polls are waiting for your answer. You can change an answer you have "
                "given on the poll's message, until it closes."
            ),
        )
    if context.visit.access.has(Role.REPRESENTATIVE):
        await _authors_view(update, context)


async def _authors_view(update: Update, context: Context) -> None:
    tr = context.tr
    minimum = context.settings.min_group
    shown = [p for p in await polls.recent(context.db) if may_see(context, p)][:SHOWN]
    if not shown:
        await reply(update, context, tr.gettext("No polls have been sent to your networks yet."))
        return
    lines = [tr.gettext("<b>Polls in your networks</b>")]
    rows: list[ButtonSpec] = []
    for poll in shown:
        places = await place_names(context.db, poll.networks, tr.lang)
        head = f"#{poll.id} <b>{esc(poll.question(tr.lang))}</b> <i>({esc(', '.join(places))})</i>"
        asked = counts.asked(tr, poll.electorate, len(poll.networks), minimum)
        if poll.status == "open":
            assert poll.closes_at is not None
            so_far = await answers.answered(context.db, poll.id)
            state = tr.gettext(
                "Open until {when}. Asked: {asked}. Answered so far: {answered}."
            ).format(
                when=tr.datetime(poll.closes_at),
                asked=asked,
                answered=counts.people(tr, so_far, minimum),
            )
            if may_close(context, poll):
                rows.append(
                    (tr.gettext("Close #{id} now").format(id=poll.id), _admin(poll, "close"))
                )
        else:
            assert poll.closed_at is not None
            state = tr.gettext("Closed on {when}. Asked: {asked}. Answered: {answered}.").format(
                when=tr.datetime(poll.closed_at),
                asked=asked,
                answered=counts.people(tr, poll.answered or 0, minimum),
            )
            rows.append(
                (tr.gettext("Results of #{id}").format(id=poll.id), _admin(poll, "results"))
            )
        lines += ["", head, state]
    await reply(update, context, "\n".join(lines), column(rows) if rows else None)


def _admin(poll: Poll, action: Literal["close", "sure", "keep", "results"]) -> str:
    return PollAdminButton(poll.id, action).pack()


@requires(Role.REPRESENTATIVE, private=True)
async def admin_pressed(update: Update, context: Context, data: PollAdminButton) -> None:
    """Close a poll early (author or coordinator), or see a closed poll's results again."""
    tr = context.tr
    poll = await polls.get(context.db, data.poll)
    if poll is None or poll.status in ("draft", "cancelled") or not may_see(context, poll):
        await tell(update, context, tr.gettext("You can only do this for networks you speak for."))
        return
    if data.action == "results":
        if poll.status != "closed":
            await tell(update, context, tr.gettext("The results show once the poll has closed."))
            return
        await show_results(update, context, poll)
        return
    if not may_close(context, poll):
        await tell(
            update,
            context,
            tr.gettext("Only the poll's author or a coordinator can close it early."),
        )
        return
    if poll.status != "open":
        await finished(update, context)
        return
    if data.action == "keep":
        await answer_with(update, context, tr.gettext("The poll stays open. Nothing was changed."))
    elif data.action == "close":
        await answer_with(
            update,
            context,
            tr.gettext(
                "Close the poll “{question}” now? Nobody can answer after that, and the results "
                "go out straight away."
            ).format(question=esc(poll.question(tr.lang))),
            column(
                [
                    (tr.gettext("Yes, close the poll now"), _admin(poll, "sure")),
                    (tr.gettext("No, leave it open"), _admin(poll, "keep")),
                ]
            ),
        )
    else:
        now = utcnow()
        member = context.visit.member
        await closing.close(
            context.services, poll.id, now, early=True, closed_by=member.id if member else None
        )
        await closing.queue_results(context.services, poll.id, now)
        context.services.delivery.wake()
        await answer_with(
            update, context, tr.gettext("The poll is closed. The results are on their way.")
        )


async def show_results(update: Update, context: Context, poll: Poll) -> None:
    """The results, chart and file again, in the asker's language."""
    tr = context.tr
    minimum = context.settings.min_group
    if update.callback_query is not None:
        await update.callback_query.answer()
    places = await place_names(context.db, poll.networks, tr.lang)
    from bot.storage import views

    open_answers = [v.text for v in await views.of_poll(context.db, poll.id)]
    await reply(
        update,
        context,
        results.text(
            tr, poll, places, minimum, for_members=False, answers=results.shuffled(open_answers)
        ),
    )
    chart = await asyncio.to_thread(results.chart, tr, poll, minimum)
    chat_id = context.visit.chat_id
    if chart is not None:
        await context.bot.send_photo(chat_id, chart.png, caption=esc(chart.alt))
    document = results.csv_document(tr, poll, minimum)
    if document is not None:
        await context.bot.send_document(chat_id, document[1], filename=document[0])
