"""The simulated Telegram used by the tests, `python -m bot demo` and the benchmarks."""

from bot.sim.telegram import Button, FloodRules, SentMessage, SimRequest, SimulatedTelegram, SimUser

__all__ = ["Button", "FloodRules", "SentMessage", "SimRequest", "SimUser", "SimulatedTelegram"]
