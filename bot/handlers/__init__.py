"""One module per journey; `bot.app` composes them in order."""
