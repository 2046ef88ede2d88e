"""The anonymity promise, checked the way an auditor with the database file would check it.

A member with a known Telegram id, username and name gives a view. Then every table and
column, the raw bytes of the database file and its write-ahead log, every SQL statement
run, python-telegram-bot's in-memory stores and the captured logs are searched for those values and for the words
that redaction took out. None may appear in the view, and nothing may join the view to
the member: no shared id, no foreign key, no time of day, no telling order.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from pathlib import Path

import pytest

from bot.sim.harness import Harness, Person
from bot.sim.telegram import SimUser
from bot.storage import members
from bot.storage.personal import member_columns
from bot.views import today
from tests.helpers.people import seed_constituencies
from tests.helpers.views import CARERS_EN, give_view

TELEGRAM_ID = 987654321
USERNAME = "gwenllian_ddirgel"
FIRST_NAME = "Gwenllian"
LAST_NAME = "Prydderch"
PHONE = "07700 900123"
POSTCODE = "CF10 3AT"
VIEW = f"The ward staff were kind but the discharge letter never came. Ring {PHONE}, {POSTCODE}."
REDACTED = "The ward staff were kind but the discharge letter never came. Ring [phone number removed], [postcode removed]."
VIEW_TABLES = ("views", "view_quota", "view_reach", "topics", "digest_schedules", "digest_groups")


async def onboard_known_person(h: Harness) -> Person:
    person = Person(h, SimUser(TELEGRAM_ID, FIRST_NAME, "en", USERNAME, LAST_NAME))
    await person.say("/start")
    await person.press("English")
    await person.press("I agree, let's start")
    await person.press(CARERS_EN)
    await person.press("I've finished choosing")
    await person.press("I care for someone")
    return person


def database_bytes(path: Path) -> tuple[int, bytes]:
    """The size of the write-ahead log, and the bytes of the file, its log and shared memory."""
    wal = Path(f"{path}-wal")
    files = (path, wal, Path(f"{path}-shm"))
    return wal.stat().st_size, b"".join(p.read_bytes() for p in files if p.exists())


def identifiers(member_id: int) -> list[str]:
    return [str(TELEGRAM_ID), USERNAME, FIRST_NAME, LAST_NAME, f"member {member_id}"]


async def test_nothing_links_a_view_to_the_member(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, every level: we look at all of it
    db = harness.services.db
    statements: list[str] = []  # every SQL statement run, with its values filled in
    await db.conn.set_trace_callback(statements.append)
    places = await seed_constituencies(harness)
    for n in range(60):  # others first, so the member's row id is distinctive (61)
        await members.create(db, 100 + n, 100 + n, "cy")
    person = await onboard_known_person(harness)
    other = Person(harness, SimUser(5550001, "Other"))
    await other.say("/start")
    await other.press("Cymraeg")
    await other.press("Rwy'n cytuno, awn ati")
    await other.press("Rhwydwaith Gofalwyr Caerdydd a'r Fro")
    await give_view(other, "Barn arall, gan rywun arall.", lang="cy")
    await give_view(person, VIEW)
    me = await members.by_telegram_id(db, TELEGRAM_ID)
    assert me is not None and me.id > 60

    # 1. The view row holds exactly what was promised, redacted, and nothing else.
    columns = [r["name"] for r in await db.fetchall("PRAGMA table_info(views)")]
    assert columns == ["id", "constituency_id", "topic_id", "language", "text", "day"]
    [row] = await db.fetchall("SELECT * FROM views WHERE text LIKE 'The ward%'")
    assert dict(row) | {"id": 0} == {
        "id": 0,
        "constituency_id": places["carers"],
        "topic_id": None,
        "language": "en",
        "text": REDACTED,
        "day": today(harness.settings).isoformat(),
    }

    # 2. No anonymous table references members: none is personal data, none joins to a member.
    linked = {table for table, _, _ in await member_columns(db)}
    assert linked.isdisjoint(VIEW_TABLES)
    for table in VIEW_TABLES:
        for fk in await db.fetchall(f"PRAGMA foreign_key_list({table})"):
            assert fk["table"] != "members", table

    # 3. Every table and column: the identifiers and the removed details appear nowhere, except
    #    the Telegram id in the member's own row; the member's row id only in member-linked tables.
    for table in await db.table_names():
        for record in await db.fetchall(f"SELECT * FROM {table}"):
            for column, value in zip(record.keys(), record, strict=True):
                text = str(value)
                if table == "members" and column in ("telegram_id", "chat_id"):
                    continue
                for secret in (str(TELEGRAM_ID), USERNAME, FIRST_NAME, LAST_NAME, PHONE, POSTCODE):
                    assert secret not in text, (table, column)
                if table in VIEW_TABLES:
                    assert value != me.id and value != str(me.id), (table, column)

    # 4. Nothing joinable: the view shares no value with the member's own rows beyond the
    #    network and the language (which every member of the network shares).
    mine: set[object] = set()
    for table, column, _ in await member_columns(db):
        for record in await db.fetchall(f"SELECT * FROM {table} WHERE {column} = ?", (me.id,)):
            mine |= set(record)
    mine |= set(await db.fetchone("SELECT * FROM members WHERE id = ?", (me.id,)) or ())
    assert set(row) & mine <= {places["carers"], "en", None}

    # 5. No time of day anywhere near a view, and no order to line up: the view's id is
    #    random, and the counters are kept in hash order (WITHOUT ROWID), not arrival order.
    ids = [r[0] for r in await db.fetchall("SELECT id FROM views")]
    assert all(i > 2**20 for i in ids)
    for table in ("view_quota", "view_reach"):
        sql = await db.scalar("SELECT sql FROM sqlite_master WHERE name = ?", (table,))
        assert "WITHOUT ROWID" in sql
    for table in VIEW_TABLES[:3]:
        names = [r["name"] for r in await db.fetchall(f"PRAGMA table_info({table})")]
        assert not any(n.endswith("_at") or n in ("time", "created", "updated") for n in names)

    # 6. The counters are keyed hashes: without the key (not in the database) they can't be
    #    recomputed from a member id; with it, they match only for that purpose and day.
    key = harness.settings.secret
    assert key is not None
    day = today(harness.settings).isoformat()
    expected = hmac.new(key, f"quota\x1f{me.id}\x1f{day}".encode(), hashlib.sha256).hexdigest()
    tags = {r[0] for r in await db.fetchall("SELECT tag FROM view_quota")}
    assert expected in tags
    for plain in (str(me.id), str(TELEGRAM_ID)):
        assert hashlib.sha256(plain.encode()).hexdigest() not in tags

    # 7. The raw file and its write-ahead log: no identifier as text, no removed detail, no
    #    key. (The Telegram id is in the member's row as a binary integer, by design.)
    wal_size, raw = database_bytes(Path(harness.settings.database))
    assert wal_size == 0  # checkpointed after the view: no commit order left in the log
    for secret in (str(TELEGRAM_ID), USERNAME, FIRST_NAME, LAST_NAME, PHONE, POSTCODE):
        assert secret.encode() not in raw, secret
    assert key not in raw
    assert REDACTED.encode() in raw  # we are looking at the right bytes

    # 8. The draft is gone, and never reached python-telegram-bot's own stores.
    assert harness.services.memory.get(TELEGRAM_ID) is None
    for store in (harness.app.user_data, harness.app.chat_data, harness.app.bot_data):
        assert "discharge letter" not in repr(store)

    # 9. Not even for a moment: no statement ever carried a removed detail (a row written and
    #    deleted again would leave no trace in the file), the words of the view went only into
    #    the views table, and no statement about views, limits or reach named the member.
    await db.conn.set_trace_callback(None)
    assert any(sql.startswith("INSERT OR IGNORE INTO views") for sql in statements)
    for sql in statements:
        assert PHONE not in sql and POSTCODE not in sql, sql[:60]
        if "discharge letter" in sql:
            assert sql.startswith("INSERT OR IGNORE INTO views ("), sql[:60]
        if any(table in sql for table in ("views", "view_quota", "view_reach")):
            for secret in (str(TELEGRAM_ID), USERNAME, FIRST_NAME, LAST_NAME):
                assert secret not in sql, sql[:60]

    # 10. Logs: nothing at INFO or above from any logger, and nothing at any level from ours,
    #    carries the member's identifiers or the words of the view.
    words = [*identifiers(me.id), "discharge letter", PHONE, "Barn arall"]
    assert any(r.levelno == logging.DEBUG for r in caplog.records)  # we did capture everything
    for record in caplog.records:
        if record.levelno < logging.INFO and not record.name.startswith("cydlais"):
            continue  # python-telegram-bot's DEBUG traces updates; production logs at INFO
        message = record.getMessage()
        for word in words:
            assert word not in message, (record.name, record.levelname)
