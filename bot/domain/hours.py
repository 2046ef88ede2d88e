"""Reading the time a representative gave, as they type it: "2", "2.5", "2,5", "2½",
"1:30", "1h30", "1 awr 30 munud", "90 min", "90 munud". Pure: no Telegram, no storage.

    read_minutes("1 awr 30 munud") -> 90        read_minutes("lots") -> None

At most a day (24 hours) at a time, at least a minute; a decimal comma is a decimal point.
"""

from __future__ import annotations

import re
import unicodedata

MAX_MINUTES = 24 * 60
_HOURS = r"(?:h|hr|hrs|hour|hours|awr|oriau|o)"
_MINUTES = r"(?:m|min|mins|minute|minutes|munud|mun)"
_FRACTIONS = {"½": ".5", "¼": ".25", "¾": ".75"}


def _clean(text: str) -> str:
    text = text.strip().casefold()
    for fraction, decimal in _FRACTIONS.items():  # before NFKC, which spells ½ as 1⁄2
        text = re.sub(rf"(\d)\s*{fraction}", rf"\g<1>{decimal}", text)
        text = text.replace(fraction, "0" + decimal)
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"(\d),(\d)", r"\1.\2", text)
    return re.sub(r"\s+", " ", text)


def read_minutes(text: str) -> int | None:
    """Minutes from 1 to 24 hours' worth, or None if it can't be read as a length of time."""
    found = _read(_clean(text)) if len(text) <= 40 else None
    return found if found is not None and 1 <= found <= MAX_MINUTES else None


def _read(text: str) -> int | None:
    if match := re.fullmatch(rf"(\d+(?:\.\d+)?) ?(?:{_HOURS})?", text):
        return round(float(match[1]) * 60)
    if match := re.fullmatch(r"(\d+):([0-5]\d)", text):
        return int(match[1]) * 60 + int(match[2])
    if match := re.fullmatch(rf"(\d+) ?{_HOURS}\.? ?(?:a |and |ac )?(\d+) ?(?:{_MINUTES})?", text):
        return int(match[1]) * 60 + int(match[2])
    if match := re.fullmatch(rf"(\d+) ?{_MINUTES}", text):
        return int(match[1])
    return None


__all__ = ["MAX_MINUTES", "read_minutes"]
