"""Expiring secrets: made on first use, kept on disk (0600 in a 0700 folder) until their scope
ends, then overwritten and removed, so no tag made under them can ever be made again."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from bot.secrets import SecretGone, SecretStore, check_directory

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


async def test_a_tag_is_stable_until_its_scope_ends_then_gone_for_good(tmp_path: Path) -> None:
    clock = Clock()
    folder = tmp_path / "secrets"
    store = await SecretStore.open(folder, clock)
    ends = NOW + timedelta(hours=14)
    first = await store.tag("quota:2026-12-07", ends, 12345)
    assert await store.tag("quota:2026-12-07", ends, 12345) == first
    assert await store.tag("quota:2026-12-07", ends, 12346) != first
    assert await store.tag("reach:3:2026-12-07", ends, 12345) != first  # scopes never match
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = list(folder.iterdir())
    assert len(files) == 2  # one per scope
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert "12345" not in path.read_text()

    # a restart keeps it until it ends
    again = await SecretStore.open(folder, clock)
    assert await again.tag("quota:2026-12-07", ends, 12345) == first

    clock.now = ends
    with pytest.raises(SecretGone):  # ended, even before the sweep
        await again.tag("quota:2026-12-07", ends, 12345)
    assert await again.sweep(clock.now) == 2
    assert not list(folder.glob("*.secret"))
    # and never made anew with the same name, even by a caller who asks for more time
    with pytest.raises(SecretGone):
        await again.tag("quota:2026-12-07", ends + timedelta(days=1), 12345)
    clock.now += timedelta(days=8)
    await again.sweep(clock.now)
    assert list(folder.iterdir()) == []


async def test_destroy_before_the_end_leaves_nothing_to_recompute(tmp_path: Path) -> None:
    clock = Clock()
    folder = tmp_path / "secrets"
    store = await SecretStore.open(folder, clock)
    closes = NOW + timedelta(days=3)
    await store.tag("poll:12", closes, 1)
    written = next(folder.glob("*.secret"))
    inode_path = written  # the file is overwritten in place before it is removed
    key_hex = inode_path.read_text()
    await store.destroy("poll:12")
    assert not written.exists()
    assert key_hex not in "".join(p.read_text() for p in folder.iterdir())
    with pytest.raises(SecretGone):
        await store.tag("poll:12", closes, 1)
    # the marker survives a restart until the poll would have closed, then goes too
    reopened = await SecretStore.open(folder, clock)
    with pytest.raises(SecretGone):
        await reopened.tag("poll:12", closes, 1)
    clock.now = closes
    await reopened.sweep(clock.now)
    assert list(folder.iterdir()) == []


async def test_a_later_end_keeps_a_secret_longer(tmp_path: Path) -> None:
    clock = Clock()
    store = await SecretStore.open(tmp_path / "s", clock)
    tag = await store.tag("poll:1", NOW + timedelta(hours=1), 7)
    assert await store.tag("poll:1", NOW + timedelta(hours=5), 7) == tag  # extended
    clock.now = NOW + timedelta(hours=2)
    assert await store.sweep(clock.now) == 0
    assert await store.tag("poll:1", NOW + timedelta(hours=5), 7) == tag


async def test_secrets_that_ended_while_the_bot_was_down_go_at_start(tmp_path: Path) -> None:
    clock = Clock()
    store = await SecretStore.open(tmp_path / "s", clock)
    await store.tag("quota:2026-12-07", NOW + timedelta(hours=1), 1)
    clock.now = NOW + timedelta(days=1)
    later = await SecretStore.open(tmp_path / "s", clock)
    assert later.scopes() == []
    assert not list((tmp_path / "s").glob("*.secret"))


def test_a_folder_or_file_others_can_read_stops_start_up(tmp_path: Path) -> None:
    folder = tmp_path / "secrets"
    folder.mkdir()
    os.chmod(folder, 0o750)  # noqa: S103  # the mistake under test
    with pytest.raises(ConfigError, match=r"CYDLAIS_SECRETS_DIR .* other users"):
        check_directory(folder)
    os.chmod(folder, 0o700)
    secret = folder / "abc.secret"
    secret.write_text("{}")
    os.chmod(secret, 0o644)  # the mistake under test
    with pytest.raises(ConfigError, match="chmod 600"):
        check_directory(folder)
    os.chmod(secret, 0o600)
    check_directory(folder)


def test_the_default_folder_is_outside_the_database_folder(tmp_path: Path) -> None:
    settings = load_settings({"XDG_STATE_HOME": str(tmp_path / "state")}, require_token=False)
    assert settings.secrets_dir == tmp_path / "state" / "cydlais" / "secrets"
    assert settings.database.resolve().parent not in settings.secrets_dir.resolve().parents
    home = load_settings({}, require_token=False).secrets_dir
    assert home == Path.home() / ".local" / "state" / "cydlais" / "secrets"


@pytest.mark.parametrize("old", ["CYDLAIS_SECRET", "CYDLAIS_SECRET_FILE"])
def test_the_old_long_lived_key_setting_is_refused(old: str) -> None:
    with pytest.raises(ConfigError, match=f"{old} is no longer used"):
        load_settings({old: "x" * 40}, require_token=False)


async def test_the_key_is_never_printed(tmp_path: Path) -> None:
    store = await SecretStore.open(tmp_path / "s", Clock())
    await store.tag("quota:2026-12-07", NOW + timedelta(hours=1), 1)
    key = next((tmp_path / "s").glob("*.secret")).read_text()
    assert "key" not in repr(store) and key[-20:] not in repr(store)


async def test_prepare_makes_a_secret_ahead_and_leaves_an_ended_one_ended(tmp_path: Path) -> None:
    clock = Clock()
    store = await SecretStore.open(tmp_path / "s", clock)
    ends = NOW + timedelta(hours=14)
    await store.prepare("quota:2026-12-07", ends)
    assert store.scopes() == ["quota:2026-12-07"]
    mtime = next((tmp_path / "s").glob("*.secret")).stat().st_mtime_ns
    tag = await store.tag("quota:2026-12-07", ends, 1)  # the first use writes nothing
    assert next((tmp_path / "s").glob("*.secret")).stat().st_mtime_ns == mtime
    await store.prepare("quota:2026-12-07", ends)
    assert await store.tag("quota:2026-12-07", ends, 1) == tag
    await store.destroy("quota:2026-12-07")
    await store.prepare("quota:2026-12-07", ends)  # destroyed: not made again
    assert store.scopes() == []
    await store.prepare("quota:2026-12-06", NOW - timedelta(hours=1))  # already over
    assert store.scopes() == []
