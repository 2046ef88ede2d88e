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
    tr: Tr, meeting_id: int, chosen: Answer | None, *, papers: int, reminders: Reminders
) -> InlineKeyboardMarkup:
    """What an invited member can do, the same on every message about the meeting: answer
    (their answer ticked), have the papers sent, turn this meeting's reminders off or on."""
    rows = [(answer_label(tr, a, a == chosen), RsvpButton(meeting_id, a).pack()) for a in ANSWERS]
    if papers:
        label = tr.ngettext("Send me the paper ({n})", "Send me the papers ({n})", papers)
        rows.append((label.format(n=papers), PapersButton(meeting_id).pack()))
    mute = mute_button(tr, meeting_id, reminders)
    if mute is not None:
        rows.append(mute)
    return column(rows)
