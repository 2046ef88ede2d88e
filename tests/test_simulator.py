"""The simulated Telegram holds Telegram's rules, so a bot that breaks them fails here first."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter

from bot.sim import FloodRules, SimulatedTelegram
from bot.sim.harness import FAKE_TOKEN


@pytest.fixture
async def bot_and_sim() -> AsyncIterator[tuple[Bot, SimulatedTelegram]]:
    sim = SimulatedTelegram(flood=FloodRules(per_second=5, group_per_minute=3))
    bot = Bot(FAKE_TOKEN, request=sim.request(), get_updates_request=sim.request())
    async with bot:
        yield bot, sim


async def test_text_limit_counts_characters_after_entities(
    bot_and_sim: tuple[Bot, SimulatedTelegram],
) -> None:
    bot, sim = bot_and_sim
    await bot.send_message(1, "<b>" + "a" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(1, "a" * 4097)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(1, "😀" * 2049)  # counted in UTF-16 units, as Telegram does
    assert sim.last(1).text == "a" * 4096


@pytest.mark.parametrize(
    "bad", ["<script>x</script>", "a < b", "Tom & Jerry", "<b>open", "<b><i>x</b></i>"]
)
async def test_html_is_validated(bot_and_sim: tuple[Bot, SimulatedTelegram], bad: str) -> None:
    bot, _ = bot_and_sim
    with pytest.raises(BadRequest, match=r"(?i)can.t parse entities"):
        await bot.send_message(1, bad, parse_mode=ParseMode.HTML)


async def test_callback_data_is_1_to_64_bytes(bot_and_sim: tuple[Bot, SimulatedTelegram]) -> None:
    bot, _ = bot_and_sim
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("Iawn", callback_data="a" * 64)]])
    await bot.send_message(1, "x", reply_markup=ok)
    too_long = InlineKeyboardMarkup(
        [[InlineKeyboardButton("Ŵ", callback_data="ŵ" * 33)]]
    )  # 66 bytes
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(1, "x", reply_markup=too_long)


async def test_a_keyboard_holds_at_most_100_buttons(
    bot_and_sim: tuple[Bot, SimulatedTelegram],
) -> None:
    bot, _ = bot_and_sim
    rows = [[InlineKeyboardButton(f"{i}", callback_data=f"b:{i}")] for i in range(100)]
    await bot.send_message(1, "x", reply_markup=InlineKeyboardMarkup(rows))
    rows.append([InlineKeyboardButton("one more", callback_data="b:100")])
    with pytest.raises(BadRequest, match=r"(?i)reply markup is too long"):
        await bot.send_message(1, "x", reply_markup=InlineKeyboardMarkup(rows))


async def test_blocked_and_deactivated_users(bot_and_sim: tuple[Bot, SimulatedTelegram]) -> None:
    bot, sim = bot_and_sim
    sim.block(5)
    sim.deactivate(6)
    with pytest.raises(Forbidden, match="blocked by the user"):
        await bot.send_message(5, "x")
    with pytest.raises(Forbidden, match="deactivated"):
        await bot.send_message(6, "x")


async def test_flood_control_answers_429_with_retry_after(
    bot_and_sim: tuple[Bot, SimulatedTelegram],
) -> None:
    bot, _ = bot_and_sim
    for chat in range(1, 6):
        await bot.send_message(chat, "x")
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(7, "x")
    assert caught.value.retry_after in (1, __import__("datetime").timedelta(seconds=1))


async def test_group_limit_per_minute() -> None:
    now = [0.0]
    sim = SimulatedTelegram(flood=FloodRules(group_per_minute=3), clock=lambda: now[0])
    async with Bot(FAKE_TOKEN, request=sim.request()) as bot:
        for _ in range(3):
            await bot.send_message(-100, "x")
        with pytest.raises(RetryAfter):
            await bot.send_message(-100, "x")
        now[0] += 61
        await bot.send_message(-100, "x")


async def test_one_chat_takes_a_short_burst_then_about_one_a_second() -> None:
    now = [0.0]
    rules = FloodRules(chat_burst=3, chat_per_second=1.0)
    sim = SimulatedTelegram(flood=rules, clock=lambda: now[0])
    async with Bot(FAKE_TOKEN, request=sim.request()) as bot:
        for _ in range(3):
            await bot.send_message(1, "x")
        with pytest.raises(RetryAfter):
            await bot.send_message(1, "x")
        await bot.send_message(2, "x")  # another chat has its own allowance
        now[0] += 1.0
        await bot.send_message(1, "x")
        with pytest.raises(RetryAfter):
            await bot.send_message(1, "x")
        now[0] += 10.0  # a pause refills the burst, never beyond it
        for _ in range(3):
            await bot.send_message(1, "x")
        with pytest.raises(RetryAfter):
            await bot.send_message(1, "x")
    assert len(sim.inbox(1)) == 7


async def test_injected_failures_then_recovery(bot_and_sim: tuple[Bot, SimulatedTelegram]) -> None:
    bot, sim = bot_and_sim
    sim.inject(502, times=2)
    for _ in range(2):
        with pytest.raises(Exception, match="Bad Gateway"):
            await bot.send_message(1, "x")
    await bot.send_message(1, "x")


async def test_editing_to_the_same_content_is_refused_as_telegram_does(
    bot_and_sim: tuple[Bot, SimulatedTelegram],
) -> None:
    bot, _ = bot_and_sim
    message = await bot.send_message(1, "same")
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("same", 1, message.message_id)


async def test_a_press_is_answered_once_as_telegram_allows(
    bot_and_sim: tuple[Bot, SimulatedTelegram],
) -> None:
    """A second answer to the same press (an alert after the spinner was stopped) is refused."""
    bot, sim = bot_and_sim
    await bot.answer_callback_query("77")
    with pytest.raises(BadRequest, match=r"(?i)query id is invalid"):
        await bot.answer_callback_query("77", text="Too late", show_alert=True)
    assert [a["callback_query_id"] for a in sim.callback_answers] == ["77"]


async def test_commands_are_checked(bot_and_sim: tuple[Bot, SimulatedTelegram]) -> None:
    bot, _ = bot_and_sim
    with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
        await bot.set_my_commands([("Fy-Nata", "x")])
