"""The team board in the app: one key from home and the roster, a line to rank on cycled,
Enter to the rep's history, Esc back; an empty team says what to do."""

from __future__ import annotations

from pathlib import Path

import pendulum
from textual.widgets import DataTable, Input, Static

from oneonone.core.model import (
    Agreement,
    AgreementState,
    NumberEntry,
    Period,
    QuotaLine,
    Rep,
    RepStatus,
    Session,
    SessionKind,
    TeamSettings,
)
from oneonone.core.store import Store
from oneonone.screens.agreement_dialogs import ExportScreen
from oneonone.screens.board import NO_NUMBERS, NO_REPS, BoardScreen
from oneonone.screens.confirm import ConfirmScreen
from oneonone.screens.dashboard import DashboardScreen
from oneonone.screens.history import HistoryScreen
from oneonone.screens.roster import RosterScreen
from tests.ui.conftest import SIZE, make_app, on_screen, settle, until

D = pendulum.Date


def seed(store: Store) -> dict[str, Rep]:
    """Three current reps (one named like markup, one with no numbers this quarter) and one
    departed, each with the quarter's New ARR and some with weekly calls."""
    reps = {
        "ann": Rep(name="Ann Lee", start_date=D(2024, 1, 8)),
        "sam": Rep(name="[b]Sam", start_date=D(2024, 1, 8)),
        "cy": Rep(name="Cy Park", start_date=D(2024, 1, 8)),
        "eve": Rep(name="Eve Gone", start_date=D(2024, 1, 8), status=RepStatus.DEPARTED),
    }
    records: list[object] = [TeamSettings(manager_name="Dana", timezone="Europe/Paris")]
    numbers = {"ann": (90_000, 12), "sam": (150_000, None), "cy": None, "eve": (500_000, 20)}
    for key, rep in reps.items():
        arr = QuotaLine("New ARR", 100_000, "USD", Period.QUARTER)
        calls = QuotaLine("Calls", 10, "calls", Period.WEEK)
        records += [
            rep,
            Agreement(
                rep_id=rep.id,
                state=AgreementState.AGREED,
                agreed_on=D(2026, 1, 5),
                quota_lines=[arr, calls],
            ),
        ]
        got = numbers[key]
        if got is None:  # only last quarter
            got, on = (70_000, None), pendulum.datetime(2026, 9, 14, 10, tz="Europe/Paris")
        else:
            on = pendulum.datetime(2026, 11, 24, 10, tz="Europe/Paris")
        entries = [NumberEntry(arr.id, arr.label, got[0], arr.number, "USD", arr.period)]
        if got[1] is not None:
            entries.append(NumberEntry(calls.id, calls.label, got[1], 10, "calls", Period.WEEK))
        records.append(
            Session(
                rep_id=rep.id,
                kind=SessionKind.REGULAR,
                started_at=on,
                closed=True,
                ended_at=on.add(minutes=30),
                numbers=entries,
            )
        )
    store.put_many(records)
    return reps


def rows(screen: BoardScreen) -> list[list[str]]:
    table = screen.query_one("#board", DataTable)
    return [[str(c) for c in table.get_row_at(n)] for n in range(table.row_count)]


async def test_board_from_home_ranks_cycles_and_opens_history(
    store: Store, frozen: pendulum.DateTime
) -> None:
    seed(store)
    app = make_app(store, home=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await on_screen(app, DashboardScreen)
        await pilot.press("b")
        await on_screen(app, BoardScreen)
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        shown = rows(screen)
        assert [r[:5] for r in shown] == [
            ["1", "[b]Sam", "150,000", "100,000 USD", "150%"],
            ["2", "Ann Lee", "90,000", "100,000 USD", "90%"],
            ["", "Cy Park", "no numbers yet", "100,000 USD", ""],  # not zero; Eve departed
        ]
        assert shown[0][6] == "Calls none yet" and shown[1][6] == "Calls 120%"
        assert shown[2][5] == "▆"  # last quarter's 70 %, for the sparkline
        title = str(screen.query_one("#board-title", Static).render())
        assert "ranked on New ARR, this quarter (since 2026-10-01)" in title
        await pilot.press("l")  # rank on Calls
        await until(lambda: screen.board.ranked_on == "calls", "ranked on calls")
        assert [(r[0], r[1], r[2]) for r in rows(screen)] == [
            ("1", "Ann Lee", "12"),
            ("", "[b]Sam", "no numbers yet"),  # the cursor stays on Sam
            ("", "Cy Park", "no numbers yet"),
        ]
        await pilot.press("p")  # last period: last week's calls, none
        await until(lambda: "last week" in str(screen.query_one("#board-title", Static).render()))
        await pilot.press("p", "j", "enter")  # this period again; Cy's history
        await on_screen(app, HistoryScreen)
        history = app.screen
        assert isinstance(history, HistoryScreen) and history.rep.name == "Cy Park"
        await pilot.press("escape")
        await on_screen(app, BoardScreen)
        assert app.screen is screen and screen.selected is not None
        assert screen.selected.name == "Cy Park"
        await pilot.press("escape")
        await on_screen(app, DashboardScreen)


async def test_board_from_the_roster_and_exported(
    store: Store, frozen: pendulum.DateTime, tmp_path: Path
) -> None:
    seed(store)
    target = tmp_path / "out" / "board.md"
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await on_screen(app, RosterScreen)
        await pilot.press("b")
        await on_screen(app, BoardScreen)
        await pilot.press("x")
        await on_screen(app, ExportScreen)
        app.screen.query_one("#input-path", Input).value = str(target)
        await pilot.press("enter")
        await until(target.exists, "export file")
        await on_screen(app, BoardScreen)
        await pilot.press("x")  # again: the file exists, replacing it is asked first
        await on_screen(app, ExportScreen)
        app.screen.query_one("#input-path", Input).value = str(target)
        await pilot.press("enter")
        await on_screen(app, ConfirmScreen)
        await pilot.press("escape")
        await on_screen(app, BoardScreen)
        await pilot.press("escape")
        await on_screen(app, RosterScreen)
    text = target.read_text()
    assert text.startswith('---\ntitle: "Team board 2026-11-27"\n')
    assert "## New ARR: this quarter (since 2026-10-01)" in text
    assert "| 1 | \\[b]Sam | 150,000 | 100,000 USD | 150% |" in text  # the name escaped


async def test_an_empty_team_board_says_what_to_do(store: Store, frozen: pendulum.DateTime) -> None:
    store.put_many([TeamSettings(manager_name="Dana", timezone="Europe/Paris")])
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("b")
        await on_screen(app, BoardScreen)
        screen = app.screen
        assert isinstance(screen, BoardScreen)
        assert str(screen.query_one("#board-empty", Static).render()) == NO_REPS
        assert not screen.query_one("#board").display
        assert screen.check_action("history", ()) is None
        assert screen.check_action("next_line", ()) is None
        ann = Rep(name="Ann Lee", start_date=D(2024, 1, 8))
        line = QuotaLine("New ARR", 100_000, "USD", Period.QUARTER)
        agreement = Agreement(rep_id=ann.id, state=AgreementState.AGREED, quota_lines=[line])
        store.put_many([ann, agreement])  # read again each time the board opens
        await pilot.press("escape", "b")
        await until(lambda: app.screen is not screen and isinstance(app.screen, BoardScreen))
        again = app.screen
        assert isinstance(again, BoardScreen)
        assert str(again.query_one("#board-empty", Static).render()) == NO_NUMBERS
        assert again.query_one("#board").display  # Ann's row: no numbers yet
