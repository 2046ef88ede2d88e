"""Pure rules: no Telegram objects, no SQL. Counting, anonymity, redaction, safety, jargon, access."""
