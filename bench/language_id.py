"""Language identification for views: accuracy and speed on short Welsh and English texts.

    python -m bench --only language_id     # in the table
    python bench/language_id.py            # printed, with the texts told wrong

The texts are the test's (`tests/test_language.py`). py3langid is what the bot uses;
lingua-language-detector is measured too when it is installed (it is not a dependency: about
96 MB for models of every language). Target: every text right but at most one.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.figures import Figure  # after the path is set
from bot.domain.language import detect
from tests.test_language import ENGLISH, WELSH

TOTAL = len(WELSH) + len(ENGLISH)


def measure(guess: Callable[[str], str]) -> tuple[list[tuple[str, str]], float]:
    """The texts told wrong, and the milliseconds a text."""
    wrong = []
    start = time.perf_counter()
    for lang, texts in (("cy", WELSH), ("en", ENGLISH)):
        wrong += [(lang, t) for t in texts if guess(t) != lang]
    return wrong, (time.perf_counter() - start) / TOTAL * 1000


def lingua_guess() -> Callable[[str], str] | None:
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        return None
    lingua = LanguageDetectorBuilder.from_languages(Language.WELSH, Language.ENGLISH).build()
    codes = {Language.WELSH: "cy", Language.ENGLISH: "en"}
    return lambda t: codes.get(lingua.detect_language_of(t), "?")


def run(quick: bool) -> list[Figure]:
    start = time.perf_counter()
    detect("warm up")
    loaded = time.perf_counter() - start
    wrong, per_text = measure(detect)
    figures = [
        Figure(f"py3langid: texts told wrong, of {TOTAL}", len(wrong), "", "<=", 1, digits=0),
        Figure("py3langid: time a text", per_text, "ms"),
        Figure("py3langid: model load", loaded, "s"),
    ]
    guess = lingua_guess()
    if guess is not None:
        figures.append(
            Figure(f"lingua: texts told wrong, of {TOTAL}", len(measure(guess)[0]), digits=0)
        )
    return figures


def main() -> None:
    start = time.perf_counter()
    detect("warm up")
    print(f"py3langid model loaded in {time.perf_counter() - start:.2f} s")
    named: list[tuple[str, Callable[[str], str] | None]] = [
        ("py3langid (cy/en)", detect),
        ("lingua (cy/en)", lingua_guess()),
    ]
    for name, guess in named:
        if guess is None:
            print(f"{name}: not installed")
            continue
        wrong, per_text = measure(guess)
        print(f"{name}: {TOTAL - len(wrong)}/{TOTAL} right, {per_text:.2f} ms a text")
        for lang, text in wrong:
            print(f"   wrong ({lang}): {text}")


if __name__ == "__main__":
    main()
