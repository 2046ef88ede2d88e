"""What the broadcast journey's parts share: its button, its questions, its checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from telegram import Update

from bot import broadcasts as broadcasting
from bot.context import Context
from bot.domain import counting
from bot.domain.access import Role
from bot.domain.counting import PEOPLE, Shown
from bot.i18n import N_, Tr
from bot.storage import broadcasts
from bot.storage.broadcasts import Broadcast
from bot.tg import steps
from bot.tg.auth import deny
from bot.tg.buttons import finished
from bot.tg.callbacks import CallbackData
from bot.tg.ui import ButtonSpec

Action = Literal[
    "everyone",  # the audience: everyone who has joined (coordinators only)
    "networks",  # ... members of networks chosen next
    "reps",  # ... representatives only
    "network",  # choose or unchoose the network `value`
    "chosen",  # finished choosing networks
    "kind",  # the kind of message is `value`
    "edit",  # write the `value` ("cy"/"en") text again
    "fin",  # the `value` text is complete
    "urgent",  # toggle urgency
    "send",
    "cancel",
]


@dataclass(frozen=True, slots=True)
class BroadcastButton(CallbackData, prefix="bc"):
    draft: int
    action: Action
    value: str | None = None  # a network id, a kind or a language, as the action says


# Text for a draft: data {"draft", "lang", "then": "en" | "preview", "fresh": bool}.
WRITING = steps.kind("broadcast.text", Role.REPRESENTATIVE)
CHOOSING = steps.kind(
    "broadcast.choose",
    Role.REPRESENTATIVE,
    hint=N_(
        "You have a message to members in progress: please carry on with the buttons above, or "
        "cancel it there. Send /broadcast to start again."
    ),
)
PREVIEWING = steps.kind(
    "broadcast.preview",
    Role.REPRESENTATIVE,
    buttons=(
        N_("Send the message"),
        N_("Edit the Welsh"),
        N_("Edit the English"),
        N_("Cancel, don't send anything"),
    ),
)
NO_LONGER = N_("This message is no longer being written. To write a new one, send /broadcast.")


def people(context: Context, shown: Shown) -> str:
    """People, through the one counting rule (`bot.domain.counting`)."""
    return counting.counted(context.tr, shown, PEOPLE)


def button(draft: Broadcast, action: Action, value: str | int | None = None) -> str:
    return BroadcastButton(draft.id, action, None if value is None else str(value)).pack()


def cancel(tr: Tr, draft: Broadcast) -> ButtonSpec:
    return (tr.gettext("Cancel, don't send anything"), button(draft, "cancel"))


async def open_draft(
    update: Update, context: Context, pressed: BroadcastButton
) -> Broadcast | None:
    """The presser's own open draft named in the button, or a kind word and None."""
    member = context.visit.member
    draft = await broadcasts.get(context.db, pressed.draft)
    if draft is None or member is None or draft.author_id != member.id:
        await finished(update, context)
        return None
    if draft.status != "draft":
        await finished(update, context, NO_LONGER)
        return None
    if pressed.action != "cancel" and not broadcasting.may_address(context.visit.access, draft):
        await deny(update, context, Role.COORDINATOR)
        return None
    return draft


async def reload(context: Context, draft: Broadcast) -> Broadcast:
    fresh = await broadcasts.get(context.db, draft.id)
    assert fresh is not None
    return fresh
