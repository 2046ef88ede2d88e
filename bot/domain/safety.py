"""Offering support when a view suggests someone may be in crisis. Never blocking.

The phrases are the curated list in `data/crisis_phrases.txt`; they are matched without
regard to case, on word boundaries, with Welsh accents folded (people often leave out the
to bach, so "methu â" and "methu a" both match) and curly apostrophes made straight. A
match only *adds* an offer of support lines: the view is still accepted, nothing is
reported, and the person is told plainly that views are not read in real time.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from bot.domain.crisis_phrases import load_crisis_phrases
from bot.domain.support_lines import SupportLine, load_support_lines
from bot.i18n import Tr
from bot.tg.text import esc


def normalise(text: str) -> str:
    """Lower case, accents folded (ŵ→w, â→a), straight apostrophes, single spaces."""
    text = text.replace("’", "'").replace("‘", "'").casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", folded)


@cache
def _pattern() -> re.Pattern[str]:
    phrases = sorted({normalise(p) for p in load_crisis_phrases()}, key=len, reverse=True)
    alternatives = (re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")


def suggests_crisis(text: str) -> bool:
    """True if the text contains one of the curated crisis phrases."""
    return _pattern().search(normalise(text)) is not None


def shown_lines() -> list[SupportLine]:
    """Only lines whose details the project has verified; an unchecked number helps nobody."""
    return [line for line in load_support_lines() if line.is_verified]


def support_message(tr: Tr, *, view: bool = True, opening: str | None = None) -> str:
    """Support lines in the person's language, with Welsh-language options and hours.

    `view`: the words are a view being written (they will reach representatives); otherwise
    a message that no journey was waiting for, which nobody reads at all. `opening`, already
    translated, says what happens to other words (an agenda topic others will read).
    """
    lang = tr.lang
    if opening is None and view:
        opening = tr.gettext(
            "It sounds as if things may be very hard for you right now. Thank you for telling us. "
            "Your view will still reach your representatives, but <b>views are not read in real "
            "time</b>, so nobody will see this straight away. If you need support now, you can "
            "contact any of these:"
        )
    elif opening is None:
        opening = tr.gettext(
            "It sounds as if things may be very hard for you right now. Thank you for telling me. "
            "<b>Messages to me are not read by a person</b>, so nobody will see this. If you "
            "need support now, you can contact any of these:"
        )
    parts = [opening]
    for line in shown_lines():
        block = [f"<b>{esc(line.name(lang))}</b>", esc(line.contact(lang))]
        block.append(tr.gettext("When: {hours}").format(hours=esc(line.hours(lang))))
        if line.welsh_language == "yes":
            block.append(tr.gettext("You can talk in Welsh on this line."))
        block.append(esc(line.notes(lang)))
        parts.append("\n".join(block))
    return "\n\n".join(parts)
