"""What the outcome journey's parts share: its buttons, its questions, its checks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, cast

from telegram import Update

from bot import outcomes
from bot.context import Context
from bot.domain.access import Role
from bot.i18n import N_, Tr
from bot.storage import outcomes as store
from bot.storage.outcomes import Outcome
from bot.tg import steps
from bot.tg.buttons import finished
from bot.tg.callbacks import CallbackData
from bot.tg.ui import ButtonSpec, reply

Action = Literal[
    "new",  # record an outcome: choose the network
    "net",  # ... in network `value`: a draft is made
    "topic",  # the draft answers topic `value` ("none": none of these)
    "poll",  # the draft answers closed poll `value`
    "sugg",  # the draft answers agenda suggestion `value` (one put on a meeting's agenda)
    "keep",  # keep the text being asked for as it is
    "review",  # review in `value` months, or "none"
    "day",  # review on a day typed next
    "edit",  # write the `value` ("cy"/"en") texts again
    "send",  # record it and send it to the network
    "record",  # record it without sending
    "cancel",
]


@dataclass(frozen=True, slots=True)
class OutcomeButton(CallbackData, prefix="outcome"):
    """A press while recording an outcome; `draft` names the draft (None before there is one)."""

    draft: int | None
    action: Action
    value: str | None = None


@dataclass(frozen=True, slots=True)
class OutcomesPage(CallbackData, prefix="outlist"):
    """A network's outcomes, newest first, from `offset`."""

    network: int
    offset: int = 0


AGAIN = N_("Please carry on with the buttons above, or send /outcomes to start again.")
CHOOSING = steps.kind("outcomes.choose", Role.REPRESENTATIVE, hint=AGAIN)
# data: {"draft": id, "field": "said_cy" | "said_en" | "did_cy" | "did_en", "then": [next ...]}
# where "then" lists the fields still to ask, then "review" and/or "preview".
TEXT = steps.kind("outcomes.text", Role.REPRESENTATIVE)
REVIEW_DAY = steps.kind("outcomes.review_day", Role.REPRESENTATIVE)  # data: {"draft": id}
PREVIEW = steps.kind(
    "outcomes.preview",
    Role.REPRESENTATIVE,
    buttons=(
        N_("Record it and send it to members"),
        N_("Record it without sending"),
        N_("Edit the Welsh"),
        N_("Edit the English"),
        N_("Cancel, don't record anything"),
    ),
)
NO_LONGER = N_("This outcome is no longer being written. To record one, send /outcomes.")


def member_id(context: Context) -> int:
    member = context.visit.member
    assert member is not None  # every handler here requires a member
    return member.id


def review_choices(tr: Tr) -> list[tuple[str, str]]:
    """(label, value): in 1, 3 or 6 months ("1", "3", "6"), on a typed day ("day"), or none."""
    rows = [
        (tr.ngettext("In {n} month", "In {n} months", n).format(n=n), str(n))
        for n in outcomes.REVIEW_MONTHS
    ]
    rows.append((tr.gettext("On a day I'll type"), "day"))
    rows.append((tr.gettext("No review date"), "none"))
    return rows


async def own_draft(update: Update, context: Context, draft_id: int | None) -> Outcome | None:
    """The presser's own draft, still a draft, in a network they still speak for; else a kind
    word and None (a forged id, a finished draft and someone else's all read as finished)."""
    draft = await store.get(context.db, draft_id) if draft_id is not None else None
    if draft is None or draft.author_id != member_id(context) or draft.status != "draft":
        await finished(update, context, NO_LONGER)
        return None
    if not context.visit.access.speaks_for(draft.constituency_id):
        await steps.done(context)
        await finished(update, context, NO_LONGER)
        return None
    return draft


async def checked_text(update: Update, context: Context) -> str | None:
    """The typed text if it is an outcome's length, else None after saying why."""
    message = update.effective_message
    text = (message.text or "").strip() if message else ""
    if outcomes.MIN_CHARS <= len(text) <= outcomes.MAX_CHARS:
        return text
    await reply(
        update,
        context,
        context.tr.gettext("Please write {low} to {high} characters: this has {n}.").format(
            low=outcomes.MIN_CHARS, high=f"{outcomes.MAX_CHARS:,}", n=f"{len(text):,}"
        ),
    )
    return None


def button(draft: Outcome, action: str, value: object = None) -> str:
    return OutcomeButton(draft.id, cast(Any, action), None if value is None else str(value)).pack()


def cancel_button(tr: Tr, draft: Outcome) -> ButtonSpec:
    return (tr.gettext("Cancel, don't record anything"), OutcomeButton(draft.id, "cancel").pack())


def review_day_problem(tr: Tr) -> str:
    return tr.gettext(
        "I couldn't read that as a day from tomorrow to two years ahead. Please send a date such "
        "as 3/6/2027 or 3 June 2027."
    )
