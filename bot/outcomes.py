"""You said, we did: outcomes in Welsh and English, what they answer, their progress, and
sending them to the network as progress updates through the delivery queue.

An outcome is written in both languages: what people said, and what was decided or changed.
It may answer a digest topic of its network. Recording it can go to every active member of
the network, each in their language; so can each progress update, which joins the
outcome's history. A review day reminds the author (`bot.outcomes_review`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, tzinfo

from bot import delivery
from bot.delivery import Outgoing
from bot.domain import counting
from bot.i18n import LANGS, N_, Lang, Tr, translator
from bot.polls import results as poll_results
from bot.storage import Database, audit, constituencies
from bot.storage import broadcasts as audience
from bot.storage import meetings as meeting_store
from bot.storage import outcomes as store
from bot.storage import polls as poll_store
from bot.storage import suggestions as suggestion_store
from bot.storage import topics as topic_store
from bot.storage.broadcasts import Recipient
from bot.storage.db import Tx, utcnow
from bot.storage.outcomes import Outcome, Progress
from bot.tg.text import esc

MIN_CHARS = 3
MAX_CHARS = 1000  # each of the four texts, and each progress update, per language
REVIEW_MONTHS = (1, 3, 6)
MAX_REVIEW_DAYS = 731
SHORT = 280  # what people said and did, shortened in a progress update (the whole is in /outcomes)

delivery.REPORT_TITLES.update(
    {
        "outcome": N_("<b>Your “You said, we did” has been sent.</b>"),
        "outcome.progress": N_("<b>Your progress update has been sent.</b>"),
    }
)


def people(tr: Tr, n: int, minimum: int) -> str:
    """How many people a message to one network reaches, through the one counting rule."""
    return counting.counted(tr, counting.count(n, minimum), counting.PEOPLE)


def review_ok(day: date, today: date) -> bool:
    """A review day is after today and within two years."""
    return 0 < (day - today).days <= MAX_REVIEW_DAYS


def shorten(text: str, limit: int = SHORT) -> str:
    """Plain text cut at a word before `limit`, with an ellipsis (escape it after)."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(",.;: ") + "…"


async def link_lines(db: Database, tr: Tr, outcome: Outcome, minimum: int) -> list[str]:
    """What the outcome answers, in the reader's language: HTML lines, perhaps none.

    A closed poll brings its question, its closing day and, if its author shared the results
    with members, those results as members were shown them (through the counting rule). A
    topic members suggested for a meeting brings the meeting and the words suggested (as
    anonymous, and as redacted, as when they were suggested)."""
    if outcome.poll_id is not None:
        poll = await poll_store.get(db, outcome.poll_id)
        if poll is not None and poll.closed_at is not None:
            lines = [
                tr.gettext("In answer to the poll “{question}”, closed on {date}.").format(
                    question=esc(poll.question(tr.lang)), date=tr.date(poll.closed_at)
                )
            ]
            shown = poll_results.rows(tr, poll, minimum) if poll.share else []
            if shown:
                counted = " · ".join(
                    f"{esc(row.label)}: {row.words}"
                    + (f" ({row.percent}%)" if row.percent is not None else "")
                    for row in shown
                )
                lines.append(tr.gettext("How members answered: {results}").format(results=counted))
            return lines
    if outcome.suggestion_id is not None:
        suggestion = await suggestion_store.get(db, outcome.suggestion_id)
        meeting = await meeting_store.get(db, suggestion.meeting_id) if suggestion else None
        if suggestion is not None and meeting is not None and meeting.starts_at is not None:
            return [
                tr.gettext(
                    "In answer to a topic members suggested for the meeting “{meeting}” on "
                    "{date}: “{topic}”."
                ).format(
                    meeting=esc(meeting.title(tr.lang)),
                    date=tr.date(meeting.starts_at),
                    topic=esc(shorten(suggestion.text, 160)),
                )
            ]
    if outcome.topic_id is not None:
        topic = await topic_store.get(db, outcome.topic_id)
        if topic is not None:
            return [
                tr.gettext("In answer to the topic “{title}”.").format(
                    title=esc(topic.title(tr.lang))
                )
            ]
    return []


async def place_name(db: Database, outcome: Outcome, lang: Lang) -> str:
    place = await constituencies.get(db, outcome.constituency_id)
    return place.name(lang) if place else ""


async def render(db: Database, tr: Tr, outcome: Outcome, minimum: int) -> str:
    """The outcome as its network's members receive it, in the reader's language."""
    lines = [
        tr.gettext("<b>You said, we did</b>")
        + f" · <i>{esc(await place_name(db, outcome, tr.lang))}</i>",
        "",
        tr.gettext("<b>You said:</b> {text}").format(text=esc(outcome.said(tr.lang))),
        tr.gettext("<b>We did:</b> {text}").format(text=esc(outcome.did(tr.lang))),
    ]
    link = await link_lines(db, tr, outcome, minimum)
    if link:
        lines += ["", *(f"<i>{line}</i>" for line in link)]
    if outcome.review_on is not None:
        lines.append(
            tr.gettext("We'll report on progress by {date}.").format(
                date=tr.date(outcome.review_on)
            )
        )
    lines += ["", tr.gettext("Every outcome for your network: /outcomes")]
    return "\n".join(lines)


async def render_progress(db: Database, tr: Tr, outcome: Outcome, progress: Progress) -> str:
    """A progress update as the network's members receive it."""
    when = progress.added_at or utcnow()  # rendered just before it is added
    return "\n".join(
        [
            tr.gettext("<b>Progress: you said, we did</b>")
            + f" · <i>{esc(await place_name(db, outcome, tr.lang))}</i>",
            "",
            tr.gettext("<b>You said:</b> {text}").format(text=esc(shorten(outcome.said(tr.lang)))),
            tr.gettext("<b>We did:</b> {text}").format(text=esc(shorten(outcome.did(tr.lang)))),
            "",
            tr.gettext("<b>Progress, {date}:</b> {text}").format(
                date=tr.date(when), text=esc(progress.text(tr.lang))
            ),
            "",
            tr.gettext("The whole story: /outcomes"),
        ]
    )


async def recipients(db: Database, constituency_id: int) -> list[Recipient]:
    """Every active member of the network."""
    return await audience.recipients(db, "constituencies", [constituency_id])


async def record(
    db: Database,
    outcome: Outcome,
    *,
    send: bool,
    author_id: int,
    report_chat_id: int,
    report_lang: Lang,
    tz: tzinfo,
    minimum: int,
) -> int | None:
    """Record a draft, and queue it for the network if `send`; returns how many it goes to
    (0 when not sent), or None if it was recorded already (a second press)."""
    people_ = await recipients(db, outcome.constituency_id) if send else []
    texts = {lang: await render(db, translator(lang, tz), outcome, minimum) for lang in LANGS}
    async with db.transaction() as tx:  # nothing but `tx` inside: `db` would wait for itself
        report = (author_id, report_chat_id, report_lang)
        batch_id = await _queue(tx, "outcome", outcome, people_, texts, report)
        if not await store.mark_recorded(tx, outcome.id, batch_id):
            return None
        await audit.record(
            tx,
            author_id,
            "outcome.recorded",
            outcome=outcome.id,
            network=outcome.constituency_id,
            sent=batch_id is not None,
        )
    return len(people_)


async def add_progress(
    db: Database,
    outcome: Outcome,
    progress: Progress,
    *,
    send: bool,
    author_id: int,
    report_chat_id: int,
    report_lang: Lang,
    tz: tzinfo,
) -> int | None:
    """Add an update to the outcome's history, and queue it for the network if `send`;
    returns how many it goes to, or None if it was added already."""
    people_ = await recipients(db, outcome.constituency_id) if send else []
    texts = {
        lang: await render_progress(db, translator(lang, tz), outcome, progress) for lang in LANGS
    }
    async with db.transaction() as tx:  # nothing but `tx` inside: `db` would wait for itself
        report = (author_id, report_chat_id, report_lang)
        batch_id = await _queue(tx, "outcome.progress", outcome, people_, texts, report)
        if not await store.mark_added(tx, progress.id, batch_id):
            return None
        await audit.record(
            tx,
            author_id,
            "outcome.progress",
            outcome=outcome.id,
            network=outcome.constituency_id,
            sent=batch_id is not None,
        )
    return len(people_)


async def _queue(
    tx: Tx,
    kind: str,
    outcome: Outcome,
    people: Sequence[Recipient],
    texts: Mapping[Lang, str],
    report: tuple[int, int, Lang],
) -> int | None:
    """Queue an outcome or its progress for the network, each reader in their language; the
    batch's id, or None when it goes to nobody (recorded quietly)."""
    if not people:
        return None
    author_id, report_chat_id, report_lang = report
    return await delivery.enqueue_in(
        tx,
        kind=kind,
        messages=[Outgoing(p.chat_id, texts[p.language], p.member_id) for p in people],
        created_by=author_id,
        report_chat_id=report_chat_id,
        report_lang=report_lang,
        label=f"#{outcome.id}",
    )
