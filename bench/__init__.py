"""Benchmarks: `python -m bench` runs them all and prints one table (see `bench/__main__.py`)."""
