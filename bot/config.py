"""Settings from the environment (and an optional `.env`), checked once at start-up.

A bad setting raises `ConfigError` naming the setting and how to fix it; `__main__`
prints that one line and exits with status 2, never a traceback.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.domain.reminders import DEFAULT_OFFSETS, parse_offsets

DEFAULT_DATABASE = "data/cydlais.sqlite3"
DEFAULT_TIMEZONE = "Europe/London"
DEFAULT_QUIET_HOURS = "21:00-08:00"
N = TypeVar("N", int, float)
_TOKEN_RE = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{20,}$")
_HHMM_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


class ConfigError(Exception):
    """A setting is missing or malformed; the message says which and how to fix it."""

    def __init__(self, name: str, problem: str, fix: str) -> None:
        super().__init__(f"{name} {problem}. {fix}")
        self.name = name


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A daily window in local time when non-urgent messages wait; may wrap midnight."""

    start: time
    end: time

    def contains(self, local: time) -> bool:
        if self.start <= self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end


@dataclass(frozen=True, slots=True)
class Settings:
    token: str
    database: Path = Path(DEFAULT_DATABASE)
    api_url: str | None = None  # a Bot API server's root, without /bot
    api_file_url: str | None = None  # its file root, without /file/bot
    coordinators: frozenset[int] = frozenset()
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo(DEFAULT_TIMEZONE))
    min_group: int = 5
    send_rate: float = 25.0
    quiet_hours: QuietHours | None = QuietHours(time(21, 0), time(8, 0))
    max_views_per_day: int = 10
    contact_days: int = 30  # a conversation with a representative closes after this many days
    tick_seconds: float = 30.0  # how often the database is asked what has fallen due
    reminder_offsets: tuple[int, ...] = DEFAULT_OFFSETS  # a new meeting's, seconds before it
    secrets_dir: Path = field(default_factory=lambda: default_secrets_dir({}))
    keep_views_months: int = 12  # after a view's digest week (bot.retention)
    keep_deliveries_days: int = 30
    keep_invites_days: int = 30  # after a link expired
    keep_audit_months: int = 24
    operator: str = "Cydlais"
    operator_contact: str = ""
    port: int = 8443
    webhook_url: str | None = None
    webhook_secret: str | None = None


def _number(env: Mapping[str, str], name: str, default: N, low: N, high: N, kind: type[N]) -> N:
    """A whole number (kind=int) or a number (kind=float) within [low, high], or the default."""
    raw = env.get(name, "").strip()
    if not raw:
        return default
    allowed = f"Set it to a number from {low:g} to {high:g}."
    try:
        value = kind(raw)
    except ValueError:
        what = "a whole number" if kind is int else "a number"
        raise ConfigError(name, f"is {raw!r}, not {what}", allowed) from None
    if not low <= value <= high:
        raise ConfigError(name, f"is {value:g}, out of range", allowed)
    return value


def _coordinators(env: Mapping[str, str]) -> frozenset[int]:
    raw = env.get("CYDLAIS_COORDINATORS", "").strip()
    ids: set[int] = set()
    for part in filter(None, (p.strip() for p in raw.split(","))):
        if not part.isdigit():
            raise ConfigError(
                "CYDLAIS_COORDINATORS",
                f"contains {part!r}, which is not a Telegram user id",
                "Use comma-separated numeric ids, e.g. CYDLAIS_COORDINATORS=123456789,987654321.",
            )
        ids.add(int(part))
    return frozenset(ids)


def _timezone(env: Mapping[str, str]) -> ZoneInfo:
    name = env.get("CYDLAIS_TIMEZONE", "").strip() or DEFAULT_TIMEZONE
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            "CYDLAIS_TIMEZONE",
            f"is {name!r}, not a known time zone",
            "Use an IANA name such as Europe/London.",
        ) from None


def parse_quiet_hours(raw: str) -> QuietHours | None:
    """Parse `HH:MM-HH:MM`; an empty value means no quiet hours."""
    raw = raw.strip()
    if not raw:
        return None
    parts = raw.split("-")
    matches = [_HHMM_RE.match(p.strip()) for p in parts]
    if len(parts) != 2 or not all(matches):
        raise ConfigError(
            "CYDLAIS_QUIET_HOURS",
            f"is {raw!r}, not a time range",
            "Use HH:MM-HH:MM in 24-hour time, e.g. 21:00-08:00, or leave it empty for none.",
        )
    start, end = (time(int(m.group(1)), int(m.group(2))) for m in matches if m)
    if start == end:
        raise ConfigError(
            "CYDLAIS_QUIET_HOURS", "starts and ends at the same time", "Use two different times."
        )
    return QuietHours(start, end)


def default_secrets_dir(env: Mapping[str, str]) -> Path:
    """Outside the database's folder, so a copy of that folder never holds them."""
    state = env.get("XDG_STATE_HOME", "").strip()
    return (Path(state) if state else Path.home() / ".local" / "state") / "cydlais" / "secrets"


def _secrets_dir(env: Mapping[str, str]) -> Path:
    for old in ("CYDLAIS_SECRET", "CYDLAIS_SECRET_FILE"):
        if env.get(old, "").strip():
            raise ConfigError(
                old,
                "is no longer used: each day's and each week's secret is now made by the bot and "
                "destroyed when that day or week ends",
                "Remove the setting (and the old key file); see CYDLAIS_SECRETS_DIR in the README.",
            )
    raw = env.get("CYDLAIS_SECRETS_DIR", "").strip()
    return Path(raw).expanduser() if raw else default_secrets_dir(env)


def _api_root(env: Mapping[str, str], name: str, suffix: str) -> str | None:
    """A Bot API server's root, written as the root (`http://localhost:8081`) or in
    python-telegram-bot's `base_url` form, which ends in `suffix` (`…/bot`)."""
    url = env.get(name, "").strip().rstrip("/")
    if not url:
        return None
    if not url.startswith(("http://", "https://")):
        raise ConfigError(
            name, f"is {url!r}, not an http(s) address", "Leave it empty to use Telegram's own."
        )
    return url.removesuffix(suffix)


def _offsets(env: Mapping[str, str]) -> tuple[int, ...]:
    raw = env.get("CYDLAIS_MEETING_REMINDERS", "").strip()
    if not raw:
        return DEFAULT_OFFSETS
    try:
        return parse_offsets(raw)
    except ValueError:
        raise ConfigError(
            "CYDLAIS_MEETING_REMINDERS",
            f"is {raw!r}",
            "List how long before a meeting each reminder goes, e.g. 7d,1d,2h (days, hours or "
            "minutes m, from 1m to 56d).",
        ) from None


def load_settings(env: Mapping[str, str] | None = None, *, require_token: bool = True) -> Settings:
    """Read and check every setting; raise ConfigError on the first bad one."""
    env = os.environ if env is None else env
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if require_token and not token:
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN",
            "is not set",
            "Create a bot with @BotFather and put its token in TELEGRAM_BOT_TOKEN (or in a .env file), "
            "or try the bot without one: python -m bot demo.",
        )
    if token and not _TOKEN_RE.match(token):
        raise ConfigError(
            "TELEGRAM_BOT_TOKEN",
            "does not look like a bot token",
            "Copy the whole token BotFather gave you, e.g. 123456789:AAE...",
        )
    webhook_url = env.get("WEBHOOK_URL", "").strip() or None
    if webhook_url and not webhook_url.startswith("https://"):
        raise ConfigError(
            "WEBHOOK_URL", "must start with https://", "Telegram only sends webhooks over HTTPS."
        )
    webhook_secret = env.get("WEBHOOK_SECRET", "").strip() or None
    if webhook_secret and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", webhook_secret):
        raise ConfigError(
            "WEBHOOK_SECRET",
            "has characters Telegram does not allow",
            "Use 1-256 of A-Z, a-z, 0-9, _ and -.",
        )
    api_url = _api_root(env, "TELEGRAM_API_URL", "/bot")
    api_file_url = _api_root(env, "TELEGRAM_API_FILE_URL", "/file/bot")
    return Settings(
        token=token,
        database=Path(env.get("CYDLAIS_DATABASE", "").strip() or DEFAULT_DATABASE),
        api_url=api_url,
        api_file_url=api_file_url,
        coordinators=_coordinators(env),
        timezone=_timezone(env),
        min_group=_number(env, "CYDLAIS_MIN_GROUP", 5, 2, 1000, int),
        # Above ~29 the worker would take all of the shared ~30/s and starve replies to people.
        send_rate=_number(env, "CYDLAIS_SEND_RATE", 25.0, 0.1, 29.0, float),
        quiet_hours=parse_quiet_hours(env.get("CYDLAIS_QUIET_HOURS", DEFAULT_QUIET_HOURS)),
        max_views_per_day=_number(env, "CYDLAIS_MAX_VIEWS_PER_DAY", 10, 1, 1000, int),
        contact_days=_number(env, "CYDLAIS_CONTACT_DAYS", 30, 1, 365, int),
        tick_seconds=_number(env, "CYDLAIS_TICK_SECONDS", 30.0, 0.05, 3600.0, float),
        reminder_offsets=_offsets(env),
        secrets_dir=_secrets_dir(env),
        keep_views_months=_number(env, "CYDLAIS_KEEP_VIEWS_MONTHS", 12, 1, 120, int),
        keep_deliveries_days=_number(env, "CYDLAIS_KEEP_DELIVERIES_DAYS", 30, 1, 3650, int),
        keep_invites_days=_number(env, "CYDLAIS_KEEP_INVITES_DAYS", 30, 0, 3650, int),
        keep_audit_months=_number(env, "CYDLAIS_KEEP_AUDIT_MONTHS", 24, 1, 120, int),
        operator=env.get("CYDLAIS_OPERATOR", "").strip() or "Cydlais",
        operator_contact=env.get("CYDLAIS_OPERATOR_CONTACT", "").strip(),
        port=_number(env, "PORT", 8443, 1, 65535, int),
        webhook_url=webhook_url,
        webhook_secret=webhook_secret,
    )
