"""Telegram plumbing shared by every journey: who is speaking, the text slot, buttons, replies, errors."""
