"""Compact callback_data: `verb:arg:arg`, at most 64 bytes, parsed without trust.

Every press arrives from the outside and may be forged or replayed, so parsing checks the
shape here and handlers check the presser's right to the object it names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from telegram.constants import InlineKeyboardButtonLimit

MAX_BYTES = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA  # 64
_PART = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


class CallbackTooLong(ValueError):
    pass


def pack(verb: str, *args: str | int) -> str:
    parts = [verb, *map(str, args)]
    for part in parts:
        if not _PART.match(part):
            raise ValueError(f"bad callback part {part!r}")
    data = ":".join(parts)
    if len(data.encode()) > MAX_BYTES:
        raise CallbackTooLong(data)
    return data


@dataclass(frozen=True, slots=True)
class Callback:
    verb: str
    args: tuple[str, ...]

    def int_arg(self, index: int) -> int | None:
        """The argument as a non-negative int, or None if missing or malformed."""
        if index >= len(self.args) or not self.args[index].isdigit() or len(self.args[index]) > 12:
            return None
        return int(self.args[index])

    def arg(self, index: int, allowed: tuple[str, ...]) -> str | None:
        if index < len(self.args) and self.args[index] in allowed:
            return self.args[index]
        return None


def parse(data: object) -> Callback | None:
    """Parse untrusted callback_data; None if it is not ours."""
    if not isinstance(data, str) or not data or len(data.encode()) > MAX_BYTES:
        return None
    parts = data.split(":")
    if not all(_PART.match(p) for p in parts):
        return None
    return Callback(parts[0], tuple(parts[1:]))


def pattern(verb: str) -> str:
    """The CallbackQueryHandler pattern for one verb."""
    return rf"^{re.escape(verb)}(:|$)"
