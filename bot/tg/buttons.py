"""Registering a handler for one kind of button: the press is parsed before it runs.

    button_handler(PollButton, pressed)   # async def pressed(update, context, data: PollButton)

A press whose data is not a well-formed button of that kind (forged, truncated, or from an
older version of the bot) changes nothing and gets a short answer in the person's language;
the handler never sees it. Whether the press still means anything (the draft was sent, the
poll closed) and whether this person may do it to that object is the handler's to check:
`finished(update, context)` is the one answer for a button of a flow that has ended.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler

from bot.context import Context
from bot.i18n import N_
from bot.tg.auth import deny, required_role
from bot.tg.callbacks import CallbackData
from bot.tg.ui import tell

D = TypeVar("D", bound=CallbackData)
BROKEN = N_("This button no longer works. Nothing was changed.")
FINISHED = N_("This has already finished, so that button does nothing now.")


def button_handler(
    kind: type[D], callback: Callable[[Update, Context, D], Awaitable[Any]]
) -> BaseHandler[Update, Context, None]:
    """A CallbackQueryHandler for `kind`'s prefix that hands `callback` the parsed button."""

    role = required_role(callback)

    async def pressed(update: Update, context: Context) -> None:
        query = update.callback_query
        assert query is not None  # CallbackQueryHandler only matches presses
        data = kind.parse(query.data)
        if data is None:
            if role is not None and not context.visit.access.has(role):
                await deny(update, context, role)  # as a well-formed press would be
            else:
                await tell(update, context, context.t(BROKEN))
            return
        await callback(update, context, data)  # `requires` on the callback checks the role

    # The matrix test reads what the callback requires and which button kind it takes.
    pressed.required_role = role  # type: ignore[attr-defined]
    pressed.button_kind = kind  # type: ignore[attr-defined]
    pressed.__doc__ = callback.__doc__
    pressed.__name__ = getattr(callback, "__name__", "pressed")
    return CallbackQueryHandler(pressed, pattern=kind.matches)


async def finished(update: Update, context: Context, hint: str | None = None) -> None:
    """A press on a flow that has ended: say so (with what to do instead) and change nothing."""
    text = context.t(FINISHED)
    if hint is not None:
        text += " " + context.t(hint)
    await tell(update, context, text)


__all__ = ["BROKEN", "FINISHED", "button_handler", "finished"]
