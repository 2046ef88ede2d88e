"""Command line: `python -m bot` (long polling), `--webhook`, `demo`, `backup PATH`, `restore PATH`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dotenv import load_dotenv

from bot.config import ConfigError, load_settings
from bot.secrets import check_directory
from bot.storage import DatabaseTooNew


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot", description="Cydlais, a co-production bot."
    )
    parser.add_argument(
        "mode",
        nargs="?",
        choices=["run", "demo", "backup", "restore"],
        default="run",
        help="run (default) connects to Telegram; demo runs in this terminal, no token needed; "
        "backup PATH copies the database while the bot runs; restore PATH puts a backup back "
        "(stop the bot first)",
    )
    parser.add_argument("path", nargs="?", type=Path, help="the backup file (backup, restore)")
    parser.add_argument(
        "--webhook", action="store_true", help="receive updates by webhook (PORT, WEBHOOK_URL)"
    )
    args = parser.parse_args(argv)
    load_dotenv()  # an optional .env; real environment variables win

    if args.mode == "demo":
        from bot.demo import run_demo

        return run_demo()
    if args.mode in ("backup", "restore"):
        if args.path is None:
            parser.error(f"{args.mode} needs a PATH: python -m bot {args.mode} PATH")
        return _copy(args.mode, args.path)

    from bot import logs

    logs.setup()
    try:
        settings = load_settings()
        if args.webhook and not settings.webhook_url:
            raise ConfigError(
                "WEBHOOK_URL", "is not set", "Set it to the public https:// address of this bot."
            )
        check_directory(settings.secrets_dir)  # a folder others can read stops us here
    except ConfigError as exc:
        print(f"Cydlais cannot start: {exc}", file=sys.stderr)
        return 2

    from telegram import Update

    from bot.app import build_application

    app = build_application(settings)
    try:
        if args.webhook:
            app.run_webhook(
                listen="0.0.0.0",  # noqa: S104  # hosts route HTTP to us on PORT
                port=settings.port,
                url_path="telegram",
                webhook_url=f"{settings.webhook_url.rstrip('/')}/telegram"
                if settings.webhook_url
                else None,
                secret_token=settings.webhook_secret,
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES)
    except (DatabaseTooNew, ConfigError) as exc:
        print(f"Cydlais cannot start: {exc}", file=sys.stderr)
        return 2
    return 0


def _copy(mode: str, path: Path) -> int:
    """`backup PATH` / `restore PATH` on the database CYDLAIS_DATABASE names."""
    from bot.storage.backup import BackupError, backup, restore

    try:
        database = load_settings(require_token=False).database
        if mode == "backup":
            copied = backup(database, path)
            print(
                f"Backed up {database} to {copied.path} ({copied.size / 1e6:.1f} MB, schema "
                f"version {copied.schema_version}); the secrets for anonymous counting are not in it."
            )
        else:
            copied = restore(path, database)
            print(
                f"Restored {database} from {path} (schema version {copied.schema_version}); "
                "start the bot to bring it up to date."
            )
    except (ConfigError, BackupError, DatabaseTooNew) as exc:
        verb = "back up" if mode == "backup" else "restore"
        print(f"Cydlais cannot {verb}: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
