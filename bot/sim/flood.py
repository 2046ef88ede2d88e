"""Telegram's flood control, as the simulator enforces it: beyond a limit, 429 and retry_after.

Telegram does not publish exact limits; its FAQ gives about 30 messages a second in all,
20 a minute to one group, and about one a second to one chat, short bursts tolerated.
"""

from __future__ import annotations

import math
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass

from bot.sim.model import ApiError


@dataclass(slots=True)
class FloodRules:
    """Limits the simulator enforces; None switches a limit off."""

    per_second: int | None = None  # messages a second to all chats together
    group_per_minute: int | None = None  # messages a minute to one group
    retry_after: int = 1  # what a 429 for the overall limit asks for
    chat_burst: int | None = None  # messages one chat takes in a row before the pace applies
    chat_per_second: float = 1.0  # the pace one chat takes after its burst


class Flood:
    """Counts the sends and refuses those over a limit. `clock` is in seconds."""

    def __init__(self, rules: FloodRules, clock: Callable[[], float]) -> None:
        self.rules = rules
        self.clock = clock
        self._send_times: deque[float] = deque()
        self._group_times: dict[int, deque[float]] = defaultdict(deque)
        self._chat_tokens: dict[int, tuple[float, float]] = {}  # chat -> (tokens, at)

    def check(self, chat_id: int) -> None:
        """Count one message to this chat, or raise the 429 Telegram would answer with."""
        now = self.clock()
        rules = self.rules
        if rules.per_second is not None:
            while self._send_times and now - self._send_times[0] >= 1.0:
                self._send_times.popleft()
            if len(self._send_times) >= rules.per_second:
                raise _too_many(rules.retry_after)
        if rules.group_per_minute is not None and chat_id < 0:
            times = self._group_times[chat_id]
            while times and now - times[0] >= 60.0:
                times.popleft()
            if len(times) >= rules.group_per_minute:
                raise _too_many(60)
            times.append(now)
        if rules.chat_burst is not None:
            self._take_chat_token(chat_id, now, rules.chat_burst, rules.chat_per_second)
        if rules.per_second is not None:
            self._send_times.append(now)

    def _take_chat_token(self, chat_id: int, now: float, burst: int, rate: float) -> None:
        """A bucket per chat: `burst` messages at once, refilled at `rate` a second."""
        tokens, at = self._chat_tokens.get(chat_id, (float(burst), now))
        tokens = min(float(burst), tokens + (now - at) * rate)
        if tokens < 1.0:
            self._chat_tokens[chat_id] = (tokens, now)
            raise _too_many(max(1, math.ceil((1.0 - tokens) / rate)))
        self._chat_tokens[chat_id] = (tokens - 1.0, now)


def _too_many(seconds: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {seconds}", seconds)
