"""Typed callback_data: one small class per kind of button, checked when packed and parsed.

    @dataclass(frozen=True, slots=True)
    class PollButton(CallbackData, prefix="poll"):
        poll_id: int
        option: int

    markup = keyboard([(label, PollButton(poll.id, 3).pack())])      # "poll:12:3", ≤ 64 bytes
    button_handler(PollButton, pressed)  # pressed(update, context, data: PollButton)

The wire format is `prefix:field:field`, each part from a small ASCII alphabet, at most 64
bytes in all (Telegram's limit; `pack` raises `CallbackTooLong` rather than let Telegram
refuse the keyboard). Plain strings, not python-telegram-bot's arbitrary_callback_data: its
cache holds 1,024 keyboards and a poll sent to thousands of members would evict them.

Every press comes from outside and may be forged, replayed or stale, so `parse` checks the
shape and each field's type (ints, short strings, bools, and `Literal` choices), and returns
None for anything else. Handlers then check the presser's right to the object it names.

Field types: `int` (optionally negative, at most 15 digits), `str` (1-40 of `A-Za-z0-9_.-`),
`bool` ("1"/"0"), a `Literal` of such strings, and any of these `| None` (an empty part).
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Callable
from typing import Any, ClassVar, Literal, Self, cast, get_args, get_origin

from telegram.constants import InlineKeyboardButtonLimit

MAX_BYTES = InlineKeyboardButtonLimit.MAX_CALLBACK_DATA  # 64
SEPARATOR = ":"
_WORD = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")
_INT = re.compile(r"^-?[0-9]{1,15}$")
_PREFIX = re.compile(r"^[a-z][a-z0-9_]{0,11}$")

Codec = tuple[Callable[[Any], str], Callable[[str], Any]]  # (encode, decode; raises ValueError)


class CallbackTooLong(ValueError):
    """The packed data is over Telegram's 64 bytes: shorten a field or the prefix."""


def _int_codec() -> Codec:
    def encode(value: Any) -> str:
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError(f"expected int, got {value!r}")
        return str(value)

    def decode(part: str) -> int:
        if not _INT.match(part):
            raise ValueError(part)
        return int(part)

    return encode, decode


def _str_codec(allowed: frozenset[str] | None = None) -> Codec:
    def encode(value: Any) -> str:
        if not isinstance(value, str) or not _WORD.match(value):
            raise ValueError(f"callback part must be 1-40 of A-Za-z0-9_.-, got {value!r}")
        if allowed is not None and value not in allowed:
            raise ValueError(f"{value!r} is not one of {sorted(allowed)}")
        return value

    def decode(part: str) -> str:
        if not _WORD.match(part) or (allowed is not None and part not in allowed):
            raise ValueError(part)
        return part

    return encode, decode


def _bool_codec() -> Codec:
    def decode(part: str) -> bool:
        if part not in ("0", "1"):
            raise ValueError(part)
        return part == "1"

    return (lambda value: "1" if value else "0"), decode


def _optional(inner: Codec) -> Codec:
    encode, decode = inner
    return (
        lambda value: "" if value is None else encode(value),
        lambda part: None if part == "" else decode(part),
    )


def _codec_for(hint: Any, where: str) -> Codec:
    origin = get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        if len(options) != 1 or len(get_args(hint)) != 2:
            raise TypeError(f"{where}: only `X | None` unions are supported")
        return _optional(_codec_for(options[0], where))
    if origin is Literal:
        values = get_args(hint)
        if not all(isinstance(v, str) for v in values):
            raise TypeError(f"{where}: Literal choices must be strings")
        return _str_codec(frozenset(values))
    if hint is bool:
        return _bool_codec()
    if hint is int:
        return _int_codec()
    if hint is str:
        return _str_codec()
    raise TypeError(f"{where}: unsupported callback field type {hint!r}")


class CallbackData:
    """Base of every button kind: subclass with `prefix=` and make it a frozen dataclass."""

    prefix: ClassVar[str]
    _registry: ClassVar[dict[str, type[CallbackData]]] = {}
    _codecs: ClassVar[tuple[tuple[str, Codec], ...] | None]

    def __init_subclass__(cls, *, prefix: str | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if prefix is None:
            # dataclass(slots=True) makes the class again, without the class keywords.
            again = cls.__dict__.get("prefix")
            if not isinstance(again, str) or again not in CallbackData._registry:
                raise TypeError(f"{cls.__name__}: give the button kind a prefix=")
            CallbackData._registry[again] = cls
            return
        if not _PREFIX.match(prefix):
            raise ValueError(f"callback prefix {prefix!r}: 1-12 of a-z0-9_, starting with a letter")
        if prefix in CallbackData._registry:
            raise ValueError(
                f"callback prefix {prefix!r} is taken by {CallbackData._registry[prefix]}"
            )
        cls.prefix = prefix
        cls._codecs = None  # worked out on first use: the dataclass decorator runs after this
        CallbackData._registry[prefix] = cls

    @classmethod
    def _fields(cls) -> tuple[tuple[str, Codec], ...]:
        if cls._codecs is None:
            hints = typing.get_type_hints(cls)
            cls._codecs = tuple(
                (f.name, _codec_for(hints[f.name], f"{cls.__name__}.{f.name}"))
                for f in dataclasses.fields(cast(Any, cls))  # a dataclass by contract
            )
        return cls._codecs

    def pack(self) -> str:
        """`prefix:field:…`; raises CallbackTooLong over 64 bytes, ValueError on a bad value."""
        parts = [self.prefix]
        parts += [encode(getattr(self, name)) for name, (encode, _) in self._fields()]
        data = SEPARATOR.join(parts)
        if len(data.encode()) > MAX_BYTES:
            raise CallbackTooLong(data)
        return data

    @classmethod
    def parse(cls, data: object) -> Self | None:
        """The button this data names, or None if it is not a well-formed one of this kind."""
        if not isinstance(data, str) or len(data.encode()) > MAX_BYTES:
            return None
        prefix, _, rest = data.partition(SEPARATOR)
        if prefix != cls.prefix:
            return None
        fields = cls._fields()
        parts = rest.split(SEPARATOR) if fields else ([] if rest == "" else None)
        if parts is None or len(parts) != len(fields):
            return None
        values: dict[str, Any] = {}
        for (name, (_, decode)), part in zip(fields, parts, strict=True):
            try:
                values[name] = decode(part)
            except ValueError:
                return None
        return cls(**values)

    @classmethod
    def matches(cls, data: object) -> bool:
        """A CallbackQueryHandler pattern: this kind's prefix (the fields are checked later)."""
        return isinstance(data, str) and (
            data == cls.prefix or data.startswith(cls.prefix + SEPARATOR)
        )

    @staticmethod
    def kinds() -> dict[str, type[CallbackData]]:
        """Every button kind defined so far, by prefix (the authorization matrix walks these)."""
        return dict(CallbackData._registry)


__all__ = ["MAX_BYTES", "CallbackData", "CallbackTooLong"]
