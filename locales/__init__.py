"""The translation catalogs, installed as the package `bot.locales` and read as resources."""
