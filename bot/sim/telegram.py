"""A simulated Telegram Bot API, in process, for tests, the demo and the benchmarks.

`SimRequest` is a python-telegram-bot `BaseRequest`: the real Application and Bot talk to
it exactly as they would to Telegram, over the same JSON. The simulator keeps Telegram's
rules that a bot can break: 4,096 characters after entity parsing, HTML entity checks,
1-64-byte callback_data, blocked or deactivated users (403), and flood control (429 with
retry_after). Failures can be injected for tests.

This module is the front: people act (`send_text`, `press` ...) and tests read what they
got (`inbox`, `last` ...). Behind it: `updates` (what people do), `methods` (the Bot API),
`checks` (what Telegram refuses), `flood` (429s), `faults` (injected failures).
"""

from __future__ import annotations

import itertools
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from bot.sim.faults import Faults
from bot.sim.flood import Flood, FloodRules
from bot.sim.methods import BotApi, scope_key
from bot.sim.model import BOT_ID, ApiError, Button, SentMessage, SimUser
from bot.sim.request import SimRequest
from bot.sim.updates import Updates

__all__ = [
    "ApiError",
    "Button",
    "FloodRules",
    "SentMessage",
    "SimRequest",
    "SimUser",
    "SimulatedTelegram",
]


class SimulatedTelegram:
    """The state of a fake Telegram: chats, the messages in them, and pending updates."""

    def __init__(
        self,
        *,
        bot_username: str = "CydlaisBot",
        flood: FloodRules | None = None,
        clock: Callable[[], float] = time.monotonic,
        latency: float = 0.0,
    ) -> None:
        self.bot_username = bot_username
        self.latency = latency  # seconds per API call, like a network round trip
        self.flood = flood or FloodRules()
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.record_calls = True
        self.rejected: list[tuple[str, int, str]] = []  # (method, status, description)
        self.faults = Faults()
        # Message ids count per chat, the person's messages and the bot's alike.
        ids: dict[int, itertools.count[int]] = defaultdict(lambda: itertools.count(1))

        def next_id(chat_id: int) -> int:
            return next(ids[chat_id])

        self.updates = Updates(next_id, self.bot_user)
        self.api = BotApi(self.bot_user, Flood(self.flood, clock), self.updates, next_id)

    # ----------------------------------------------------------------- wiring
    def request(self) -> SimRequest:
        return SimRequest(self)

    @property
    def bot_user(self) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Cydlais",
            "username": self.bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    @property
    def updates_created(self) -> int:
        return self.updates.created

    @property
    def listeners(self) -> list[Callable[[SentMessage], None]]:
        """Called with every message the bot sends, as it is stored."""
        return self.api.listeners

    @property
    def callback_answers(self) -> list[dict[str, Any]]:
        return self.api.callback_answers

    @property
    def commands(self) -> dict[tuple[str, str], list[dict[str, str]]]:
        return self.api.commands

    @property
    def files(self) -> dict[str, tuple[str, bytes]]:
        """Documents Telegram holds, by file_id: what people sent and what the bot sent."""
        return self.api.files

    @property
    def sent_count(self) -> int:
        return self.api.sent_count

    # ------------------------------------------------------------ people act
    def send_text(
        self, user: SimUser, text: str, *, chat_id: int | None = None, title: str | None = None
    ) -> int:
        """The person types and sends `text`. Commands get a bot_command entity, as in Telegram."""
        return self.updates.text(user, text, chat_id, title)

    def send_document(
        self,
        user: SimUser,
        name: str,
        content: bytes = b"%PDF-1.4",
        *,
        caption: str = "",
        chat_id: int | None = None,
    ) -> str:
        """The person sends a file; returns the file_id Telegram gives it."""
        file_id = self.api.hold_file(name, content)
        self.updates.document(user, file_id, name, caption, chat_id)
        return file_id

    def send_media(self, user: SimUser, kind: str, *, chat_id: int | None = None) -> int:
        """A sticker, photo, voice note, document or location."""
        return self.updates.media(user, kind, chat_id)

    def edit_text(self, user: SimUser, message_id: int, text: str) -> int:
        return self.updates.edit(user, message_id, text)

    def press(self, user: SimUser, message: SentMessage, label_or_index: str | int) -> int:
        """Press a button that is on the message, by its label or its position (from 0)."""
        buttons = [b for b in message.button_rows() if b.data is not None]
        if isinstance(label_or_index, int):
            button = buttons[label_or_index]
        else:
            matches = [b for b in buttons if b.text == label_or_index]
            if not matches:
                labels = [b.text for b in buttons]
                raise LookupError(f"no button {label_or_index!r} on message; buttons: {labels}")
            button = matches[0]
        assert button.data is not None
        return self.press_data(user, message.chat_id, message.message_id, button.data)

    def press_data(self, user: SimUser, chat_id: int, message_id: int, data: str) -> int:
        """A callback query with any data: what a modified client could send."""
        original = self.api.messages.get((chat_id, message_id))
        return self.updates.callback(
            user, chat_id, message_id, data, original.text if original else "…"
        )

    def block(self, user_id: int) -> None:
        self.api.blocked.add(user_id)

    def unblock(self, user_id: int) -> None:
        self.api.blocked.discard(user_id)

    def deactivate(self, user_id: int) -> None:
        self.api.deactivated.add(user_id)

    # ------------------------------------------------------- what they see
    def inbox(self, chat_id: int) -> list[SentMessage]:
        """Messages the bot sent to a chat and has not deleted, oldest first."""
        return [m for m in self.api.chats[chat_id] if not m.deleted]

    def last(self, chat_id: int) -> SentMessage:
        box = self.inbox(chat_id)
        if not box:
            raise LookupError(f"the bot sent nothing to chat {chat_id}")
        return box[-1]

    def commands_for(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, str]]:
        return self.api.commands.get(scope_key(scope, language_code), [])

    # ------------------------------------------------------------ failures
    def inject(
        self,
        status: int,
        description: str | None = None,
        *,
        method: str | None = "sendMessage",
        chat_id: int | None = None,
        times: int = 1,
        retry_after: int | None = None,
        migrate_to: int | None = None,
    ) -> None:
        """Fail the next `times` matching calls with this status (429, 502, 400 ...);
        `migrate_to` answers that the group is now that supergroup (ChatMigrated)."""
        self.faults.add(status, description, method, chat_id, times, retry_after, migrate_to)

    # ------------------------------------------------------------ the API
    async def answer(
        self, method: str, params: dict[str, Any], files: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        """The HTTP status and JSON body Telegram would answer with, for either transport."""
        try:
            result = await self.call(method, params, files)
        except ApiError as exc:
            self.rejected.append((method, exc.status, exc.description))
            return exc.status, exc.body()
        return 200, {"ok": True, "result": result}

    async def call(self, method: str, params: dict[str, Any], files: dict[str, Any]) -> Any:
        if self.record_calls:
            self.calls.append((method, params))
        raw = params.get("chat_id")
        chat_id = (
            int(raw) if isinstance(raw, int | str) and str(raw).lstrip("-").isdigit() else None
        )
        handler = self.api.method(method)
        if handler is None:
            raise ApiError(400, f"Bad Request: the simulator does not implement {method}")
        self.faults.check(method, chat_id)
        return await handler(params, files, chat_id)
