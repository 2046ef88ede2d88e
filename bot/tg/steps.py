"""Free text that answers a question the bot asked (a broadcast's text, a new name ...).

A journey registers a step under a kind and stores `pending_input(kind)` when it asks; the
member's next text goes to that step. Steps declare a role like any handler, so someone
whose role was removed mid-flow is refused, not served.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import BaseHandler, MessageHandler, filters

from bot.context import Context
from bot.domain.access import Role
from bot.storage import pending
from bot.tg.auth import deny, required_role, requires

Step = Callable[[Update, Context, pending.Pending], Awaitable[None]]
_STEPS: dict[str, tuple[Role, Step]] = {}
# Text input by in-memory journeys (anonymous drafts) that must never touch the database.
_MEMORY_STEPS: list[Callable[[Update, Context], Awaitable[bool]]] = []


def step(kind: str, role: Role) -> Callable[[Step], Step]:
    def register(fn: Step) -> Step:
        _STEPS[kind] = (role, fn)
        fn.required_role = role  # type: ignore[attr-defined]
        return fn

    return register


def memory_step(
    fn: Callable[[Update, Context], Awaitable[bool]],
) -> Callable[[Update, Context], Awaitable[bool]]:
    """Register a handler tried first; it returns True if it took the text."""
    _MEMORY_STEPS.append(fn)
    return fn


async def ask(context: Context, kind: str, data: dict[str, object] | None = None) -> None:
    member = context.visit.member
    assert member is not None
    await pending.put(context.db, member.id, kind, data)


async def done(context: Context) -> None:
    member = context.visit.member
    if member is not None:
        await pending.clear(context.db, member.id)


@requires(Role.ANYONE)
async def on_text(update: Update, context: Context) -> None:
    """Route text to the step the member is in; otherwise a helpful answer."""
    from bot.tg.fallback import unexpected_text  # avoids an import cycle

    member = context.visit.member
    if member is not None:
        for memory in _MEMORY_STEPS:
            if await memory(update, context):
                return
        waiting = await pending.get(context.db, member.id)
        if waiting is not None and waiting.kind in _STEPS:
            role, fn = _STEPS[waiting.kind]
            if not context.visit.access.has(role):
                await pending.clear(context.db, member.id)
                await deny(update, context, role)
                return
            await fn(update, context, waiting)
            return
    await unexpected_text(update, context)


def handlers() -> list[BaseHandler[Update, Context, None]]:
    return [
        MessageHandler(
            filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND & filters.UpdateType.MESSAGE,
            on_text,
        )
    ]


__all__ = ["ask", "done", "handlers", "memory_step", "required_role", "step"]
