"""Settings: a missing or malformed one stops start-up with one clear line and exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import time
from pathlib import Path

import pytest

from bot.app import build_application
from bot.config import ConfigError, load_settings

TOKEN = "123456789:AAEabcdefghijklmnopqrstuvwxyz012345"


def run_bot(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "CYDLAIS_", "WEBHOOK_"))
    }
    return subprocess.run(  # our own module, fixed arguments
        [sys.executable, "-m", "bot"], env={**clean, **env}, cwd=tmp_path,
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_missing_token_exits_2_with_one_clear_line(tmp_path: Path) -> None:
    result = run_bot({}, tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "TELEGRAM_BOT_TOKEN" in lines[0] and "BotFather" in lines[0]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CYDLAIS_MIN_GROUP", "five"),
        ("CYDLAIS_MIN_GROUP", "1"),
        ("CYDLAIS_COORDINATORS", "12,abc"),
        ("CYDLAIS_TIMEZONE", "Mars/Olympus"),
        ("CYDLAIS_QUIET_HOURS", "9pm-8am"),
        ("CYDLAIS_SEND_RATE", "fast"),
        ("CYDLAIS_SEND_RATE", "40"),
        ("TELEGRAM_API_URL", "localhost:8081"),
    ],
)
def test_malformed_setting_names_itself(tmp_path: Path, name: str, value: str) -> None:
    result = run_bot({"TELEGRAM_BOT_TOKEN": TOKEN, name: value}, tmp_path)
    assert result.returncode == 2
    assert name in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_malformed_token() -> None:
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN"):
        load_settings({"TELEGRAM_BOT_TOKEN": "not a token"})


def test_defaults() -> None:
    settings = load_settings({"TELEGRAM_BOT_TOKEN": TOKEN})
    assert settings.min_group == 5
    assert str(settings.timezone) == "Europe/London"
    assert str(settings.database) == "data/cydlais.sqlite3"
    assert settings.quiet_hours is not None
    assert settings.quiet_hours.contains(time(23, 30)) and settings.quiet_hours.contains(
        time(7, 59)
    )
    assert not settings.quiet_hours.contains(time(8, 0)) and not settings.quiet_hours.contains(
        time(20, 59)
    )


def test_quiet_hours_can_be_switched_off_and_coordinators_parsed() -> None:
    settings = load_settings(
        {"TELEGRAM_BOT_TOKEN": TOKEN, "CYDLAIS_QUIET_HOURS": "", "CYDLAIS_COORDINATORS": " 5, 6 ,"}
    )
    assert settings.quiet_hours is None
    assert settings.coordinators == frozenset({5, 6})


@pytest.mark.parametrize(
    ("api", "files"),
    [
        ("http://localhost:8081", "http://localhost:8081"),
        ("http://localhost:8081/", "http://localhost:8081/"),
        ("http://localhost:8081/bot", "http://localhost:8081/file/bot"),
        ("http://localhost:8081/bot/", "http://localhost:8081/file/bot/"),
    ],
)
def test_a_bot_api_server_by_its_root_or_by_python_telegram_bots_base_url(
    api: str, files: str
) -> None:
    settings = load_settings(
        {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": api, "TELEGRAM_API_FILE_URL": files}
    )
    assert settings.api_url == settings.api_file_url == "http://localhost:8081"
    app = build_application(settings)
    assert app.bot.base_url == f"http://localhost:8081/bot{TOKEN}"
    assert app.bot.base_file_url == f"http://localhost:8081/file/bot{TOKEN}"


def test_a_bot_api_address_must_be_http() -> None:
    with pytest.raises(ConfigError, match="TELEGRAM_API_URL"):
        load_settings({"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": "localhost:8081/bot"})
