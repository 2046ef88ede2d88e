"""The Bot API methods the simulator implements, with the rules Telegram applies to each."""

from __future__ import annotations

import itertools
import json
import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from typing import Any

from bot.sim.checks import MAX_CAPTION, check_commands, keyboard, parsed_text
from bot.sim.flood import Flood
from bot.sim.model import ApiError, SentMessage
from bot.sim.updates import Updates

Method = Callable[[dict[str, Any], dict[str, Any], int | None], Awaitable[Any]]
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a current content and reply markup of the message"
)

QUERY_INVALID = "Bad Request: query is too old and response timeout expired or query ID is invalid"


def scope_key(scope: dict[str, Any] | None, language_code: str) -> tuple[str, str]:
    return json.dumps(scope or {"type": "default"}, sort_keys=True), language_code


class BotApi:
    """Telegram's side of the chats: what the bot sent, and the rules it must keep."""

    def __init__(
        self,
        bot_user: dict[str, Any],
        flood: Flood,
        updates: Updates,
        next_message_id: Callable[[int], int],
    ) -> None:
        self.bot_user = bot_user
        self.next_message_id = next_message_id
        self.flood = flood
        self.updates = updates
        self.chats: dict[int, list[SentMessage]] = defaultdict(list)
        self.messages: dict[tuple[int, int], SentMessage] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.callback_answers: list[dict[str, Any]] = []
        self._answered: set[str] = set()  # callback query ids already answered
        self.blocked: set[int] = set()
        self.deactivated: set[int] = set()
        self.listeners: list[Callable[[SentMessage], None]] = []
        self.sent_count = 0
        # Documents Telegram holds, by file_id: what people sent and what the bot sent.
        self.files: dict[str, tuple[str, bytes]] = {}
        self._file_ids = itertools.count(1)
        self._methods: dict[str, Method] = {
            "getMe": self.get_me,
            "getUpdates": self.get_updates,
            "deleteWebhook": self.accept,
            "setWebhook": self.accept,
            "close": self.accept,
            "sendChatAction": self.accept,
            "setMyCommands": self.set_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "sendMessage": self.send_message,
            "sendDocument": self.send_document,
            "sendPhoto": self.send_photo,
            "editMessageText": self.edit_message_text,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "answerCallbackQuery": self.answer_callback_query,
        }

    def method(self, name: str) -> Method | None:
        return self._methods.get(name)

    def hold_file(self, name: str, content: bytes) -> str:
        """Keep a file a person sent; returns the file_id Telegram gives it."""
        file_id = f"BQAC{next(self._file_ids):06d}"
        self.files[file_id] = (name, content)
        return file_id

    # ------------------------------------------------------------------ helpers
    def _check_chat(self, chat_id: int) -> None:
        if chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if chat_id in self.deactivated:
            raise ApiError(403, "Forbidden: user is deactivated")

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
        if message.photo is not None:
            file_id = f"photo{message.chat_id}_{message.message_id}"
            self.files[file_id] = ("photo.png", message.photo)
            result["photo"] = [
                {"file_id": file_id, "file_unique_id": f"p{file_id}", "width": 1080, "height": 720}
            ]
            if message.text:
                result["caption"] = message.text
        elif message.document:
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

    def _find(self, params: dict[str, Any], chat_id: int | None) -> SentMessage:
        message = self.messages.get((chat_id or 0, int(params.get("message_id", 0))))
        if message is None or message.deleted:
            raise ApiError(400, "Bad Request: message to edit not found")
        return message

    # ------------------------------------------------------------------ methods
    async def accept(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        return True

    async def get_me(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        return self.bot_user

    async def get_updates(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        return await self.updates.next(
            params.get("offset"), int(params.get("limit", 100)), float(params.get("timeout", 0))
        )

    async def set_my_commands(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        commands = params["commands"]
        check_commands(commands)
        self.commands[scope_key(params.get("scope"), str(params.get("language_code", "")))] = (
            commands
        )
        return True

    async def delete_my_commands(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        self.commands.pop(
            scope_key(params.get("scope"), str(params.get("language_code", ""))), None
        )
        return True

    async def send_message(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        if chat_id is None:
            raise ApiError(400, "Bad Request: chat not found")
        text, source = parsed_text(params)
        buttons = keyboard(params.get("reply_markup"))
        self._check_chat(chat_id)
        self.flood.check(chat_id)
        return self._store(
            SentMessage(chat_id, self.next_message_id(chat_id), text, source, buttons)
        )

    def _media(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None, field: str
    ) -> tuple[int, str, str, str, bytes]:
        """A document or photo sent by upload or by a file_id Telegram issued:
        (chat, caption, its source, file name, bytes)."""
        if chat_id is None:
            raise ApiError(400, "Bad Request: chat not found")
        caption, source = (
            parsed_text(params, "caption", MAX_CAPTION) if params.get("caption") else ("", "")
        )
        self._check_chat(chat_id)
        self.flood.check(chat_id)
        held = params.get(field)
        if isinstance(held, str) and not files:  # a file_id: only one Telegram issued works
            if held not in self.files:
                raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")
            name, data = self.files[held]
            return chat_id, caption, source, name, data
        if not files:
            raise ApiError(400, f"Bad Request: there is no {field} in the request")
        name, content, _mime = next(iter(files.values()))
        data = content if isinstance(content, bytes) else content.read()
        return chat_id, caption, source, name, data

    async def send_document(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        chat, caption, source, name, data = self._media(params, files, chat_id, "document")
        message = SentMessage(chat, self.next_message_id(chat), caption, source, [], (name, data))
        return self._store(message)

    async def send_photo(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        chat, caption, source, _name, data = self._media(params, files, chat_id, "photo")
        if not data.startswith((b"\x89PNG", b"\xff\xd8")):
            raise ApiError(400, "Bad Request: IMAGE_PROCESS_FAILED")
        message = SentMessage(chat, self.next_message_id(chat), caption, source, [])
        message.photo = data
        return self._store(message)

    async def edit_message_text(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        message = self._find(params, chat_id)
        text, source = parsed_text(params)
        buttons = keyboard(params.get("reply_markup"))
        if source == message.source and buttons == message.buttons:
            raise ApiError(400, NOT_MODIFIED)
        message.text, message.source, message.buttons = text, source, buttons
        message.edits += 1
        return self._message_json(message)

    async def edit_message_reply_markup(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        message = self._find(params, chat_id)
        buttons = keyboard(params.get("reply_markup"))
        if buttons == message.buttons:
            raise ApiError(400, NOT_MODIFIED)
        message.buttons = buttons
        message.edits += 1
        return self._message_json(message)

    async def delete_message(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        self._find(params, chat_id).deleted = True
        return True

    async def answer_callback_query(
        self, params: dict[str, Any], files: dict[str, Any], chat_id: int | None
    ) -> Any:
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        query_id = str(params.get("callback_query_id", ""))
        if query_id in self._answered:  # a press is answered once: a second answer is refused
            raise ApiError(400, QUERY_INVALID)
        self._answered.add(query_id)
        self.callback_answers.append(params)
        return True
