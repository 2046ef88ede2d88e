"""Polls: representatives ask their networks; one answer each; anonymous once closed.

What the records reveal, to whom, and when (the promise is made for closed polls):

* While a poll is open, each member of its electorate (the networks' active members when it
  opened, fixed then) has one `poll_answers` row: a tag, HMAC-SHA256 of their Telegram id
  under a secret made for this poll alone and kept outside the database
  (`Services.secrets`, scope `poll:<id>`), and their choice. No member id, chat, message or
  time; rows sit in tag order (WITHOUT ROWID). A copy of the database alone shows how many
  answered what, never who. Whoever holds the database *and* the secrets folder while the
  poll is open can recompute every member's tag and read their answer: that is why the
  poll message promises anonymity for after the close, and says that until then the
  answer is kept under a code, not a name. Two copies taken a short time apart while it is
  open can also tie one changed row to whatever else changed between them.
* At close, one transaction writes the counts (`polls.answered`, `poll_options.votes`),
  moves an open question's answers into the views (random ids, random order, dated the day
  it closed), deletes every `poll_answers` row (`secure_delete` overwrites them) and queues
  edits that take the buttons and the reader's answer off every poll message sent. Then the
  poll's secret is destroyed and the write-ahead log emptied. A copy taken after the close
  holds counts only; with a copy from during the poll, the tags in it can no longer be made
  by anyone, the operator with every file included. `tests/test_poll_anonymity.py` checks
  this as an attacker would.
* What stays for good: who wrote the poll, its networks, question, options, times and
  counts (outcomes link to them), and the delivery rows that say who was sent it.

`/forget` during a poll leaves the member's tag row alone: deleting it at the moment their
member row goes would tie the two together in any pair of copies.
"""
