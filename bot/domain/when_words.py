"""The words `when.read_when` knows, in Welsh and English, with their Welsh mutations.

Welsh changes the first letter of a word after certain words: "dydd Gwener" but "nos Wener",
"ar ddydd Mawrth", "3 o Fawrth", "ym mis Tachwedd" but "yn Nhachwedd". dateparser knows
only the dictionary forms, so every form people type is listed here and mapped to one
English word the library reads without doubt. Keys are lower case with accents folded
(see `normalise`).
"""

from __future__ import annotations

import re
import unicodedata

WEEKDAYS: dict[str, int] = {
    # Monday is 0, as in datetime.weekday().
    **dict.fromkeys(("llun", "lun"), 0),
    **dict.fromkeys(("mercher", "fercher", "mer"), 2),
    **dict.fromkeys(("iau",), 3),
    **dict.fromkeys(("gwener", "wener", "gwe"), 4),
    **dict.fromkeys(("sadwrn", "sad"), 5),
    **dict.fromkeys(("sul",), 6),
    **dict.fromkeys(("monday", "mon"), 0),
    **dict.fromkeys(("tuesday", "tue", "tues"), 1),
    **dict.fromkeys(("wednesday", "wed", "weds"), 2),
    **dict.fromkeys(("thursday", "thu", "thur", "thurs"), 3),
    **dict.fromkeys(("friday", "fri"), 4),
    **dict.fromkeys(("saturday", "sat"), 5),
    **dict.fromkeys(("sunday", "sun"), 6),
}
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# "Mawrth" is both Tuesday and March; `when` decides by its neighbours.
MAWRTH = frozenset({"mawrth", "fawrth", "maw"})

MONTHS: dict[str, int] = {
    **dict.fromkeys(("ionawr", "ion"), 1),
    **dict.fromkeys(("chwefror", "chwef"), 2),
    **dict.fromkeys(("ebrill", "ebr"), 4),
    **dict.fromkeys(("mai", "fai"), 5),
    **dict.fromkeys(("mehefin", "fehefin", "meh"), 6),
    **dict.fromkeys(("gorffennaf", "orffennaf", "ngorffennaf", "gorff"), 7),
    **dict.fromkeys(("awst",), 8),
    **dict.fromkeys(("medi", "fedi"), 9),
    **dict.fromkeys(("hydref",), 10),
    **dict.fromkeys(("tachwedd", "dachwedd", "nhachwedd", "thachwedd", "tach"), 11),
    **dict.fromkeys(("rhagfyr", "ragfyr", "rhag"), 12),
    **dict.fromkeys(("january", "jan"), 1),
    **dict.fromkeys(("february", "feb"), 2),
    **dict.fromkeys(("march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("may",), 5),
    **dict.fromkeys(("june", "jun"), 6),
    **dict.fromkeys(("july", "jul"), 7),
    **dict.fromkeys(("august", "aug"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("october", "oct"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("december", "dec"), 12),
}
MONTH_NAMES = (
    *("january", "february", "march", "april", "may", "june", "july"),
    *("august", "september", "october", "november", "december"),
)

# Words that make the next word a weekday: "dydd Mawrth", "ar ddydd Iau", "nos Fawrth".
DAY_WORDS = frozenset({"dydd", "ddydd", "nydd", "nos"})
# Words that make the next word a month: "mis Mawrth", "ym mis Medi".
MONTH_WORDS = frozenset({"mis", "fis"})
NEXT = frozenset({"nesaf", "nesa", "next"})

# Whole words for whole days, as dateparser's English reads them best.
RELATIVE: dict[str, str] = {
    "heddiw": "today",
    "yfory": "tomorrow",
    "fory": "tomorrow",
    "drennydd": "in 2 days",
    "trennydd": "in 2 days",
    "heno": "today",
    "tonight": "today",
}
# Whole phrases rewritten before the words are read (dateparser reads "a week today" as
# a week ago).
PHRASES: tuple[tuple[str, str], ...] = (
    ("wythnos i heddiw", "in 7 days"),
    ("wythnos i yfory", "in 8 days"),
    ("a week today", "in 7 days"),
    ("a week tomorrow", "in 8 days"),
    ("day after tomorrow", "in 2 days"),
    ("diwrnod ar ol yfory", "in 2 days"),
    ("ymhen pythefnos", "in 14 days"),
    ("in a fortnight", "in 14 days"),
    ("ymhen wythnos", "in 7 days"),
    ("in a week", "in 7 days"),
    ("ymhen dwy wythnos", "in 14 days"),
    ("in two weeks", "in 14 days"),
)
# "in 3 weeks", "ymhen 3 wythnos": dateparser gives a week, not a day.
WEEKS = re.compile(r"\b(?:ymhen|in) (\d{1,2}) (?:wythnos|weeks?)\b")

# Parts of the day: they settle whether "am 7" is morning or evening.
MORNING = frozenset({"bore", "morning"})
LATER = frozenset({"prynhawn", "pnawn", "hwyr", "afternoon", "evening", "heno", "tonight", "nos"})

# Words with nothing to add once the others are read: articles, "of", "on", "this", "at"
# (a time has already been taken out), "mis" (its month is read on its own).
FILLERS = frozenset(
    {
        *("y", "yr", "r", "o", "ar", "ym", "yng", "yn", "yma", "ma", "am", "mis", "fis"),
        *("on", "the", "of", "this", "at", "gyda"),
    }
)

# Hours written as words (after "am" Welsh mutates them: "am ddau", "am dri", "am bump").
HOUR_WORDS: dict[str, int] = {
    "un": 1,
    **dict.fromkeys(("dau", "ddau"), 2),
    **dict.fromkeys(("tri", "dri"), 3),
    **dict.fromkeys(("pedwar", "bedwar"), 4),
    **dict.fromkeys(("pump", "bump", "pum"), 5),
    **dict.fromkeys(("chwech", "chwe"), 6),
    "saith": 7,
    "wyth": 8,
    "naw": 9,
    **dict.fromkeys(("deg", "ddeg"), 10),
    **dict.fromkeys(("un ar ddeg",), 11),
    **dict.fromkeys(("deuddeg", "ddeuddeg"), 12),
    **{word: n for n, word in enumerate(("one", "two", "three", "four", "five", "six"), 1)},
    **{word: n for n, word in enumerate(("seven", "eight", "nine", "ten", "eleven"), 7)},
    "twelve": 12,
}

# 1af, 2il, 3ydd, 4ydd, 5ed, 7fed, 11eg, 21ain; 1st, 2nd, 3rd, 4th.
ORDINAL = re.compile(r"\b(\d{1,2})(?:af|il|ydd|edd|ed|fed|eg|ain|st|nd|rd|th)\b")


def normalise(text: str) -> str:
    """Lower case, accents folded (ŵ→w, ô→o), straight apostrophes, dotted am/pm closed up
    ("y.p." → "yp", "p.m." → "pm"), sentence punctuation gone, single spaces."""
    text = text.casefold().replace("’", "'").replace("‘", "'").replace("`", "'")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"\b([ap])\.\s?m\b\.?", r"\1m", text)
    text = re.sub(r"\by\.\s?([bhp])\b\.?", r"y\1", text)
    text = re.sub(r"[,;!?()\[\]\"]", " ", text)
    # A range such as "14:00-16:00" or "2pm–4pm" is two times (dates keep their dashes).
    text = re.sub(r"(\d[:.]\d\d|\d\s?(?:am|pm|y[bhp]))\s*[-–—]\s*", r"\1 - ", text)
    text = re.sub(r"\.(?=\s|$)", " ", text)  # a full stop, not "2.30" or "3.12.2026"
    text = ORDINAL.sub(r"\1", text)
    text = " ".join(text.split())
    for phrase, plain in PHRASES:
        text = re.sub(rf"\b{phrase}\b", plain, text)
    return WEEKS.sub(lambda m: f"in {7 * int(m[1])} days", text)
