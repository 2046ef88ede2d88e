"""The anonymity promise, checked the way an auditor with the database file would check it.

A member with a known Telegram id, username and name gives a view. Then every table and
column, the raw bytes of the database file and its write-ahead log, every SQL statement
run, python-telegram-bot's in-memory stores and the captured logs are searched for those values and for the words
that redaction took out. None may appear in the view, and nothing may join the view to
the member: no shared id, no foreign key, no time of day, no telling order.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import retention
from bot.domain.anonymity import quota as quota_scope
from bot.sim.harness import Harness, Person
from bot.sim.telegram import SimUser
from bot.storage import Database, members
from bot.storage.personal import member_columns
from bot.tg import clock
from bot.views import today
from tests.helpers.people import onboard, seed_constituencies
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
    assert columns == ["id", "constituency_id", "topic_id", "language", "text", "day", "poll_id"]
    [row] = await db.fetchall("SELECT * FROM views WHERE text LIKE 'The ward%'")
    assert dict(row) | {"id": 0} == {
        "id": 0,
        "constituency_id": places["carers"],
        "topic_id": None,
        "language": "en",
        "text": REDACTED,
        "day": today(harness.settings).isoformat(),
        "poll_id": None,
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

    # 6. The counters are tags under the day's and the week's secrets, which live outside the
    #    database and its folder: not a plain hash of any id. Until the day ends the service
    #    itself can still recompute today's tag (that is how the limit works), never later.
    secrets = harness.services.secrets
    assert harness.settings.secrets_dir.resolve() not in Path(harness.settings.database).parents
    scope, ends = quota_scope(today(harness.settings), harness.settings.timezone)
    tags = {r[0] for r in await db.fetchall("SELECT tag FROM view_quota")}
    assert await secrets.tag(scope, ends, TELEGRAM_ID) in tags
    for plain in (str(me.id), str(TELEGRAM_ID)):
        assert hashlib.sha256(plain.encode()).hexdigest() not in tags
    keys = [json.loads(p.read_text())["key"] for p in harness.settings.secrets_dir.glob("*.secret")]
    assert keys

    # 7. The raw file and its write-ahead log: no identifier as text, no removed detail, no
    #    key. (The Telegram id is in the member's row as a binary integer, by design.)
    wal_size, raw = database_bytes(Path(harness.settings.database))
    assert wal_size == 0  # checkpointed after the view: no commit order left in the log
    for secret in (str(TELEGRAM_ID), USERNAME, FIRST_NAME, LAST_NAME, PHONE, POSTCODE):
        assert secret.encode() not in raw, secret
    for key in keys:
        assert key.encode() not in raw and bytes.fromhex(key) not in raw
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


async def test_after_the_week_nobody_can_link_a_view_even_with_every_file(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    """The operator's worst case: two copies of the database, taken just before and just
    after a view, and later, once the week is over, every secret file and every log line.
    They try every member's row id and Telegram id under every key they can find, in the
    shape of every tag the bot makes (and in the shape the old long-lived key made)."""
    caplog.set_level(logging.DEBUG)
    db = harness.services.db
    await seed_constituencies(harness)
    for n in range(30):  # a crowd, so the member is not simply the only one
        await members.create(db, 100 + n, 100 + n, "en")
    person = await onboard_known_person(harness)
    me = await members.by_telegram_id(db, TELEGRAM_ID)
    assert me is not None
    path = Path(harness.settings.database)
    await db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = await asyncio.to_thread(path.read_bytes)
    await give_view(person, VIEW)
    after = await asyncio.to_thread(path.read_bytes)

    # The week (and so the day) ends: the housekeeping sweep destroys both secrets.
    await harness.services.secrets.sweep(datetime.now(UTC) + timedelta(days=8))
    folder = harness.settings.secrets_dir
    found_keys: list[bytes] = []
    scopes: set[str] = set()
    for file in folder.iterdir():  # whatever is left, as an attacker would read it
        text = file.read_bytes()
        with contextlib.suppress(ValueError):
            data = json.loads(text)
            scopes.add(str(data.get("scope", "")))
            if "key" in data:
                found_keys.append(bytes.fromhex(data["key"]))
    assert found_keys == []  # nothing to recompute with
    assert scopes  # the names of the ended scopes remain for a week, without keys

    tables: list[dict[str, list[tuple[object, ...]]]] = []
    for n, copy in enumerate([before, after]):
        snapshot = folder.parent / f"copy-{n}.sqlite3"
        await asyncio.to_thread(snapshot.write_bytes, copy)
        tables.append(await rows_in(snapshot))
    tags = {r[0] for t in ("view_quota", "view_reach") for r in tables[1][t]}
    assert len(tags) == 2  # the view's limit and reach tags are there to try
    ids = [str(me.id), str(TELEGRAM_ID)] + [str(100 + n) for n in range(30)]
    candidates = set()
    for key in found_keys:  # (none: kept for the shape of the attack)
        for scope in scopes:
            for i in ids:
                message = "\x1f".join([scope, i]).encode()
                candidates.add(hmac.new(key, message, hashlib.sha256).hexdigest())
    for i in ids:  # and unkeyed guesses
        for scope in scopes:
            candidates.add(hashlib.sha256(f"{scope}\x1f{i}".encode()).hexdigest())
        candidates.add(hashlib.sha256(i.encode()).hexdigest())
    assert not (candidates & tags)
    # What changed between the copies lies only in the anonymous tables: none of the
    # member's own rows moved when they gave the view.
    changed = {t for t in tables[1] if tables[0].get(t) != tables[1][t]}
    assert changed == {"views", "view_quota", "view_reach"}
    for record in caplog.records:
        if record.levelno >= logging.INFO or record.name.startswith("cydlais"):
            assert str(TELEGRAM_ID) not in record.getMessage()


async def rows_in(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table in a copy of the database, read with plain SQLite."""
    copy = await Database.open(path)
    try:
        return {
            t: sorted(tuple(r) for r in await copy.fetchall(f"SELECT * FROM {t}"))
            for t in await copy.table_names()
        }
    finally:
        await copy.close()


FORGOTTEN_ID = 0x5A5A5A5A5A5A  # six bytes: how SQLite writes it in a row, easy to find


async def test_forget_leaves_nothing_of_the_person_in_the_file_or_its_log(
    harness: Harness,
) -> None:
    """/forget deletes at once: from the tables, and from the bytes on disk. The write-ahead
    log kept every earlier version of the member's pages (11 copies of their Telegram id)
    until a view happened to empty it."""
    db = harness.services.db
    await seed_constituencies(harness)
    person = await onboard(harness, FORGOTTEN_ID, join=CARERS_EN, describe="I care for someone")
    await person.say("/join")  # a question in the slot: a row of its own
    await person.say("/language")
    await person.press("Cymraeg")
    needle = FORGOTTEN_ID.to_bytes(6, "big")
    assert needle in database_bytes(Path(harness.settings.database))[1]  # the right bytes
    await person.say("/anghofio")
    await person.press("Ydw, dilëwch bopeth amdana i")
    assert await members.by_telegram_id(db, FORGOTTEN_ID) is None
    _, raw = database_bytes(Path(harness.settings.database))
    assert needle not in raw


async def test_the_daily_clear_out_leaves_nothing_of_what_it_deleted_in_the_log(
    harness: Harness,
) -> None:
    db = harness.services.db
    words = "an audit entry past its 24 months"
    await db.execute(
        "INSERT INTO audit_log (at, action, detail) VALUES ('2000-01-01T00:00:00+00:00', ?, ?)",
        ("invite.created", json.dumps({"note": words})),
    )
    assert words.encode() in database_bytes(Path(harness.settings.database))[1]
    await retention.run_if_due(db, harness.settings, datetime.now(UTC))
    assert await db.scalar("SELECT COUNT(*) FROM audit_log") == 0
    assert words.encode() not in database_bytes(Path(harness.settings.database))[1]


def folder_times(folder: Path) -> dict[str, tuple[int, int]]:
    """Every name in the secrets folder (and the folder itself), with when it was last
    written and last changed, as `ls -l --time=ctime` would show an operator."""
    entries = [folder, *folder.iterdir()]
    return {p.name: (p.stat().st_mtime_ns, p.stat().st_ctime_ns) for p in entries}


async def test_the_secrets_folder_does_not_say_when_a_view_was_given(harness: Harness) -> None:
    """The day's and the week's secrets are made on the clock's tick, ahead of use: made at
    the first view, their files' times told the minute of the day's first view and of each
    network's first view of the week, which no row may say."""
    await seed_constituencies(harness)
    person = await onboard_known_person(harness)
    await clock.run_due(harness.services)  # a tick, as every 30 seconds
    folder = harness.settings.secrets_dir
    before = folder_times(folder)
    assert len(before) > 1  # the secrets are there already
    await asyncio.sleep(0.01)
    await give_view(person, VIEW)
    assert await harness.services.db.scalar("SELECT COUNT(*) FROM views") == 1
    assert folder_times(folder) == before
