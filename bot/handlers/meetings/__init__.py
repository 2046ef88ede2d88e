"""Meetings: planned by representatives and coordinators, reminded to members, papers early.

The organiser's side: `start` (/meeting, networks), `asks` and `details` and `when` (the
questions, typed or picked), `flow` (their order), `screens` (the check, a change's check, a
meeting's page), `manage` (save, change, cancel), `papers` (files sent while managing),
`pressed` (every button). The member's side: `member` (/meetings, replies, papers, turning
reminders off). What falls due (reminders, the papers warning, a meeting's start) is
`bot.meetings.reminders`, run by the clock.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, MessageHandler, filters

from bot.commands import command
from bot.context import Context
from bot.handlers.meetings import details, when  # noqa: F401  # their text steps register on import
from bot.handlers.meetings.common import MeetingButton
from bot.handlers.meetings.member import (
    meetings_command,
    mute_pressed,
    papers_pressed,
    rsvp_pressed,
)
from bot.handlers.meetings.papers import file_sent
from bot.handlers.meetings.pressed import meeting_pressed
from bot.handlers.meetings.start import meeting_command
from bot.meetings import reminders  # noqa: F401  # registers the due work with the clock
from bot.meetings.buttons import MuteButton, PapersButton, RsvpButton
from bot.tg.buttons import button_handler


def handlers() -> list[BaseHandler[Update, Context, None]]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler(command("meeting").names, meeting_command),
        CommandHandler(command("meetings").names, meetings_command),
        button_handler(MeetingButton, meeting_pressed),
        button_handler(RsvpButton, rsvp_pressed),
        button_handler(MuteButton, mute_pressed),
        button_handler(PapersButton, papers_pressed),
        # Before the view journey's handler for files and pictures: a paper is a file sent
        # while a meeting waits for papers; anything else is passed on to it.
        MessageHandler(
            private & filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL,
            file_sent,
        ),
    ]


__all__ = ["handlers"]
