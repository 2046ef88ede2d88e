"""What comes next: the order of a new meeting's questions, and where a change goes.

A new meeting: networks, its name in Welsh and in English, when, how long, where, the agenda
in Welsh and in English, then the check (`screens.preview`). Changing one detail of a draft
from the check returns to the check; changing a scheduled meeting ends at the check before
the change goes to members (`screens.confirm_change`).
"""

from __future__ import annotations

from typing import Any, Literal

from telegram import Update

import bot.handlers.meetings.asks as asks
import bot.handlers.meetings.screens as screens
from bot.context import Context
from bot.handlers.meetings.common import changing
from bot.storage import meetings
from bot.storage.meetings import Meeting

Done = Literal["title_cy", "title_en", "when", "dur", "place", "agenda_cy", "agenda_en"]


async def next_after(
    update: Update, context: Context, meeting: Meeting, data: dict[str, Any], done: Done
) -> None:
    fresh = await meetings.get(context.db, meeting.id)
    assert fresh is not None
    meeting = fresh
    if done == "title_cy":
        await asks.ask_title(update, context, meeting, "en", data)
    elif done == "agenda_cy":
        await asks.ask_agenda(update, context, meeting, "en", data)
    elif changing(data):
        await screens.confirm_change(update, context, meeting, data)
    elif data.get("then") == "preview":
        await screens.preview(update, context, meeting)
    elif done == "title_en":
        await asks.ask_when(update, context, meeting, data)
    elif done == "when":
        await asks.ask_duration(update, context, meeting, data)
    elif done == "dur":
        await asks.ask_place(update, context, meeting, data)
    elif done == "place":
        await asks.ask_agenda(update, context, meeting, "cy", data)
    else:
        await screens.preview(update, context, meeting)


async def ask_detail(update: Update, context: Context, meeting: Meeting, which: str) -> None:
    """Ask one detail again: of a draft (back to the check after) or a scheduled meeting."""
    data: dict[str, Any] = {"meeting": meeting.id, "then": "preview"}
    data["mode"] = "draft" if meeting.status == "draft" else "change"
    data["updates"] = {}
    if which == "title":
        await asks.ask_title(update, context, meeting, "cy", data)
    elif which == "when":
        await asks.ask_when(update, context, meeting, data)
    elif which == "dur":
        await asks.ask_duration(update, context, meeting, data)
    elif which == "place":
        await asks.ask_place(update, context, meeting, data)
    elif which == "agenda":
        await asks.ask_agenda(update, context, meeting, "cy", data)
    elif meeting.status == "draft":
        await screens.preview(update, context, meeting)
    else:
        await screens.manage(update, context, meeting)
