"""Run the real Application against the simulator, and act as people would.

Used by the end-to-end tests, `python -m bot demo` and the benchmarks.
"""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

from bot.app import build_application
from bot.config import Settings
from bot.context import App, Services
from bot.sim.telegram import SentMessage, SimulatedTelegram, SimUser
from bot.tg.limiter import Patience
from bot.tg.processor import PerMemberUpdateProcessor

FAKE_TOKEN = "123456789:SIMULATED-TOKEN-for-tests-and-demo"  # noqa: S105  # not a secret


class Harness:
    def __init__(
        self,
        settings: Settings,
        sim: SimulatedTelegram | None = None,
        *,
        patience: Patience | None = None,
        rate_limit: bool = True,
    ) -> None:
        """`patience`: how replies wait out 429s (scaled down with a simulator on a fast clock);
        `rate_limit=False` drops the pacing (30 a second, 20 a minute to a group) for tests
        that send thousands of inputs and are not about pacing."""
        if not settings.token:
            settings = dataclasses.replace(settings, token=FAKE_TOKEN)
        self.settings = settings
        self.sim = sim or SimulatedTelegram()
        self.app: App = build_application(
            settings, request=self.sim.request(), patience=patience, rate_limit=rate_limit
        )
        self._running = False

    @property
    def services(self) -> Services:
        services: Services = self.app.bot_data["services"]
        return services

    @property
    def processor(self) -> PerMemberUpdateProcessor:
        processor = self.app.update_processor
        assert isinstance(processor, PerMemberUpdateProcessor)
        return processor

    async def start(self) -> None:
        """What run_polling does, without taking over the event loop or signals."""
        app = self.app
        await app.initialize()
        if app.post_init is not None:
            await app.post_init(app)
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        await app.start()
        self._running = True

    async def stop(self) -> None:
        if not self._running:
            return
        self._running = False
        app = self.app
        assert app.updater is not None
        if app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        if app.post_stop is not None:
            await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)

    async def __aenter__(self) -> Harness:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    async def settle(self, limit: float = 10.0) -> None:
        """Wait until every update sent so far has been handled completely."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + limit
        while self.processor.processed < self.sim.updates_created:
            if loop.time() > deadline:
                raise TimeoutError(
                    f"{self.sim.updates_created - self.processor.processed} update(s) not handled in {limit}s"
                )
            await asyncio.sleep(0.0005)

    def person(
        self,
        user_id: int,
        first_name: str = "Sam",
        *,
        language_code: str | None = None,
        username: str | None = None,
    ) -> Person:
        return Person(self, SimUser(user_id, first_name, language_code, username))


class Person:
    """Someone talking to the bot in a private chat."""

    def __init__(self, harness: Harness, user: SimUser) -> None:
        self.h = harness
        self.user = user

    @property
    def id(self) -> int:
        return self.user.id

    @property
    def inbox(self) -> list[SentMessage]:
        return self.h.sim.inbox(self.user.id)

    @property
    def last(self) -> SentMessage:
        return self.h.sim.last(self.user.id)

    def _snapshot(self) -> dict[int, int]:
        return {m.message_id: m.edits for m in self.inbox}

    def _changed(self, before: dict[int, int]) -> list[SentMessage]:
        return [m for m in self.inbox if before.get(m.message_id) != m.edits]

    async def _act(self, send: Any) -> list[SentMessage]:
        before = self._snapshot()
        send()
        await self.h.settle()
        return self._changed(before)

    async def say(self, text: str, *, chat_id: int | None = None) -> list[SentMessage]:
        """Send text (or a /command); returns the messages that are new or changed."""
        return await self._act(lambda: self.h.sim.send_text(self.user, text, chat_id=chat_id))

    async def send_media(self, kind: str) -> list[SentMessage]:
        return await self._act(lambda: self.h.sim.send_media(self.user, kind))

    async def send_document(
        self, name: str, content: bytes = b"%PDF-1.4", *, caption: str = ""
    ) -> list[SentMessage]:
        """Send a file (meeting papers); `self.h.sim.files` then holds it by its file_id."""
        return await self._act(
            lambda: self.h.sim.send_document(self.user, name, content, caption=caption)
        )

    async def edit(self, message_id: int, text: str) -> list[SentMessage]:
        return await self._act(lambda: self.h.sim.edit_text(self.user, message_id, text))

    def find_button(self, label: str) -> SentMessage:
        for message in reversed(self.inbox):
            if any(b.text == label for b in message.button_rows()):
                return message
        labels = [b.text for m in self.inbox[-3:] for b in m.button_rows()]
        raise LookupError(f"no button {label!r} in recent messages; recent buttons: {labels}")

    async def press(self, label: str) -> list[SentMessage]:
        """Press the newest button with this label."""
        message = self.find_button(label)
        return await self._act(lambda: self.h.sim.press(self.user, message, label))

    async def press_data(self, data: str, message_id: int | None = None) -> list[SentMessage]:
        """Send callback data of our choosing, as a tampered client could."""
        target = (
            message_id
            if message_id is not None
            else (self.inbox[-1].message_id if self.inbox else 1)
        )
        return await self._act(lambda: self.h.sim.press_data(self.user, self.user.id, target, data))

    def texts(self) -> list[str]:
        return [m.text for m in self.inbox]
