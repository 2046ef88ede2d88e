"""Poll result charts: a real PNG, one bar per shown count, Welsh letters drawn, alt text
that fits a caption, and no pyplot."""

from __future__ import annotations

import io
import struct
import sys
import time
import zlib
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from matplotlib.font_manager import findfont, get_font
from matplotlib.image import imread

from bot.domain import charts
from bot.domain.charts import Bar, Chart, bar_chart
from bot.i18n import Lang, Tr, translator

LONDON = ZoneInfo("Europe/London")
QUESTION_CY = "Beth ddylai fod yn flaenoriaeth i'r bwrdd iechyd y flwyddyn nesaf?"
LONG_CY = [
    "Mwy o apwyntiadau gyda'r nos ac ar benwythnosau i bobl sy'n gweithio",
    "Gwasanaeth argyfwng sydd ar gael bob awr o'r dydd a'r nos, yn Gymraeg",
    "Llai o amser aros am therapi siarad",
    "Cefnogaeth i ofalwyr: seibiant, gwybodaeth a chyngor ymarferol",
    "Cludiant i'r clinig i bobl yng nghefn gwlad Powys a Cheredigion",
    "Staff sy'n siarad Cymraeg ym mhob tîm iechyd meddwl cymunedol",
    "https://enghraifft.cymru/ymgynghoriad/gwasanaethau-iechyd-meddwl-cymunedol-2027-drafft-terfynol",
    "Grwpiau cymorth cymheiriaid",
    "Gwŷr, gwragedd a phartneriaid yn cael eu cynnwys yn y cynllun gofal a thriniaeth o'r "
    "dechrau un, nid ar y diwedd ar ôl i benderfyniadau gael eu gwneud gan eraill",
    "Arall: ŵyn, ŷd, â, ê, î, ô, û",
]


def tr(lang: Lang = "cy") -> Tr:
    return translator(lang, LONDON)


def png_header(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR, after checking the signature and every CRC."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    offset, chunks = 8, []
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        (crc,) = struct.unpack(">I", data[offset + 8 + length : offset + 12 + length])
        assert zlib.crc32(kind + body) == crc, kind
        chunks.append((kind, body))
        offset += 12 + length
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND"
    assert not any(b"Software" in body for kind, body in chunks if kind in (b"tEXt", b"iTXt"))
    return struct.unpack(">II", chunks[0][1][:8])


def bars_drawn(chart: Chart) -> int:
    """How many separate bars of the bar colour cross the column just right of the margin."""
    pixels = imread(io.BytesIO(chart.png))
    column = pixels[:, charts.MARGIN + 1, :3]
    blue = np.array([0x00, 0x72, 0xB2]) / 255
    on = np.all(np.abs(column - blue) < 0.02, axis=1)
    return int(np.count_nonzero(on[1:] & ~on[:-1]) + on[0])


def test_a_valid_png_of_the_size_it_says() -> None:
    started = time.perf_counter()
    chart = bar_chart(
        tr(), "Pa amser sy'n well?", [Bar("Bore", 12, "12 (40%)"), Bar("Prynhawn", 18, "18 (60%)")]
    )
    print(f"2 options: {1000 * (time.perf_counter() - started):.0f} ms, {len(chart.png):,} bytes")
    assert png_header(chart.png) == (chart.width, chart.height) == (1080, chart.height)
    assert 300 < chart.height < 1000
    assert len(chart.png) < 500_000
    assert bars_drawn(chart) == 2


def test_ten_options_with_long_welsh_labels() -> None:
    counts = [41, 37, 22, 18, 15, 9, 7, 5, 12, 6]
    bars = [
        Bar(label, n, f"{n} ({round(100 * n / 172)}%)")
        for label, n in zip(LONG_CY, counts, strict=True)
    ]
    started = time.perf_counter()
    chart = bar_chart(tr(), QUESTION_CY, bars, note="172 ateb")
    print(f"10 options: {1000 * (time.perf_counter() - started):.0f} ms, {len(chart.png):,} bytes")
    width, height = png_header(chart.png)
    assert (width, height) == (chart.width, chart.height)
    assert width + height <= 10_000 and height / width <= 20  # Telegram's photo limits
    assert len(chart.png) < 1_000_000
    assert bars_drawn(chart) == 10


def test_hidden_and_zero_counts_have_no_bar() -> None:
    bars = [
        Bar("Ie", 20, "20 (80%)"),
        Bar("Na", None, "llai na 5"),
        Bar("Ddim yn siŵr", 0, "0 (0%)"),
        Bar("Arall", 5, "5 (20%)"),
    ]
    assert bars_drawn(bar_chart(tr(), "A ddylem ni newid yr amser?", bars)) == 2


def test_all_counts_zero_or_hidden() -> None:
    chart = bar_chart(tr("en"), "Any views?", [Bar("Yes", 0, "0"), Bar("No", None, "fewer than 5")])
    assert bars_drawn(chart) == 0 and png_header(chart.png)[0] == 1080


def test_a_small_count_beside_a_large_one_still_shows() -> None:
    chart = bar_chart(tr("en"), "Which?", [Bar("A", 1000, "1,000"), Bar("B", 1, "1")])
    assert bars_drawn(chart) == 2


@pytest.mark.parametrize(
    "font", [charts.TITLE, charts.LABEL, charts.VALUE, charts.HIDDEN, charts.NOTE]
)
def test_every_face_draws_welsh_letters(font: object) -> None:
    path = findfont(font, fallback_to_default=False)  # type: ignore[arg-type]
    assert "DejaVuSans" in path
    face = get_font(path)
    for letter in "ŵŷâêîôûŴŶÂÊÎÔÛáéíóúẁẃẅỳýÿäëïöü’…·":
        assert face.get_char_index(ord(letter)) != 0, letter


def test_characters_the_font_lacks_are_left_out_not_boxed() -> None:
    # A missing glyph would be a warning, and warnings fail the tests.
    chart = bar_chart(
        tr(), "Ydych chi'n hapus? 😀", [Bar("Ydw 👍", 3, "3"), Bar("Nac ydw 👎", 2, "2")]
    )
    assert "👍" in chart.alt and bars_drawn(chart) == 2
    assert charts._drawable("Ydw 👍 iawn") == "Ydw iawn"


def test_alt_text_names_the_question_every_option_and_result() -> None:
    bars = [Bar("Bore", 12, "12 (40%)"), Bar("Gyda'r nos", None, "llai na 5")]
    chart = bar_chart(tr(), "Pa amser sy'n well?", bars, note="30 ateb")
    lines = chart.alt.split("\n")
    assert "Pa amser sy'n well?" in lines[0] and lines[1] == "30 ateb"
    assert lines[2:] == ["Bore: 12 (40%)", "Gyda'r nos: llai na 5"]


@pytest.mark.parametrize(("lang", "word"), [("cy", "Siart"), ("en", "Bar chart")])
def test_alt_text_is_in_the_readers_language(lang: Lang, word: str) -> None:
    chart = bar_chart(tr(lang), "?", [Bar("A", 1, "1")])
    assert chart.alt.startswith(word)


def test_alt_text_fits_a_caption_however_long_the_labels() -> None:
    bars = [
        Bar(f"{i}. " + "Gwasanaethau iechyd meddwl cymunedol " * 8, i, str(i)) for i in range(10)
    ]
    text = charts.alt_text(tr(), QUESTION_CY * 4, bars)
    assert len(text) <= charts.CAPTION_LIMIT
    assert all(f"{i}. Gwasanaethau" in text and f": {i}" in text for i in range(10))


def test_long_labels_wrap_within_the_width_in_three_lines_at_most() -> None:
    room = charts.WIDTH - 2 * charts.MARGIN
    lines = charts._wrap(LONG_CY[8] * 2, charts.LABEL, room, 3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(charts._width(line, charts.LABEL) <= room for line in lines)
    link = charts._wrap(LONG_CY[6], charts.LABEL, room, 3)
    assert len(link) == 2 and "".join(link) == LONG_CY[6]  # cut inside the word, nothing lost
    assert charts._wrap("Arall", charts.LABEL, room, 3) == ["Arall"]


def test_mistakes_are_refused() -> None:
    with pytest.raises(ValueError, match="at least one"):
        bar_chart(tr(), "?", [])
    with pytest.raises(ValueError, match="zero or more"):
        bar_chart(tr(), "?", [Bar("A", -1, "-1")])


def test_no_pyplot() -> None:
    bar_chart(tr(), "?", [Bar("A", 1, "1")])
    assert "matplotlib.pyplot" not in sys.modules
