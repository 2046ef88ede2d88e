"""What the poll journey's parts share: the author's button, the questions, the checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from telegram import Update

from bot.context import Context
from bot.domain.access import Role
from bot.i18n import N_, Tr
from bot.polls.opening import may_ask
from bot.storage import polls
from bot.storage.polls import Poll
from bot.tg import steps
from bot.tg.auth import deny
from bot.tg.buttons import finished
from bot.tg.callbacks import CallbackData
from bot.tg.ui import ButtonSpec

Action = Literal[
    "net",  # choose or unchoose the network `value`
    "nets",  # finished choosing networks
    "kind",  # how members answer: `value` single / multiple / open
    "close",  # closing time: `value` 1d / 3d / 7d / typed
    "at",  # the typed closing time read back is right
    "remind",  # `value` 1 / 0
    "share",  # `value` 1 / 0
    "edit",  # write again: `value` q (question) / o (options) / c (closing time)
    "send",
    "cancel",
]


@dataclass(frozen=True, slots=True)
class PollDraftButton(CallbackData, prefix="pdraft"):
    draft: int
    action: Action
    value: str | None = None


# Text for a draft: data {"draft", "field": q_cy | q_en | o_cy | o_en | closing, "then"}.
WRITING = steps.kind("poll.text", Role.REPRESENTATIVE)
CHOOSING = steps.kind(
    "poll.choose",
    Role.REPRESENTATIVE,
    hint=N_(
        "You have a poll in progress: please carry on with the buttons above, or cancel it "
        "there. Send /poll to start again."
    ),
)
PREVIEWING = steps.kind(
    "poll.preview",
    Role.REPRESENTATIVE,
    buttons=(N_("Send the poll"), N_("Change the question"), N_("Cancel, don't send anything")),
)
NO_LONGER = N_("This poll is no longer being written. To write a new one, send /poll.")


def button(draft: Poll, action: Action, value: str | int | None = None) -> str:
    return PollDraftButton(draft.id, action, None if value is None else str(value)).pack()


def cancel(tr: Tr, draft: Poll) -> ButtonSpec:
    return (tr.gettext("Cancel, don't send anything"), button(draft, "cancel"))


async def own_draft(update: Update, context: Context, draft_id: int) -> Poll | None:
    """The presser's own draft, still being written, for networks they speak for."""
    member = context.visit.member
    draft = await polls.get(context.db, draft_id)
    if draft is None or member is None or draft.author_id != member.id:
        await finished(update, context)
        return None
    if draft.status != "draft":
        await finished(update, context, NO_LONGER)
        return None
    if not may_ask(context.visit.access, draft):
        await deny(update, context, Role.COORDINATOR)
        return None
    return draft


async def reload(context: Context, draft: Poll) -> Poll:
    fresh = await polls.get(context.db, draft.id)
    assert fresh is not None
    return fresh
