"""What people read about a meeting, in their language: details, reminders, changes.

Every value the organiser typed (title, place, agenda) is escaped; a place that is an online
link is shown as the link itself, never behind a label someone could make say anything.
Dates and times are Babel's, in the configured time zone, with the weekday in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.i18n import Lang, Tr
from bot.storage.meetings import Meeting, Paper
from bot.tg.text import esc

AGENDA_ITEMS = 20
_BULLET = re.compile(r"^\s*(?:[-•*·]|\d{1,2}[.)])\s*")


@dataclass(frozen=True, slots=True)
class Details:
    """A meeting with what its texts need, read once however many people receive them."""

    meeting: Meeting
    networks: dict[Lang, list[str]]  # names in each language
    papers: list[Paper] = field(default_factory=list)
    suggested: list[tuple[Lang, str]] = field(default_factory=list)  # on the agenda: (lang, text)

    @property
    def start(self) -> datetime:
        assert self.meeting.starts_at is not None
        return self.meeting.starts_at


def agenda_items(text: str) -> list[str]:
    """The agenda as typed, one item a line, without the numbers or bullets people type."""
    items = [_BULLET.sub("", line).strip() for line in text.splitlines()]
    return [item for item in items if item]


def is_link(place: str) -> bool:
    return bool(re.match(r"^(https?://|www\.)\S+$", place.strip(), re.IGNORECASE))


def when(tr: Tr, start: datetime) -> str:
    """ "Dydd Iau, 3 Rhagfyr 2026 am 14:00": the weekday always, so a slip shows."""
    return tr.datetime(start, "full")


def duration(tr: Tr, minutes: int) -> str:
    if minutes % 60 == 0:
        return tr.ngettext("{n} hour", "{n} hours", minutes // 60).format(n=minutes // 60)
    return tr.ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)


def details_text(tr: Tr, d: Details, *, title: bool = True) -> str:
    """The meeting as a block: title, networks, when, how long, where, agenda, papers."""
    m = d.meeting
    lang = tr.lang
    lines: list[str] = []
    if title:
        lines.append(f"<b>{esc(m.title(lang))}</b>")
    if d.networks.get(lang):
        lines.append(f"<i>{esc(', '.join(d.networks[lang]))}</i>")
    lines.append("")
    if m.starts_at is not None:
        lines.append(tr.gettext("When: {when}").format(when=when(tr, m.starts_at)))
        lines.append(tr.gettext("How long: {duration}").format(duration=duration(tr, m.minutes)))
    if m.place:
        lines.append(tr.gettext("Where: {place}").format(place=esc(m.place)))
    items = agenda_items(m.agenda(lang))
    if items or d.suggested:
        lines += ["", tr.gettext("<b>Agenda</b>")]
        lines += [f"{n}. {esc(item)}" for n, item in enumerate(items, start=1)]
        for written, text in d.suggested:
            note = tr.gettext("suggested by members")
            if written != lang:
                note += ", " + (
                    tr.gettext("written in Welsh")
                    if written == "cy"
                    else tr.gettext("written in English")
                )
            lines.append(f"• {esc(text)} <i>({note})</i>")
    if d.papers:
        names = ", ".join(esc(p.file_name) for p in d.papers)
        lines += ["", tr.gettext("Papers: {names}").format(names=names)]
    return "\n".join(lines)


def how_soon(tr: Tr, start: datetime, sent: datetime) -> str:
    """ "It is tomorrow." / "It is in 7 days." / "It starts in about 2 hours.", from when the
    message goes out (not when it fell due: quiet hours may hold it)."""
    left = start - sent
    if left < timedelta(hours=12):
        hours = round(left.total_seconds() / 3600)
        if hours < 1:
            return tr.gettext("It starts in less than an hour.")
        return tr.ngettext(
            "It starts in about {n} hour.", "It starts in about {n} hours.", hours
        ).format(n=hours)
    days = (start.astimezone(tr.tz).date() - sent.astimezone(tr.tz).date()).days
    if days <= 0:
        return tr.gettext("It is today.")
    if days == 1:
        return tr.gettext("It is tomorrow.")
    return tr.ngettext("It is in {n} day.", "It is in {n} days.", days).format(n=days)


def reminder_text(tr: Tr, d: Details, sent: datetime, *, first: bool, carries_papers: bool) -> str:
    """A reminder; `first`: the member's first message about it (the calendar file follows)."""
    heading = (
        tr.gettext("<b>Meeting reminder</b>")
        if not first
        else tr.gettext("<b>A meeting for you</b>")
    )
    lines = [heading, how_soon(tr, d.start, sent), "", details_text(tr, d), ""]
    if carries_papers and d.papers:
        lines.append(
            tr.ngettext(
                "The paper for the meeting follows this message: please read it before the meeting.",
                "The papers for the meeting follow this message: please read them before the meeting.",
                len(d.papers),
            )
        )
    elif carries_papers:
        lines.append(
            tr.gettext(
                "The papers for the meeting aren't ready yet: they'll follow as soon as they are."
            )
        )
    if first:
        lines.append(
            tr.gettext("A calendar file follows too: open it to add the meeting to your calendar.")
        )
    lines.append(
        tr.gettext(
            "Can you come? Press a button below: you can change your answer until the meeting starts."
        )
    )
    return "\n".join(lines)


def change_text(tr: Tr, d: Details, what: set[str], old_start: datetime | None) -> str:
    lines = [tr.gettext("<b>Change to a meeting</b>")]
    if "when" in what and old_start is not None:
        lines.append(
            tr.gettext("It has moved: it is now on {new}, not {old}.").format(
                new=when(tr, d.start), old=when(tr, old_start)
            )
        )
    if "place" in what:
        lines.append(tr.gettext("It is now somewhere else: see “Where” below."))
    if "agenda" in what:
        lines.append(tr.gettext("The agenda has changed."))
    if "title" in what:
        lines.append(tr.gettext("Its name has changed."))
    if "duration" in what:
        lines.append(tr.gettext("It is now a different length."))
    lines += ["", details_text(tr, d), ""]
    if "when" in what:
        lines.append(
            tr.gettext("An updated calendar file follows: open it to change your calendar.")
        )
    lines.append(
        tr.gettext("Can you still come? Your answer stays as it was unless you change it below.")
    )
    return "\n".join(lines)


def cancel_text(tr: Tr, d: Details) -> str:
    return "\n".join(
        [
            tr.gettext("<b>Meeting cancelled</b>"),
            tr.gettext("“{title}” on {when} will not take place.").format(
                title=esc(d.meeting.title(tr.lang)), when=when(tr, d.start)
            ),
            "",
            tr.gettext(
                "If you added it to your calendar, the file that follows takes it out in most "
                "calendar apps; if yours keeps it, please delete it by hand."
            ),
        ]
    )


def paper_caption(tr: Tr, d: Details, name: str, *, late: bool) -> str:
    title = esc(d.meeting.title(tr.lang))
    if late:
        return tr.gettext(
            "<b>A late paper</b> for “{title}” ({when}). Sorry it comes late: please read it "
            "before the meeting if you can."
        ).format(title=title, when=when(tr, d.start))
    return tr.gettext("Paper for “{title}”: {name}").format(title=title, name=esc(name))


def warning_text(tr: Tr, d: Details) -> str:
    return "\n".join(
        [
            tr.gettext("<b>No papers yet</b>"),
            tr.gettext(
                "The first reminder for “{title}” ({when}) has gone to members without papers. "
                "Members need time to prepare: please send the papers as soon as you can."
            ).format(title=esc(d.meeting.title(tr.lang)), when=when(tr, d.start)),
            tr.gettext(
                "Send /meeting, choose the meeting and press “Add papers”. Papers added from now "
                "go to everyone at once, marked as late."
            ),
        ]
    )
