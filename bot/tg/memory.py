"""The in-memory half of the one slot per person (`bot.tg.steps`).

What is held here is never written to the database, python-telegram-bot's user_data, a
log or anywhere else: questions put to someone who has not agreed to the privacy notice
(nothing may be stored about them yet), and anonymous view drafts (their words must not
touch the disk before they press Send). An entry goes when its person answers, is asked
something else, or leaves it for 15 minutes; a restart forgets everything.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

TTL_SECONDS = 15 * 60


class Forgettable(Protocol):
    def forget(self) -> None:
        """Drop whatever the payload holds (a view's words), so nothing lingers in memory."""


@dataclass(slots=True)
class Held:
    kind: str
    data: dict[str, Any]
    payload: Forgettable | None
    expires: float = field(repr=False)


class Memory:
    """One entry per Telegram user at most, keyed by their Telegram id."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._held: dict[int, Held] = {}

    def put(
        self,
        user_id: int,
        kind: str,
        data: dict[str, Any] | None = None,
        payload: Forgettable | None = None,
    ) -> Held:
        old = self._held.get(user_id)
        if old is not None and old.payload is not payload:
            self._forget(old)
        held = Held(kind, dict(data or {}), payload, self._clock() + TTL_SECONDS)
        self._held[user_id] = held
        return held

    def get(self, user_id: int) -> Held | None:
        held = self._held.get(user_id)
        if held is not None and held.expires <= self._clock():
            self.discard(user_id)
            return None
        return held

    def touch(self, held: Held) -> None:
        """The person is still at it: another 15 minutes."""
        held.expires = self._clock() + TTL_SECONDS

    def discard(self, user_id: int) -> None:
        held = self._held.pop(user_id, None)
        if held is not None:
            self._forget(held)

    def sweep(self) -> int:
        """Let go of every expired entry; returns how many went."""
        now = self._clock()
        expired = [uid for uid, held in self._held.items() if held.expires <= now]
        for uid in expired:
            self.discard(uid)
        return len(expired)

    @staticmethod
    def _forget(held: Held) -> None:
        if held.payload is not None:
            held.payload.forget()
        held.data.clear()

    def __len__(self) -> int:
        return len(self._held)

    def __repr__(self) -> str:  # never the contents
        return f"Memory({len(self._held)} held)"
