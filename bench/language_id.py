"""Language identification for views: accuracy and speed on short Welsh and English texts.

    python bench/language_id.py

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

from bot.domain.language import detect  # after the path is set
from tests.test_language import ENGLISH, WELSH


def measure(name: str, guess: Callable[[str], str]) -> None:
    wrong = []
    start = time.perf_counter()
    for lang, texts in (("cy", WELSH), ("en", ENGLISH)):
        wrong += [(lang, t) for t in texts if guess(t) != lang]
    per_text = (time.perf_counter() - start) / (len(WELSH) + len(ENGLISH)) * 1000
    total = len(WELSH) + len(ENGLISH)
    print(f"{name}: {total - len(wrong)}/{total} right, {per_text:.2f} ms a text")
    for lang, text in wrong:
        print(f"   wrong ({lang}): {text}")


def main() -> None:
    start = time.perf_counter()
    detect("warm up")
    print(f"py3langid model loaded in {time.perf_counter() - start:.2f} s")
    measure("py3langid (cy/en)", detect)
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        print("lingua-language-detector: not installed")
        return
    lingua = LanguageDetectorBuilder.from_languages(Language.WELSH, Language.ENGLISH).build()
    codes = {Language.WELSH: "cy", Language.ENGLISH: "en"}
    measure("lingua (cy/en)", lambda t: codes.get(lingua.detect_language_of(t), "?"))


if __name__ == "__main__":
    main()
