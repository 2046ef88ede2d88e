"""SIGKILL while a meeting's reminders go out, then a restart at the same moment: the
reminders resume by themselves, nobody is missed, and nothing is queued twice.

A real process is killed (not a cancelled task). Only messages in flight at the kill may
arrive twice; the restart's clock run finds every member already told.
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
from tests.helpers.meeting_child import FIRST_ID

ROOT = Path(__file__).resolve().parent.parent
COUNT = 60


def child(*args: str) -> list[str]:
    return [sys.executable, "-m", "tests.helpers.meeting_child", *args]


def reminders_sent(log: Path) -> list[int]:
    lines = log.read_text().splitlines() if log.exists() else []
    return [int(line.split()[0]) for line in lines if line.endswith(" text")]


def test_sigkill_mid_reminders_resumes_without_loss_or_second_batch(tmp_path: Path) -> None:
    db, log = tmp_path / "crash.sqlite3", tmp_path / "sent.log"
    first = subprocess.Popen(  # noqa: S603  # our own module
        child(str(db), str(log), "first", str(COUNT)), cwd=ROOT, stdout=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 30
        while len(reminders_sent(log)) < 20:
            assert first.poll() is None, "the first process ended by itself"
            assert time.monotonic() < deadline, "the first process sent too little"
            time.sleep(0.01)
        os.kill(first.pid, signal.SIGKILL)
    finally:
        first.kill()
        first.wait()
    assert len(reminders_sent(log)) < COUNT, "killed too late to test resuming"

    again = subprocess.run(  # noqa: S603  # our own module
        child(str(db), str(log), "resume"), cwd=ROOT, check=True, timeout=90,
        capture_output=True, text=True,
    )  # fmt: skip
    assert again.stdout.strip() == "nothing queued"  # the restart found everyone told

    got = Counter(reminders_sent(log))
    assert set(got) == set(range(FIRST_ID, FIRST_ID + COUNT))  # nobody missed
    assert sum(n - 1 for n in got.values()) <= Tuning().concurrency  # only sends in flight
    with sqlite3.connect(db) as conn:
        batches = dict(conn.execute("SELECT kind, COUNT(*) FROM meeting_batches GROUP BY kind"))
        told = conn.execute("SELECT COUNT(*) FROM meeting_told").fetchone()[0]
        statuses = dict(
            conn.execute(
                "SELECT status, COUNT(*) FROM deliveries d JOIN meeting_batches b"
                " ON b.batch_id = d.batch_id WHERE b.kind = 'reminder' GROUP BY status"
            )
        )
    # One batch of reminders, and one warning to the organiser (member 1) that no papers came.
    assert batches == {"reminder": 1, "warning": 1}
    assert told == COUNT
    assert statuses == {"sent": 2 * COUNT}  # each member's reminder and calendar file
