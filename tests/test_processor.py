"""Members are served concurrently; each member's own updates stay in order."""

from __future__ import annotations

import asyncio
import random
import time

from telegram import Chat, Message, Update, User

from bot.tg.processor import PerMemberUpdateProcessor


def update(update_id: int, user_id: int) -> Update:
    user = User(user_id, "Sam", is_bot=False)
    message = Message(
        update_id, None, Chat(user_id, "private"), from_user=user, text=str(update_id)
    )  # type: ignore[arg-type]
    return Update(update_id, message=message)


async def test_order_within_a_member_and_concurrency_across_members() -> None:
    processor = PerMemberUpdateProcessor(64)
    seen: dict[int, list[int]] = {1: [], 2: [], 3: []}
    rng = random.Random(7)

    async def handle(u: Update) -> None:
        await asyncio.sleep(rng.uniform(0.001, 0.02))  # later updates may finish sooner
        assert u.effective_user is not None
        seen[u.effective_user.id].append(u.update_id)

    updates = [update(i, 1 + i % 3) for i in range(60)]
    started = time.perf_counter()
    await asyncio.gather(*(processor.process_update(u, handle(u)) for u in updates))
    elapsed = time.perf_counter() - started
    for user_id, ids in seen.items():
        assert ids == sorted(ids), f"member {user_id} saw updates out of order"
    assert processor.processed == 60
    # Three members in parallel: well under the ~0.63 s that strictly one-at-a-time would take.
    assert elapsed < 0.5
    assert processor._locks == {}  # idle members are forgotten
