"""Welsh is not second: the catalog is complete, consistent, six plural forms, Babel dates."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.pofile import read_po

from bot.i18n import catalogs, translator

PO = Path(__file__).resolve().parent.parent / "locales" / "cy" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\(\w+\)[sd]|<[^>]+>")
LONDON = ZoneInfo("Europe/London")


def welsh_catalog() -> list:  # type: ignore[type-arg]
    with PO.open("rb") as fp:
        return [m for m in read_po(fp, locale="cy") if m.id]


def test_welsh_catalog_is_complete_and_not_fuzzy() -> None:
    problems = []
    for message in welsh_catalog():
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        if not all(strings):
            problems.append(f"untranslated: {message.id!r}")
    assert problems == []


def test_placeholders_and_markup_match() -> None:
    problems = []
    for message in welsh_catalog():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = sorted(PLACEHOLDER.findall(ids[0]))
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for index, text in enumerate(strings):
            found = sorted(PLACEHOLDER.findall(text))
            # The zero, one and two forms of a plural may say the number in words: "dim ...",
            # "unwaith" (once), "ddwywaith" (twice).
            if isinstance(message.id, tuple) and index <= 2:
                found_set, wanted_set = set(found), set(wanted)
                if not found_set <= wanted_set:
                    problems.append(f"{message.id!r}[{index}]: {found} not within {wanted}")
            elif found != wanted:
                problems.append(f"{message.id!r}[{index}]: {found} != {wanted}")
    assert problems == []


def test_six_plural_forms_header() -> None:
    text = PO.read_text(encoding="utf-8")
    assert "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);" in text


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "Wedi'i gadw: dydych chi ddim yn perthyn i unrhyw rwydwaith."),
        (1, "Wedi'i gadw: rydych chi'n perthyn i 1 rhwydwaith."),
        (2, "Wedi'i gadw: rydych chi'n perthyn i 2 rwydwaith."),
        (3, "Wedi'i gadw: rydych chi'n perthyn i 3 rhwydwaith."),
        (4, "Wedi'i gadw: rydych chi'n perthyn i 4 o rwydweithiau."),
        (6, "Wedi'i gadw: rydych chi'n perthyn i 6 rhwydwaith."),
        (7, "Wedi'i gadw: rydych chi'n perthyn i 7 o rwydweithiau."),
        (11, "Wedi'i gadw: rydych chi'n perthyn i 11 o rwydweithiau."),
    ],
)
def test_welsh_plural_forms(n: int, expected: str) -> None:
    tr = translator("cy", LONDON)
    text = tr.ngettext("Saved: you belong to {n} network.", "Saved: you belong to {n} networks.", n)
    assert text.format(n=n) == expected


def test_english_plural() -> None:
    tr = translator("en", LONDON)
    one = tr.ngettext("Saved: you belong to {n} network.", "Saved: you belong to {n} networks.", 1)
    many = tr.ngettext("Saved: you belong to {n} network.", "Saved: you belong to {n} networks.", 0)
    assert (one, many) == (
        "Saved: you belong to {n} network.",
        "Saved: you belong to {n} networks.",
    )


def test_every_plural_entry_has_six_welsh_forms() -> None:
    for message in welsh_catalog():
        if isinstance(message.id, tuple):
            assert len(message.string) == 6, message.id


def test_the_welsh_catalog_is_really_loaded() -> None:
    assert catalogs()["cy"].gettext("Thank you.") == "Diolch."


def test_dates_in_welsh_and_british_english() -> None:
    cy, en = translator("cy", LONDON), translator("en", LONDON)
    assert cy.date(date(2025, 11, 5)) == "5 Tachwedd 2025"
    assert en.date(date(2025, 11, 5)) == "5 November 2025"
    summer = datetime(2026, 7, 1, 13, 30, tzinfo=UTC)  # 14:30 in London (BST)
    assert cy.datetime(summer) == "1 Gorffennaf 2026 am 14:30"
    assert en.datetime(summer) == "1 July 2026 at 14:30"
    assert en.date(date(2025, 11, 5), "short") == "05/11/2025"


def test_source_has_no_process_wide_install() -> None:
    """Per-person translators only: `install()` would race between concurrent members."""
    for path in Path(__file__).resolve().parent.parent.joinpath("bot").rglob("*.py"):
        assert ".install(" not in path.read_text(encoding="utf-8"), path


def test_translators_are_told_what_an_unclear_string_means() -> None:
    """Strings whose meaning the English alone doesn't give carry a translator's comment."""
    unclear = {
        "Done: I'll speak English from now on.",  # rightly "Cymraeg" in the Welsh catalog
        "Cymraeg or English",
        "One optional question: how are you involved? Your answer is only ever counted in "
        "groups of at least {n} people, never shown on its own.",
        "How you are involved: {value}",
        "fewer than {n}",
        "Both of these",
        "Welsh",
        "English",
        "<b>Send this to {people}?</b>",
        "cydlais-my-data.json",
    }
    commented = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in welsh_catalog()
        if any("TRANSLATORS:" in c for c in m.auto_comments)
    }
    assert unclear - commented == set()
