"""Review days: on an outcome's review day its author is reminded to report progress.

Every tick (`bot.tg.clock`) reads the recorded outcomes whose review day has come (from
09:00 local time) and not been reminded: the reminder goes through the delivery queue with
a button to add a progress update, and the outcome is marked reminded for that day in the
same transaction, so a restart never reminds twice and catches up on a day it missed. If
the author no longer speaks for the network (or has left), the network's representatives
are reminded instead: the promise to report back was the network's, not one person's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Literal

from bot import delivery, roles
from bot.config import Settings
from bot.delivery import Outgoing
from bot.i18n import translator
from bot.outcomes import place_name, shorten
from bot.storage import Database, members
from bot.storage import outcomes as store
from bot.storage import representatives as rep_store
from bot.storage.members import Member
from bot.storage.outcomes import Outcome
from bot.tg.callbacks import CallbackData
from bot.tg.text import esc
from bot.tg.ui import keyboard

log = logging.getLogger("cydlais.outcomes")
REMIND_AT = time(9, 0)


ProgressAction = Literal[
    "start",  # write a progress update for the outcome
    "send",  # add update `value` to the history and send it to the network
    "add",  # add it without sending
    "cancel",  # throw update `value` away
    "next",  # the next review: in `value` months, "day" (typed), or "none"
]


@dataclass(frozen=True, slots=True)
class ProgressButton(CallbackData, prefix="progress"):
    """Progress on an outcome (in the reminder, so defined beside it; handled in
    `bot.handlers.outcomes.progress`)."""

    outcome: int
    action: ProgressAction = "start"
    value: str | None = None


async def who_to_remind(db: Database, settings: Settings, outcome: Outcome) -> list[Member]:
    author = await members.by_id(db, outcome.author_id) if outcome.author_id else None
    if author is not None and (await roles.access_of(db, settings, author)).speaks_for(
        outcome.constituency_id
    ):
        return [author] if author.status == "active" else []
    found = []
    for rep in await rep_store.of_constituency(db, outcome.constituency_id):
        member = await members.by_id(db, rep.member_id)
        if member is not None and member.status == "active":
            found.append(member)
    return found


async def reminder(db: Database, settings: Settings, outcome: Outcome, member: Member) -> Outgoing:
    tr = translator(member.language, settings.timezone)
    text = "\n".join(
        [
            tr.gettext("<b>Time to report progress</b>"),
            tr.gettext(
                "The review day has come for this outcome of {network}. What has happened since?"
            ).format(network=esc(await place_name(db, outcome, tr.lang))),
            "",
            tr.gettext("<b>You said:</b> {text}").format(text=esc(shorten(outcome.said(tr.lang)))),
            tr.gettext("<b>We did:</b> {text}").format(text=esc(shorten(outcome.did(tr.lang)))),
            "",
            tr.gettext(
                "Press the button to add a progress update: it joins the outcome's history, and "
                "you can send it to the network's members too."
            ),
        ]
    )
    markup = keyboard([(tr.gettext("Add a progress update"), ProgressButton(outcome.id).pack())])
    return Outgoing(member.chat_id, text, member.id, markup=markup)


async def remind_due(db: Database, settings: Settings, now: datetime) -> int:
    """Queue a reminder for every outcome whose review day has come; returns how many."""
    local = now.astimezone(settings.timezone)
    up_to = local.date() if local.time() >= REMIND_AT else local.date() - timedelta(days=1)
    queued = 0
    for outcome in await store.due_for_review(db, up_to):
        assert outcome.review_on is not None
        messages = [
            await reminder(db, settings, outcome, m)
            for m in await who_to_remind(db, settings, outcome)
        ]
        async with db.transaction() as tx:
            if not await store.mark_reminded(tx, outcome.id, outcome.review_on):
                continue
            if messages:
                await delivery.enqueue_in(
                    tx, kind="outcome.review", messages=messages, label=f"#{outcome.id}"
                )
                queued += 1
    if queued:
        log.info("review reminders queued for %d outcome(s)", queued)
    return queued
