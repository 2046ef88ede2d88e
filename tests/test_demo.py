"""`python -m bot demo`: the README's "try it" command works end to end, as a person types it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_demo_transcript(tmp_path: Path) -> None:
    typed = "\n".join(
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
        ]
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "CYDLAIS_"))}
    result = subprocess.run(  # our own module
        [sys.executable, "-m", "bot", "demo"], input=typed, env=env, cwd=tmp_path,
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    out = result.stdout
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in out + result.stderr
    assert out.index("Croeso i Gydlais") < out.index("Welcome to Cydlais")
    assert "[1] Cymraeg" in out and "[2] English" in out
    assert "Eich preifatrwydd" in out
    assert "✓ Rhwydwaith Gofalwyr Caerdydd a'r Fro" in out
    assert "Rydych chi'n barod" in out
    assert "Done: I'll speak English from now on." in out
    assert "You are now Rhys, representative" in out
    assert "Views given: 5" in out  # the demo's last week already has views
    assert "Evening appointments · Cymraeg" in out
    assert "Everything I hold about you" in out and "cydlais-my-data.json" in out
    assert "Try: /as member, /as rep or /as coordinator" in out
    assert "There is no button with that number here." in out
    assert out.rstrip().endswith("Hwyl fawr! Goodbye.")


def test_an_invitation_link_pasted_in_the_demo_opens_like_a_tap(tmp_path: Path) -> None:
    typed = "/start\nhttps://t.me/CydlaisBot?start=AAAAAAAAAAAAAAAAAAAAAA\n/quit\n"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "CYDLAIS_"))}
    result = subprocess.run(  # our own module
        [sys.executable, "-m", "bot", "demo"], input=typed, env=env, cwd=tmp_path,
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0
    assert result.stdout.count("Croeso i Gydlais") == 2  # the link started the bot again
    assert not list(tmp_path.iterdir())  # the throw-away database is gone
