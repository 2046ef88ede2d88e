"""Who is speaking: roles in archived networks give no rights."""

from __future__ import annotations

from bot.sim.harness import Harness
from bot.storage import constituencies, members, roles
from tests.helpers.people import onboard, seed_constituencies


async def test_archived_network_gives_no_representative_rights(harness: Harness) -> None:
    places = await seed_constituencies(harness)
    db = harness.services.db
    await onboard(harness, 6001)
    member = await members.by_telegram_id(db, 6001)
    assert member is not None
    await roles.grant(db, member.id, "representative", places["carers"])
    found = await members.with_roles(db, 6001)
    assert found is not None and found[1] == [("representative", places["carers"])]
    await constituencies.archive(db, places["carers"])
    found = await members.with_roles(db, 6001)
    assert found is not None and found[1] == []


def test_a_strangers_translator_is_never_silently_welsh() -> None:
    """Before someone chooses, nothing picks a language for them: `context.t` gives both."""
    from zoneinfo import ZoneInfo

    import pytest

    from bot.context import LanguageNotKnown, Visit
    from bot.domain.access import STRANGER

    visit = Visit(1, 1, True, None, None, STRANGER, ZoneInfo("Europe/London"))
    with pytest.raises(LanguageNotKnown):
        _ = visit.tr
    visit.lang = "en"
    assert visit.tr.lang == "en"
