"""Reading a rep's screens ahead while the roster's cursor rests on the rep
(oneonone/perf/prefetch.py): used once, only while it is what the file holds, and waited for
rather than read twice."""

from __future__ import annotations

import threading

import pendulum
import pytest
from textual.widgets import DataTable

from oneonone.core.model import Agreement, AgreementState, Session, SessionKind
from oneonone.core.store import Store
from oneonone.perf.prefetch import Read
from oneonone.screens import history
from oneonone.screens.agreement import AgreementScreen
from oneonone.screens.history import HistoryScreen
from oneonone.screens.roster import RosterScreen
from oneonone.widgets.rep_table import RepTable

from .conftest import SIZE, make_app, on_screen, settle, team, until

pytestmark = pytest.mark.usefixtures("frozen")


def closed_session(rep_id: str, day: int) -> Session:
    start = pendulum.datetime(2026, 11, day, 9, 0, tz="UTC")
    return Session(
        rep_id=rep_id,
        kind=SessionKind.REGULAR,
        started_at=start,
        ended_at=start.add(minutes=30),
        closed=True,
        notes=f"week of the {day}th",
    )


def seed(store: Store) -> None:
    """The team, each rep with two closed one-on-ones and an agreement."""
    for rep in team(store):
        agreed = Agreement(
            rep_id=rep.id,
            state=AgreementState.AGREED,
            agreed_on=pendulum.date(2026, 10, 1),
            activity=["Ten calls a day"],
        )
        store.put_many([closed_session(rep.id, 2), closed_session(rep.id, 9), agreed])


def first_row(app) -> str:  # type: ignore[no-untyped-def]
    rep = app.roster.selected
    assert rep is not None
    return rep.id  # type: ignore[no-any-return]


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reads: list[str] = []
    real = history.read_history

    def counted(store: Store, rep_id: str, timezone: str) -> history.Loaded:
        reads.append(rep_id)
        return real(store, rep_id, timezone)

    monkeypatch.setattr(history, "read_history", counted)
    return reads


async def rested(app, rep_id: str) -> Read:  # type: ignore[no-untyped-def]
    """Wait until the rep's screens were read ahead, as the store is now (start-up work
    saves, such as the reviews scheduled: what was read before is read again)."""

    ahead = app.services.loader.ahead

    def read() -> Read | None:
        found = ahead._read
        if found is None or not found.done or found.key.rep_id != rep_id:
            return None
        if found.history is None or found.versions is None:  # a part used already
            return None
        return found if found.key.revision == app.store.revision else None

    await until(read, "the read ahead")
    found = read()
    assert found is not None
    return found


async def test_the_rep_under_the_cursor_is_read_ahead_and_opened_from_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(store)
    reads = count_reads(monkeypatch)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await on_screen(app, RosterScreen)
        alex = first_row(app)
        read = await rested(app, alex)
        # read once, or again if a start-up save (the reviews scheduled) came after the read
        assert set(reads) == {alex} and read.history is not None and read.versions is not None
        before = len(reads)
        await pilot.press("y")
        await on_screen(app, HistoryScreen)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await until(lambda: screen.loaded, "the history")
        assert screen.query_one("#sessions", DataTable).row_count == 2
        assert len(reads) == before  # the screen used what was read ahead
        assert read.history is None  # and only once
        await pilot.press("escape")
        await on_screen(app, RosterScreen)
        read = await rested(app, alex)  # back on the roster: the history is read again
        assert reads == [alex] * (before + 1)
        monkeypatch.setattr(AgreementScreen, "load", lambda self: pytest.fail("read again"))
        await pilot.press("enter")  # the agreement, from what was read ahead
        await on_screen(app, AgreementScreen)
        agreement = app.screen
        assert isinstance(agreement, AgreementScreen)
        await until(lambda: agreement.loaded, "the agreement")
        assert [a.activity for a in agreement.agreements] == [["Ten calls a day"]]
        assert read.versions is None and read.history is not None


async def test_what_was_read_before_a_save_is_not_shown(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(store)
    reads = count_reads(monkeypatch)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        alex = first_row(app)
        await rested(app, alex)
        app.services.saving.persist([closed_session(alex, 16)])  # saved after the read ahead
        await settle(app)
        before = len(reads)
        await pilot.press("y")
        await on_screen(app, HistoryScreen)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await until(lambda: screen.loaded, "the history")
        assert screen.query_one("#sessions", DataTable).row_count == 3  # read again
        assert set(reads) == {alex} and len(reads) in (before, before + 1)


async def test_a_key_during_the_read_waits_for_it_instead_of_reading_again(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(store)
    reads: list[str] = []
    go = threading.Event()
    real = history.read_history

    def slow(store: Store, rep_id: str, timezone: str) -> history.Loaded:
        reads.append(rep_id)
        go.wait(5)
        return real(store, rep_id, timezone)

    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await rested(app, first_row(app))
        monkeypatch.setattr(history, "read_history", slow)
        await pilot.press("down")  # the next rep: read ahead, slowly
        await until(lambda: reads, "the read ahead started")
        await pilot.press("y")
        await pilot.pause(0.05)
        assert not isinstance(app.screen, HistoryScreen)  # waiting for the read
        go.set()
        await on_screen(app, HistoryScreen)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await until(lambda: screen.loaded, "the history")
        assert screen.query_one("#sessions", DataTable).row_count == 2
        assert reads == [first_row(app)]  # read once, ahead


async def test_moving_on_quickly_reads_nothing_and_a_failed_read_falls_back(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        alex = first_row(app)
        await rested(app, alex)
        table = app.screen.query_one(RepTable)
        ahead = app.services.loader.ahead
        before = ahead._read
        for _ in range(3):  # key repeat: the cursor never rests on the next rep
            await pilot.press("down", "up")
        await pilot.pause(0.3)
        assert table.cursor_row == 0
        assert ahead._read is before  # back on the rep read already: nothing read

        def broken(store: Store, rep_id: str, timezone: str) -> history.Loaded:
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(history, "read_history", broken)
        await pilot.press("down")
        await until(lambda: ahead._read is not before, "the read ahead of the next rep")
        await until(
            lambda: ahead._read is not None and ahead._read.done,
            "the read",
        )
        assert ahead._read is not None and ahead._read.history is None
        monkeypatch.undo()
        await pilot.press("y")  # nothing usable read ahead: the screen is read as before
        await on_screen(app, HistoryScreen)
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        await until(lambda: screen.loaded, "the history")
        assert screen.rep.id != alex
