"""Taking personal details out of a view before anyone reads it.

Pure functions: `redact(text, lang)` replaces links, e-mail addresses, @usernames, NHS
numbers (ten digits with a valid check digit), UK phone numbers and UK postcodes with a
clear placeholder in the view's language, e.g. "[phone number removed]" or
"[rhif ffôn wedi'i dynnu]". The member sees the redacted text in the preview, so they know
exactly what their representatives will read.

Order matters: links (with or without http:// or www.) and e-mail addresses first (they
contain @ and digits), then usernames, then NHS numbers before phone numbers (a ten-digit number that passes the NHS
check is an NHS number, whatever else it might be), then postcodes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from typing import Literal

from bot.i18n import N_, Lang, translator

Kind = Literal["link", "email", "username", "nhs", "phone", "postcode"]

PLACEHOLDERS: dict[Kind, str] = {
    "link": N_("[link removed]"),
    "email": N_("[email address removed]"),
    "username": N_("[username removed]"),
    "nhs": N_("[NHS number removed]"),
    "phone": N_("[phone number removed]"),
    "postcode": N_("[postcode removed]"),
}

_TRAILING = ".,;:!?)]}'\"’”"
_LINK = re.compile(
    r"(?i)(?:\bhttps?://|\bwww\.|(?<![\w.@])(?:t|telegram)\.me/)[^\s<>\"]+",
)
# A link without http:// or www.: a host with a path ("facebook.com/jane.doe", "bit.ly/x"),
# or a bare host under a common TLD ("jane-doe.co.uk"). Not after @ (an e-mail address).
_BARE_LINK = re.compile(
    r"(?i)(?<![\w.@/-])(?:[a-z0-9][a-z0-9-]*\.)+"
    r"(?:[a-z]{2,}(?=/)|(?:com|org|net|info|uk|cymru|wales)(?![\w@-]|\.\w))(?:/[^\s<>\"]*)?"
)
_EMAIL = re.compile(r"(?i)(?<![\w.+-])[\w.+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+")
# Telegram usernames are 5-32 letters, digits and underscores; allow 4+ to be safe.
_USERNAME = re.compile(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}\b")
_NHS = re.compile(r"(?<![\d+])\d{3}[ -]?\d{3}[ -]?\d{4}(?!\d)")
# UK numbers: +44 or 0044 (optionally "(0)") or a leading 0, then 9-10 more digits, spaced
# as people write them ("07700 900123", "029 2034 5678", "(029) 2034 5678", "+44-7700-900123").
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)44[\s-]?(?:\(0\)[\s-]?)?|\(?0)(?:\d\)?[\s-]?){8,9}\d(?!\d)"
)
# The inward code's letters are never C, I, K, M, O or V: so "A1 3pm" is not a postcode.
_POSTCODE = re.compile(r"(?i)\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR)\s*\d[ABD-HJLNP-UW-Z]{2}\b")


@dataclass(frozen=True, slots=True)
class Redacted:
    text: str
    removed: tuple[Kind, ...]  # what was taken out, in order found (for tests and the preview)


def nhs_number_valid(digits: str) -> bool:
    """The NHS modulus-11 check: weights 10..2 on the first nine digits."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def placeholder(kind: Kind, lang: Lang) -> str:
    return translator(lang, UTC).gettext(PLACEHOLDERS[kind])


def redact(text: str, lang: Lang) -> Redacted:
    """Replace personal details with placeholders in `lang`, the language of the view."""
    removed: list[Kind] = []

    def sub(pattern: re.Pattern[str], kind: Kind, source: str, keep: Callable[[str], bool]) -> str:
        def replace(match: re.Match[str]) -> str:
            found = match.group(0)
            if not keep(found):
                return found
            tail = ""
            if kind == "link":  # a link at the end of a sentence keeps its full stop
                stripped = found.rstrip(_TRAILING)
                tail = found[len(stripped) :]
            removed.append(kind)
            return placeholder(kind, lang) + tail

        return pattern.sub(replace, source)

    def always(_: str) -> bool:
        return True

    def nhs(found: str) -> bool:
        return nhs_number_valid(re.sub(r"\D", "", found))

    def phone(found: str) -> bool:
        international = found.startswith(("+", "0044"))
        digits = re.sub(r"\D", "", found.replace("(0)", "") if international else found)
        national = digits.removeprefix("00")[2:] if international else digits[1:]
        return 9 <= len(national) <= 10

    out = sub(_LINK, "link", text, always)
    out = sub(_BARE_LINK, "link", out, always)
    out = sub(_EMAIL, "email", out, always)
    out = sub(_USERNAME, "username", out, always)
    out = sub(_NHS, "nhs", out, nhs)
    out = sub(_PHONE, "phone", out, phone)
    out = sub(_POSTCODE, "postcode", out, always)
    return Redacted(out, tuple(removed))
