"""Translations: both catalogs loaded once; a translator per update or per recipient.

Never `install()`: handlers run concurrently for members of different languages, so each
gets its own `Tr`. The `.po` catalogs are read as package resources (`locales/` is installed
as `bot.locales`) and compiled in memory at start (about 20 ms for both): a fresh clone and
an installed wheel work alike, and no stale `.mo` file can ever be shown.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from datetime import tzinfo
from functools import cache
from importlib import resources
from typing import Literal

from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

Lang = Literal["cy", "en"]
LANGS: tuple[Lang, ...] = ("cy", "en")  # Welsh first wherever both are shown

DOMAIN = "messages"
# Babel locale per language: English dates in British order, not US.
BABEL_LOCALE: dict[Lang, str] = {"cy": "cy", "en": "en_GB"}


def N_(message: str) -> str:
    """Mark a string for extraction; it is translated later, where the language is known."""
    return message


def as_lang(code: str | None) -> Lang | None:
    """`cy`/`en` from a Telegram language_code such as `en-GB`; None for anything else."""
    if not code:
        return None
    base = code.split("-")[0].split("_")[0].lower()
    for lang in LANGS:
        if base == lang:
            return lang
    return None


# The languages' names come from the catalog like any other word, so a Welsh reader sees
# "Cymraeg" and "Saesneg", an English reader "Welsh" and "English".
LANGUAGE_NAMES: dict[Lang, str] = {
    # TRANSLATORS: the name of the Welsh language, as readers of this catalog call it.
    "cy": N_("Welsh"),
    # TRANSLATORS: the name of the English language, as readers of this catalog call it.
    "en": N_("English"),
}


def _load(lang: Lang) -> Translations:
    po = resources.files("bot.locales").joinpath(lang, "LC_MESSAGES", f"{DOMAIN}.po")
    with po.open("rb") as fp:
        catalog = read_po(fp, locale=lang, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)  # fuzzy entries are never shown to people
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


@cache
def catalogs() -> dict[Lang, Translations]:
    return {lang: _load(lang) for lang in LANGS}


@dataclass(frozen=True, slots=True)
class Tr:
    """One person's translator: gettext, plurals and dates in their language."""

    lang: Lang
    tz: tzinfo
    _t: Translations

    def gettext(self, message: str) -> str:
        return str(self._t.gettext(message))

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return str(self._t.ngettext(singular, plural, n))

    def pgettext(self, context: str, message: str) -> str:
        return str(self._t.pgettext(context, message))

    def language(self, lang: Lang) -> str:
        """A language's name for this reader: "Saesneg" for English, to a Welsh reader."""
        return self.gettext(LANGUAGE_NAMES[lang])

    @property
    def locale(self) -> str:
        return BABEL_LOCALE[self.lang]

    def date(self, value: dt.date | dt.datetime, fmt: str = "long") -> str:
        if isinstance(value, dt.datetime):
            value = value.astimezone(self.tz).date()
        return str(format_date(value, format=fmt, locale=self.locale))

    def datetime(self, value: dt.datetime, fmt: str = "long") -> str:
        """Date and time in the configured zone, e.g. '5 Tachwedd 2025 am 14:30'."""
        day = format_date(value.astimezone(self.tz).date(), format=fmt, locale=self.locale)
        clock = format_time(value, format="HH:mm", tzinfo=self.tz, locale=self.locale)
        # TRANSLATORS: a date, then a time of day (14:30).
        return self.gettext("{date} at {time}").format(date=day, time=clock)


def translator(lang: Lang, tz: tzinfo) -> Tr:
    return Tr(lang, tz, catalogs()[lang])


SEPARATOR = "\n\n— — —\n\n"  # between the Welsh and the English of one message


def endonym(lang: Lang) -> str:
    """A language's name in that language ("Cymraeg", "English"): the language buttons."""
    return catalogs()[lang].gettext(LANGUAGE_NAMES[lang])


def both(message: str, tz: tzinfo) -> str:
    """The same message in Welsh then English, for people whose language is not yet known."""
    return SEPARATOR.join(translator(lang, tz).gettext(message) for lang in LANGS)
