"""The real program: `python -m bot` against the simulator over loopback HTTP."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest

from bot.sim import SimulatedTelegram, SimUser
from bot.sim.http import SimHttpServer
from bot.storage import Database
from tests.helpers.process import start_bot, wait_for


# TELEGRAM_API_URL as a server's root, and in python-telegram-bot's base_url form.
@pytest.mark.parametrize(("sig", "api_path"), [(signal.SIGTERM, ""), (signal.SIGINT, "/bot")])
async def test_runs_answers_and_shuts_down_cleanly_on_a_signal(
    tmp_path: Path, sig: signal.Signals, api_path: str
) -> None:
    sim = SimulatedTelegram()
    person = SimUser(5001, "Nia")
    database = tmp_path / "live.sqlite3"
    async with SimHttpServer(sim) as url:
        process = await start_bot(url + api_path, database)
        try:
            await wait_for(lambda: bool(sim.commands_for(language_code="cy")), what="start-up")
            sim.send_text(person, "/start")
            await wait_for(lambda: bool(sim.inbox(person.id)), what="the welcome")
            sim.press(person, sim.last(person.id), "Cymraeg")
            await wait_for(
                lambda: "Eich preifatrwydd" in sim.last(person.id).text, what="the privacy notice"
            )
            sim.press(person, sim.last(person.id), "Rwy'n cytuno, awn ati")
            await wait_for(
                lambda: any("Diolch" in m.text for m in sim.inbox(person.id)), what="consent"
            )
            process.send_signal(sig)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "database closed" in log
    assert "Traceback" not in log
    assert "5001" not in log and "Nia" not in log  # no ids or names in logs
    assert FAKE_TOKEN_PART not in log  # the httpx logger is kept at WARNING
    db = await Database.open(database)
    try:
        assert await db.scalar("SELECT language FROM members WHERE telegram_id = 5001") == "cy"
        assert await db.scalar("PRAGMA integrity_check") == "ok"
    finally:
        await db.close()


FAKE_TOKEN_PART = "SIMULATED-TOKEN"


async def test_a_newer_database_stops_start_up_clearly(tmp_path: Path) -> None:
    database = tmp_path / "future.sqlite3"
    db = await Database.open(database)
    await db.execute("PRAGMA user_version = 999")
    await db.close()
    sim = SimulatedTelegram()
    async with SimHttpServer(sim) as url:
        process = await start_bot(url, database)
        _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 2
    assert "Upgrade Cydlais" in stderr.decode()
    assert "Traceback" not in stderr.decode()


async def test_webhook_mode_takes_updates_with_the_secret_only(tmp_path: Path) -> None:
    import json
    import socket

    import httpx

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sim = SimulatedTelegram()
    database = tmp_path / "hook.sqlite3"
    update = {
        "update_id": 1,
        "message": {
            "message_id": 1, "date": 0, "text": "/start",
            "chat": {"id": 5002, "type": "private", "first_name": "Ifan"},
            "from": {"id": 5002, "is_bot": False, "first_name": "Ifan"},
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }  # fmt: skip
    async with SimHttpServer(sim) as url:
        process = await start_bot(
            url,
            database,
            "--webhook",
            PORT=str(port),
            WEBHOOK_URL="https://cydlais.example/",
            WEBHOOK_SECRET="s3cret-token",
        )
        try:
            await wait_for(lambda: any(m == "setWebhook" for m, _ in sim.calls), what="setWebhook")
            hook = next(p for m, p in sim.calls if m == "setWebhook")
            assert hook["url"] == "https://cydlais.example/telegram"
            assert hook["secret_token"] == "s3cret-token"
            async with httpx.AsyncClient() as client:
                for _ in range(100):  # the server may need a moment after setWebhook
                    try:
                        forged = await client.post(f"http://127.0.0.1:{port}/telegram", content=json.dumps(update),
                                                   headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "wrong"})  # fmt: skip
                        break
                    except httpx.ConnectError:
                        await asyncio.sleep(0.05)
                assert forged.status_code == 403
                real = await client.post(f"http://127.0.0.1:{port}/telegram", content=json.dumps(update),
                                         headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "s3cret-token"})  # fmt: skip
                assert real.status_code == 200
            await wait_for(lambda: bool(sim.inbox(5002)), what="the welcome")
            assert "Croeso i Gydlais" in sim.last(5002).text
            assert len(sim.inbox(5002)) == 1  # the forged update did nothing
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    assert process.returncode == 0, stderr.decode()
    assert "database closed" in stderr.decode()
