"""callback_data is packed within Telegram's 64 bytes and parsed without trust."""

from __future__ import annotations

import pytest

from bot.tg import callbacks


def test_round_trip() -> None:
    data = callbacks.pack("join", 12, "d")
    parsed = callbacks.parse(data)
    assert parsed is not None
    assert (parsed.verb, parsed.int_arg(0), parsed.arg(1, ("d", "m"))) == ("join", 12, "d")


def test_refuses_to_pack_more_than_64_bytes() -> None:
    with pytest.raises(callbacks.CallbackTooLong):
        callbacks.pack("x", *(["a" * 30] * 3))


@pytest.mark.parametrize("bad", ["a:ŵ", "", "a" * 65, "x::y", "a b", None, 12, "a:" + "9" * 13])
def test_untrusted_data_is_rejected_or_yields_no_number(bad: object) -> None:
    parsed = callbacks.parse(bad)
    assert parsed is None or parsed.int_arg(0) is None


def test_arguments_outside_the_allowed_set_are_none() -> None:
    parsed = callbacks.parse("lang:fr")
    assert parsed is not None and parsed.arg(0, ("cy", "en")) is None
    assert parsed.int_arg(5) is None
