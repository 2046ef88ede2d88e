"""Meeting a newcomer: the bilingual welcome, the language, the privacy notice and consent,
and an invitation link opened with /start. Nothing is stored before they agree."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Update

from bot import roles as roles_service
from bot.config import Settings
from bot.context import Context
from bot.domain.access import Role
from bot.handlers.onboarding.joining import ask_self_description, offer_join, show_menu
from bot.i18n import LANGS, N_, Lang, Tr, both, endonym
from bot.storage import constituencies, invites, members
from bot.tg import steps
from bot.tg.auth import requires
from bot.tg.buttons import finished
from bot.tg.callbacks import CallbackData
from bot.tg.text import esc
from bot.tg.ui import answer_with, clear_buttons, keyboard, reply

WELCOME = N_(
    "<b>Welcome to Cydlais.</b> Here members of mental health networks in Wales share their "
    "views with their representatives, anonymously if they wish, and hear what changed "
    "because of them.\nWhich language would you like?"
)
PRIVACY = N_(
    "<b>Your privacy</b>\n\n"
    "<b>What I keep about you:</b> your Telegram account number (so I can send you messages), "
    "your language, the networks you join and, only if you choose to tell me, whether you use "
    "services or care for someone. /mydata shows all of it, /forget deletes it, and /stop stops "
    "all messages.\n\n"
    "<b>Your views are anonymous.</b> A view is kept with its network, its topic, its language "
    "and the day, after I have taken out phone numbers, e-mail addresses and the like: never "
    "with your account, your name or the time of day. Nobody, not even the people who run this "
    "service, can trace a view back to you.\n\n"
    "<b>Known for a short while, then destroyed:</b> until midnight the service can tell that "
    "you gave a view today, though not which one, to keep the daily limit; then that record is "
    "destroyed. Until the end of the network's digest week it can tell that you gave a view "
    "there that week, to count how many people took part; then that record is destroyed too. "
    "After that, nobody can tell, not even with every file the service holds.\n\n"
    "<b>Numbers:</b> counts of people below {minimum} are shown as “fewer than {minimum}”, and "
    "never in a way that lets a small group be worked out by comparing two counts. If a network "
    "has fewer than {minimum} members, I tell you before you send a view there that it may not "
    "stay anonymous."
)
PRIVACY_POLLS = N_(
    "<b>Polls and meetings:</b> while a poll is open, the service keeps a coded record that you "
    "were asked and what you answered, so that you can change your answer; when the poll "
    "closes, only the totals stay and the code is destroyed. Your replies about a meeting "
    "(I'll be there, and so on) are your own record: /mydata shows them and /forget deletes "
    "them. Topics you suggest for a meeting, and your support for them, are anonymous, like "
    "views."
)
PRIVACY_KEPT = N_("<b>How long things are kept</b> (after that they are deleted):")
PRIVACY_AFTER = N_(
    "When you use /forget, everything held about you is deleted at once; messages you sent to "
    "others as a representative or coordinator stay, with nothing linking them to you. Views "
    "stay until their time is up: nothing in them is about you.\n\n"
    "This service is run by {operator}."
)


@dataclass(frozen=True, slots=True)
class LanguageButton(CallbackData, prefix="lang"):
    lang: Lang


@dataclass(frozen=True, slots=True)
class ConsentButton(CallbackData, prefix="consent"):
    agree: bool
    lang: Lang


LANG_BUTTONS = [(endonym(lang), LanguageButton(lang).pack()) for lang in LANGS]
# What each question waits for. Before consent nothing is stored, so those are held in memory.
CHOOSING_LANGUAGE = steps.kind(
    "onboarding.language",
    Role.ANYONE,
    hint=N_("Please choose your language with one of the buttons above: Cymraeg or English."),
    memory=True,
)
CONSENTING = steps.kind(
    "onboarding.consent",
    Role.ANYONE,
    # TRANSLATORS: buttons under the privacy notice: agree and begin, or decline (nothing is kept).
    buttons=(N_("I agree, let's start"), N_("No thanks")),
    memory=True,
)
INVITE_PROBLEMS = {
    "unknown": N_(
        "This invitation link isn't valid. Please check you copied all of it, or ask for a new one."
    ),
    "expired": N_(
        "This invitation link has expired. Please ask the person who sent it for a new one."
    ),
    "used_up": N_("This invitation link has already been used. Please ask for a new one."),
    "revoked": N_("This invitation link has been withdrawn. Please ask for a new one."),
}


async def send_welcome(update: Update, context: Context) -> None:
    """The bilingual first screen, Welsh first, with the choice of language."""
    text = both(WELCOME, context.settings.timezone)
    await reply(update, context, text, keyboard(LANG_BUTTONS))
    if context.visit.member is None:
        await steps.ask(context, CHOOSING_LANGUAGE)


def privacy_text(tr: Tr, settings: Settings) -> str:
    """The privacy notice, with the settings that make it true (`bot.retention`)."""
    kept = [
        tr.ngettext(
            "• views: {n} month after their digest week",
            "• views: {n} months after their digest week",
            settings.keep_views_months,
        ).format(n=settings.keep_views_months),
        tr.ngettext(
            "• records of messages sent to you: {n} day",
            "• records of messages sent to you: {n} days",
            settings.keep_deliveries_days,
        ).format(n=settings.keep_deliveries_days),
        tr.ngettext(
            "• invitation links: {n} day after they expire",
            "• invitation links: {n} days after they expire",
            settings.keep_invites_days,
        ).format(n=settings.keep_invites_days),
        tr.ngettext(
            "• whom you write to with /contact: {n} day at most",
            "• whom you write to with /contact: {n} days at most",
            settings.contact_days,
        ).format(n=settings.contact_days),
        tr.ngettext(
            "• the record of what coordinators and representatives did: {n} month",
            "• the record of what coordinators and representatives did: {n} months",
            settings.keep_audit_months,
        ).format(n=settings.keep_audit_months),
    ]
    text = "\n\n".join(
        [
            tr.gettext(PRIVACY).format(minimum=settings.min_group),
            tr.gettext(PRIVACY_POLLS),
            "\n".join([tr.gettext(PRIVACY_KEPT), *kept]),
            tr.gettext(PRIVACY_AFTER).format(operator=esc(settings.operator)),
        ]
    )
    if settings.operator_contact:
        text += "\n" + tr.gettext("Contact: {contact}").format(
            contact=esc(settings.operator_contact)
        )
    return text


def consent_keyboard(tr: Tr, lang: Lang) -> InlineKeyboardMarkup:
    return keyboard(
        [(tr.gettext("I agree, let's start"), ConsentButton(True, lang).pack())],
        [(tr.gettext("No thanks"), ConsentButton(False, lang).pack())],
    )


@requires(Role.ANYONE)
async def start(update: Update, context: Context) -> None:
    """Welcome a newcomer, welcome back a member, and take an invite from the deep link."""
    visit = context.visit
    payload = context.args[0] if context.args else None
    if not visit.private:
        await reply(
            update,
            context,
            context.t(N_("Please write to me in a private chat: a group is not private.")),
        )
        return
    member = visit.member
    if member is None:
        if payload and context.user_data is not None:
            context.user_data["invite"] = payload[:64]  # memory only, until they consent
        await send_welcome(update, context)
        return
    tr = visit.tr
    if member.status != "active":
        await members.set_status(context.db, member.id, "active")
        await reply(update, context, tr.gettext("Welcome back. I'll send you messages again."))
    if payload:
        await redeem_invite(update, context, member.id, payload)
        return
    await show_menu(update, context)


async def redeem_invite(update: Update, context: Context, member_id: int, token: str) -> bool:
    tr = context.visit.tr
    invite, problem = await invites.redeem(context.db, token, member_id)
    if invite is None or problem is not None:
        message = INVITE_PROBLEMS[problem or "unknown"]
        await reply(update, context, tr.gettext(message))
        return False
    place = (
        await constituencies.get(context.db, invite.constituency_id)
        if invite.constituency_id
        else None
    )
    name = esc(place.name(tr.lang)) if place else ""
    if invite.role == "coordinator":
        text = tr.gettext("You are now a coordinator of this service.")
    elif invite.role == "representative":
        text = tr.gettext("You are now a representative for {name}.").format(name=name)
    else:
        text = tr.gettext("You have joined {name}.").format(name=name)
    await reply(update, context, text)
    await roles_service.refresh_menu(context.bot, context.db, context.settings, member_id)
    return True


@requires(Role.ANYONE)
async def choose_language(update: Update, context: Context, data: LanguageButton) -> None:
    """[Cymraeg] / [English]: for a newcomer, then the privacy notice; for a member, switch."""
    lang = data.lang
    tr = context.tr_for(lang)
    member = context.visit.member
    if member is not None:
        await members.set_language(context.db, member.id, lang)
        await steps.done(context)
        # TRANSLATORS: said in the language just chosen: "Cymraeg" in the Welsh catalog.
        await answer_with(update, context, tr.gettext("Done: I'll speak English from now on."))
        await roles_service.refresh_menu(context.bot, context.db, context.settings, member.id)
        return
    if context.user_data is not None:
        context.user_data["lang"] = lang  # memory only, until they consent
    context.visit.lang = lang
    settings = context.settings
    await answer_with(
        update,
        context,
        privacy_text(tr, settings),
        consent_keyboard(tr, lang),
    )
    await steps.ask(context, CONSENTING)


@requires(Role.ANYONE)
async def consent(update: Update, context: Context, data: ConsentButton) -> None:
    """[I agree] creates the member; [No thanks] stores nothing and says goodbye."""
    query = update.callback_query
    assert query is not None
    tr = context.tr_for(data.lang)
    if context.visit.member is not None:
        await finished(update, context)  # an old notice: they agreed already
        return
    await steps.done(context)
    if not data.agree:
        if context.user_data is not None:
            context.user_data.clear()
        await query.answer()
        await clear_buttons(update)  # the notice stays readable; only its buttons go
        await reply(
            update,
            context,
            tr.gettext(
                "That's fine: I haven't kept anything about you. If you change your mind, just send /start."
            ),
        )
        return
    visit = context.visit
    member = await members.create(context.db, visit.telegram_id, visit.chat_id, data.lang)
    context.visit.member = member
    context.visit.lang = data.lang
    # The menu in the language they chose, whatever their Telegram app's language.
    await roles_service.refresh_menu(context.bot, context.db, context.settings, member.id)
    await query.answer()
    await clear_buttons(update)
    await reply(
        update, context, tr.gettext("Thank you. You can change your mind at any time with /forget.")
    )
    token = context.user_data.pop("invite", None) if context.user_data is not None else None
    context.user_data.pop("lang", None) if context.user_data is not None else None
    if token and await redeem_invite(update, context, member.id, str(token)):
        await ask_self_description(update, context, tr)
        return
    await offer_join(update, context, tr, member.id, then_describe=True)
