"""The simulated Telegram over loopback HTTP, for running the real `python -m bot` process.

Tests start this server, point TELEGRAM_API_URL at it, and drive the bot in a subprocess
exactly as Telegram would, through python-telegram-bot's own HTTP client: this is how the
start-up, signal handling and crash-recovery tests see the whole program.
"""

from __future__ import annotations

import json
import socket
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.web import Application, RequestHandler

from bot.sim.telegram import SimulatedTelegram

# Parameters python-telegram-bot sends JSON-encoded inside form fields.
_INT_FIELDS = {
    "chat_id",
    "message_id",
    "offset",
    "limit",
    "timeout",
    "user_id",
    "reply_to_message_id",
}


def _decode(name: str, raw: str) -> Any:
    if name in _INT_FIELDS and raw.lstrip("-").isdigit():
        return int(raw)
    if raw[:1] in "[{" or raw in ("true", "false"):
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    return raw


class _BotApi(RequestHandler):
    def initialize(self, sim: SimulatedTelegram) -> None:
        self.sim = sim

    async def post(self, _token: str, method: str) -> None:
        params: dict[str, Any] = {}
        content_type = self.request.headers.get("Content-Type", "")
        if content_type.startswith("application/json") and self.request.body:
            params = json.loads(self.request.body)
        else:
            for name, values in self.request.body_arguments.items():
                params[name] = _decode(name, values[-1].decode())
        files = {
            name: (parts[0].filename, parts[0].body, parts[0].content_type)
            for name, parts in self.request.files.items()
        }
        self.set_header("Content-Type", "application/json")
        status, body = await self.sim.answer(method, params, files)
        self.set_status(status)
        self.finish(json.dumps(body))

    get = post


class SimHttpServer:
    """`async with SimHttpServer(sim) as url:` serves the Bot API at `url` on 127.0.0.1."""

    def __init__(self, sim: SimulatedTelegram) -> None:
        self.sim = sim
        self._server: HTTPServer | None = None
        self.url = ""

    async def __aenter__(self) -> str:
        app = Application([(r"/bot([^/]+)/(\w+)", _BotApi, {"sim": self.sim})])
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)
        sock.setblocking(False)
        self._server = HTTPServer(app)
        self._server.add_sockets([sock])
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}"
        return self.url

    async def __aexit__(self, *exc: object) -> None:
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
