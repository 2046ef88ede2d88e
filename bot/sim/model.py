"""What the simulated Telegram holds: people, the messages the bot sent them, and its errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

BOT_ID = 7000000001


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
    photo: bytes | None = None  # a picture (text: its caption)
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


class ApiError(Exception):
    """An answer other than ok: the status, Telegram's words and any parameters."""

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

    def body(self) -> dict[str, Any]:
        """The JSON Telegram answers with."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        if self.migrate_to is not None:
            body["parameters"] = {"migrate_to_chat_id": self.migrate_to}
        return body
