"""Fixtures of the real-terminal suite: temporary data made for a fixed date, and the app
started on it in a pseudo-terminal at 120×40 or 80×24."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pendulum
import pytest

from tests.terminal.term import Terminal, environment

#: The moment every terminal test runs at: a Friday morning in Paris.
NOW = pendulum.datetime(2026, 11, 27, 10, 0, tz="Europe/Paris")
LAUNCH = Path(__file__).with_name("launch.py")
ROOT = Path(__file__).resolve().parents[2]

OpenApp = Callable[..., Terminal]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is marked ``terminal`` (``-m "not terminal"`` leaves them out)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.terminal)


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo team of six reps and half a year of history, generated once per run."""
    from oneonone.demo import demo_file

    folder = tmp_path_factory.mktemp("demo-template")
    with pendulum.travel_to(NOW, freeze=True):
        return demo_file(folder, reps=6, years=0.5, today=NOW.date())


@pytest.fixture
def demo_copy(_demo_template: Path, tmp_path: Path) -> Callable[[], Path]:
    """``demo_copy()``: a new private copy of the demo team, each call in a folder of its own
    (a hypothesis example starts from the same team as every other)."""
    count = 0

    def copy() -> Path:
        nonlocal count
        count += 1
        folder = tmp_path / f"team-{count}"
        folder.mkdir()
        path = folder / "oneonone.json"
        shutil.copyfile(_demo_template, path)
        path.chmod(0o600)
        return path

    return copy


@pytest.fixture
def demo_db(demo_copy: Callable[[], Path]) -> Path:
    """A private copy of the demo team for one test."""
    return demo_copy()


@pytest.fixture
def empty_db(tmp_path: Path) -> Path:
    """A data file that does not exist yet (a first start)."""
    return tmp_path / "fresh" / "oneonone.json"


@pytest.fixture
def open_app(_private_home: Path) -> Iterator[OpenApp]:
    """``open_app(db, cols=120, rows=40)``: the app on ``db`` in a real terminal, once its first
    screen is painted. Every terminal opened is closed at the end of the test."""
    opened: list[Terminal] = []

    def start(db: Path, *, cols: int = 120, rows: int = 40, ready: str = r"\^q Quit") -> Terminal:
        argv = [sys.executable, str(LAUNCH), NOW.isoformat(), "--db", str(db)]
        term = Terminal(argv, env=environment(_private_home), cols=cols, rows=rows, cwd=ROOT)
        opened.append(term)
        term.wait(ready, timeout=20)
        term.settle(quiet=0.3)
        return term

    yield start
    for term in opened:
        term.close()
