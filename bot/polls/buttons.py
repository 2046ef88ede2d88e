"""The buttons on a poll's message, as every member of its electorate receives it.

`value` is an option's position for "pick", and for the multiple-choice buttons the set of
options as bits that the press leads to ("toggle") or sends ("send"): what is ticked lives
in the keyboard itself, so nothing is stored until the member sends their answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.tg.callbacks import CallbackData

Action = Literal["pick", "toggle", "send", "change", "write", "show"]


@dataclass(frozen=True, slots=True)
class PollButton(CallbackData, prefix="poll"):
    poll: int
    action: Action
    value: int | None = None
