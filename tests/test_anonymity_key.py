"""The key for keyed hashes: outside the database, created once with mode 0600."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_settings
from bot.domain.anonymity import Anonymity, load_key
from bot.tg.memory import Memory
from bot.views import Draft


def settings_for(tmp_path: Path, secret: str = "") -> Settings:
    env = {"CYDLAIS_SECRET_FILE": str(tmp_path / "keys" / "secret.key")}
    if secret:
        env["CYDLAIS_SECRET"] = secret
    return load_settings(env, require_token=False)


def test_key_file_is_created_once_with_mode_0600(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    first = load_key(settings)
    path = tmp_path / "keys" / "secret.key"
    assert len(first) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_key(settings) == first  # read back, not replaced


def test_secret_from_the_environment_wins(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, secret="s" * 40)
    assert load_key(settings) == b"s" * 40
    assert not (tmp_path / "keys" / "secret.key").exists()


def test_a_truncated_key_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "secret.key"
    path.parent.mkdir()
    path.write_bytes(b"short")
    with pytest.raises(ConfigError, match="CYDLAIS_SECRET_FILE"):
        load_key(settings_for(tmp_path))


def test_tags_are_scoped_and_keyed() -> None:
    a, b = Anonymity(b"k" * 32), Anonymity(b"j" * 32)
    day = date(2026, 12, 7)
    assert a.quota_tag(1, day) == a.quota_tag(1, day)
    assert a.quota_tag(1, day) != b.quota_tag(1, day)  # another key, another tag
    assert a.quota_tag(1, day) != a.quota_tag(2, day)
    assert a.quota_tag(1, day) != a.quota_tag(1, date(2026, 12, 8))
    assert a.reach_tag(1, 3, "2026-12-07") != a.reach_tag(1, 4, "2026-12-07")
    assert "k" * 8 not in repr(a)


def test_drafts_expire_after_fifteen_minutes() -> None:
    now = [1000.0]
    store = Memory(clock=lambda: now[0])
    draft = Draft("cy")
    store.put(7, "view.writing", payload=draft)
    draft.text = "rhywbeth preifat"
    assert "rhywbeth" not in repr(draft) and "rhywbeth" not in repr(store)
    now[0] += 14 * 60
    held = store.get(7)
    assert held is not None and held.payload is draft
    now[0] += 61
    assert store.get(7) is None
    assert draft.text is None  # the words are let go, not only the entry
    store.put(8, "view.writing", payload=Draft("en"))
    now[0] += 15 * 60
    assert store.sweep() == 1 and len(store) == 0
