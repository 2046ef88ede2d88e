"""Hand-edited reference data, installed as the package `bot.data` and read as resources."""
