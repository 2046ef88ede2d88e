"""View drafts live in memory only, for 15 minutes at most (moved from the old key tests)."""

from __future__ import annotations

from bot.tg.memory import Memory
from bot.views import Draft


def test_drafts_expire_after_fifteen_minutes() -> None:
    now = [1000.0]
    store = Memory(clock=lambda: now[0])
    draft = Draft("cy")
    store.put(7, "view.writing", payload=draft)
    draft.text = "rhywbeth preifat"
    assert "rhywbeth" not in repr(draft) and "rhywbeth" not in repr(store)
    now[0] += 14 * 60
    held = store.get(7)
    assert held is not None and held.payload is draft
    now[0] += 61
    assert store.get(7) is None
    assert draft.text is None  # the words are let go, not only the entry
    store.put(8, "view.writing", payload=Draft("en"))
    now[0] += 15 * 60
    assert store.sweep() == 1 and len(store) == 0
