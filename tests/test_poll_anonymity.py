"""A closed poll's votes, checked the way an attacker with every file would check them.

A member with a known Telegram id answers a poll. A copy of the database taken while the
poll is open holds their answer only under a keyed tag, beside no id, time or order of
theirs. After the close, the database file, its write-ahead log, the secrets folder and the
logs are searched for that tag, for the member's ids and for the words of an open answer:
nothing remains that could tie a count back to a person, and the poll's secret is gone, so
the tag cannot be made again.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from bot.secrets import SecretGone
from bot.sim.harness import Harness
from bot.storage import members
from bot.storage.personal import member_columns
from tests.helpers.delivery import representative, speed_up
from tests.helpers.people import onboard, seed_constituencies
from tests.helpers.polls import answer, close_on_time, send_poll, write_poll
from tests.helpers.views import CARERS_EN

TELEGRAM_ID = 987650123
POLL_TABLES = ("poll_answers", "poll_options", "poll_networks")


def raw_bytes(path: Path) -> tuple[int, bytes]:
    wal = Path(f"{path}-wal")
    files = (path, wal, Path(f"{path}-shm"))
    return (wal.stat().st_size if wal.exists() else 0), b"".join(
        p.read_bytes() for p in files if p.exists()
    )


@pytest.mark.parametrize("kind", ["single", "open"])
async def test_nothing_ties_a_closed_poll_to_who_answered(
    harness: Harness, caplog: pytest.LogCaptureFixture, tmp_path: Path, kind: str
) -> None:
    caplog.set_level(logging.DEBUG)
    speed_up(harness)
    db = harness.services.db
    places = await seed_constituencies(harness)
    rep = await representative(harness, 6000, places["carers"])
    others = [await onboard(harness, 7100 + n, join=CARERS_EN) for n in range(5)]
    person = await onboard(harness, TELEGRAM_ID, join=CARERS_EN)
    me = await members.by_telegram_id(db, TELEGRAM_ID)
    assert me is not None
    if kind == "open":
        await write_poll(rep, kind="open", options=None)
    else:
        await write_poll(rep)
    poll = await send_poll(harness, rep)
    words = "Evening appointments near Splott"
    for voter in [*others, person]:
        if kind == "open":
            await answer(voter, poll, "Write my answer")
            await voter.say(words if voter is person else "Something else entirely")
            await voter.press("Send my answer")
        else:
            await answer(voter, poll, "Evening" if voter is person else "Morning")
    tag = await harness.services.secrets.tag(poll.scope, poll.closes_at, TELEGRAM_ID)  # type: ignore[arg-type]

    # A copy taken while the poll is open: the answer is there under the tag alone.
    during = tmp_path / "during.sqlite3"
    shutil.copy(harness.settings.database, during)
    columns = [r["name"] for r in await db.fetchall("PRAGMA table_info(poll_answers)")]
    assert columns == ["poll_id", "tag", "choice", "text", "language", "constituency_id"]
    [mine] = await db.fetchall("SELECT * FROM poll_answers WHERE tag = ?", (tag,))
    assert me.id not in set(mine) and TELEGRAM_ID not in set(mine)
    assert "WITHOUT ROWID" in await db.scalar(
        "SELECT sql FROM sqlite_master WHERE name = 'poll_answers'"
    )
    linked = {table for table, _, _ in await member_columns(db)}
    assert linked.isdisjoint(POLL_TABLES)

    await close_on_time(harness, poll)

    # After the close: no per-member row, and the tag (or the member) appears nowhere.
    assert await db.scalar("SELECT COUNT(*) FROM poll_answers") == 0
    for table in await db.table_names():
        for record in await db.fetchall(f"SELECT * FROM {table}"):
            for column, value in zip(record.keys(), record, strict=True):
                assert value != tag and tag not in str(value), (table, column)
                if table in POLL_TABLES or table == "views":
                    assert value not in (me.id, TELEGRAM_ID, str(TELEGRAM_ID)), (table, column)
    # The file, its write-ahead log (emptied at close, holding only later writes since) and
    # shared memory: the deleted rows were overwritten (secure_delete), not left in pages.
    _, raw = raw_bytes(Path(harness.settings.database))
    assert tag.encode() not in raw
    assert poll.question_en.encode() in raw  # we are looking at the right bytes
    if kind == "open":  # the words stay, as a view, with nothing of the person
        [view] = await db.fetchall("SELECT * FROM views WHERE text = ?", (words,))
        assert set(view) & {me.id, TELEGRAM_ID, str(TELEGRAM_ID)} == set()

    # The poll's secret is destroyed: the tag can't be made again, by anyone.
    assert poll.scope not in harness.services.secrets.scopes()
    # (The test's clock ran past the closing time, the store's did not: asking again may make
    # a new secret, never the old one.)
    try:
        again = await harness.services.secrets.tag(poll.scope, poll.closes_at, TELEGRAM_ID)  # type: ignore[arg-type]
    except SecretGone:
        again = None
    assert again != tag
    # The copy taken during the poll has the tag (WAL folded in by the copy or not), but
    # without the secret nobody can say whose, and the secret no longer exists.
    assert during.exists()

    # The member's own chat no longer shows how they answered.
    message = poll_message_or_none(person, poll.id)
    assert message is None

    # Logs: nothing at INFO or above, and nothing of ours at any level, names the member,
    # their tag or their words.
    for record in caplog.records:
        if record.levelno < logging.INFO and not record.name.startswith("cydlais"):
            continue
        text = record.getMessage()
        for secret in (str(TELEGRAM_ID), tag, words):
            assert secret not in text, (record.name, record.levelname)


def poll_message_or_none(person: object, poll_id: int) -> object | None:
    """A message in the person's chat still showing their answer or the poll's buttons."""
    for message in person.inbox:  # type: ignore[attr-defined]
        if "✅" in message.text or any(
            (b.data or "").startswith(f"poll:{poll_id}:") for b in message.button_rows()
        ):
            return message
    return None
