"""First meeting: language, privacy and consent (`welcome`), joining networks and the
optional self-description (`joining`); and leaving a network (`leaving`)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot.commands import command
from bot.context import Context
from bot.handlers.onboarding.joining import (
    DESCRIBING,
    JOINING,
    SELF_LABELS,
    JoinButton,
    SelfButton,
    join_command,
    join_pressed,
    offer_join,
    self_described,
    show_menu,
)
from bot.handlers.onboarding.leaving import (
    CHOOSING_LEAVE,
    CONFIRMING_LEAVE,
    LeaveButton,
    leave_command,
    leave_pressed,
)
from bot.handlers.onboarding.welcome import (
    CHOOSING_LANGUAGE,
    CONSENTING,
    LANG_BUTTONS,
    ConsentButton,
    LanguageButton,
    choose_language,
    consent,
    privacy_text,
    send_welcome,
    start,
)
from bot.tg.buttons import button_handler


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        CommandHandler(command("start").names, start),
        CommandHandler(command("join").names, join_command),
        CommandHandler(command("leave").names, leave_command),
        button_handler(LanguageButton, choose_language),
        button_handler(ConsentButton, consent),
        button_handler(JoinButton, join_pressed),
        button_handler(SelfButton, self_described),
        button_handler(LeaveButton, leave_pressed),
    ]


__all__ = [
    "CHOOSING_LANGUAGE",
    "CHOOSING_LEAVE",
    "CONFIRMING_LEAVE",
    "CONSENTING",
    "DESCRIBING",
    "JOINING",
    "LANG_BUTTONS",
    "SELF_LABELS",
    "ConsentButton",
    "JoinButton",
    "LanguageButton",
    "LeaveButton",
    "SelfButton",
    "handlers",
    "offer_join",
    "privacy_text",
    "send_welcome",
    "show_menu",
]
