"""An anonymous conversation with a representative, checked as an attacker would check it.

A member with a known Telegram id, chat, username and name writes anonymously; the
representative replies; the member replies; the representative reports it. Everything the
representative can see (every message, every button's data, their own /mydata file) must
carry none of those values; and once the conversation has ended, nothing in the database,
its files or the secrets left may link it to the member.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from bot.sim.harness import Harness, Person
from bot.sim.telegram import SimUser
from bot.storage import members
from tests.helpers.contact import only_thread_id, reply_in_thread, write_to_rep
from tests.helpers.delivery import coordinator, until
from tests.helpers.people import seed_constituencies
from tests.helpers.views import CARERS_EN, make_rep
from tests.test_anonymity_scan import database_bytes

TELEGRAM_ID = 987654321
USERNAME = "gwenllian_ddirgel"
FIRST_NAME = "Gwenllian"
LAST_NAME = "Prydderch"
PHONE = "07700 900123"
MESSAGE = f"The discharge letter never came. Ring me on {PHONE}."


async def onboard_known_person(h: Harness) -> Person:
    person = Person(h, SimUser(TELEGRAM_ID, FIRST_NAME, "en", USERNAME, LAST_NAME))
    await person.say("/start")
    await person.press("English")
    await person.press(person.last.button_rows()[0].text)  # agree
    await person.press(CARERS_EN)
    await person.press("I've finished choosing")
    await person.press("I'd rather not say")
    return person


def identifiers(member_id: int) -> list[str]:
    return [str(TELEGRAM_ID), USERNAME, FIRST_NAME, LAST_NAME, f"tg://user?id={TELEGRAM_ID}"]


def scopes_on_disk(directory: Path) -> list[str]:
    """The scopes named by the secret files left in the secrets folder."""
    return [
        json.loads(path.read_text())["scope"]
        for path in directory.iterdir()
        if path.suffix == ".secret"
    ]


def seen_by(person: Person) -> list[str]:
    """Everything in the person's chat: texts as read, the HTML sent, and every button's data."""
    seen: list[str] = []
    for message in person.inbox:
        seen += [message.text, message.source]
        seen += [f"{b.text} {b.data or ''} {b.url or ''}" for b in message.button_rows()]
        if message.document:
            seen.append(message.document[1].decode("utf-8", "replace"))
    return seen


async def test_an_anonymous_relay_leaks_no_identity(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    db = harness.services.db
    statements: list[str] = []
    await db.conn.set_trace_callback(statements.append)
    places = await seed_constituencies(harness)
    for n in range(60):  # others first, so the member's row id is distinctive (61 or more)
        await members.create(db, 100 + n, 100 + n, "cy")
    rep = await make_rep(harness, 5551, places["carers"])
    boss = await coordinator(harness)
    person = await onboard_known_person(harness)
    me = await members.by_telegram_id(db, TELEGRAM_ID)
    assert me is not None and me.id > 60
    secret_values = [*identifiers(me.id), PHONE]

    await write_to_rep(person, MESSAGE)
    thread_id = await only_thread_id(harness)
    await reply_in_thread(rep, "I'm sorry: I'll raise it with the ward manager.")
    await reply_in_thread(person, "Thank you. It was Ward 4, last Tuesday.")

    # While it is open: the representative sees none of it, nor does their /mydata file.
    await rep.say("/mydata")
    for text in seen_by(rep):
        for value in secret_values:
            assert value not in text, value
    [row] = await db.fetchall("SELECT * FROM contact_threads")
    assert row["named"] == 0 and row["member_id"] is None and row["sealed"]
    assert me.id not in tuple(row) and TELEGRAM_ID not in tuple(row)
    assert str(TELEGRAM_ID) not in str(tuple(row)) and f"{TELEGRAM_ID:x}" not in str(tuple(row))
    assert thread_id > 2**20  # drawn at random: its order says nothing
    assert len(row["opened_on"]) == 10  # a day, no time

    # The representative reports it; the conversation ends; a coordinator stops the sender.
    await rep.press("Report abuse")
    await rep.say("Not abuse really: testing the report.")

    async def reported() -> bool:
        return any("testing the report" in m.text for m in boss.inbox)

    await until(reported, "the coordinator to hear of the report")
    await boss.press("Stop them writing for 3 months")
    await boss.say("/reports")
    await boss.say("/audit")
    for text in seen_by(rep) + seen_by(boss):
        for value in secret_values:
            assert value not in text, value

    # Once it has ended: nothing in any table names the member beside the conversation.
    await db.conn.set_trace_callback(None)
    linked = {"members", "memberships", "pending_input", "audit_log", "deliveries"}
    for table in await db.table_names():
        for record in await db.fetchall(f"SELECT * FROM {table}"):
            values = dict(record)
            for column, value in values.items():
                if table == "members" and column in ("telegram_id", "chat_id"):
                    continue
                for secret in (USERNAME, FIRST_NAME, LAST_NAME, PHONE):
                    assert secret not in str(value), (table, column)
                if table not in linked:
                    assert str(TELEGRAM_ID) not in str(value), (table, column)
            if table.startswith("contact_"):
                assert me.id not in values.values() or table == "contact_reports", (table, values)
    [row] = await db.fetchall("SELECT * FROM contact_threads")
    assert row["sealed"] is None and row["member_id"] is None and row["ended_by"] == "reported"
    [report] = await db.fetchall("SELECT * FROM contact_reports")
    assert report["reported_by"] != me.id and report["decided_by"] != me.id
    # The thread's secret is destroyed, on disk too; the report's is kept only for the stop.
    secrets_dir = Path(harness.settings.secrets_dir)
    scopes = harness.services.secrets.scopes()
    assert f"contact.thread:{thread_id}" not in scopes
    assert f"contact.report:{report['id']}" in scopes
    assert f"contact.thread:{thread_id}" not in scopes_on_disk(secrets_dir)

    # The database file and its log: no name, no username, no removed detail, as text.
    _, raw = database_bytes(Path(harness.settings.database))
    for secret in (USERNAME, FIRST_NAME, LAST_NAME, PHONE, "Ward 4, last Tuesday"):
        assert secret.encode() not in raw, secret

    # No statement about conversations ever carried the member's id or Telegram id in the clear,
    # and the words of the messages never went into the database at all.
    for sql in statements:
        assert "discharge letter" not in sql and "Ward 4" not in sql, sql[:60]
        if "contact_" in sql:
            assert str(TELEGRAM_ID) not in sql and USERNAME not in sql, sql[:60]

    # Logs at INFO and above (any logger) and ours at any level: nothing identifying.
    for record in caplog.records:
        if record.levelno < logging.INFO and not record.name.startswith("cydlais"):
            continue
        message = record.getMessage()
        for word in [*secret_values, "discharge letter", "Ward 4"]:
            assert word not in message, (record.name, record.levelname)
