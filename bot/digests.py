"""What a digest says: counts, reach and the views, for one constituency and period.

Views are shown in random order (never by time, so timing cannot tell who wrote what),
each in the language it was written. Every count goes through the one counting rule
(`bot.domain.counting`): people (members, and those who gave a view, by how they describe
themselves) and views by language alike (issue 9).

A period is the run of days one scheduled digest covers (`bot.domain.periods`): a week, or
up to thirteen days after the digest's day was changed, never delivered twice. Reach is
marked when a view is given, under a tag whose secret is destroyed when the period ends
(`bot.views`), so a digest can say how many distinct members gave a view without anyone
ever being able to say who. Counts are on the same clock as the views they count: "this
week so far" shows views up to yesterday and no reach at all, because reach that moved
from one day to the next would say who gave the view that appeared (and how they describe
themselves); reach is shown for whole periods only.
"""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from bot.domain import counting
from bot.domain.counting import MEMBERS
from bot.domain.periods import Period
from bot.domain.spreadsheet import cell
from bot.i18n import LANGS, N_, Tr
from bot.storage import Database
from bot.storage import topics as topic_store
from bot.storage import views as view_store
from bot.storage.constituencies import Constituency
from bot.storage.members import SelfDescription
from bot.storage.topics import Topic
from bot.storage.views import Counts, View
from bot.tg.text import MAX_TEXT, esc, shown_len, split_message

CHAT_BUDGET = 12_000  # characters of views shown in the chat; all of them are in the file
PART_LIMIT = MAX_TEXT - 96
_RANDOM = secrets.SystemRandom()  # the OS's randomness: the order must not be predictable
GROUPS: dict[SelfDescription | None, str] = {
    "service_user": N_("Use or have used services"),
    "carer": N_("Care for someone"),
    # TRANSLATORS: a digest line: members who both use services and care for someone.
    "both": N_("Both"),
    None: N_("Not said, or in a small group"),
}


@dataclass(frozen=True, slots=True)
class DigestData:
    constituency: Constituency
    period: Period
    views: list[View]  # in random order
    counts: Counts
    topics: dict[int, Topic]
    members: dict[SelfDescription | None, int]
    reach: dict[SelfDescription | None, int]
    small: bool = False  # fewer members than the minimum group: views were sent knowingly
    so_far: bool = False  # the period under way, up to yesterday (/digest "this week so far")

    @property
    def complete(self) -> bool:
        """A whole period (not "so far"): only then is reach shown. Not a matter of length:
        after a change of day, the period under way can be longer than a week."""
        return not self.so_far


async def gather(
    db: Database,
    constituency: Constituency,
    period: Period,
    *,
    minimum: int = 0,
    coordinators: frozenset[int] = frozenset(),
    so_far: bool = False,
    shuffle: Callable[[list[View]], None] = _RANDOM.shuffle,
) -> DigestData:
    cid = constituency.id
    found = await view_store.between(db, cid, period.first, period.last)
    shuffle(found)
    return DigestData(
        constituency=constituency,
        period=period,
        views=found,
        counts=await view_store.counts(db, cid, period.first, period.last),
        topics=await topic_store.all_in(db, cid),
        members=await view_store.members_by_category(db, cid),
        reach=await view_store.reach(db, cid, period.key),
        small=await view_store.voices(db, cid, coordinators) < minimum,
        so_far=so_far,
    )


def _topic_label(tr: Tr, data: DigestData, topic_id: int | None) -> str:
    topic = data.topics.get(topic_id) if topic_id is not None else None
    # TRANSLATORS: the topic of a view that is about none of the topics offered.
    return topic.title(tr.lang) if topic is not None else tr.gettext("Something else")


def _by_group(counts: dict[SelfDescription | None, int]) -> dict[SelfDescription | None, int]:
    """Counts under the digest's groups; "prefer not to say" joins "not said", so the parts
    always add up to the whole and no left-over can be worked out by subtraction."""
    grouped: dict[SelfDescription | None, int] = dict.fromkeys(GROUPS, 0)
    for key, n in counts.items():
        grouped[key if key in GROUPS else None] += n
    return grouped


def summary(data: DigestData, tr: Tr, min_group: int) -> str:
    """The counts and reach: the first message of a digest."""
    name = esc(data.constituency.name(tr.lang))
    lines = [
        tr.gettext("<b>Views from {name}</b>").format(name=name),
        # TRANSLATORS: the days a digest covers: two dates.
        tr.gettext("{first} to {last}").format(
            first=tr.date(data.period.first), last=tr.date(data.period.last)
        ),
        "",
        tr.gettext("<b>Views given: {n}</b>").format(n=data.counts.total),
    ]
    if data.counts.total:
        languages = counting.parts(
            {lang: data.counts.by_language.get(lang, 0) for lang in LANGS}, min_group
        )
        by_language = ", ".join(
            f"{tr.language(lang)} {counting.label(tr, languages[lang])}" for lang in LANGS
        )
        lines.append(tr.gettext("By language: {list}").format(list=by_language))
    topic_lines = []
    shown = {t for t in data.counts.by_topic if t is not None} | {
        t.id for t in data.topics.values() if t.open
    }
    for topic_id in sorted(shown):
        topic = data.topics[topic_id]
        title = esc(topic.title(tr.lang))
        if not topic.open:
            title = tr.gettext("{title} (closed)").format(title=title)
        topic_lines.append(f"• {title}: {data.counts.by_topic.get(topic_id, 0)}")
    if None in data.counts.by_topic:
        topic_lines.append(f"• {tr.gettext('Something else')}: {data.counts.by_topic[None]}")
    if topic_lines:
        lines += ["", tr.gettext("<b>By topic</b> (open topics are listed even with no views)")]
        lines += topic_lines
    lines += ["", tr.gettext("<b>Who took part</b>")]
    lines += _took_part(data, tr, min_group)
    if data.small:
        lines += [
            "",
            tr.gettext(
                "Apart from its representatives and coordinators, who read its views, this network "
                "has fewer than {n} members: too few for a view to stay anonymous. Its members are "
                "told so before they send one: the views here come only from members who chose to "
                "send anyway."
            ).format(n=min_group),
        ]
    lines += ["", counting.note(tr, min_group)]
    return "\n".join(lines)


def _took_part(data: DigestData, tr: Tr, min_group: int) -> list[str]:
    """Members now; for a whole week, who gave a view and how they describe themselves."""
    members = sum(data.members.values())
    lines = [
        tr.gettext("Members of this network now: {count}").format(
            count=counting.counted(tr, counting.count(members, min_group), MEMBERS)
        )
    ]
    if not data.complete:
        lines.append(
            tr.gettext(
                "How many members gave a view is counted when the week is over, so that nobody "
                "can tell from one day to the next who gave which view."
            )
        )
        return lines
    if not data.counts.total:
        # No view, so nobody gave one: the digest says "Views given: 0" already, and "fewer
        # than 5 gave a view" beside it would only puzzle (it hides nothing).
        lines.append(tr.gettext("Nobody gave a view in this period."))
        return lines
    # Those who gave a view are a part of the members (some may have left since).
    gave = min(sum(data.reach.values()), members)
    split = counting.parts({"gave": gave, "not": members - gave}, min_group)
    lines.append(
        tr.gettext("Members who gave a view in this period: {count}").format(
            count=counting.counted(tr, split["gave"], MEMBERS)
        )
    )
    if split["gave"].exact is None:
        return lines  # without an exact whole, its parts would add up to it
    lines.append(tr.gettext("How they describe themselves:"))
    shown = counting.parts(_by_group(data.reach), min_group)
    for key, label in GROUPS.items():
        lines.append(f"• {tr.gettext(label)}: {counting.label(tr, shown[key])}")
    return lines


def view_blocks(data: DigestData, tr: Tr, budget: int = CHAT_BUDGET) -> tuple[list[str], int]:
    """The views as chat blocks within `budget` characters; and how many did not fit."""
    blocks: list[str] = []
    used = 0
    for index, view in enumerate(data.views):
        topic = esc(_topic_label(tr, data, view.topic_id))
        block = f"<i>{topic}</i> · {tr.language(view.language)}\n{esc(view.text)}"
        if blocks and used + shown_len(block) > budget:
            return blocks, len(data.views) - index
        blocks.append(block)
        used += shown_len(block) + 2
    return blocks, 0


def render(data: DigestData, tr: Tr, min_group: int, budget: int = CHAT_BUDGET) -> list[str]:
    """The digest as chat messages, each within Telegram's limit; views never cut between two
    messages unless one alone is longer than a message."""
    parts = [summary(data, tr, min_group)]
    blocks, left_out = view_blocks(data, tr, budget)
    if blocks:
        heading = tr.gettext(
            "<b>The views</b>, in random order, each in the language it was written:"
        )
        current = heading
        for block in blocks:
            # Measured as Telegram counts (an emoji is two), so a view is never cut in two
            # when it would fit in a message of its own.
            if shown_len(current) + 2 + shown_len(block) <= PART_LIMIT:
                current += "\n\n" + block
                continue
            parts.append(current)
            if shown_len(block) > PART_LIMIT:
                *whole, current = split_message(block, PART_LIMIT)
                parts += whole
            else:
                current = block
        parts.append(current)
    if left_out:
        parts.append(
            tr.ngettext(
                "…and {n} more view. All the views are in the attached file.",
                "…and {n} more views. All the views are in the attached file.",
                left_out,
            ).format(n=left_out)
        )
    return parts


def csv_caption(tr: Tr) -> str:
    """What the attached file is: the same words whether the digest was asked for or scheduled."""
    return tr.gettext("All the views, as a spreadsheet file (CSV).")


def csv_document(data: DigestData, tr: Tr) -> tuple[str, bytes]:
    """All the views as a CSV file (UTF-8 with BOM, for spreadsheets), in random order.

    A member's words are plain text here, never markup or a formula: a view written as
    `=HYPERLINK(...)` must not become a live link in a representative's spreadsheet.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    # TRANSLATORS: column headings of the digest's spreadsheet; “View” is a member's opinion
    # (barn).
    writer.writerow([tr.gettext("Topic"), tr.gettext("Language"), tr.gettext("View")])
    labels = {tid: cell(_topic_label(tr, data, tid)) for tid in [None, *data.topics]}
    writer.writerows(
        [labels.get(v.topic_id), tr.language(v.language), cell(v.text)] for v in data.views
    )
    name = (
        f"cydlais-{data.constituency.slug}-{data.period.first.isoformat()}"
        f"-{data.period.last.isoformat()}.csv"
    )
    return name, buffer.getvalue().encode("utf-8-sig")
