"""The buttons every invited member sees on a meeting's messages (replies and reminders)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from telegram import InlineKeyboardMarkup

from bot.i18n import N_, Tr
from bot.storage.rsvps import ANSWERS, Answer
from bot.tg.callbacks import CallbackData
from bot.tg.ui import column

# Whole phrases: a Welsh answer depends on the question's verb, so never a bare Yes or No.
ANSWER_LABELS: dict[Answer, str] = {
    "yes": N_("I'll be there"),
    "no": N_("I can't come"),
    "maybe": N_("Not sure yet"),
}


@dataclass(frozen=True, slots=True)
class RsvpButton(CallbackData, prefix="rsvp"):
    meeting: int
    answer: Answer


@dataclass(frozen=True, slots=True)
class MuteButton(CallbackData, prefix="mute"):
    """Reminders off (`off`) or on again, for one meeting or (meeting None) for every one."""

    meeting: int | None
    off: bool


def answer_label(tr: Tr, answer: Answer, chosen: bool = False) -> str:
    label = tr.gettext(ANSWER_LABELS[answer])
    return f"✓ {label}" if chosen else label


@dataclass(frozen=True, slots=True)
class PapersButton(CallbackData, prefix="mtgpapers"):
    """Send me this meeting's papers (again)."""

    meeting: int


SuggestAction = Literal[
    "meeting",  # the topics of meeting `id`
    "new",  # suggest a topic for meeting `id`
    "support",  # support topic `id`
    "send",
    "edit",
    "cancel",
    "lang",  # the topic is written in the other language
    "ranked",  # meeting `id`'s topics, most supported first
    "agenda",  # put topic `id` on the agenda
]


@dataclass(frozen=True, slots=True)
class SuggestButton(CallbackData, prefix="sugg"):
    """Agenda suggestions (`bot.handlers.suggestions`)."""

    action: SuggestAction
    id: int | None = None


Reminders = Literal["on", "off"] | None  # reminders for this meeting are on (offer to turn off)


def mute_button(tr: Tr, meeting_id: int, reminders: Reminders) -> tuple[str, str] | None:
    if reminders == "on":
        return tr.gettext("No more reminders about this meeting"), MuteButton(
            meeting_id, True
        ).pack()
    if reminders == "off":
        return tr.gettext("Remind me about this meeting again"), MuteButton(
            meeting_id, False
        ).pack()
    return None


def member_keyboard(
    tr: Tr,
    meeting_id: int,
    chosen: Answer | None,
    *,
    papers: int,
    reminders: Reminders,
    suggest: bool = False,
) -> InlineKeyboardMarkup:
    """What an invited member can do, the same on every message about the meeting: answer
    (their answer ticked), have the papers sent, turn this meeting's reminders off or on."""
    rows = [(answer_label(tr, a, a == chosen), RsvpButton(meeting_id, a).pack()) for a in ANSWERS]
    if papers:
        label = tr.ngettext("Send me the paper ({n})", "Send me the papers ({n})", papers)
        rows.append((label.format(n=papers), PapersButton(meeting_id).pack()))
    if suggest:
        rows.append(
            (
                tr.gettext("Suggest a topic for the agenda"),
                SuggestButton("meeting", meeting_id).pack(),
            )
        )
    mute = mute_button(tr, meeting_id, reminders)
    if mute is not None:
        rows.append(mute)
    return column(rows)
