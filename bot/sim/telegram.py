"""A simulated Telegram Bot API, in process, for tests, the demo and the benchmarks.

`SimRequest` is a python-telegram-bot `BaseRequest`: the real Application and Bot talk to
it exactly as they would to Telegram, over the same JSON. The simulator keeps Telegram's
rules that a bot can break: 4,096 characters after entity parsing, HTML entity checks,
1-64-byte callback_data, blocked or deactivated users (403), and flood control (429 with
retry_after). Failures can be injected for tests.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

from bot.sim.html_check import EntityError, parse_html, utf16_len

BOT_ID = 7000000001
MAX_TEXT = 4096


@dataclass(slots=True)
class Button:
    text: str
    data: str | None = None
    url: str | None = None


@dataclass(slots=True)
class SentMessage:
    """A message the bot sent, as the person sees it."""

    chat_id: int
    message_id: int
    text: str  # what the person reads, after entity parsing
    source: str  # what the bot sent
    buttons: list[list[Button]] = field(default_factory=list)
    document: tuple[str, bytes] | None = None
    edits: int = 0
    deleted: bool = False

    def button_rows(self) -> list[Button]:
        return [b for row in self.buttons for b in row]


@dataclass(frozen=True, slots=True)
class SimUser:
    id: int
    first_name: str
    language_code: str | None = None
    username: str | None = None
    last_name: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("language_code", "username", "last_name"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


@dataclass(slots=True)
class Injected:
    status: int
    description: str
    method: str | None
    chat_id: int | None
    times: int
    retry_after: int | None = None
    migrate_to: int | None = None  # a group that became a supergroup (ChatMigrated)


@dataclass(slots=True)
class FloodRules:
    """Limits the simulator enforces; None switches a limit off."""

    per_second: int | None = None
    group_per_minute: int | None = None
    retry_after: int = 1


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        description: str,
        retry_after: int | None = None,
        migrate_to: int | None = None,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after
        self.migrate_to = migrate_to


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
        # Documents Telegram holds, by file_id: what people sent and what the bot sent.
        self.files: dict[str, tuple[str, bytes]] = {}
        self._file_ids = itertools.count(1)
        self.clock = clock
        self.chats: dict[int, list[SentMessage]] = defaultdict(list)
        self.messages: dict[tuple[int, int], SentMessage] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.callback_answers: list[dict[str, Any]] = []
        self.blocked: set[int] = set()
        self.deactivated: set[int] = set()
        self.injected: list[Injected] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.record_calls = True
        self.sent_count = 0
        self.rejected: list[tuple[str, int, str]] = []  # (method, status, description)
        self._ids = itertools.count(1)
        self._message_ids: dict[int, itertools.count[int]] = defaultdict(lambda: itertools.count(1))
        self._updates: deque[dict[str, Any]] = deque()
        self._update_ids = itertools.count(1)
        self._update_event = asyncio.Event()
        self.updates_created = 0
        self._send_times: deque[float] = deque()
        self._group_times: dict[int, deque[float]] = defaultdict(deque)
        self.listeners: list[Callable[[SentMessage], None]] = []

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

    # --------------------------------------------------------------- inbound
    def _push(self, payload: dict[str, Any]) -> int:
        update_id = next(self._update_ids)
        payload["update_id"] = update_id
        self._updates.append(payload)
        self.updates_created += 1
        self._update_event.set()
        return update_id

    def _chat(self, user: SimUser, chat_id: int | None, title: str | None) -> dict[str, Any]:
        if chat_id is None or chat_id == user.id:
            return {"id": user.id, "type": "private", "first_name": user.first_name}
        return {"id": chat_id, "type": "supergroup", "title": title or "Group"}

    def _message(
        self, user: SimUser, chat_id: int | None, title: str | None, **fields: Any
    ) -> dict[str, Any]:
        chat = self._chat(user, chat_id, title)
        return {
            "message_id": next(self._message_ids[chat["id"]]),
            "date": int(time.time()),
            "chat": chat,
            "from": user.as_dict(),
            **fields,
        }

    def send_text(
        self, user: SimUser, text: str, *, chat_id: int | None = None, title: str | None = None
    ) -> int:
        """The person types and sends `text`. Commands get a bot_command entity, as in Telegram."""
        fields: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            command = text.split()[0]
            fields["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
            ]
        return self._push({"message": self._message(user, chat_id, title, **fields)})

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
        file_id = f"BQAC{next(self._file_ids):06d}"
        self.files[file_id] = (name, content)
        doc = {"file_id": file_id, "file_unique_id": file_id[::-1], "file_name": name}
        fields: dict[str, Any] = {"document": doc}
        if caption:
            fields["caption"] = caption
        self._push({"message": self._message(user, chat_id, None, **fields)})
        return file_id

    def send_media(self, user: SimUser, kind: str, *, chat_id: int | None = None) -> int:
        """A sticker, photo, voice note or document, with plausible fields."""
        kinds: dict[str, dict[str, Any]] = {
            "sticker": {"sticker": {"file_id": "s1", "file_unique_id": "s1", "type": "regular", "width": 512, "height": 512, "is_animated": False, "is_video": False}},
            "photo": {"photo": [{"file_id": "p1", "file_unique_id": "p1", "width": 90, "height": 90}]},
            "voice": {"voice": {"file_id": "v1", "file_unique_id": "v1", "duration": 3}},
            "document": {"document": {"file_id": "d1", "file_unique_id": "d1", "file_name": "x.pdf"}},
            "location": {"location": {"latitude": 51.48, "longitude": -3.18}},
        }  # fmt: skip
        return self._push({"message": self._message(user, chat_id, None, **kinds[kind])})

    def edit_text(self, user: SimUser, message_id: int, text: str) -> int:
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "edit_date": int(time.time()),
            "chat": self._chat(user, None, None),
            "from": user.as_dict(),
            "text": text,
        }
        return self._push({"edited_message": message})

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
        original = self.messages.get((chat_id, message_id))
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup", "first_name": user.first_name, "title": "Group"},
            "from": self.bot_user,
            "text": original.text if original else "…",
        }  # fmt: skip
        query = {
            "id": str(next(self._ids)),
            "from": user.as_dict(),
            "chat_instance": str(chat_id),
            "data": data,
            "message": message,
        }
        return self._push({"callback_query": query})

    # -------------------------------------------------------------- outbound
    def inbox(self, chat_id: int) -> list[SentMessage]:
        """Messages the bot sent to a chat and has not deleted, oldest first."""
        return [m for m in self.chats[chat_id] if not m.deleted]

    def last(self, chat_id: int) -> SentMessage:
        box = self.inbox(chat_id)
        if not box:
            raise LookupError(f"the bot sent nothing to chat {chat_id}")
        return box[-1]

    def block(self, user_id: int) -> None:
        self.blocked.add(user_id)

    def unblock(self, user_id: int) -> None:
        self.blocked.discard(user_id)

    def deactivate(self, user_id: int) -> None:
        self.deactivated.add(user_id)

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
        default = {
            429: f"Too Many Requests: retry after {retry_after or 1}",
            502: "Bad Gateway",
            500: "Internal Server Error",
            400: "Bad Request: chat not found",
        }
        if status == 429 and retry_after is None:
            retry_after = 1
        self.injected.append(
            Injected(
                status,
                description or default.get(status, "Error"),
                method,
                chat_id,
                times,
                retry_after,
                migrate_to,
            )
        )

    # ------------------------------------------------------------ the API
    async def next_updates(
        self, offset: int | None, limit: int, wait: float
    ) -> list[dict[str, Any]]:
        if offset:
            while self._updates and self._updates[0]["update_id"] < offset:
                self._updates.popleft()
        if not self._updates and wait > 0:
            self._update_event.clear()
            try:
                await asyncio.wait_for(self._update_event.wait(), wait)
            except TimeoutError:
                return []
        return list(itertools.islice(self._updates, 0, limit))

    def _check_injected(self, method: str, chat_id: int | None) -> None:
        for rule in self.injected:
            if rule.times > 0 and rule.method in (None, method) and rule.chat_id in (None, chat_id):
                rule.times -= 1
                raise ApiError(rule.status, rule.description, rule.retry_after, rule.migrate_to)
        self.injected = [r for r in self.injected if r.times > 0]

    def _check_flood(self, chat_id: int) -> None:
        now = self.clock()
        rules = self.flood
        if rules.per_second is not None:
            while self._send_times and now - self._send_times[0] >= 1.0:
                self._send_times.popleft()
            if len(self._send_times) >= rules.per_second:
                raise ApiError(
                    429, f"Too Many Requests: retry after {rules.retry_after}", rules.retry_after
                )
        if rules.group_per_minute is not None and chat_id < 0:
            times = self._group_times[chat_id]
            while times and now - times[0] >= 60.0:
                times.popleft()
            if len(times) >= rules.group_per_minute:
                raise ApiError(429, "Too Many Requests: retry after 60", 60)
            times.append(now)
        if rules.per_second is not None:
            self._send_times.append(now)

    def _check_chat(self, chat_id: int) -> None:
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if chat_id in self.deactivated:
            raise ApiError(403, "Forbidden: user is deactivated")

    @staticmethod
    def _keyboard(markup: Any) -> list[list[Button]]:
        if not markup:
            return []
        if isinstance(markup, str):
            markup = json.loads(markup)
        rows = []
        for row in markup.get("inline_keyboard", []):
            buttons = []
            for raw in row:
                text = raw.get("text", "")
                if not text:
                    raise ApiError(
                        400, "Bad Request: text buttons are unallowed in the inline keyboard"
                    )
                data = raw.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= 64:
                    raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
                buttons.append(Button(text, data, raw.get("url")))
            rows.append(buttons)
        return rows

    @staticmethod
    def _parse_text(
        params: dict[str, Any], key: str = "text", limit: int = MAX_TEXT
    ) -> tuple[str, str]:
        source = str(params.get(key, ""))
        mode = params.get("parse_mode")
        try:
            text = parse_html(source) if mode == "HTML" else source
        except EntityError as exc:
            raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from None
        if key == "text" and not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if utf16_len(text) > limit:
            raise ApiError(
                400,
                "Bad Request: message is too long"
                if key == "text"
                else "Bad Request: message caption is too long",
            )
        return text, source

    def _store(self, message: SentMessage) -> dict[str, Any]:
        self.chats[message.chat_id].append(message)
        self.messages[(message.chat_id, message.message_id)] = message
        self.sent_count += 1
        for listener in self.listeners:
            listener(message)
        return self._message_json(message)

    def _message_json(self, message: SentMessage) -> dict[str, Any]:
        chat_type = "private" if message.chat_id > 0 else "supergroup"
        result: dict[str, Any] = {
            "message_id": message.message_id,
            "date": int(time.time()),
            "chat": {"id": message.chat_id, "type": chat_type},
            "from": self.bot_user,
        }
        if message.document:
            file_id = f"doc{message.chat_id}_{message.message_id}"
            self.files[file_id] = message.document
            result["document"] = {
                "file_id": file_id,
                "file_unique_id": f"u{message.chat_id}_{message.message_id}",
                "file_name": message.document[0],
            }
        else:
            result["text"] = message.text
        if message.buttons:
            result["reply_markup"] = {"inline_keyboard": [[{"text": b.text, "callback_data": b.data} if b.data else {"text": b.text, "url": b.url} for b in row] for row in message.buttons]}  # fmt: skip
        return result

    async def answer(
        self, method: str, params: dict[str, Any], files: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]:
        """The HTTP status and JSON body Telegram would answer with, for either transport."""
        try:
            result = await self.call(method, params, files)
        except ApiError as exc:
            self.rejected.append((method, exc.status, exc.description))
            body: dict[str, Any] = {
                "ok": False,
                "error_code": exc.status,
                "description": exc.description,
            }
            if exc.retry_after is not None:
                body["parameters"] = {"retry_after": exc.retry_after}
            if exc.migrate_to is not None:
                body["parameters"] = {"migrate_to_chat_id": exc.migrate_to}
            return exc.status, body
        return 200, {"ok": True, "result": result}

    async def call(self, method: str, params: dict[str, Any], files: dict[str, Any]) -> Any:
        if self.record_calls:
            self.calls.append((method, params))
        chat_id = params.get("chat_id")
        chat_id = (
            int(chat_id)
            if isinstance(chat_id, int | str) and str(chat_id).lstrip("-").isdigit()
            else None
        )
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            raise ApiError(400, f"Bad Request: the simulator does not implement {method}")
        self._check_injected(method, chat_id)
        return await handler(params, files, chat_id)

    async def _api_getMe(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        return self.bot_user

    async def _api_getUpdates(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        return await self.next_updates(
            params.get("offset"), int(params.get("limit", 100)), float(params.get("timeout", 0))
        )

    async def _api_deleteWebhook(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        return True

    async def _api_setWebhook(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        return True

    async def _api_close(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        return True

    async def _api_setMyCommands(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        scope = params.get("scope") or {"type": "default"}
        key = (json.dumps(scope, sort_keys=True), str(params.get("language_code", "")))
        commands = params["commands"]
        for command in commands:
            if (
                not 1 <= len(command["command"]) <= 32
                or not command["command"].replace("_", "").isalnum()
                or command["command"] != command["command"].lower()
            ):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(command["description"]) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[key] = commands
        return True

    async def _api_deleteMyCommands(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        scope = params.get("scope") or {"type": "default"}
        self.commands.pop(
            (json.dumps(scope, sort_keys=True), str(params.get("language_code", ""))), None
        )
        return True

    def commands_for(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, str]]:
        return self.commands.get(
            (json.dumps(scope or {"type": "default"}, sort_keys=True), language_code), []
        )

    async def _api_sendChatAction(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        return True

    async def _api_sendMessage(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        if chat_id is None:
            raise ApiError(400, "Bad Request: chat not found")
        text, source = self._parse_text(params)
        buttons = self._keyboard(params.get("reply_markup"))
        self._check_chat(chat_id)
        self._check_flood(chat_id)
        message = SentMessage(chat_id, next(self._message_ids[chat_id]), text, source, buttons)
        return self._store(message)

    async def _api_sendDocument(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        if chat_id is None:
            raise ApiError(400, "Bad Request: chat not found")
        caption, source = (
            self._parse_text(params, "caption", 1024) if params.get("caption") else ("", "")
        )
        self._check_chat(chat_id)
        self._check_flood(chat_id)
        held = params.get("document")
        if isinstance(held, str) and not files:  # a file_id: only one Telegram issued works
            if held not in self.files:
                raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
            name, data = self.files[held]
        elif not files:
            raise ApiError(400, "Bad Request: there is no document in the request")
        else:
            name, content, _mime = next(iter(files.values()))
            data = content if isinstance(content, bytes) else content.read()
        message = SentMessage(
            chat_id, next(self._message_ids[chat_id]), caption, source, [], (name, data)
        )
        return self._store(message)

    def _find(self, params: dict[str, Any], chat_id: int | None) -> SentMessage:
        message = self.messages.get((chat_id or 0, int(params.get("message_id", 0))))
        if message is None or message.deleted:
            raise ApiError(400, "Bad Request: message to edit not found")
        return message

    async def _api_editMessageText(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        message = self._find(params, chat_id)
        text, source = self._parse_text(params)
        buttons = self._keyboard(params.get("reply_markup"))
        if source == message.source and buttons == message.buttons:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
            )
        message.text, message.source, message.buttons = text, source, buttons
        message.edits += 1
        return self._message_json(message)

    async def _api_editMessageReplyMarkup(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        message = self._find(params, chat_id)
        buttons = self._keyboard(params.get("reply_markup"))
        if buttons == message.buttons:
            raise ApiError(
                400,
                "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
            )
        message.buttons = buttons
        message.edits += 1
        return self._message_json(message)

    async def _api_deleteMessage(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        message = self._find(params, chat_id)
        message.deleted = True
        return True

    async def _api_answerCallbackQuery(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self.callback_answers.append(params)
        return True


class SimRequest(BaseRequest):
    """Routes python-telegram-bot's requests to the simulator, as JSON over no wire."""

    def __init__(self, sim: SimulatedTelegram) -> None:
        self.sim = sim

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]
        if self.sim.latency and endpoint != "getUpdates":
            await asyncio.sleep(self.sim.latency)
        params: dict[str, Any] = {}
        files: dict[str, Any] = {}
        if request_data is not None:
            # A JSON round trip, so the simulator sees exactly what Telegram would receive.
            params = json.loads(json.dumps(request_data.parameters))
            files = request_data.multipart_data if request_data.contains_files else {}
        status, body = await self.sim.answer(endpoint, params, files)
        return status, json.dumps(body).encode()
