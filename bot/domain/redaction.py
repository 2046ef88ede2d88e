"""Taking personal details out of a view before anyone reads it.

Pure functions: `redact(text, lang)` replaces links, e-mail addresses, @usernames, dates of
birth, names, ward names, NHS numbers (ten digits with a valid check digit), UK phone
numbers and UK postcodes with a clear placeholder in the view's language, e.g. "[phone number
removed]" or "[rhif ffôn wedi'i dynnu]". The member sees the redacted text in the preview,
so they know exactly what their representatives will read.

Names can't be recognised in general without mangling ordinary words, so only where the
text says it is a name: after "my name is", "call me", "fy enw i yw", "dw i'n cael fy
ngalw"; after a title ("Dr Evans", "Nyrs Jones", keeping the title); and a ward's name or
number ("Ward 10", "Ward Enfys", "Cedar Ward"). A name is one to three capitalised words, so
"my name is not important" is left alone. A date of birth is a full date after "DOB", "date
of birth", "born on", "dyddiad geni" or "ganwyd": other dates (an appointment) stay.

Order matters: links (with or without http:// or www.) and e-mail addresses first (they
contain @ and digits), then usernames, dates of birth, names and wards, then NHS numbers
before phone numbers (a ten-digit number that passes the NHS check is an NHS number,
whatever else it might be), then postcodes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC
from typing import Literal

from bot.i18n import N_, Lang, translator

Kind = Literal["link", "email", "username", "birth", "name", "ward", "nhs", "phone", "postcode"]

PLACEHOLDERS: dict[Kind, str] = {
    # TRANSLATORS: placeholders shown in a member's view where a detail was taken out: keep the
    # square brackets.
    "link": N_("[link removed]"),
    "email": N_("[email address removed]"),
    "username": N_("[username removed]"),
    "birth": N_("[date of birth removed]"),
    "name": N_("[name removed]"),
    "ward": N_("[ward removed]"),
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

# A capitalised word with at least one small letter after the capital (so not "I" or "NHS"):
# "Sam", "Siân", "O'Brien", "McDonald", "Lloyd-Jones".
_UPPER = "A-ZÀ-ÖØ-ÞŴŶ"
_LOWER = "a-zß-öø-ÿŵŷ"
_WORD = rf"(?:O['’]|Mc|Mac)?[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}][{_LOWER}'’]+)?"
# One to three of them, with the small words Welsh and English names have inside them.
_NAME = rf"{_WORD}(?:\s+(?:(?:ap|ab|ferch|y|yr|de|van|von)\s+)?{_WORD}){{0,2}}"
_NAMED = re.compile(
    r"(?i:\bmy\s+name\s+is|\bmy\s+name['’]s|\bi['’]?m\s+called|\bi\s+am\s+called"
    r"|\bcall\s+me|\bfy\s+enw\s+(?:i\s+)?(?:yw|ydy|ydi)"
    r"|\b(?:dw\s+i|dwi|rydw\s+i|rwy|rwyf\s+i)['’]?n\s+cael\s+fy\s+ngalw(?:['’]n|\s+yn)?)"
    rf"\s+(?P<x>{_NAME})"
)
# A title keeps its place ("Dr [name removed]"): it says who, without saying which one.
_TITLED = re.compile(
    r"\b(?:Dr|Doctor|Mr|Mrs|Ms|Miss|Mx|Prof|Professor|Nurse|Sister|Nyrs|Athro|Athrawes)\.?"
    rf"\s+(?P<x>{_WORD}(?:\s+{_WORD})?)"
)
_WARD = re.compile(
    r"\b[Ww]ard\s+(?:(?:no\.?|number|rhif)\s*)?(?:\d+[A-Za-z]?\b|[A-Z]\d*\b"
    rf"|{_NAME})"
    # "Cedar Ward", but not "The Ward" or "Mae Ward Enfys" (that is "Ward Enfys", above)
    r"|\b(?!(?:The|A|An|This|That|Our|My|Your|Every|Each|Y|Yr|Ein|Fy|Eich|Mae|Roedd|Ar)\b)"
    rf"{_WORD}(?:\s+{_WORD})?\s+Ward\b(?!\s+(?:\d|[{_UPPER}]))"
)
_MONTHS = (
    "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    "|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    "|ionawr|chwefror|mawrth|fawrth|ebrill|mai|fai|mehefin|fehefin|gorffennaf|orffennaf"
    "|awst|medi|fedi|hydref|tachwedd|dachwedd|rhagfyr|ragfyr"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th|af|il|ydd|ed|fed|eg|ain)?"
_DATE = (
    r"\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})\b"
    rf"|{_DAY}\s+(?:o\s+)?(?:{_MONTHS})\.?,?\s+(?:\d{{4}}|\d{{2}})\b"
    rf"|(?:{_MONTHS})\.?\s+{_DAY},?\s+\d{{4}}\b"
)
# "dyddiad geni" mutates after "fy" (nyddiad) and "ei" (ddyddiad); "is" / "yw" may follow.
_BIRTH = re.compile(
    r"(?i)(?:\bd\.?\s?o\.?\s?b\b\.?|\bdate\s+of\s+birth|\bborn(?:\s+on)?"
    r"|\b(?:dd|d|n)yddiad\s+geni|\bganwyd(?:\s+(?:i|fi))?(?:\s+ar)?"
    r"|\b(?:ges|cefais)\s+i\s+fy\s+ngeni(?:\s+ar)?)"
    r"(?:\s+(?:i|yw|ydy|ydi|is|was))*"
    rf"[\s:,-]*(?P<x>{_DATE})"
)


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
            head = tail = ""
            if "x" in pattern.groupindex:  # only the named part goes: "Dr [name removed]"
                head = found[: match.start("x") - match.start()]
                tail = found[match.end("x") - match.start() :]
            elif kind == "link":  # a link at the end of a sentence keeps its full stop
                stripped = found.rstrip(_TRAILING)
                tail = found[len(stripped) :]
            removed.append(kind)
            return head + placeholder(kind, lang) + tail

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
    out = sub(_BIRTH, "birth", out, always)
    out = sub(_NAMED, "name", out, always)
    out = sub(_TITLED, "name", out, always)
    out = sub(_WARD, "ward", out, always)
    out = sub(_NHS, "nhs", out, nhs)
    out = sub(_PHONE, "phone", out, phone)
    out = sub(_POSTCODE, "postcode", out, always)
    return Redacted(out, tuple(removed))
