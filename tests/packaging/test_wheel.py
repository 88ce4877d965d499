"""The styles ship inside the wheel and load in both an editable and a wheel install."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from oneonone.paths import styles_dir

ROOT = Path(__file__).resolve().parents[2]

SMOKE = r"""
import asyncio, pathlib, sys, tempfile
import oneonone, oneonone.paths
from oneonone.app import OneOnOneApp
from oneonone.core.store import Store

pkg = pathlib.Path(oneonone.__file__).parent
assert str(pkg).startswith(sys.prefix), (pkg, sys.prefix)
styles = oneonone.paths.styles_dir()
assert styles == pkg / "styles" and (styles / "app.tcss").is_file(), styles
from oneonone.core.scripts import load_scripts
assert all(s.is_builtin and s.steps for s in load_scripts(None)[0].values())

async def main():
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(pathlib.Path(folder) / "d.json")
        app = OneOnOneApp(store)
        async with app.run_test(size=(100, 30)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            line = app.screen.query_one("#status-line")
            assert line.styles.height.value == 1, line.styles.height  # from styles/app.tcss
            assert "Welcome to oneonone" in str(app.screen.query_one("#empty").render())
        store.close()
    print("wheel-ok")

asyncio.run(main())
"""


def test_editable_install_finds_the_top_level_styles() -> None:
    assert (styles_dir() / "app.tcss").is_file()


@pytest.mark.slow
def test_wheel_ships_styles_and_runs_from_another_folder(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
    )
    (wheel,) = dist.glob("oneonone-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "oneonone/styles/app.tcss" in names
    assert "oneonone/help/method.md" in names
    assert "oneonone/scripts/regular.md" in names

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    py = venv / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(py),
            "install",
            "--no-deps",
            "-q",
            str(wheel),
        ],
        check=True,
    )
    # Dependencies come from this environment, but not its editable oneonone: a plain path
    # line in a .pth file adds the folder without running the editable finder.
    purelib = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [str(py), "-c", SMOKE],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "wheel-ok" in result.stdout
    version = subprocess.run(
        [str(venv / "bin" / "oneonone"), "--version"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert version.stdout.startswith("oneonone ")
