"""Personal details come out of a view before anyone reads it: each case, both languages."""

from __future__ import annotations

import pytest

from bot.domain.redaction import nhs_number_valid, redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call me on 07700 900123 please", "Call me on [phone number removed] please"),
        ("mobile 07700900123", "mobile [phone number removed]"),
        ("ring +44 7700 900123.", "ring [phone number removed]."),
        ("ring +447700900123", "ring [phone number removed]"),
        ("+44 (0)29 2034 5678 is the office", "[phone number removed] is the office"),
        ("office (029) 2034 5678", "office [phone number removed]"),
        ("tel 029 2034 5678", "tel [phone number removed]"),
        ("landline 01970 622 000", "landline [phone number removed]"),
        ("freephone 0800 123 456", "freephone [phone number removed]"),
        ("07700-900-123", "[phone number removed]"),
        ("ring +44-7700-900123", "ring [phone number removed]"),
        ("from abroad 0044 7700 900123.", "from abroad [phone number removed]."),
        ("0044 (0)29 2034 5678", "[phone number removed]"),
    ],
)
def test_phone_numbers(text: str, expected: str) -> None:
    assert redact(text, "en").text == expected


@pytest.mark.parametrize(
    "text",
    [
        "In 2024 I waited 12 weeks, 3 times",
        "Bay 10 had 120 beds in 1999",  # a ward's number is a ward: see test_wards
        "Samaritans on 116 123 were kind",
        "a 12-digit reference 077009001234",  # too long for a UK number
        "On 12/03/2024 at 10:30 I paid £1,250.50 for 3 sessions",
        "Room A1 3pm, bed 4b, the A470 and M4 J32",  # no inward code has C I K M O V
        "Rated 7.5/10 and/or better, e.g. a.m./p.m., Covid-19 in 2020-2021",
        "Rwy'n hapus. Dydd Llun 9yb, £12.50 y tro, 2019-2020.",
    ],
)
def test_ordinary_numbers_stay(text: str) -> None:
    assert redact(text, "en").text == text


def test_nhs_numbers_with_a_valid_check_digit() -> None:
    assert nhs_number_valid("9434765919")
    assert not nhs_number_valid("9434765918")
    assert redact("NHS no. 943 476 5919 ok", "en").text == "NHS no. [NHS number removed] ok"
    assert redact("943-476-5919", "en").text == "[NHS number removed]"
    assert redact("9434765919", "en").removed == ("nhs",)
    # ten digits that fail the check are left alone (they are not an NHS number)
    assert redact("ref 9434765918", "en").text == "ref 9434765918"


def test_email_addresses() -> None:
    result = redact("e-mail jane.doe+x@example.co.uk!", "en")
    assert result.text == "e-mail [email address removed]!"
    assert result.removed == ("email",)


def test_usernames() -> None:
    assert redact("ask @jane_doe_99 about it", "en").text == "ask [username removed] about it"
    assert redact("me@", "en").text == "me@"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see https://example.com/a?b=1.", "see [link removed]."),
        ("http://x.org/page", "[link removed]"),
        ("www.example.wales is good", "[link removed] is good"),
        ("join t.me/somegroup now", "join [link removed] now"),
        ("my page facebook.com/jane.doe.77.", "my page [link removed]."),
        ("short link bit.ly/3xYz (ask)", "short link [link removed] (ask)"),
        ("instagram.com/@gwen_x", "[link removed]"),
        ("see jane-doe.co.uk or nhs.wales.", "see [link removed] or [link removed]."),
        ("write to info.wales@gov.wales", "write to [email address removed]"),
    ],
)
def test_links(text: str, expected: str) -> None:
    assert redact(text, "en").text == expected


@pytest.mark.parametrize("code", ["CF10 3AT", "cf103at", "SA31 1AB", "LL57 2PW", "NP20 1XX"])
def test_postcodes(code: str) -> None:
    assert redact(f"I live at {code} now", "en").text == "I live at [postcode removed] now"


def test_placeholders_are_in_the_language_of_the_view() -> None:
    text = "Ffoniwch 07700 900123, e-bost a@b.cymru, cod CF10 3AT, @defnyddiwr1, www.x.cymru, 943 476 5919"
    result = redact(text, "cy")
    assert result.text == (
        "Ffoniwch [rhif ffôn wedi'i dynnu], e-bost [cyfeiriad e-bost wedi'i dynnu], "
        "cod [cod post wedi'i dynnu], [enw defnyddiwr wedi'i dynnu], [dolen wedi'i thynnu], "
        "[rhif GIG wedi'i dynnu]"
    )
    assert set(result.removed) == {"phone", "email", "postcode", "username", "link", "nhs"}


def test_nothing_to_take_out() -> None:
    result = redact("Mae angen mwy o wasanaethau yn Gymraeg.", "cy")
    assert result.text == "Mae angen mwy o wasanaethau yn Gymraeg."
    assert result.removed == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My name is Sam Jones and I care for my mum.", "My name is [name removed] and I care for my mum."),
        ("my name's Siân, ring me", "my name's [name removed], ring me"),
        ("I'm called Dafydd ap Gwilym.", "I'm called [name removed]."),
        ("Please call me Bethan.", "Please call me [name removed]."),
        ("Dr Evans was kind, Dr. Sarah Lloyd-Jones less so.", "Dr [name removed] was kind, Dr. [name removed] less so."),
        ("Nurse O'Brien and Mrs McDonald", "Nurse [name removed] and Mrs [name removed]"),
    ],
)  # fmt: skip
def test_names_where_the_text_says_they_are_names(text: str, expected: str) -> None:
    assert redact(text, "en").text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fy enw i yw Siân ap Rhys.", "Fy enw i yw [enw wedi'i dynnu]."),
        ("fy enw ydy Gareth", "fy enw ydy [enw wedi'i dynnu]"),
        ("Dw i'n cael fy ngalw'n Gwenllian.", "Dw i'n cael fy ngalw'n [enw wedi'i dynnu]."),
        ("Rwy'n cael fy ngalw yn Huw gan bawb", "Rwy'n cael fy ngalw yn [enw wedi'i dynnu] gan bawb"),
        ("Roedd Dr Evans a Nyrs Williams yn garedig.", "Roedd Dr [enw wedi'i dynnu] a Nyrs [enw wedi'i dynnu] yn garedig."),
        ("Yr Athro Jones", "Yr Athro [enw wedi'i dynnu]"),
    ],
)  # fmt: skip
def test_names_in_welsh(text: str, expected: str) -> None:
    assert redact(text, "cy").text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I was on Ward 10 for weeks", "I was on [ward removed] for weeks"),
        ("on ward 3b, then Cedar Ward.", "on [ward removed], then [ward removed]."),
        ("ward Hafan y Coed was calm", "[ward removed] was calm"),
        ("Mae Ward Enfys yn dda", "Mae [ward removed] yn dda"),
        ("ar ward rhif 5", "ar [ward removed]"),
    ],
)
def test_wards(text: str, expected: str) -> None:
    assert redact(text, "en").text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DOB 12/03/1980", "DOB [date of birth removed]"),
        ("D.O.B.: 12.3.80, thanks", "D.O.B.: [date of birth removed], thanks"),
        ("date of birth 12 March 1980", "date of birth [date of birth removed]"),
        ("I was born on 3rd June 1975.", "I was born on [date of birth removed]."),
        ("born March 3, 1975", "born [date of birth removed]"),
        ("My date of birth is 03/05/70.", "My date of birth is [date of birth removed]."),
    ],
)
def test_dates_of_birth(text: str, expected: str) -> None:
    assert redact(text, "en").text == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("dyddiad geni 12/03/1980", "dyddiad geni [dyddiad geni wedi'i dynnu]"),
        ("Dyddiad geni: 12fed o Fawrth 1980.", "Dyddiad geni: [dyddiad geni wedi'i dynnu]."),
        ("ges i fy ngeni ar 3 Mehefin 1975", "ges i fy ngeni ar [dyddiad geni wedi'i dynnu]"),
        ("Ganwyd fi ar 1 Ionawr 2001", "Ganwyd fi ar [dyddiad geni wedi'i dynnu]"),
        ("fy nyddiad geni i yw 3 Mai 1970", "fy nyddiad geni i yw [dyddiad geni wedi'i dynnu]"),
    ],
)
def test_dates_of_birth_in_welsh(text: str, expected: str) -> None:
    assert redact(text, "cy").text == expected


@pytest.mark.parametrize(
    "text",
    [
        "My name is not important, my views are.",
        "Call me back tomorrow, or call me when you can.",
        "The ward was noisy at night and the ward staff were tired.",
        "Mae fy enw i ar y rhestr aros. Beth yw fy enw i? Diolch i'r staff ar y ward.",
        "I saw the doctor on Monday; the Dr said wait. The GP and the CMHT in Cardiff.",
        "On 12/03/2024 at 10:30 I had an appointment; I was born in 1980 in Bangor.",
        "Ar 12 Mawrth 2024 ces i apwyntiad. Ges i fy ngeni yn 1980.",
        "I miss Wales. The NHS and I. Mental Health Act 1983, Section 136.",
        "Rwy'n cael fy ngalw'n aml gan y tîm. Mae Dr yn brysur.",
    ],
)
def test_ordinary_text_is_not_mangled(text: str) -> None:
    result = redact(text, "en")
    assert (result.text, result.removed) == (text, ())
