"""Pilot fixtures: a temporary data file and frozen time (2026-11-27, 10:00 in Paris)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pendulum
import pytest
from textual.css.query import NoMatches
from textual.worker import WorkerCancelled

from oneonone.app import OneOnOneApp
from oneonone.core.model import Rep, RepStatus, TeamSettings
from oneonone.core.store import Store

NOW = pendulum.datetime(2026, 11, 27, 10, 0, tz="Europe/Paris")
SIZE = (120, 40)


@pytest.fixture
def frozen() -> Iterator[pendulum.DateTime]:
    with pendulum.travel_to(NOW, freeze=True):
        yield NOW


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    return tmp_path / "team" / "oneonone.json"


@pytest.fixture
def store(data_file: Path) -> Iterator[Store]:
    s = Store.open(data_file)
    yield s
    s.close()


def team(store: Store) -> list[Rep]:
    reps = [
        Rep(name="Alex Moreno", role="Account Executive", start_date=pendulum.date(2024, 3, 4)),
        Rep(name="[b]Sam", role="SDR [red]", start_date=pendulum.date(2025, 9, 1)),
        Rep(
            name="Priya Natarajan",
            role="Senior AE",
            start_date=pendulum.date(2026, 11, 23),
            status=RepStatus.ONBOARDING,
        ),
        Rep(
            name="Jordan Lee",
            role="AE",
            start_date=pendulum.date(2023, 1, 9),
            status=RepStatus.DEPARTED,
            departed_on=pendulum.date(2026, 6, 30),
        ),
    ]
    settings = TeamSettings(manager_name="Dana Whitfield", timezone="Europe/Paris")
    store.put_many([settings, *reps])
    return reps


@pytest.fixture
def full_store(store: Store) -> Store:
    team(store)
    return store


def make_app(store: Store, *, home: bool = False) -> OneOnOneApp:
    """The app on ``store``. Roster tests start on the roster; the real app (and ``home=True``)
    opens on the dashboard when there is a team."""
    app = OneOnOneApp(store)
    if not home:
        app._start_home = False
    return app


async def settle(app: OneOnOneApp) -> None:
    """Wait until the team is loaded and every save has finished."""
    for _ in range(500):
        with contextlib.suppress(WorkerCancelled):  # an exclusive worker replaced by a newer one
            await app.workers.wait_for_complete()
        queued = app._message_queue.qsize() + app.screen._message_queue.qsize()
        if (
            queued == 0
            and app.background_started
            and app.services.team.loaded
            and not app.services.saving.in_flight
        ):
            return  # nothing queued either: a save asked for (SaveRequested) is not missed
        await asyncio.sleep(0.01)
    raise AssertionError("the app did not settle")


async def until(check: Callable[[], object], what: str = "condition") -> None:
    """Wait (up to 10 s, for a loaded CI machine) for ``check()`` to be truthy: screens mount a
    few frames after a key, and workers finish when they finish."""
    for _ in range(1000):
        try:
            if check():
                return
        except NoMatches:
            pass
        await asyncio.sleep(0.01)
    raise AssertionError(f"timed out waiting for {what}")


async def on_screen(app: OneOnOneApp, cls: type) -> None:
    await until(lambda: isinstance(app.screen, cls), cls.__name__)
    with contextlib.suppress(WorkerCancelled):
        await app.workers.wait_for_complete()
