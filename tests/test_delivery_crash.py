"""SIGKILL mid-broadcast, start again: the broadcast resumes by itself and nobody is lost.

A real process is killed (not a cancelled task), so this also shows that what SQLite
committed survives. Only messages in flight at the kill may arrive twice.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from bot.delivery.worker import Tuning
from tests.helpers.delivery_child import FIRST_ID, REPORT_CHAT

ROOT = Path(__file__).resolve().parent.parent
COUNT = 120


def child(*args: str) -> list[str]:
    return [sys.executable, "-m", "tests.helpers.delivery_child", *args]


def sent_lines(log: Path) -> list[int]:
    return [int(line) for line in log.read_text().split()] if log.exists() else []


def test_sigkill_mid_broadcast_resumes_without_loss(tmp_path: Path) -> None:
    db, log = tmp_path / "crash.sqlite3", tmp_path / "sent.log"
    first = subprocess.Popen(child(str(db), str(log), "first", str(COUNT)), cwd=ROOT)  # noqa: S603  # our own module
    try:
        deadline = time.monotonic() + 30
        while len(sent_lines(log)) < 30:
            assert first.poll() is None, "the first process ended by itself"
            assert time.monotonic() < deadline, "the first process sent too little"
            time.sleep(0.01)
        os.kill(first.pid, signal.SIGKILL)
    finally:
        first.kill()
        first.wait()
    before = len(sent_lines(log))
    assert before < COUNT, "killed too late to test resuming"
    with sqlite3.connect(db) as conn:
        pending = conn.execute(
            "SELECT COUNT(*) FROM deliveries WHERE status = 'pending'"
        ).fetchone()
    assert pending[0] > 0

    subprocess.run(child(str(db), str(log), "resume"), cwd=ROOT, check=True, timeout=60)  # noqa: S603  # our own module

    got = Counter(sent_lines(log))
    assert got.pop(REPORT_CHAT, 0) == 1  # the report: once, by the process that finished
    assert set(got) == set(range(FIRST_ID, FIRST_ID + COUNT))  # nobody lost
    duplicates = sum(n - 1 for n in got.values())
    assert duplicates <= Tuning().concurrency  # only sends in flight at the kill
    with sqlite3.connect(db) as conn:
        statuses = dict(conn.execute("SELECT status, COUNT(*) FROM deliveries GROUP BY status"))
        batch = conn.execute(
            "SELECT sent, finished_at, reported_at FROM delivery_batches"
        ).fetchone()
    assert statuses == {"sent": COUNT}
    assert batch[0] == COUNT
    assert batch[1] is not None and batch[2] is not None
