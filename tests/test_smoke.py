from bot.sim.harness import Harness
from tests.helpers.people import onboard, seed_constituencies


async def test_english_onboarding_smoke(harness: Harness) -> None:
    await seed_constituencies(harness)
    person = await onboard(harness, 1001, join="Cardiff and Vale Carers' Network")
    print("\n---\n".join(person.texts()))
    assert "You're all set" in person.last.text
