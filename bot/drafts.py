"""Drafts of views: in memory only, for 15 minutes at most.

A draft is never written to the database, to python-telegram-bot's user_data or
persistence, or to a log: it is discarded when the member sends it, cancels, leaves it
for 15 minutes, or sends /forget or /stop (and a bot restart forgets it too). Keyed by
Telegram user id, in memory.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from bot.i18n import Lang

TTL_SECONDS = 15 * 60
Stage = Literal["place", "topic", "writing", "preview"]


@dataclass(slots=True)
class Draft:
    lang: Lang  # the language the view is written in (the member can change it)
    expires: float
    stage: Stage = "place"
    constituency_id: int | None = None
    topic_id: int | None = None
    text: str | None = field(default=None, repr=False)  # the member's words: never printed


class Drafts:
    """The open drafts, one per person at most."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._drafts: dict[int, Draft] = {}

    def start(self, user_id: int, lang: Lang) -> Draft:
        draft = Draft(lang=lang, expires=self._clock() + TTL_SECONDS)
        self._drafts[user_id] = draft
        return draft

    def get(self, user_id: int) -> Draft | None:
        draft = self._drafts.get(user_id)
        if draft is not None and draft.expires <= self._clock():
            self.discard(user_id)
            return None
        return draft

    def touch(self, draft: Draft) -> None:
        draft.expires = self._clock() + TTL_SECONDS

    def discard(self, user_id: int) -> None:
        draft = self._drafts.pop(user_id, None)
        if draft is not None:
            draft.text = None

    def sweep(self) -> int:
        """Discard every expired draft; returns how many went."""
        now = self._clock()
        expired = [uid for uid, d in self._drafts.items() if d.expires <= now]
        for uid in expired:
            self.discard(uid)
        return len(expired)

    def __len__(self) -> int:
        return len(self._drafts)

    def __repr__(self) -> str:
        return f"Drafts({len(self._drafts)} open)"
