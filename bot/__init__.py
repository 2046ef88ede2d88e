"""Cydlais: a bilingual Telegram bot for co-production in Welsh mental health services."""

__version__ = "0.1.0"
