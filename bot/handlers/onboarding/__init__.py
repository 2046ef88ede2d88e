"""First meeting: language, privacy and consent (`welcome`), joining networks and the
optional self-description (`joining`)."""

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
        button_handler(LanguageButton, choose_language),
        button_handler(ConsentButton, consent),
        button_handler(JoinButton, join_pressed),
        button_handler(SelfButton, self_described),
    ]


__all__ = [
    "CHOOSING_LANGUAGE",
    "CONSENTING",
    "DESCRIBING",
    "JOINING",
    "LANG_BUTTONS",
    "SELF_LABELS",
    "ConsentButton",
    "JoinButton",
    "LanguageButton",
    "SelfButton",
    "handlers",
    "offer_join",
    "privacy_text",
    "send_welcome",
    "show_menu",
]
