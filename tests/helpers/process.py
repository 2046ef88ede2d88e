"""Run the real `python -m bot` in a subprocess against the simulator over loopback HTTP."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable
from pathlib import Path

from bot.sim.harness import FAKE_TOKEN


async def start_bot(
    api_url: str, database: Path, *args: str, **extra: str
) -> asyncio.subprocess.Process:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "CYDLAIS_", "WEBHOOK_"))
    }
    env.update(
        TELEGRAM_BOT_TOKEN=FAKE_TOKEN,
        TELEGRAM_API_URL=api_url,
        CYDLAIS_DATABASE=str(database),
        CYDLAIS_SECRETS_DIR=str(database.with_suffix(".secrets")),
        CYDLAIS_QUIET_HOURS="",
        **extra,
    )
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, env=env, cwd=database.parent,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def wait_for(
    condition: Callable[[], bool], limit: float = 20.0, what: str = "condition"
) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not condition():
        if loop.time() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.02)
