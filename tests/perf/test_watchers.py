"""The app tidies up when the user pauses (oneonone/perf/watchers.py): screens opened and closed
leave nothing behind, and the full garbage collection runs then (oneonone/perf/collector.py),
not while a screen opens."""

from __future__ import annotations

import gc

from textual.widgets import Footer, Header

from oneonone.core.store import Store
from oneonone.perf.internals import FooterKey
from oneonone.perf.watchers import IDLE_SECONDS, Housekeeper, forget_closed_watchers
from oneonone.screens.history import HistoryScreen
from oneonone.screens.roster import RosterScreen
from tests.ui.conftest import SIZE, make_app, on_screen, settle, team, until


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_housekeeper_tidies_once_per_pause_after_some_input() -> None:
    clock = Clock()
    keeper = Housekeeper(clock)
    seen: list[int] = []

    def nodes() -> list[object]:
        seen.append(1)
        return []

    clock.now += 10
    assert not keeper.tick(nodes)  # no input yet: nothing to tidy
    keeper.input_seen()
    clock.now += IDLE_SECONDS / 2
    assert not keeper.tick(nodes)  # still typing
    clock.now += IDLE_SECONDS
    assert keeper.tick(nodes) and seen == [1]
    clock.now += 10
    assert not keeper.tick(nodes) and seen == [1]  # once per pause
    keeper.input_seen()
    clock.now += IDLE_SECONDS / 4
    assert keeper.until_idle() == IDLE_SECONDS * 3 / 4
    clock.now += IDLE_SECONDS
    assert keeper.until_idle() == 0


async def test_the_app_tidies_in_the_pause_after_input_and_does_not_poll(store: Store) -> None:
    team(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        assert not app._tidy_timer.armed  # nothing typed: nothing to wait for
        await pilot.press("down")
        assert app._tidy_timer.armed
        await pilot.press("up")  # typing on: still the one timer
        await until(lambda: not app._tidy_timer.armed, "the pause")
        assert app.housekeeper.idle() and not app.housekeeper.tick(list)  # tidied already
        assert app.services.disk.timer.armed  # the data file is still looked at


def test_a_full_collection_runs_in_a_pause_only_once_the_start_up_heap_is_set_apart() -> None:
    clock = Clock()
    keeper = Housekeeper(clock)
    for collect in (False, True):
        keeper.collect = collect
        gc.collect(1)  # something reached the oldest generation since its last collection
        keeper.input_seen()
        clock.now += IDLE_SECONDS
        keeper.tick(list)
    assert keeper.collections == 1


async def _live(kind: type) -> int:
    gc.collect()
    return sum(type(o) is kind for o in gc.get_objects())


async def test_screens_opened_and_closed_leave_no_widgets_behind(store: Store) -> None:
    """Textual keeps a watcher of a closed widget on the object it watched (its issue #6666):
    each history opened kept its Header, each Footer refresh its old keys."""
    reps = team(store)
    app = make_app(store)
    clock = Clock()
    app.housekeeper.clock = clock
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)

        async def open_and_close() -> None:
            app.services.open_history(reps[0])
            await on_screen(app, HistoryScreen)
            await until(lambda: app.screen.loaded, "the history")  # type: ignore[attr-defined]
            await pilot.press("escape")
            await on_screen(app, RosterScreen)
            await pilot.press("down", "up")  # the roster's footer shown again, keys rebuilt
            await settle(app)
            await pilot.pause()
            clock.now += IDLE_SECONDS
            app._tidy()

        await open_and_close()
        headers, keys = await _live(Header), await _live(FooterKey)
        for _ in range(3):
            await open_and_close()
        assert await _live(Header) == headers
        assert await _live(FooterKey) == keys
        assert forget_closed_watchers([app, *app.screen_stack, *app.query(Footer)]) == 0
