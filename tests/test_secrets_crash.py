"""A kill at any moment while a secret is written or destroyed: the next start never fails,
and no secret is readable after its time, whatever the kill left in the folder.

The states a kill can leave are made by hand first (one test each, so a failure says which);
then a real process is killed with SIGKILL again and again while it makes and destroys
secrets, and each time the folder is opened as the next start would open it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import signal
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.secrets import SecretGone, SecretStore, _file_name

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)
SCOPE = "quota:2026-12-07"
ENDS = NOW + timedelta(hours=14)
KEY = re.compile(rb"[0-9a-f]{64}")


def later(hours: float) -> datetime:
    return NOW + timedelta(hours=hours)


def secret_json(scope: str = SCOPE, expires: datetime = ENDS, key: str = "ab" * 32) -> str:
    return json.dumps({"scope": scope, "expires": expires.isoformat(), "key": key})


def folder_with(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "secrets"
    folder.mkdir(mode=0o700)
    for name, content in files.items():
        path = folder / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        path.chmod(0o600)
    return folder


def readable_keys(folder: Path) -> list[str]:
    """Every file that still holds something shaped like a key, as an attacker would look."""
    return [p.name for p in folder.iterdir() if p.is_file() and KEY.search(p.read_bytes())]


async def test_a_write_cut_short_leaves_no_key_behind(tmp_path: Path) -> None:
    """Killed after the new file was written beside its place, before it was moved in."""
    folder = folder_with(tmp_path, {f".{_file_name(SCOPE)}.secret.tmp": secret_json()})
    await SecretStore.open(folder, lambda: later(1))
    assert readable_keys(folder) == []
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(bytes(120), id="zeroed"),
        pytest.param(secret_json()[:70], id="cut short"),
        pytest.param(secret_json(key="zz"), id="not hex"),
        pytest.param(secret_json(key="ab" * 8), id="short key"),
        pytest.param(json.dumps({"scope": SCOPE, "expires": ENDS.isoformat()}), id="no key"),
        pytest.param(secret_json().replace("+00:00", ""), id="no time zone"),
        pytest.param("[1, 2]", id="a list"),
        pytest.param(b"\xff\xfe", id="not text"),
    ],
)
async def test_a_damaged_secret_never_stops_start_up_and_is_erased(
    tmp_path: Path, content: str | bytes
) -> None:
    folder = folder_with(tmp_path, {f"{_file_name(SCOPE)}.secret": content})
    store = await SecretStore.open(folder, lambda: later(1))
    assert list(folder.iterdir()) == []  # nothing kept that can't be used: part of a key, say
    assert store.scopes() == []


async def test_a_destroy_cut_short_is_finished_at_the_next_start(tmp_path: Path) -> None:
    """Killed after the marker went down, before the secret was overwritten and removed."""
    marker = json.dumps({"scope": SCOPE, "expires": ENDS.isoformat()})
    folder = folder_with(
        tmp_path,
        {f"{_file_name(SCOPE)}.secret": secret_json(), f"{_file_name(SCOPE)}.gone": marker},
    )
    store = await SecretStore.open(folder, lambda: later(1))
    assert readable_keys(folder) == []  # not readable until its end: destroyed now
    with pytest.raises(SecretGone):
        await store.tag(SCOPE, ENDS, 1)


async def test_destroy_puts_the_marker_down_before_it_erases(tmp_path: Path) -> None:
    """So a kill between the two can never leave a destroyed scope free to be made anew."""
    store = await SecretStore.open(tmp_path / "s", lambda: NOW)
    await store.tag("poll:12", ENDS, 1)
    seen: list[tuple[str, bool]] = []
    write, scrub = store._write_file, store._scrub
    store._write_file = lambda path, text: (seen.append((path.suffix, True)), write(path, text))[1]  # type: ignore[method-assign]
    store._scrub = lambda path: (seen.append((path.suffix, False)), scrub(path))[1]  # type: ignore[method-assign]
    await store.destroy("poll:12")
    assert seen == [(".gone", True), (".secret", False)]


# ------------------------------------------------------------------ real kills

KILLS = 16
SCOPES = 6


def _churn(folder: Path) -> None:
    """The child: make and destroy secrets as fast as the disk allows, until killed."""

    async def loop() -> None:
        store = await SecretStore.open(folder)
        ends = datetime.now(UTC) + timedelta(hours=1)
        n = 0
        while True:
            scope = f"poll:{n % SCOPES}"
            with contextlib.suppress(SecretGone):
                await store.tag(scope, ends + timedelta(minutes=n % 3), n)
            if n % 2:
                await store.destroy(scope)
            if n % 5 == 0:
                await store.sweep(datetime.now(UTC))
            n += 1

    asyncio.run(loop())


def test_sigkill_while_secrets_are_written_and_destroyed(tmp_path: Path) -> None:
    """Not async: the child is forked from a process with no event loop running."""
    folder = tmp_path / "secrets"
    delays = [0.004 + 0.003 * (i % 7) for i in range(KILLS)]  # the same every run
    found = 0
    for delay in delays:
        pid = os.fork()
        if pid == 0:  # pragma: no cover  # the child never returns
            try:
                _churn(folder)
            finally:
                os._exit(0)
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        # The next start, while the secrets are still in their time: it opens, and whatever
        # is in the folder is either a whole secret in its place or a marker.
        store = asyncio.run(SecretStore.open(folder))
        for path in folder.iterdir():
            assert path.suffix in (".secret", ".gone"), path.name
        assert len(store.scopes()) <= SCOPES
        found += len(list(folder.iterdir()))
    assert found  # the child did write before it was killed
    # And once their time is up, not one key is left anywhere in the folder.
    store = asyncio.run(SecretStore.open(folder, lambda: datetime.now(UTC) + timedelta(hours=2)))
    assert store.scopes() == []
    assert readable_keys(folder) == []


class Killed(BaseException):
    """Stands for SIGKILL at the moment it is raised."""


async def test_a_kill_on_the_first_start_never_leaves_a_folder_others_can_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed between making the folder and narrowing its mode, the next start would refuse
    to run ("can be opened by other users") if the folder had been made with the usual mode."""
    folder = tmp_path / "state" / "secrets"

    def killed(self: Path, mode: int) -> None:
        raise Killed

    with monkeypatch.context() as patched:
        patched.setattr(Path, "chmod", killed)
        with pytest.raises(Killed):
            await SecretStore.open(folder)
    assert folder.is_dir() and folder.stat().st_mode & 0o077 == 0
    await SecretStore.open(folder)  # the next start
