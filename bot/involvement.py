"""Involvement on record, for reward and recognition: what a representative has done.

Counted from the records themselves, never typed twice: polls they ran (sent to members),
outcomes they reported and progress added to them, meetings the organiser confirmed they came
to; the hours they gave are typed by them (`/involvement`). A representative sees their own record; coordinators export everyone's as a
CSV file, for a financial year (from 1 April), the last 12 months, or all time.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Literal

from bot.config import Settings
from bot.domain.dates import add_months
from bot.domain.spreadsheet import cell
from bot.i18n import Tr
from bot.storage import Database, constituencies, members, roles
from bot.storage import involvement as store
from bot.storage import representatives as rep_store
from bot.storage.involvement import Done

Period = Literal["year", "12m", "all"]
PERIODS: tuple[Period, ...] = ("year", "12m", "all")
NOTE_MAX = 100


def period_start(period: Period, today: date) -> date | None:
    """The first day counted: 1 April of this financial year, a year ago, or None (ever)."""
    if period == "year":
        april = date(today.year, 4, 1)
        return april if today >= april else date(today.year - 1, 4, 1)
    if period == "12m":
        return add_months(today, -12)
    return None


def hours_text(tr: Tr, minutes: int) -> str:
    """ "2 hours 30 minutes", "45 minutes", in the reader's language."""
    hours, rest = divmod(minutes, 60)
    parts = []
    if hours or not rest:
        parts.append(tr.ngettext("{n} hour", "{n} hours", hours).format(n=hours))
    if rest:
        parts.append(tr.ngettext("{n} minute", "{n} minutes", rest).format(n=rest))
    return " ".join(parts)


async def record_of(db: Database, member_id: int, since: date | None) -> Done:
    found = await store.done(db, since, member_id)
    return found[0] if found else Done(member_id, 0, 0, 0, 0, 0)


async def _roles(db: Database, settings: Settings, tr: Tr) -> dict[int, tuple[str, str]]:
    """Member id -> (role, networks) in the reader's words, for everyone holding a role."""
    held: dict[int, tuple[set[str], list[str]]] = {}
    for grant in await roles.list_all(db):
        roles_of, places = held.setdefault(grant.member_id, (set(), []))
        if grant.role == "coordinator":
            roles_of.add(tr.gettext("coordinator"))
        elif grant.constituency_id is not None:
            roles_of.add(tr.gettext("representative"))
            place = await constituencies.get(db, grant.constituency_id)
            if place is not None:
                places.append(place.name(tr.lang))
    for telegram_id in settings.coordinators:
        member = await members.by_telegram_id(db, telegram_id)
        if member is not None:
            held.setdefault(member.id, (set(), []))[0].add(tr.gettext("coordinator"))
    return {k: (", ".join(sorted(r)), ", ".join(sorted(p))) for k, (r, p) in held.items()}


async def export(
    db: Database, tr: Tr, settings: Settings, period: Period, today: date
) -> tuple[str, bytes]:
    """Everyone's record as a CSV file (UTF-8 with BOM, for spreadsheets), one row each.

    Names and networks are plain text here, never a formula (`bot.domain.spreadsheet`)."""
    since = period_start(period, today)
    held = await _roles(db, settings, tr)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    # TRANSLATORS: column headings of the involvement spreadsheet coordinators export.
    writer.writerow(
        [
            tr.gettext("Member number"),
            tr.gettext("Name shown to members"),
            tr.gettext("Role"),
            tr.gettext("Networks"),
            tr.gettext("Polls run"),
            tr.gettext("Outcomes reported"),
            tr.gettext("Progress updates"),
            tr.gettext("Meetings attended"),
            tr.gettext("Hours given"),
        ]
    )
    for row in await store.done(db, since):
        role, places = held.get(row.member_id, ("", ""))
        name = await rep_store.display_name(db, row.member_id) or ""
        writer.writerow(
            [
                row.member_id,
                cell(name),
                cell(role),
                cell(places),
                row.polls,
                row.outcomes,
                row.progress,
                row.meetings,
                f"{row.minutes / 60:.2f}",
            ]
        )
    first = since.isoformat() if since else "all"
    return f"cydlais-involvement-{first}-to-{today.isoformat()}.csv", buffer.getvalue().encode(
        "utf-8-sig"
    )
