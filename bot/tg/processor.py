"""Concurrent across members, in order within one member.

python-telegram-bot's `concurrent_updates=True` would let one member's "Send" overtake the
text it confirms. This processor runs different members' updates at once but each member's
(or group's) updates one after another, in the order Telegram sent them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def update_key(update: object) -> int | None:
    """The person (or, failing that, the chat) whose updates must stay in order."""
    if isinstance(update, Update):
        if update.effective_user is not None:
            return update.effective_user.id
        if update.effective_chat is not None:
            return update.effective_chat.id
    return None


class PerMemberUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}
        self.processed = 0  # updates finished; the simulator harness waits on this

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = update_key(update)
        if key is None:
            await coroutine
            self.processed += 1
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self.processed += 1
            self._waiting[key] -= 1
            if not self._waiting[key]:  # forget idle members so the dict does not grow
                del self._waiting[key]
                del self._locks[key]

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None
