"""The one part of the build that needs code: which packages go into the wheel.

Every package under bot/ is found, so a new one needs no entry; locales/ and data/ live at
the top of the repository and go in as bot.locales and bot.data (`package-dir` in
pyproject.toml, where the rest of the configuration is).
"""

from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["bot", "bot.*"]), "bot.data", "bot.locales"])
