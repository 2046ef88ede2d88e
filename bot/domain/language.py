"""Which language a view is written in, Welsh or English, from its words alone.

Not the writer's interface language: a label that came from the member rather than from
the text would tell representatives something about who wrote it, where Welsh speakers are
few. py3langid (langid.py's model), restricted to Welsh and English, was chosen by measured
accuracy on short texts of both, code-switched ones among them ("Mae'r clinic yn rhy bell"):
`tests/test_language.py` has the texts and `bench/language_id.py` prints the figures. The
member sees the label in the preview and can correct it there.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from bot.i18n import Lang


@cache
def _identifier() -> Any:
    """The model, loaded once (about a second) and restricted to Welsh and English."""
    found = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    found.set_languages(["cy", "en"])
    return found


def detect(text: str) -> Lang:
    """ "cy" or "en": whichever the words are more likely to be."""
    lang, _probability = _identifier().classify(text)
    return "cy" if lang == "cy" else "en"
