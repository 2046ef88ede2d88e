"""python-telegram-bot's request seam, routed to the simulator as JSON over no wire."""

from __future__ import annotations

import asyncio
import json
from typing import Any, Protocol

from telegram.request import BaseRequest, RequestData


class Server(Protocol):
    """What a request needs of the simulator: its delay, and its answer to a call."""

    latency: float

    async def answer(
        self, method: str, params: dict[str, Any], files: dict[str, Any]
    ) -> tuple[int, dict[str, Any]]: ...


class SimRequest(BaseRequest):
    """Every call the Application and Bot make goes to `sim.answer`."""

    def __init__(self, sim: Server) -> None:
        self.sim = sim

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]
        if self.sim.latency and endpoint != "getUpdates":
            await asyncio.sleep(self.sim.latency)
        params: dict[str, Any] = {}
        files: dict[str, Any] = {}
        if request_data is not None:
            # A JSON round trip, so the simulator sees exactly what Telegram would receive.
            params = json.loads(json.dumps(request_data.parameters))
            files = request_data.multipart_data if request_data.contains_files else {}
        status, body = await self.sim.answer(endpoint, params, files)
        return status, json.dumps(body).encode()
