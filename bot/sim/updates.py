"""What people do, as the updates Telegram would queue for the bot's getUpdates."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from bot.sim.html_check import utf16_len
from bot.sim.model import SimUser

_MEDIA: dict[str, dict[str, Any]] = {
    "sticker": {"sticker": {"file_id": "s1", "file_unique_id": "s1", "type": "regular", "width": 512, "height": 512, "is_animated": False, "is_video": False}},
    "photo": {"photo": [{"file_id": "p1", "file_unique_id": "p1", "width": 90, "height": 90}]},
    "voice": {"voice": {"file_id": "v1", "file_unique_id": "v1", "duration": 3}},
    "document": {"document": {"file_id": "d1", "file_unique_id": "d1", "file_name": "x.pdf"}},
    "location": {"location": {"latitude": 51.48, "longitude": -3.18}},
}  # fmt: skip


def _chat(user: SimUser, chat_id: int | None, title: str | None) -> dict[str, Any]:
    if chat_id is None or chat_id == user.id:
        return {"id": user.id, "type": "private", "first_name": user.first_name}
    return {"id": chat_id, "type": "supergroup", "title": title or "Group"}


class Updates:
    """The queue of updates; `next_message_id(chat)` numbers messages in both directions."""

    def __init__(self, next_message_id: Callable[[int], int], bot_user: dict[str, Any]) -> None:
        self._next_message_id = next_message_id
        self._bot_user = bot_user
        self._queue: deque[dict[str, Any]] = deque()
        self._ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._event = asyncio.Event()
        self.created = 0

    def push(self, payload: dict[str, Any]) -> int:
        update_id = next(self._ids)
        payload["update_id"] = update_id
        self._queue.append(payload)
        self.created += 1
        self._event.set()
        return update_id

    async def next(self, offset: int | None, limit: int, wait: float) -> list[dict[str, Any]]:
        """getUpdates: confirm those before `offset`, then wait up to `wait` s for any."""
        if offset:
            while self._queue and self._queue[0]["update_id"] < offset:
                self._queue.popleft()
        if not self._queue and wait > 0:
            self._event.clear()
            try:
                await asyncio.wait_for(self._event.wait(), wait)
            except TimeoutError:
                return []
        return list(itertools.islice(self._queue, 0, limit))

    def _message(
        self, user: SimUser, chat_id: int | None, title: str | None, **fields: Any
    ) -> dict[str, Any]:
        chat = _chat(user, chat_id, title)
        return {
            "message_id": self._next_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
            "from": user.as_dict(),
            **fields,
        }

    def text(self, user: SimUser, text: str, chat_id: int | None, title: str | None) -> int:
        fields: dict[str, Any] = {"text": text}
        if text.startswith("/"):  # a command gets a bot_command entity, as in Telegram
            command = text.split()[0]
            fields["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
            ]
        return self.push({"message": self._message(user, chat_id, title, **fields)})

    def document(
        self, user: SimUser, file_id: str, name: str, caption: str, chat_id: int | None
    ) -> int:
        doc = {"file_id": file_id, "file_unique_id": file_id[::-1], "file_name": name}
        fields: dict[str, Any] = {"document": doc}
        if caption:
            fields["caption"] = caption
        return self.push({"message": self._message(user, chat_id, None, **fields)})

    def media(self, user: SimUser, kind: str, chat_id: int | None) -> int:
        """A sticker, photo, voice note, document or location, with plausible fields."""
        return self.push({"message": self._message(user, chat_id, None, **_MEDIA[kind])})

    def edit(self, user: SimUser, message_id: int, text: str) -> int:
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "edit_date": int(time.time()),
            "chat": _chat(user, None, None),
            "from": user.as_dict(),
            "text": text,
        }
        return self.push({"edited_message": message})

    def callback(self, user: SimUser, chat_id: int, message_id: int, data: str, shown: str) -> int:
        """A button press on the bot's message `message_id`, whose text reads `shown`."""
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup", "first_name": user.first_name, "title": "Group"},
            "from": self._bot_user,
            "text": shown,
        }  # fmt: skip
        query = {
            "id": str(next(self._query_ids)),
            "from": user.as_dict(),
            "chat_instance": str(chat_id),
            "data": data,
            "message": message,
        }
        return self.push({"callback_query": query})
