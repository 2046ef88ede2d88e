"""`python -m bot demo`: the README's "try it" command works end to end, as a person types it.

Alys, the newcomer, has a Telegram app set to Welsh: her first minutes are in Welsh, the demo's
own lines included. Rhys, the representative, reads English; Ceri, the coordinator, Welsh.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

# Words an English sentence can hardly do without, and Welsh never uses.
ENGLISH = re.compile(
    r"\b(the|you|your|and|to|of|is|are|was|this|that|with|for|not|here|there|what|which|"
    r"send|press|pressed|button|number|now|new|member|network|view|views|file|bytes|goodbye)\b",
    re.IGNORECASE,
)


def run_demo(tmp_path: Path, typed: list[str]) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "CYDLAIS_"))}
    result = subprocess.run(  # our own module
        [sys.executable, "-m", "bot", "demo"], input="\n".join(typed) + "\n", env=env,
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    # Nothing but the conversation: a newcomer met an English warning line before the Welsh.
    assert result.stderr == ""
    return result.stdout


def test_a_welsh_newcomers_first_minutes_are_all_in_welsh(tmp_path: Path) -> None:
    out = run_demo(
        tmp_path,
        [
            "helo",  # before /dechrau: the welcome, Welsh first
            "/geirfa",  # a question before /dechrau: the word typed next is looked up
            "CTP",
            "/dechrau",
            "1",  # Cymraeg
            "1",  # Rwy'n cytuno, awn ati
            "3",  # Rhwydwaith Gofalwyr Caerdydd a'r Fro
            "4",  # Rydw i wedi gorffen dewis
            "2",  # Rwy'n gofalu am rywun
            "/adborth",
            "Fy enw i yw Siân Prys. Mae angen apwyntiadau gyda'r nos ar Ward Enfys; "
            "fy nyddiad geni yw 3 Mai 1970.",
            "1",  # Apwyntiadau gyda'r nos
            "1",  # Anfon yn ddienw
            "/geirfa nghynllun gofal a thriniaeth",
            "/fy_nata",
            "9",
            "/gorffen",
        ],
    )
    intro, welsh_intro_end = out.index("Arddangosiad Cydlais"), out.index("Cydlais demo:")
    assert intro < welsh_intro_end  # the demo's own introduction, Welsh first
    assert "Alys (aelod) > " in out and "Alys (member)" not in out
    asked = out.index("Pa air neu dalfyriad hoffech chi gael esboniad arno?")
    answered = out.index("Cynllun Gofal a Thriniaeth\n  eich cynllun gofal ysgrifenedig")
    assert asked < answered < out.index("Alys (aelod) > /dechrau")
    assert out.count("Croeso i Gydlais") == 2  # "helo" and /dechrau; not the word "CTP"
    welcome = out.index("Croeso i Gydlais")
    assert welcome < out.index("Welcome to Cydlais")  # the bot's own first screen, Welsh first
    chosen = out.index("(fe bwysoch chi: Cymraeg)")
    after = out[chosen:]
    # From the moment she chose Welsh, not one English sentence (the glossary's "Yn Saesneg:"
    # line is meant to give the English term).
    english = [
        line
        for line in after.splitlines()
        if ENGLISH.search(line) and not line.strip().startswith("Yn Saesneg:")
    ]
    assert english == []
    assert "Rydych chi'n barod. Dyma beth allwch chi ei wneud:" in after
    assert "Fy enw i yw [enw wedi'i dynnu]. Mae angen apwyntiadau gyda'r nos ar " in after
    assert "[ward wedi'i thynnu]; fy nyddiad geni yw [dyddiad geni wedi'i dynnu]." in after
    assert "Iaith: Cymraeg" in after
    # The carers' network the demo starts with is big enough for a view to stay anonymous.
    assert "(fe bwysoch chi: Anfon yn ddienw)" in after
    assert "Mae eich barn wedi mynd, yn ddienw" in after
    assert "Cynllun Gofal a Thriniaeth\n  eich cynllun gofal ysgrifenedig" in after
    assert "📎 cydlais-fy-nata.json" in after
    assert '│       "iaith": "Cymraeg",' in after  # the file's content, not only its name
    assert '"sut rydych chi\'n disgrifio eich hun": "yn gofalu am rywun"' in after
    assert "Does dim botwm â'r rhif yna yma." in after
    assert out.rstrip().endswith("Hwyl fawr!")


def test_demo_transcript(tmp_path: Path) -> None:
    out = run_demo(
        tmp_path,
        [
            "/start",
            "1",
            "1",
            "3",  # in Welsh order: Fforwm …, Llais …, Rhwydwaith Gofalwyr …
            "4",
            "4",
            "/iaith",
            "2",
            "/as rep",
            "/help",
            "/digest",
            "2",
            "/as coordinator",
            "/mydata",
            "/as nobody",
            "9",
            "/quit",
        ],
    )
    assert out.index("Croeso i Gydlais") < out.index("Welcome to Cydlais")
    assert "[1] Cymraeg" in out and "[2] English" in out
    assert "Eich preifatrwydd" in out
    assert "✓ Rhwydwaith Gofalwyr Caerdydd a'r Fro" in out
    assert "Rydych chi'n barod" in out
    assert "Done: I'll speak English from now on." in out
    assert "Alys (member) > /as rep" in out  # the demo's lines follow her new language
    assert "— You are now Rhys, a representative of Cardiff and Vale Carers' Network. —" in out
    assert "Views given: 5" in out  # the demo's last week already has views
    assert "Evening appointments · Welsh" in out
    assert "│ Topic,Language,View" in out  # the spreadsheet's first lines
    assert "— Chi yw Ceri nawr, cydlynydd y gwasanaeth cyfan. —" in out
    assert "Popeth sydd gen i amdanoch chi" in out and "📎 cydlais-fy-nata.json" in out
    assert "Rhowch gynnig ar: /fel aelod, /fel cynrychiolydd neu /fel cydlynydd" in out
    assert "Does dim botwm â'r rhif yna yma." in out
    assert out.rstrip().endswith("Hwyl fawr!")


def test_an_invitation_link_pasted_in_the_demo_opens_like_a_tap(tmp_path: Path) -> None:
    out = run_demo(tmp_path, ["/start", "https://t.me/CydlaisBot?start=AAAAAAAAAAAAAAAAAAAAAA"])
    assert out.count("Croeso i Gydlais") == 2  # the link started the bot again
    assert not list(tmp_path.iterdir())  # the throw-away database is gone


def test_moving_the_clock_brings_a_meeting_reminder_and_the_digest(tmp_path: Path) -> None:
    out = run_demo(
        tmp_path,
        [
            "/start",
            "1",
            "1",
            "3",  # Rhwydwaith Gofalwyr Caerdydd a'r Fro: the demo's meeting is for it
            "4",
            "4",
            "/wedyn",
            "/wedyn 2d",
            "1",  # Bydda i yno
            "/as rep",
            "/later 8d",  # past the start: nothing more about it, and the weekly digest
            "/meeting",
            "/quit",
        ],
    )
    assert "Rhowch gynnig ar: /wedyn 2d (diwrnodau)" in out
    assert "(Mae'r cloc yn symud ymlaen. Yr amser nawr: " in out
    first = out.index("Cyfarfod i chi")
    assert "Fforwm Gofalwyr Caerdydd a'r Fro" in out[first:]
    assert "📎 cyfarfod-1.ics" in out[first:] and "📎 papurau-fforwm-gofalwyr.pdf" in out[first:]
    assert "(fe bwysoch chi: Bydda i yno)" in out
    assert "[1] ✓ Bydda i yno" in out
    assert "A meeting for you" in out  # Rhys, a member of the network too, in English
    assert "Views from Cardiff and Vale Carers' Network" in out  # the digest fell due
    assert out.count("📎 cyfarfod-1.ics") == 1  # never twice, whatever the clock did
