"""Building the Application: the order handlers run in, and the services around them."""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from types import ModuleType
from typing import Any

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    ApplicationBuilder,
    ContextTypes,
    Defaults,
    TypeHandler,
)
from telegram.request import BaseRequest

from bot.config import Settings
from bot.context import App, Context, Services
from bot.delivery.worker import Worker
from bot.handlers import (
    admin,
    broadcasts,
    constituencies,
    contact,
    digests,
    fallback,
    feedback,
    glossary,
    interests,
    invites,
    involvement,
    meetings,
    onboarding,
    outcomes,
    polls,
    representatives,
    rights,
    suggestions,
    topics,
)
from bot.housekeeping import clear_out, sweep_secrets
from bot.menus import set_default_menus
from bot.secrets import SecretStore
from bot.storage import Database
from bot.tg import clock, errors, steps, visit
from bot.tg.limiter import Patience, ReplyLimiter
from bot.tg.memory import Memory
from bot.tg.processor import PerMemberUpdateProcessor

log = logging.getLogger("cydlais")
DUE_WORK = [
    sweep_secrets,
    clear_out,
]  # registered with the clock on import; journeys register their own

# Journeys in group 0, in this order: the first handler that matches an update wins (their
# commands and buttons do not overlap, so the order matters only for what comes after them).
# A journey module has `handlers()` and may have `async on_startup(app)` / `on_shutdown(app)`.
JOURNEYS: list[ModuleType] = [
    onboarding,
    rights,
    constituencies,
    invites,
    admin,
    meetings,  # before feedback: its handler for files takes a meeting's papers first
    suggestions,
    feedback,
    digests,
    topics,
    broadcasts,
    polls,
    outcomes,
    contact,
    representatives,
    interests,
    involvement,
    glossary,
]

Hook = Callable[[App], Coroutine[Any, Any, None]]


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    rate_limit: bool = True,
    patience: Patience | None = None,
) -> App:
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .context_types(ContextTypes(context=Context))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                tzinfo=settings.timezone,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .concurrent_updates(PerMemberUpdateProcessor(256))
        .post_init(_post_init(settings))
        .post_shutdown(_post_shutdown)
    )
    if rate_limit:
        # 30/s overall and 20/min per group; replies wait out a 429 (bounded), while the
        # delivery worker's calls see theirs (`bot.tg.limiter`).
        builder = builder.rate_limiter(ReplyLimiter(patience))  # type: ignore[arg-type]  # PTB types the builder by the limiter's rate_limit_args
    if request is not None:
        builder = builder.request(request).get_updates_request(get_updates_request or request)
    else:
        if settings.api_url:
            builder = builder.base_url(settings.api_url + "/bot")
        if settings.api_file_url:
            builder = builder.base_file_url(settings.api_file_url + "/file/bot")
        builder = builder.connection_pool_size(64).pool_timeout(10.0)
    app: App = builder.build()
    register_handlers(app)
    return app


def register_handlers(app: App) -> None:
    # group -1: who is speaking (member, language, roles), for every update
    app.add_handler(TypeHandler(Update, visit.load_visit), group=-1)
    # group 0: the journeys; then typed text, which goes to whatever the person's one slot is
    # waiting for (after the journeys, so a command always reaches its journey and replaces
    # the question); then whatever nobody took (unknown commands, media, edits). One group,
    # because only the first matching handler of a group runs: a fallback in a later group
    # would answer every command a second time.
    for journey in JOURNEYS:
        for handler in journey.handlers():
            app.add_handler(handler, group=0)
    app.add_handler(steps.text_handler(otherwise=fallback.unexpected_text), group=0)
    for handler in fallback.handlers():
        app.add_handler(handler, group=0)
    app.add_error_handler(errors.on_error)


def _post_init(settings: Settings) -> Hook:
    async def post_init(app: App) -> None:
        db = await Database.open(settings.database)
        if settings.database.resolve().parent in settings.secrets_dir.resolve().parents:
            log.warning("the secrets are in the database's folder: a copy of it would hold both")
        # One delivery worker for every mass message (broadcasts, digests); it resumes
        # whatever the database says is still pending, e.g. after a crash.
        services = Services(
            settings=settings,
            db=db,
            delivery=Worker(app.bot, db, settings),
            secrets=await SecretStore.open(settings.secrets_dir),
            memory=Memory(),
        )
        app.bot_data["services"] = services
        await set_default_menus(app.bot, settings)
        services.delivery.start()
        clock.start(app)  # what has fallen due is read from the database at every tick
        for journey in JOURNEYS:
            hook = getattr(journey, "on_startup", None)
            if hook is not None:
                await hook(app)
        log.info("Cydlais is ready")

    return post_init


async def _post_shutdown(app: App) -> None:
    for journey in reversed(JOURNEYS):
        hook = getattr(journey, "on_shutdown", None)
        if hook is not None:
            await hook(app)
    services: Services | None = app.bot_data.get("services")
    if services is not None:
        await services.delivery.stop()  # sends in flight finish and are recorded before the close
        await services.db.close()
    log.info("Cydlais stopped; database closed")
