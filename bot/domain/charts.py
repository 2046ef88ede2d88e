"""A poll's results as a horizontal bar chart (PNG), with an alt text for the caption.

    chart = bar_chart(tr, "Pa amser sy'n well?", [
        Bar("Bore", 12, "12 (40%)"),
        Bar("Prynhawn", 18, "18 (60%)"),
        Bar("Gyda'r nos", None, "llai na 5"),   # hidden by the counting rule: no bar
    ])
    await bot.send_photo(chat_id, chart.png, caption=esc(chart.alt))

The caller decides every number and word on it (counts through the counting rule,
percentages, the reader's language); this only draws. `alt` is plain text that fits
Telegram's 1,024-character caption (labels are shortened if they must be): escape it for
HTML. Rendering takes a few tens of milliseconds of CPU, so callers in the event loop
should run it in a thread (`asyncio.to_thread`): it is safe there, since it uses
matplotlib's object-oriented API (`Figure` + `FigureCanvasAgg`), never pyplot, so no
global figure list and nothing kept between charts.

Made for a phone: 1,080 pixels wide (a phone screen's width, so Telegram shows it without
scaling it up), text about a thirtieth of the width, each option's label on its own
line(s) above its bar so long Welsh labels get the whole width (at most three lines, then
"…"), the count written at the end of the bar so no axis is needed. One colour (Okabe-Ito
blue, which reads the same to every kind of colour vision) on white; a hidden count is
grey italic text with no bar. DejaVu Sans (bundled with matplotlib) has ŵ, ŷ and every
other Welsh letter; characters it lacks (emoji) are left out of the picture, not drawn
as boxes, and stay in the alt text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.patches import Rectangle

from bot.i18n import Tr

DPI = 150
WIDTH = 1080  # pixels
MARGIN = 48
MAX_LABEL_LINES = 3
CAPTION_LIMIT = 1024  # Telegram's limit for a photo caption
BAR_COLOUR = "#0072B2"  # Okabe-Ito blue
TEXT_COLOUR = "#1A1A1A"
MUTED_COLOUR = "#595959"  # 7:1 on white
FAMILY = "DejaVu Sans"
TITLE = FontProperties(family=FAMILY, size=20, weight="bold")
NOTE = FontProperties(family=FAMILY, size=15)
LABEL = FontProperties(family=FAMILY, size=17)
VALUE = FontProperties(family=FAMILY, size=17, weight="bold")
HIDDEN = FontProperties(family=FAMILY, size=17, style="italic")
BAR_HEIGHT = 40
ROW_GAP = 30


@dataclass(frozen=True, slots=True)
class Bar:
    """One option: its label, the bar's length (None: not shown) and the text beside it."""

    label: str
    value: int | None
    shown: str  # "12 (40%)", or "fewer than 5" for a hidden count


@dataclass(frozen=True, slots=True)
class _Text:
    x: float
    y: float
    text: str
    font: FontProperties
    colour: str
    va: str


@dataclass(frozen=True, slots=True)
class Chart:
    png: bytes
    alt: str
    width: int
    height: int


def bar_chart(tr: Tr, question: str, bars: Sequence[Bar], *, note: str = "") -> Chart:
    """The chart of `bars` under `question` (and `note`, e.g. "32 answers"), in `tr`'s language."""
    if not bars:
        raise ValueError("a chart needs at least one bar")
    if any(bar.value is not None and bar.value < 0 for bar in bars):
        raise ValueError("bar values are counts: zero or more")
    inner = WIDTH - 2 * MARGIN
    title = _wrap(_drawable(question), TITLE, inner, 4)
    subtitle = _wrap(_drawable(note), NOTE, inner, 2) if note else []
    labels = [_wrap(_drawable(bar.label), LABEL, inner, MAX_LABEL_LINES) for bar in bars]
    widest_value = max(_width(_drawable(bar.shown), VALUE) for bar in bars)
    longest = max((bar.value or 0 for bar in bars), default=0)
    bar_room = max(inner - widest_value - 16, inner // 3)

    # Lay out top to bottom in pixels, then size the figure to fit.
    texts: list[_Text] = []
    rects: list[tuple[float, float]] = []  # top, length
    y = float(MARGIN)
    for lines, font, colour in ((title, TITLE, TEXT_COLOUR), (subtitle, NOTE, MUTED_COLOUR)):
        for line in lines:
            texts.append(_Text(MARGIN, y, line, font, colour, "top"))
            y += _line_height(font)
    y += ROW_GAP
    for bar, lines in zip(bars, labels, strict=True):
        for line in lines:
            texts.append(_Text(MARGIN, y, line, LABEL, TEXT_COLOUR, "top"))
            y += _line_height(LABEL)
        y += 6
        length = 0.0
        if bar.value:  # a count of 1 among 1,000 still shows as a sliver
            length = max(bar_room * bar.value / longest, 3.0)
            rects.append((y, length))
        font, colour = (HIDDEN, MUTED_COLOUR) if bar.value is None else (VALUE, TEXT_COLOUR)
        x = MARGIN + length + (12 if length else 0)
        texts.append(_Text(x, y + BAR_HEIGHT / 2, _drawable(bar.shown), font, colour, "center"))
        y += BAR_HEIGHT + ROW_GAP
    height = int(y - ROW_GAP + MARGIN)

    figure = Figure(figsize=(WIDTH / DPI, height / DPI), dpi=DPI, facecolor="white")
    axes = figure.add_axes((0, 0, 1, 1))
    axes.set_xlim(0, WIDTH)
    axes.set_ylim(height, 0)
    axes.set_axis_off()
    for top, length in rects:
        axes.add_patch(Rectangle((MARGIN, top), length, BAR_HEIGHT, color=BAR_COLOUR, lw=0))
    for t in texts:
        axes.text(t.x, t.y, t.text, fontproperties=t.font, color=t.colour, va=t.va)
    FigureCanvasAgg(figure)  # attaches itself: Agg, with no pyplot and no display
    buffer = io.BytesIO()
    # zlib level 3: half the time of the default 6 for 4% more bytes (Telegram re-encodes).
    figure.savefig(
        buffer, format="png", metadata={"Software": None}, pil_kwargs={"compress_level": 3}
    )
    return Chart(buffer.getvalue(), alt_text(tr, question, bars, note=note), WIDTH, height)


def alt_text(tr: Tr, question: str, bars: Sequence[Bar], *, note: str = "") -> str:
    """What the chart shows, as text for a caption: within Telegram's 1,024 characters."""
    for cut in (None, 120, 80, 50, 30, 16):
        head = tr.gettext("Bar chart of the answers to: {question}").format(
            question=_shorten(question, cut and cut * 2)
        )
        lines = [head, note] if note else [head]
        for bar in bars:
            option = _shorten(bar.label, cut)
            lines.append(tr.gettext("{option}: {result}").format(option=option, result=bar.shown))
        text = "\n".join(lines)
        if len(text) <= CAPTION_LIMIT:
            return text
    return text[: CAPTION_LIMIT - 1] + "…"


def _shorten(text: str, limit: int | None) -> str:
    return text if limit is None or len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _wrap(text: str, font: FontProperties, room: float, most: int) -> list[str]:
    """Lines of `text` no wider than `room` pixels, breaking between words (inside a word
    only if it is wider than a line); at most `most` lines, the last ending in "…"."""
    room -= 8  # words are measured one by one: leave room for kerning between them
    space = _width(" ", font)
    lines: list[list[str]] = []
    line: list[str] = []
    used = 0.0
    for word in _pieces(text.split(), font, room):
        width = _width(word, font)
        if line and used + space + width > room:
            lines.append(line)
            line, used = [], 0.0
        used += (space if line else 0.0) + width
        line.append(word)
    if line:
        lines.append(line)
    if len(lines) > most:
        last = lines[most - 1]
        ellipsis = _width("…", font)
        while len(last) > 1 and sum(_width(w, font) + space for w in last) + ellipsis > room:
            last.pop()
        lines = [*lines[: most - 1], [*last[:-1], last[-1] + "…"]]
    return [" ".join(words) for words in lines] or [""]


def _pieces(words: list[str], font: FontProperties, room: float) -> list[str]:
    """The words, with any wider than a line (a long link) cut into pieces that fit."""
    pieces: list[str] = []
    for word in words:
        while _width(word, font) > room:
            low, high = 1, len(word)  # the longest start of the word that fits
            while low < high:
                mid = (low + high + 1) // 2
                low, high = (mid, high) if _width(word[:mid], font) <= room else (low, mid - 1)
            pieces.append(word[:low])
            word = word[low:]
        pieces.append(word)
    return pieces


@lru_cache(maxsize=8192)
def _width(text: str, font: FontProperties) -> float:
    """Pixels `text` advances in `font` at the chart's resolution."""
    face = get_font(findfont(font))  # matplotlib keeps one per thread
    face.set_size(font.get_size_in_points(), DPI)
    advance = sum(face.load_char(ord(c)).linearHoriAdvance for c in text)
    return float(advance) / 65536  # FreeType counts in 1/65536 of a pixel


def _line_height(font: FontProperties) -> float:
    return float(font.get_size_in_points()) * DPI / 72 * 1.3


def _drawable(text: str) -> str:
    """`text` without the characters DejaVu Sans cannot draw (emoji), spaces tidied."""
    return " ".join("".join(c for c in text if _has_glyph(c)).split())


@cache
def _has_glyph(char: str) -> bool:
    face = get_font(findfont(LABEL, fallback_to_default=False))
    return char.isspace() or face.get_char_index(ord(char)) != 0
