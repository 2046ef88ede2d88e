"""Benchmark: what the date reader, the calendar file and the chart cost the bot.

    python -m bench --only libraries [--quick]   # in the table; --quick: 50 charts
    python bench/libraries.py [--charts 50]     # the same, printed in detail

Prints, each in a fresh Python process so nothing is already loaded: the import time and
resident memory of dateparser, icalendar and matplotlib (as the bot imports them, once at
start); the first and the warm time of `read_when` over the phrases in tests/test_when.py;
the time to write a calendar file; the time of a 2-option and a 10-option chart; and the
resident memory over many charts (it should level off: nothing is kept between charts).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script too

from bench.figures import Figure

ROOT = Path(__file__).resolve().parent.parent

PRELUDE = """
import json, sys, time
sys.path.insert(0, {root!r})
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
out = {{}}
"""

IMPORT = """
base, t = rss(), time.perf_counter()
import {module}
out["seconds"], out["mb"] = time.perf_counter() - t, rss() - base
"""

DATES = """
from datetime import datetime
from zoneinfo import ZoneInfo
sys.path.insert(0, {root!r} + "/tests")
from test_when import READS, REFUSES
from bot.domain.when import read_when, warm_up
london = ZoneInfo("Europe/London")
now = datetime(2026, 11, 30, 10, 0, tzinfo=london)
texts = [t for t, _, _ in READS] + [t for t, _ in REFUSES]
base = rss()
t = time.perf_counter(); read_when("dydd Mawrth 3 Rhagfyr 2pm", now=now, tz=london)
out["first"] = time.perf_counter() - t
t = time.perf_counter(); warm_up(); out["warm_up"] = time.perf_counter() - t
t = time.perf_counter()
for _ in range(20):
    for text in texts:
        read_when(text, now=now, tz=london)
out["warm"] = (time.perf_counter() - t) / (20 * len(texts))
out["calls"] = 20 * len(texts)
out["mb"] = rss() - base
"""

CALENDAR = """
from datetime import UTC, datetime, timedelta
from bot.domain.calendar import CalendarEntry, calendar_file, meeting_uid
start = datetime(2027, 3, 28, 9, 0, tzinfo=UTC)
entry = CalendarEntry(meeting_uid(1, "bench_bot"), 0, start, start + timedelta(hours=2),
                      "Fforwm Iechyd Meddwl", "cy", "Agenda:\\n1. Croeso", "Neuadd y Dref")
t = time.perf_counter(); calendar_file(entry, stamp=start); out["first"] = time.perf_counter() - t
t = time.perf_counter()
for _ in range(500):
    calendar_file(entry, stamp=start)
out["warm"] = (time.perf_counter() - t) / 500
"""

CHARTS = """
from zoneinfo import ZoneInfo
from bot.domain.charts import Bar, bar_chart
from bot.i18n import translator
tr = translator("cy", ZoneInfo("Europe/London"))
label = "Mwy o apwyntiadau gyda'r nos ac ar benwythnosau i bobl sy'n gweithio"
ten = [Bar(f"{{label}} {{i}}", 3 * i, f"{{3 * i}} (5%)") for i in range(10)]
two = ten[8:]
t = time.perf_counter(); bar_chart(tr, "Beth sydd bwysicaf?", two); out["first"] = time.perf_counter() - t
for name, bars in (("two", two), ("ten", ten)):
    t = time.perf_counter()
    for _ in range(10):
        size = len(bar_chart(tr, "Beth sydd bwysicaf?", bars).png)
    out[name], out[name + "_bytes"] = (time.perf_counter() - t) / 10, size
"""

# In its own process: resident memory from just after the first small chart, and the
# Python heap (tracemalloc), which is where a leak of figures or caches would show.
MEMORY = """
import gc, tracemalloc
from zoneinfo import ZoneInfo
from bot.domain.charts import Bar, bar_chart
from bot.i18n import translator
tr = translator("cy", ZoneInfo("Europe/London"))
label = "Mwy o apwyntiadau gyda'r nos ac ar benwythnosau i bobl sy'n gweithio"
bar_chart(tr, "?", [Bar("a", 1, "1")])
gc.collect(); before = rss(); tracemalloc.start(); rss_marks, heap_marks = [], []
for n in range({charts}):
    bars = [Bar(f"{{label}} {{n}} {{i}}", n + i, str(n + i)) for i in range(2 + n % 9)]
    bar_chart(tr, f"Cwestiwn {{n}}", bars)
    if (n + 1) % 50 == 0:
        gc.collect()
        rss_marks.append(round(rss() - before, 1))
        heap_marks.append(round(tracemalloc.get_traced_memory()[0] / 2**20, 2))
out["rss"], out["heap"], out["charts"] = rss_marks, heap_marks, {charts}
"""


def fresh(code: str, **values: object) -> dict[str, Any]:
    script = PRELUDE.format(root=str(ROOT)) + code.format(root=str(ROOT), **values)
    script += "\nprint(json.dumps(out))\n"
    done = subprocess.run(  # noqa: S603 (our own script, our own interpreter)
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run(quick: bool) -> list[Figure]:
    """The figures for `python -m bench`: costs to read, no targets set."""
    figures = []
    for module, short in (
        ("dateparser", "dateparser"),
        ("icalendar", "icalendar"),
        ("matplotlib.figure, matplotlib.backends.backend_agg", "matplotlib"),
    ):
        cost = fresh(IMPORT, module=module)
        figures += [
            Figure(f"import {short}: time", cost["seconds"] * 1000, "ms", digits=0),
            Figure(f"import {short}: resident memory", cost["mb"], "MB", digits=1),
        ]
    dates, ics, charts = fresh(DATES), fresh(CALENDAR), fresh(CHARTS)
    count = 50 if quick else 200
    memory = fresh(MEMORY, charts=count)
    return [
        *figures,
        Figure("read_when: first call (dateparser's data loads)", dates["first"] * 1000, "ms", digits=0),
        Figure(f"read_when: warm, mean of {dates['calls']} calls", dates["warm"] * 1000, "ms"),
        Figure("calendar_file: warm", ics["warm"] * 1000, "ms"),
        Figure("bar_chart: 10 long options, warm", charts["ten"] * 1000, "ms", digits=0),
        Figure(f"bar_chart: resident memory growth over {count} charts", memory["rss"][-1], "MB", digits=1),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--charts", type=int, default=200)
    args = parser.parse_args()

    print("import, in a fresh process (the bot does this once at start)")
    for module in ("dateparser", "icalendar", "matplotlib.figure, matplotlib.backends.backend_agg"):
        figures = fresh(IMPORT, module=module)
        print(f"  {module:55} {figures['seconds'] * 1000:6.0f} ms  {figures['mb']:6.1f} MB")

    dates = fresh(DATES)
    print("read_when (bot/domain/when.py)")
    print(f"  first call (loads dateparser's language data) {dates['first'] * 1000:8.1f} ms")
    print(f"  warm_up() after it                            {dates['warm_up'] * 1000:8.1f} ms")
    print(f"  warm, mean of {dates['calls']} calls                  {dates['warm'] * 1000:8.2f} ms")
    print(f"  memory after all of them                      {dates['mb']:8.1f} MB")

    ics = fresh(CALENDAR)
    print("calendar_file (bot/domain/calendar.py)")
    print(f"  first {ics['first'] * 1000:.1f} ms, warm {ics['warm'] * 1000:.2f} ms")

    charts = fresh(CHARTS)
    memory = fresh(MEMORY, charts=args.charts)
    print("bar_chart (bot/domain/charts.py), 1,080 px wide")
    print(f"  first chart (fonts load)   {charts['first'] * 1000:6.0f} ms")
    print(
        f"  2 options, warm            {charts['two'] * 1000:6.0f} ms  {charts['two_bytes']:,} bytes"
    )
    print(
        f"  10 long options, warm      {charts['ten'] * 1000:6.0f} ms  {charts['ten_bytes']:,} bytes"
    )
    print(f"  over {memory['charts']} charts of 2 to 10 options, every 50:")
    print(f"    resident memory growth (MB)  {memory['rss']}")
    print(f"    Python heap growth (MB)      {memory['heap']}")


if __name__ == "__main__":
    main()
