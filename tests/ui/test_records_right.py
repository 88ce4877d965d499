"""Pilot tests of records put right: a commitment corrected from home (no one-on-one: nothing
to undo there), and a done undone after the one-on-one was left and resumed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from oneonone.core.model import Commitment, CommitmentState
from oneonone.core.store import Store
from oneonone.screens.commitment import CommitmentEditForm, CommitmentScreen
from oneonone.screens.confirm import ConfirmScreen
from oneonone.screens.dashboard import DashboardScreen
from oneonone.screens.roster import RosterScreen
from oneonone.screens.session import SessionScreen

from .conftest import SIZE, make_app, on_screen, settle, until
from .test_dashboard import home, select
from .test_dashboard import seed as seed_home
from .test_session import seed as seed_session
from .test_session import start

pytestmark = pytest.mark.usefixtures("frozen")


def on_disk(data_file: Path, commitment_id: str) -> Commitment:
    with Store.open(data_file, allow_read_only=True) as disk:
        found = disk.get(Commitment, commitment_id)
    assert found is not None
    return found


async def test_a_commitment_is_corrected_from_home(store: Store, data_file: Path) -> None:
    seeded = seed_home(store)
    late: Commitment = seeded["late"]  # type: ignore[assignment]
    app = make_app(store, home=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app)
        select(screen, "commitment")
        await pilot.press("enter")
        await on_screen(app, CommitmentScreen)
        assert not app.screen.check_action("undo", ())  # not in a one-on-one: no undo
        await pilot.press("e")
        await on_screen(app, CommitmentEditForm)
        assert isinstance(app.focused, Input) and app.focused.id == "input-text"
        app.screen.query_one("#input-due", Input).value = "next monday"
        await pilot.press("ctrl+s")
        await on_screen(app, DashboardScreen)
        await settle(app)
    fixed = on_disk(data_file, late.id)
    assert fixed.state is CommitmentState.OPEN and fixed.text == late.text
    assert fixed.due is not None and fixed.due.isoformat() == "2026-11-30"
    assert [(c.what, c.after) for c in fixed.changes] == [("due", "2026-11-30")]


async def test_a_done_is_undone_after_the_one_on_one_is_resumed(
    store: Store, data_file: Path
) -> None:
    seed_session(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await start(app, pilot)
        await pilot.press("f2", "enter")  # into the commitments list, deliberately
        await on_screen(app, CommitmentScreen)
        await pilot.press("d")
        await on_screen(app, SessionScreen)
        await pilot.press("escape")  # leave: it stays open
        await on_screen(app, RosterScreen)
        await settle(app)
    again = make_app(store)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again)
        await on_screen(again, ConfirmScreen)  # the one-on-one left open, offered back
        await pilot.press("y")
        await on_screen(again, SessionScreen)
        resumed = again.screen
        listing = resumed.query_one("#commitments", OptionList)
        await until(lambda: listing.option_count > 0, "commitments listed")
        line = str(listing.get_option_at_index(0).prompt)
        assert "done here, Enter to undo" in line
        await pilot.press("f2", "enter")
        await on_screen(again, CommitmentScreen)
        assert "u undo (done)" in " ".join(str(s.render()) for s in again.screen.query(Static))
        await pilot.press("u")
        await on_screen(again, SessionScreen)
        await settle(again)
    with Store.open(data_file, allow_read_only=True) as disk:
        (c,) = disk.all(Commitment)
    assert (c.state, c.carried) == (CommitmentState.OPEN, 1)
    assert [(ch.what, ch.before, ch.after) for ch in c.changes] == [
        ("state", "open", "done"),
        ("state", "done", "open"),
    ]
