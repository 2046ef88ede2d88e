"""A meeting's messages as delivery rows: made once per language, handed to each member."""

from __future__ import annotations

from datetime import datetime

from telegram import InlineKeyboardMarkup

from bot.config import Settings
from bot.delivery import Outgoing
from bot.i18n import LANGS, Lang, Tr, translator
from bot.meetings import texts
from bot.meetings.buttons import Reminders, member_keyboard
from bot.meetings.calendar_file import calendar_document
from bot.meetings.texts import Details
from bot.storage import constituencies, meetings, suggestions
from bot.storage.db import Queries
from bot.storage.meetings import Meeting
from bot.storage.reminders import Recipient
from bot.storage.rsvps import Answer


async def details(db: Queries, meeting: Meeting) -> Details:
    """Everything the texts need: network names in both languages, papers, suggestions."""
    names: dict[Lang, list[str]] = {lang: [] for lang in LANGS}
    for network_id in meeting.network_ids:
        place = await constituencies.get(db, network_id)
        if place is not None:
            for lang in LANGS:
                names[lang].append(place.name(lang))
    on_agenda = [(s.language, s.text) for s in await suggestions.on_agenda(db, meeting.id)]
    return Details(meeting, names, await meetings.papers(db, meeting.id), on_agenda)


class Messages:
    """One kind of message about a meeting, rendered once per language and answer."""

    def __init__(self, d: Details, settings: Settings, bot_username: str) -> None:
        self.d = d
        self.settings = settings
        self.bot_username = bot_username
        self._tr = {lang: translator(lang, settings.timezone) for lang in LANGS}
        self._texts: dict[tuple[Lang, bool], str] = {}
        self._calendar: dict[Lang, tuple[str, bytes]] = {}
        self._keyboards: dict[tuple[Lang, Answer | None, Reminders], InlineKeyboardMarkup] = {}

    def tr(self, lang: Lang) -> Tr:
        return self._tr[lang]

    def calendar(self, lang: Lang, *, cancelled: bool = False) -> tuple[str, bytes]:
        if lang not in self._calendar:
            self._calendar[lang] = calendar_document(
                self.d, self.tr(lang), self.bot_username, cancelled=cancelled
            )
        return self._calendar[lang]

    def keyboard(self, who: Recipient, answer: Answer | None) -> InlineKeyboardMarkup:
        """Made once for each language, answer and reminder setting, however many get it."""
        reminders: Reminders = None if who.all_off else "on"
        key = (who.language, answer, reminders)
        if key not in self._keyboards:
            self._keyboards[key] = member_keyboard(
                self.tr(who.language),
                self.d.meeting.id,
                answer,
                papers=len(self.d.papers),
                reminders=reminders,
            )
        return self._keyboards[key]

    def _files(self, who: Recipient, *, calendar: bool, papers: bool) -> list[Outgoing]:
        tr = self.tr(who.language)
        out: list[Outgoing] = []
        if calendar:
            out.append(
                Outgoing(who.chat_id, "", who.member_id, document=self.calendar(who.language))
            )
        if papers:
            out += [
                Outgoing(
                    who.chat_id,
                    "",
                    who.member_id,
                    file_id=p.file_id,
                    caption=texts.paper_caption(tr, self.d, p.file_name, late=False),
                )
                for p in self.d.papers
            ]
        return out

    def reminder(self, who: Recipient, sent: datetime, answer: Answer | None) -> list[Outgoing]:
        """The reminder, with the calendar file and the papers if it is their first."""
        key = (who.language, who.first)
        tr = self.tr(who.language)
        if key not in self._texts:
            self._texts[key] = texts.reminder_text(
                tr, self.d, sent, first=who.first, carries_papers=who.first
            )
        markup = self.keyboard(who, answer)
        first = Outgoing(who.chat_id, self._texts[key], who.member_id, markup=markup)
        return [first, *self._files(who, calendar=who.first, papers=who.first)]

    def change(
        self, who: Recipient, what: set[str], old_start: datetime | None, answer: Answer | None
    ) -> list[Outgoing]:
        key = (who.language, False)
        tr = self.tr(who.language)
        if key not in self._texts:
            self._texts[key] = texts.change_text(tr, self.d, what, old_start)
        markup = self.keyboard(who, answer)
        message = Outgoing(who.chat_id, self._texts[key], who.member_id, markup=markup)
        return [message, *self._files(who, calendar="when" in what, papers=False)]

    def cancelled(self, who: Recipient) -> list[Outgoing]:
        key = (who.language, True)
        tr = self.tr(who.language)
        if key not in self._texts:
            self._texts[key] = texts.cancel_text(tr, self.d)
        document = self.calendar(who.language, cancelled=True)
        return [
            Outgoing(who.chat_id, self._texts[key], who.member_id),
            Outgoing(who.chat_id, "", who.member_id, document=document),
        ]

    def late_paper(self, who: Recipient, file_id: str) -> Outgoing:
        caption = texts.paper_caption(self.tr(who.language), self.d, "", late=True)
        return Outgoing(who.chat_id, "", who.member_id, file_id=file_id, caption=caption)
