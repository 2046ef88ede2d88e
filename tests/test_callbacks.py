"""Typed callback_data: packed within Telegram's 64 bytes, parsed field by field without trust."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pytest

from bot.app import build_application
from bot.config import load_settings
from bot.sim.harness import FAKE_TOKEN
from bot.sim.telegram import SimulatedTelegram
from bot.tg.callbacks import CallbackData, CallbackTooLong


@dataclass(frozen=True, slots=True)
class Sample(CallbackData, prefix="tsample"):
    item: int
    mode: Literal["a", "b"]
    note: str | None = None
    sure: bool = False


def test_round_trip() -> None:
    data = Sample(12, "b", None, True).pack()
    assert data == "tsample:12:b::1"
    assert Sample.parse(data) == Sample(12, "b", None, True)
    assert Sample.parse(Sample(-5, "a", "x.y-z_1").pack()) == Sample(-5, "a", "x.y-z_1")


def test_refuses_to_pack_more_than_64_bytes_or_a_bad_value() -> None:
    with pytest.raises(CallbackTooLong):
        Sample(10**14, "a", "n" * 40, True).pack()
    with pytest.raises(ValueError, match="not one of"):
        Sample(1, "c").pack()  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="A-Za-z0-9"):
        Sample(1, "a", "ŵ").pack()


@pytest.mark.parametrize(
    "bad",
    [
        "tsample:12:c::0",  # not a choice
        "tsample:12:a::2",  # not a bool
        "tsample:x:a::0",  # not an int
        "tsample:1234567890123456:a::0",  # too many digits
        "tsample:12:a:0",  # too few parts
        "tsample:12:a::0:9",  # too many
        "tsample:12:a:ŵ:0",
        "tsamplex:12:a::0",  # another prefix
        "",
        "a" * 65,
        None,
        12,
    ],
)
def test_untrusted_data_is_rejected(bad: object) -> None:
    assert Sample.parse(bad) is None


def test_prefixes_are_unique_and_every_registered_kind_fits() -> None:
    with pytest.raises(ValueError, match="taken"):

        @dataclass(frozen=True, slots=True)
        class Again(CallbackData, prefix="tsample"):
            x: int

    build_application(  # registers every journey's button kinds
        load_settings({"TELEGRAM_BOT_TOKEN": FAKE_TOKEN}), request=SimulatedTelegram().request()
    )
    kinds = CallbackData.kinds()
    assert {"lang", "consent", "join", "view", "bc", "inv", "rolex"} <= set(kinds)
    assert Sample.matches("tsample:1:a::0") and not Sample.matches("tsamplex:1")
