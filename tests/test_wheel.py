"""A built wheel, installed apart from this checkout, runs `python -m bot demo`.

The wheel is built from a copy of the sources (so nothing is left in the checkout) without
downloading a build backend, and installed into a fresh virtual environment that borrows
this interpreter's installed dependencies but never sees the source tree: the demo can only
find its catalogs, migrations and reference data inside the wheel.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(
    *args: str | Path,
    input: str | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603  # our own tools, with arguments we chose
        [str(a) for a in args], input=input, cwd=cwd, env=env,
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def build_wheel(tmp: Path) -> Path:
    src = tmp / "src"
    junk = shutil.ignore_patterns("__pycache__", "*.sqlite3*", "*.key", "*.mo", ".lock")
    for name in ("bot", "data", "locales"):
        shutil.copytree(ROOT / name, src / name, ignore=junk)
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, src / name)
    built = run(
        sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
        "--quiet", "--wheel-dir", tmp / "dist", src,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    [wheel] = (tmp / "dist").glob("cydlais-*.whl")
    return wheel


def fresh_environment(tmp: Path, wheel: Path) -> Path:
    """A venv holding only the wheel; the dependencies come from this interpreter's site."""
    env = tmp / "venv"
    made = run(sys.executable, "-m", "venv", "--without-pip", env)
    assert made.returncode == 0, made.stderr
    python = env / "bin" / "python"
    site = Path(
        run(
            python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"
        ).stdout.strip()
    )
    # Paths only: a .pth line is added to sys.path, and the .pth files there (this
    # checkout's editable install among them) are not run.
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (site / "dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    installed = run(
        sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
        "--target", site, wheel,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr
    return python


def test_the_wheel_holds_every_module_and_its_data_and_nothing_private(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "bot").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert not sources - names, (
        "modules missing from the wheel: list their packages in pyproject.toml"
    )
    shipped = {
        f"bot/data/{name}"
        for name in (
            "constituencies.csv",
            "glossary.csv",
            "support_lines.json",
            "crisis_phrases.txt",
        )
    } | {f"bot/locales/{lang}/LC_MESSAGES/messages.po" for lang in ("cy", "en")}
    assert shipped <= names
    assert {p for p in names if p.startswith("bot/storage/migrations/")} == {
        f"bot/storage/migrations/{p.name}" for p in (ROOT / "bot/storage/migrations").glob("*.sql")
    }
    assert not [n for n in names if n.endswith((".sqlite3", ".key", ".mo"))]

    python = fresh_environment(tmp_path, wheel)
    where = run(python, "-I", "-c", "import bot; print(bot.__file__)")
    assert where.returncode == 0, where.stderr
    assert Path(where.stdout.strip()).is_relative_to(tmp_path / "venv")

    typed = "\n".join(
        ["/start", "1", "1", "/geirfa CTP", "/as coordinator", "/rhwydweithiau", "/quit"]
    )
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "CYDLAIS_", "PYTHON"))
    }
    demo = run(python, "-I", "-m", "bot", "demo", input=typed, cwd=workdir, env=env)
    out = demo.stdout
    assert demo.returncode == 0, demo.stderr
    assert "Traceback" not in out + demo.stderr
    assert out.index("Croeso i Gydlais") < out.index("Welcome to Cydlais")  # both catalogs
    assert "Eich preifatrwydd" in out  # the Welsh catalog, from the wheel
    assert "Cynllun Gofal a Thriniaeth" in out  # the glossary, from the wheel's data
    assert "Llwytho ardaloedd y saith bwrdd iechyd" in out  # migrated: a coordinator's list
    assert out.rstrip().endswith("Hwyl fawr!")
    assert not list(workdir.iterdir())  # nothing written where it ran
