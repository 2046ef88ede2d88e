"""Meetings: planning and changing them (`plan`), the reminders that fall due (`reminders`),
what members read and receive (`texts`, `outgoing`, `calendar_file`), the buttons every
invited member sees (`buttons`), and numbers about people through the counting rule
(`counts`). Handlers are in `bot.handlers.meetings`, the SQL in `bot.storage.meetings`,
`reminders` and `rsvps`."""
