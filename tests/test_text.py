"""Splitting long text and escaping people's text for Telegram's HTML mode."""

from __future__ import annotations

import pytest

from bot.sim.html_check import parse_html
from bot.tg.text import MAX_TEXT, esc, shown_len, split_message, utf16_len


def test_short_text_is_one_part() -> None:
    assert split_message("Helo") == ["Helo"]


def test_splits_at_a_line_boundary() -> None:
    lines = [f"Llinell {i}: " + "gair " * 20 for i in range(200)]
    text = "\n".join(lines)
    parts = split_message(text)
    assert len(parts) > 1
    assert all(len(p) <= MAX_TEXT for p in parts)
    assert all(p.endswith(tuple("0123456789 :eriag")) for p in parts)
    assert "\n".join(parts).split() == text.split()


def test_splits_at_a_word_boundary_when_there_are_no_lines() -> None:
    text = "barn " * 1000  # 5,000 characters, one line
    parts = split_message(text)
    assert len(parts) == 2
    assert all(not p.startswith(" ") and len(p) <= MAX_TEXT for p in parts)
    assert " ".join(parts).split() == text.split()


def test_never_cuts_an_entity() -> None:
    text = "x" * 4085 + "&amp;" + "y" * 100  # no spaces at all
    parts = split_message(text)
    for part in parts:
        parse_html(part)  # raises if an entity was cut in two
    assert "".join(parts) == text


@pytest.mark.parametrize("size", [4096, 4097, 8192, 12_289])
def test_every_part_fits(size: int) -> None:
    assert all(len(p) <= MAX_TEXT for p in split_message("a" * size))


def test_escape_person_text() -> None:
    assert esc("<b>Tom & Jerry</b>") == "&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;"
    assert parse_html(esc("5 < 6 & 7 > 3")) == "5 < 6 & 7 > 3"


def test_parts_fit_as_telegram_counts_them_with_emoji() -> None:
    # An emoji is one character to Python and two UTF-16 units to Telegram.
    text = "Newyddion da 🎉 " * 300  # 4,500 characters, 4,800 units
    parts = split_message(text)
    assert all(utf16_len(parse_html(p)) <= MAX_TEXT for p in parts)
    assert " ".join(parts).split() == text.split()
    emoji = split_message("🎉" * 5000)  # no spaces: a hard cut, never inside a character
    assert "".join(emoji) == "🎉" * 5000
    assert all(utf16_len(p) <= MAX_TEXT for p in emoji)


def test_a_long_quote_is_split_outside_its_markup_and_counted_as_telegram_counts() -> None:
    """A 3,000-character view heavy in characters HTML escapes, and in emoji: the source is
    far longer than 4,096, what Telegram counts is not, and a cut keeps every tag whole."""
    view = "Fish & chips <3 " * 100 + "😀&😀 " * 230 + "&" * 20  # 3,000 UTF-16 units
    assert utf16_len(view) == 3000
    quote = f"<b>Preview</b>\n\n<blockquote>{esc(view)}</blockquote>"
    assert len(quote) > 4096 and shown_len(quote) < 4096
    assert split_message(quote) == [quote]  # fits as Telegram counts it: one message
    long = f"<blockquote>{esc(view * 2)}</blockquote>"
    parts = split_message(long)
    assert len(parts) > 1
    for part in parts:
        shown = parse_html(part)  # every part parses: no tag cut or left open
        assert utf16_len(shown) <= 4096
        assert part.startswith("<blockquote>") and part.endswith("</blockquote>")
    assert "".join(parse_html(p) for p in parts).replace(" ", "") == (view * 2).replace(" ", "")
