"""Pilot tests of talking points: noted from anywhere with F3, marked at the next one-on-one's
agenda step, carried when it ends unmarked."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from oneonone.core.model import PointState, Rep, TalkingPoint
from oneonone.core.store import Store
from oneonone.screens.roster import RosterScreen
from oneonone.screens.talking_point import TalkingPointForm

from .conftest import SIZE, make_app, on_screen, settle, team, until

pytestmark = pytest.mark.usefixtures("frozen")


def disk_points(path: Path) -> list[TalkingPoint]:
    with Store.open(path, allow_read_only=True) as disk:
        return disk.all(TalkingPoint)


async def test_f3_notes_a_point_by_name_or_for_the_highlighted_rep(
    store: Store, data_file: Path
) -> None:
    reps = team(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await on_screen(app, RosterScreen)
        highlighted = app.screen.selected
        assert isinstance(highlighted, Rep)
        # a name prefix, a colon, the text, Enter: F3 and Enter are the only keys
        await pilot.press("f3", *"pri: Acme", "enter")
        await on_screen(app, RosterScreen)
        await settle(app)
        # no name: the highlighted rep's; F4 makes it private; no text is refused, kept
        await pilot.press("f3")
        await on_screen(app, TalkingPointForm)
        form = app.screen
        assert f"for {highlighted.name}" in str(form.query_one(".dialog-title", Static).render())
        form.query_one(Input).value = "MSA"
        await pilot.press("f4", "enter")
        await on_screen(app, RosterScreen)
        await pilot.press("f3")
        await on_screen(app, TalkingPointForm)
        app.screen.query_one(Input).value = "pri: "
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TalkingPointForm)
        assert "Now the talking point, after the colon" in str(
            app.screen.query_one("#field-point .field-error", Static).render()
        )
        assert app.screen.query_one(Input).value == "pri: "
        await pilot.press("escape")
        await until(lambda: not isinstance(app.screen, TalkingPointForm), "the form closed")
        if not isinstance(app.screen, RosterScreen):  # asked whether to discard
            await pilot.press("y")
        await settle(app)
    found = {p.text: p for p in disk_points(data_file)}
    priya = next(r for r in reps if r.name.startswith("Priya"))
    assert found["Acme"].rep_id == priya.id and not found["Acme"].private
    assert found["MSA"].rep_id == highlighted.id and found["MSA"].private
    assert all(p.state is PointState.OPEN for p in found.values()) and len(found) == 2
