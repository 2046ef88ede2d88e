"""`python -m bench [--quick] [--only NAME ...]`: every benchmark, one table, exit 1 if a target is missed.

Each benchmark runs in its own process (so one's memory or threads never colour another's
figures) and hands its figures back as JSON. To add one, write `bench/<name>.py` with
`run(quick: bool) -> list[Figure]` (see `bench/figures.py`); nothing else to register.
"""

from __future__ import annotations

import argparse
import importlib
import json
import pkgutil
import subprocess
import sys
import time
from pathlib import Path

from bench.figures import Figure, table

NOT_BENCHMARKS = {"figures", "__main__"}


def names() -> list[str]:
    here = Path(__file__).parent
    return sorted(
        m.name
        for m in pkgutil.iter_modules([str(here)])
        if m.name not in NOT_BENCHMARKS and not m.name.startswith("_")
    )


def one(name: str, quick: bool) -> None:
    """In the child: run one benchmark and print its figures as JSON on the last line."""
    module = importlib.import_module(f"bench.{name}")
    figures: list[Figure] = module.run(quick)
    print(json.dumps([f.as_dict() for f in figures]))


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="smaller loads: a look, not the targets"
    )
    parser.add_argument("--only", nargs="+", metavar="NAME", help=f"some of: {', '.join(names())}")
    parser.add_argument("--one", help=argparse.SUPPRESS)  # the child's side
    args = parser.parse_args()
    if args.one:
        one(args.one, args.quick)
        return 0
    chosen = args.only or names()
    unknown = set(chosen) - set(names())
    if unknown:
        parser.error(f"no benchmark {', '.join(sorted(unknown))}; there are: {', '.join(names())}")
    rows: list[tuple[str, Figure]] = []
    failed: list[str] = []
    for name in chosen:
        started = time.perf_counter()
        print(f"running {name} …", file=sys.stderr, flush=True)
        command = [
            sys.executable,
            "-m",
            "bench",
            "--one",
            name,
            *(["--quick"] if args.quick else []),
        ]
        # Progress goes to stderr, as it happens; the figures come back on stdout's last line.
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)  # noqa: S603  # our own module
        if done.returncode != 0 or not done.stdout.strip():
            failed.append(name)
            continue
        last = done.stdout.strip().splitlines()[-1]
        rows += [(name, Figure(**raw)) for raw in json.loads(last)]
        print(f"  {name}: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    print(table(rows))
    if failed:
        print(f"\nfailed to run: {', '.join(failed)}")
    missed = [f"{b}: {f.name}" for b, f in rows if f.met is False]
    if missed:
        print("\ntargets missed:\n  " + "\n  ".join(missed))
    return 1 if missed or failed else 0


if __name__ == "__main__":
    sys.exit(main())
