"""Fixtures: a real Application on the simulated Telegram, with a throw-away database."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from hypothesis.configuration import set_hypothesis_home_dir

from bot.config import Settings, load_settings
from bot.sim.harness import FAKE_TOKEN, Harness

COORDINATOR_ID = 900001

# Property tests run the same examples every time (CI must not pass one run and fail the
# next) and write nothing into the repository: no example database, and hypothesis's own
# cache goes to the system's temporary folder.
hypothesis_settings.register_profile("cydlais", derandomize=True, database=None, deadline=None)
hypothesis_settings.load_profile("cydlais")
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "cydlais-hypothesis")


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    env = {
        "TELEGRAM_BOT_TOKEN": FAKE_TOKEN,
        "CYDLAIS_DATABASE": str(tmp_path / "data" / "test.sqlite3"),
        "CYDLAIS_COORDINATORS": str(COORDINATOR_ID),
        "CYDLAIS_SECRETS_DIR": str(tmp_path / "secrets"),
        "CYDLAIS_QUIET_HOURS": "",
        "CYDLAIS_OPERATOR": "Rhwydwaith Prawf / Test Network",
    }
    return load_settings(env)


@pytest.fixture
async def harness(settings: Settings) -> AsyncIterator[Harness]:
    async with Harness(settings) as h:
        yield h


@pytest.fixture(autouse=True)
def _home_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Anything that falls back to a default folder under $HOME (the secrets) stays in tmp_path."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)


@pytest.fixture(autouse=True)
def _quiet_logs(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="cydlais")
