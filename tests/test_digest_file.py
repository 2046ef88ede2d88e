"""The digest's CSV file: every view as plain text, never a spreadsheet formula."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date

from bot.digests import DigestData, csv_document, render, summary
from bot.domain.periods import Period
from bot.i18n import translator
from bot.sim.html_check import parse_html, utf16_len
from bot.storage.constituencies import Constituency
from bot.storage.topics import Topic
from bot.storage.views import Counts, View
from bot.tg.text import split_message


def test_formulas_and_markup_stay_plain_text() -> None:
    place = Constituency(1, "carers", "Gofalwyr", "Carers", True, False)
    views = [
        View(None, "en", '=HYPERLINK("http"&"://evil.example","click")'),
        View(7, "cy", "+1 i'r staff"),
        View(None, "en", "- the ward was cold\n- nobody called"),
        View(None, "en", "@everyone should read this"),
        View(None, "en", "<b>Fish & chips</b> were fine"),
    ]
    data = DigestData(
        constituency=place,
        period=Period(date(2026, 11, 23), date(2026, 11, 29)),
        views=views,
        counts=Counts({}, {}),
        topics={7: Topic(7, 1, "=Amseroedd", "=Waiting", True)},
        members={},
        reach={},
    )
    name, content = csv_document(data, translator("en", UTC))
    assert name == "cydlais-carers-2026-11-23-2026-11-29.csv"
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["Topic", "Language", "View"]
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(cell[:1] in ("=", "+", "-", "@") for cell in cells)
    assert rows[1][2] == '\'=HYPERLINK("http"&"://evil.example","click")'
    assert rows[2][0] == "'=Waiting"
    assert rows[3][2] == "'- the ward was cold\n- nobody called"
    assert rows[5][2] == "<b>Fish & chips</b> were fine"  # plain text: not escaped


def test_prefer_not_to_say_is_counted_with_not_said() -> None:
    """Everyone who gave a view is in one of the groups shown, so no small group is left over
    to be found by subtracting the parts from the whole (here 2 who prefer not to say)."""
    place = Constituency(1, "carers", "Gofalwyr", "Carers", True, False)
    data = DigestData(
        constituency=place,
        period=Period(date(2026, 11, 23), date(2026, 11, 29)),
        views=[],
        counts=Counts({None: 23}, {"en": 23}),
        topics={},
        members={"service_user": 10, "carer": 10, "both": 10, None: 10},
        reach={"service_user": 5, "carer": 6, "both": 5, None: 5, "prefer_not": 2},
    )
    text = summary(data, translator("en", UTC), 5)
    assert "Members of this network now: 40 members" in text
    assert "Members who gave a view in this period: 23 members" in text
    assert "• Use or have used services: 5" in text
    assert "• Not said, or in a small group: 7" in text


def test_a_view_of_emoji_is_never_cut_between_two_messages() -> None:
    """Parts were measured in code points, so three views of 1,500 emoji (3,000 as Telegram
    counts, each within the limit) made a part of 6,118: sent, it was cut again, inside a view."""
    place = Constituency(1, "carers", "Gofalwyr", "Carers", True, False)
    views = [View(None, "en", f"{n} " + "🌈" * 1500) for n in range(3)]
    data = DigestData(
        constituency=place,
        period=Period(date(2026, 11, 23), date(2026, 11, 29)),
        views=views,
        counts=Counts({None: 3}, {"en": 3}),
        topics={},
        members={None: 20},
        reach={None: 3},
    )
    parts = render(data, translator("cy", UTC), 5)
    for part in parts:
        assert utf16_len(parse_html(part)) <= 4096
        assert split_message(part) == [part]  # sent as it is, never cut again
    for view in views:
        assert sum(view.text in part for part in parts) == 1  # each whole, in one message
