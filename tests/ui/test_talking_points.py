"""Pilot tests of talking points: noted from anywhere with F3, marked at the next one-on-one's
agenda step, carried when it ends unmarked."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from textual.widgets import Input, Static

from oneonone.core import codec
from oneonone.core.model import Owner, PointState, Rep, TalkingPoint
from oneonone.core.store import Store, inbox
from oneonone.screens.roster import RosterScreen
from oneonone.screens.session import SessionScreen
from oneonone.screens.session_dialogs import SummaryScreen
from oneonone.screens.talking_point import PointNoteForm, PointsScreen, TalkingPointForm

from .conftest import NOW, SIZE, make_app, on_screen, settle, team, until
from .test_session import seed, start

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
        assert f"For {highlighted.name}" in str(form.query_one("#point-preview", Static).render())
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


async def test_the_agenda_step_marks_points_and_ending_carries_the_rest(
    store: Store, data_file: Path
) -> None:
    rep = seed(store)
    before = NOW.subtract(days=3)
    store.put_many(
        [
            TalkingPoint(
                rep.id,
                "Acme MSA",
                created_at=before,
                carried=2,
                private=True,
                state=PointState.CARRIED,
            ),
            TalkingPoint(rep.id, "Pipeline hygiene", created_at=before),
            TalkingPoint(rep.id, "Comp plan question", created_at=before, raised_by=Owner.REP),
        ]
    )
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        # noted from the shell while the one-on-one is open: the disk watch takes it in
        inbox.append(
            store.path,
            TalkingPoint.TABLE,
            codec.encode(TalkingPoint(rep.id, "CLI", created_at=before)),
        )
        app.services.disk._watch()
        await until(lambda: any(p.text == "CLI" for p in screen.points), "the point from the shell")
        prompt = screen.query_one("#prompt", Static)
        assert "Talking points" not in str(prompt.render())  # not at the first step
        await pilot.press("ctrl+n", "ctrl+n")  # the rep's agenda: the point they raised
        assert "Comp plan question" in str(prompt.render())
        assert "Acme" not in str(prompt.render())
        await pilot.press("ctrl+n")  # my agenda: mine, the most carried first
        shown = str(prompt.render())
        assert "Talking points" in shown and "Acme MSA (private, carried ×2)" in shown
        assert shown.index("Acme") < shown.index("Pipeline") and "Comp plan" not in shown
        await pilot.press("f4")  # screen sharing: the private point is not shown
        assert "Acme" not in str(prompt.render()) and "Pipeline" in str(prompt.render())
        await pilot.press("f4", "f5")
        await on_screen(app, PointsScreen)
        await pilot.press("d")  # Acme, discussed, with what was said
        await on_screen(app, PointNoteForm)
        app.screen.query_one(Input).value = "signed on Friday"
        await pilot.press("enter")
        await on_screen(app, PointsScreen)
        await pilot.press("j", "c", "escape")  # Pipeline: carried by hand
        await on_screen(app, SessionScreen)
        assert "✓ Acme MSA (private, carried ×2) — signed on Friday" in str(prompt.render())
        # F3 works while typing notes: for this one-on-one's rep, listed here, not carried
        await pilot.press("f3")
        await on_screen(app, TalkingPointForm)
        assert "For [b]Sam" in str(app.screen.query_one("#point-preview", Static).render())
        app.screen.query_one(Input).value = "Next quarter's plan"
        await pilot.press("enter")
        await on_screen(app, SessionScreen)
        assert "• Next quarter's plan" in str(prompt.render())
        await pilot.press("f10")
        await on_screen(app, SummaryScreen)
        summary = str(app.screen.query_one("#summary", Static).render())
        assert "Talking points discussed: 1" in summary
        assert "Talking points carried to next time: 1" in summary
        assert "carried to next time automatically: 2" in summary
        await pilot.press("enter")
        await until(lambda: not isinstance(app.screen, (SummaryScreen, SessionScreen)), "closed")
        await settle(app)
    found = {p.text: p for p in disk_points(data_file)}
    assert found["Acme MSA"].state is PointState.DISCUSSED
    assert found["Acme MSA"].note == "signed on Friday"
    assert (found["Pipeline hygiene"].state, found["Pipeline hygiene"].carried) == (
        PointState.CARRIED,
        1,
    )
    assert found["CLI"].state is PointState.CARRIED  # it waited before the one-on-one: carried
    assert (found["Next quarter's plan"].state, found["Next quarter's plan"].carried) == (
        PointState.OPEN,
        0,
    )
    assert (found["Comp plan question"].state, found["Comp plan question"].carried) == (
        PointState.CARRIED,
        1,
    )


def test_the_history_lists_points_to_raise_and_those_discussed() -> None:
    from oneonone.core.talking_points import mark_discussed
    from oneonone.screens.history import points_text

    waiting = TalkingPoint("r", "Acme MSA", created_at=NOW, carried=2, state=PointState.CARRIED)
    done = mark_discussed(
        TalkingPoint("r", "Pipeline", created_at=NOW), "cleaned up", session_id="s", now=NOW
    )
    shown = points_text([waiting, done], "Sam Lee", "Europe/Paris").plain
    assert shown.splitlines() == [
        "Talking points · 1 to raise next time",
        "• Acme MSA (carried ×2)",
        "✓ 2026-11-27 Pipeline — cleaned up",
    ]


async def test_a_point_from_the_shell_is_news_and_searchable_without_a_rebuild(
    store: Store,
) -> None:
    """Records the command line hands to the open app were shown as a warning for 15 s and had
    the whole search index built again (seconds at 25,000 sessions) for one line of text."""
    rep = seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE):
        await settle(app)
        await until(lambda: app.services.search_index is not None, "the index built")
        index = app.services.search_index
        assert index is not None
        point = TalkingPoint(rep.id, "Quarry Labs renewal", created_at=pendulum.now("UTC"))
        inbox.append(store.path, TalkingPoint.TABLE, codec.encode(point))
        app.services.disk._watch()
        await until(lambda: index.search("quarry"), "the point found by search")
        assert app.services.search_index is index  # taken into the index, not rebuilt
        (said,) = [n for n in app._notifications if "Added from the command line" in n.message]
        assert said.severity == "information"
