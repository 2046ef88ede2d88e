"""The simulated Telegram used by the tests, `python -m bot demo` and the benchmarks."""

from bot.sim.flood import FloodRules
from bot.sim.model import Button, SentMessage, SimUser
from bot.sim.request import SimRequest
from bot.sim.telegram import SimulatedTelegram

__all__ = ["Button", "FloodRules", "SentMessage", "SimRequest", "SimUser", "SimulatedTelegram"]
