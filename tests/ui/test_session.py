"""Pilot tests of a one-on-one from start to summary: script, notes, commitments, numbers."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pendulum
import pytest
from textual import events
from textual.widgets import Input, Static, TextArea

from oneonone.core.model import (
    Agreement,
    AgreementState,
    Commitment,
    CommitmentState,
    ConsequenceStep,
    Owner,
    Period,
    QuotaLine,
    Rep,
    Session,
    SessionKind,
    TeamSettings,
)
from oneonone.core.store import Store
from oneonone.core.store.journal import journal_path
from oneonone.screens.commitment import CommitmentScreen
from oneonone.screens.confirm import ConfirmScreen
from oneonone.screens.roster import RosterScreen
from oneonone.screens.session import SessionScreen
from oneonone.screens.session_dialogs import CommitmentForm, KindScreen, NumbersForm, SummaryScreen

from .conftest import NOW, SIZE, make_app, on_screen, settle, until

pytestmark = pytest.mark.usefixtures("frozen")


def seed(store: Store, *, agreed: bool = True) -> Rep:
    rep = Rep(name="[b]Sam", role="AE", start_date=pendulum.date(2025, 1, 6))
    records: list[object] = [TeamSettings(manager_name="Dana", timezone="Europe/Paris"), rep]
    if agreed:
        records.append(
            Agreement(
                rep_id=rep.id,
                state=AgreementState.AGREED,
                agreed_on=pendulum.date(2026, 10, 1),
                next_review=pendulum.date(2027, 1, 1),
                quota_lines=[QuotaLine("New ARR", 120000, "USD", Period.QUARTER)],
                consequence_steps=[
                    ConsequenceStep("A gentle reminder."),
                    ConsequenceStep("Lunch."),
                ],
            )
        )
    records.append(
        Commitment(
            rep_id=rep.id,
            owner=Owner.REP,
            text="Send the forecast",
            due=pendulum.date(2026, 11, 20),
            carried=1,
        )
    )
    store.put_many(records)
    return rep


def disk_sessions(path: Path) -> list[Session]:
    with Store.open(path, allow_read_only=True) as disk:
        return disk.all(Session)


async def start(app, pilot) -> SessionScreen:  # type: ignore[no-untyped-def]
    await settle(app)
    await on_screen(app, RosterScreen)
    await pilot.press("n")
    await on_screen(app, KindScreen)
    await pilot.press("enter")  # the suggested kind
    await on_screen(app, SessionScreen)
    return app.screen  # type: ignore[no-any-return]


async def test_full_session_from_start_to_summary(store: Store, data_file: Path) -> None:
    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        assert screen.session.kind is SessionKind.REGULAR
        titles = [s.title for s in screen.session.steps]
        assert len(titles) >= 4
        # the agreement at a glance: quota and the rep's own consequence steps, the next marked
        glance = str(screen.query_one("#glance", Static).render())
        assert "New ARR" in glance and "▶ 1. A gentle reminder." in glance
        # notes at step 1, then step 2
        await pilot.press(*"ok")
        notes = screen.query_one("#notes", TextArea)
        notes.text = "We talked about **Acme** | [red]risk[/red]"  # long text set directly
        await pilot.press("ctrl+n")
        assert screen.session.current_step == 1
        assert screen.session.steps[0].covered
        await pilot.press(*"q4")
        await pilot.press("ctrl+t", *"free", "ctrl+t", *"secret")
        # a commitment for each side; a bad date is refused and the text kept
        await pilot.press("ctrl+r")
        await on_screen(app, CommitmentForm)
        app.screen.query_one("#input-text", Input).value = "Call Acme's CFO"
        app.screen.query_one("#input-due", Input).value = "2027-02-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "not a real date" in str(
            app.screen.query_one("#field-due .field-error", Static).render()
        )
        assert app.screen.query_one("#input-text", Input).value == "Call Acme's CFO"
        app.screen.query_one("#input-due", Input).value = "fri"
        await pilot.press("ctrl+s")
        await on_screen(app, SessionScreen)
        await pilot.press("ctrl+o")
        await on_screen(app, CommitmentForm)
        app.screen.query_one("#input-text", Input).value = "Get Sam a demo environment"
        await pilot.press("enter", "enter")
        await on_screen(app, SessionScreen)
        # numbers against quota
        await pilot.press("ctrl+l")
        await on_screen(app, NumbersForm)
        app.screen.query_one("#input-actual_0", Input).value = "84,000"
        await pilot.press("ctrl+s")
        await on_screen(app, SessionScreen)
        assert "70%" in str(screen.query_one("#glance", Static).render())
        # the old commitment: not done, carried again
        await pilot.press("f2", "enter")  # into the commitments list, deliberately
        await on_screen(app, CommitmentScreen)
        await pilot.press("c")
        await until(lambda: app.screen.__class__.__name__ == "DateFormScreen", "carry date")
        await pilot.press("enter")
        await on_screen(app, SessionScreen)
        # end: summary, then closed and read-only
        await pilot.press("f10")
        await on_screen(app, SummaryScreen)
        summary = str(app.screen.query_one("#summary", Static).render())
        assert "2" in summary
        await pilot.press("enter")
        await on_screen(app, RosterScreen)
        await settle(app)
    (session,) = disk_sessions(data_file)
    assert session.closed and session.ended_at is not None
    assert session.steps[0].notes == "We talked about **Acme** | [red]risk[/red]"
    assert session.steps[1].notes == "q4"
    assert session.notes == "free" and session.private_notes == "secret"
    assert session.numbers[0].actual == 84000
    with Store.open(data_file, allow_read_only=True) as disk:
        commitments = {c.text: c for c in disk.all(Commitment)}
    assert commitments["Call Acme's CFO"].due == pendulum.date(2026, 12, 4)
    assert commitments["Get Sam a demo environment"].owner is Owner.MANAGER
    assert commitments["Send the forecast"].carried == 2
    assert commitments["Send the forecast"].state is CommitmentState.OPEN


async def test_expectations_is_the_default_without_an_agreement(store: Store) -> None:
    seed(store, agreed=False)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        assert screen.session.kind is SessionKind.EXPECTATIONS
        assert "No agreed agreement" in str(screen.query_one("#glance", Static).render())


async def test_typing_is_autosaved_and_an_open_session_is_offered_back(
    store: Store, data_file: Path
) -> None:
    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        screen.query_one("#notes", TextArea).text = "said at step one"
        await until(lambda: screen.session.steps[0].notes == "said at step one", "typed")
        await until(lambda: not screen.dirty, "autosave")
        await settle(app)
        assert disk_sessions(data_file)[0].steps[0].notes == "said at step one"
        # saved as a line of the journal: the data file itself is not written while typing
        assert journal_path(data_file).exists() and store.journaled > 0
        assert "said at step one" not in data_file.read_text()
        await pilot.press("escape")  # leave: it stays open
        await on_screen(app, RosterScreen)
        await settle(app)
        assert "said at step one" in data_file.read_text()  # leaving wrote the file whole
        assert not journal_path(data_file).exists()
    again = make_app(store)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again)
        await on_screen(again, ConfirmScreen)
        await pilot.press("y")
        await on_screen(again, SessionScreen)
        resumed = again.screen
        assert resumed.query_one("#notes", TextArea).text == "said at step one"


async def test_a_one_on_one_started_before_the_start_up_work_ran_is_not_offered_back(
    store: Store,
) -> None:
    """A fast user starts a one-on-one before the app's start-up worker looks for sessions
    left open: that one is on the screen, not left behind (the keystroke benchmark met it)."""
    seed(store)
    app = make_app(store)
    startup = app.services.startup
    held_back = startup.start_in_thread
    startup.start_in_thread = lambda: None  # type: ignore[method-assign]  # held back for now
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await settle(app)
        # the start-up worker's look for sessions left open comes only now
        await asyncio.to_thread(held_back)
        await pilot.pause()
        await pilot.pause()
        assert app.screen is screen  # no "left open" question over it
    again = make_app(store)
    async with again.run_test(size=SIZE):
        await settle(again)
        await on_screen(again, ConfirmScreen)  # left open by the run before: offered


async def test_leaving_right_after_typing_saves_what_was_typed(
    store: Store, data_file: Path
) -> None:
    """Escape within the autosave's wait (a second after the last key) still saves."""
    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await pilot.press(*"last words")
        assert screen.dirty
        await pilot.press("escape")
        await on_screen(app, RosterScreen)
        await settle(app)
    assert disk_sessions(data_file)[0].steps[0].notes == "last words"


async def test_the_notes_autosave_leaves_the_roster_underneath_alone(store: Store) -> None:
    """A session shows nowhere on the roster: rebuilding its table and footer on every save (a
    second while typing) cost more CPU per key than the typing itself."""
    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        rebuilt: list[object] = []
        app.roster.refresh_view = lambda **kw: rebuilt.append(kw)  # type: ignore[method-assign]
        await pilot.press(*"notes")
        await until(lambda: screen.saved_at is not None and not screen.dirty, "autosave")
        await settle(app)
        assert rebuilt == []
        app.services.team_keeper.saved([Rep(name="Kim", role="AE", start_date=NOW.date())])
        assert len(rebuilt) == 1  # a rep does show there


async def test_keys_that_arrive_together_keep_their_typing_order(store: Store) -> None:
    """A burst (fast typing, a terminal that sends keys together): the text typed before a key
    that acts on the session is kept where it was typed, not in the next step or notes."""
    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        for key in ["a", "b", "ctrl+n", "c", "ctrl+t", "d"]:  # all queued before any is handled
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await until(lambda: screen.session.notes == "d", "typed")
        await pilot.pause()
        assert [step.notes for step in screen.session.steps[:2]] == ["ab", "c"]


async def test_quit_during_a_session_with_unsaved_typing_asks(store: Store) -> None:
    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        screen.query_one("#notes", TextArea).text = "half a thought"
        screen.autosaves.edited()
        await pilot.press("ctrl+q")
        await on_screen(app, ConfirmScreen)
        await pilot.press("escape")
        await on_screen(app, SessionScreen)


async def test_private_notes_hide_for_screen_sharing(store: Store) -> None:
    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await pilot.press("ctrl+t", "ctrl+t", *"salary")
        await pilot.press("f4")
        notes = screen.query_one("#notes", TextArea)
        assert "salary" not in notes.text and "Notes at this step" in str(notes.border_title)
        assert app.focused is notes  # what is typed now goes to the notes on screen
        assert app.services.private_hidden  # the app's: it holds across screens and one-on-ones
        await pilot.press("ctrl+t", "ctrl+t")  # step, free, step: never the hidden notes
        assert screen.target == "step"
        await pilot.press(*"ok")
        assert screen.session.steps[0].notes == "ok" and screen.session.private_notes == "salary"
        await pilot.press("f4", "ctrl+t", "ctrl+t")
        assert screen.query_one("#notes", TextArea).text == "salary"


async def test_the_palette_starts_a_one_on_one_by_name(store: Store) -> None:
    from oneonone.palette import RepCommands

    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        provider = RepCommands(app.screen)
        hits = [hit async for hit in provider.search("start sam")]
        assert hits and "Start 1:1 with [b]Sam" in str(hits[0].text)
        hits[0].command()
        await on_screen(app, KindScreen)
        await pilot.press("escape")


async def test_history_shows_attainment_over_time(store: Store) -> None:
    from oneonone.core.model import NumberEntry
    from oneonone.screens.history import HistoryScreen

    rep = seed(store)
    (agreement,) = store.all(Agreement)
    line = agreement.quota_lines[0]
    for week, actual in enumerate([60000, 90000, 130000]):
        store.put(
            Session(
                rep_id=rep.id,
                kind=SessionKind.REGULAR,
                started_at=pendulum.datetime(2026, 11, 2 + 7 * week, 10, tz="Europe/Paris"),
                closed=True,
                numbers=[NumberEntry(line.id, line.label, actual, 120000, "USD", Period.QUARTER)],
            )
        )
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("y")
        await on_screen(app, HistoryScreen)
        trends = app.screen.query_one("#trends", Static)
        await until(lambda: "New ARR" in str(trends.render()), "trends")
        text = str(trends.render())
        assert "▄▆█" in text and "last 108% on 2026-11-16 · 3 sessions" in text


async def test_invoke_the_next_step_from_the_session(store: Store, data_file: Path) -> None:
    from textual.widgets import SelectionList

    from oneonone.core.model import Invocation
    from oneonone.screens.invoke import InvokeScreen

    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        await pilot.press("f8")
        await on_screen(app, InvokeScreen)
        dialog = app.screen
        evidence = dialog.query_one(SelectionList)
        evidence.select_all()
        dialog.query_one("#input-reason", Input).value = "The forecast was late twice"
        dialog.query_one("#input-reason", Input).focus()
        await pilot.press("enter")  # jumps to the first unanswered self-check question
        await pilot.press("y", "y", "n")
        await pilot.press("ctrl+s")
        await on_screen(app, SessionScreen)
        await until(lambda: len(screen.invoked_here) == 1, "invoked")
        assert "✓ 1. A gentle reminder." in str(screen.query_one("#glance", Static).render())
        await settle(app)
    with Store.open(data_file, allow_read_only=True) as disk:
        (inv,) = disk.all(Invocation)
    assert inv.step_text == "A gentle reminder." and inv.agreement_version == 1
    assert inv.session_id == screen.session.id
    assert inv.reason == "The forecast was late twice"
    assert inv.self_check == {
        "set_expectation": True,
        "coached": True,
        "kept_my_commitments": False,
    }
    assert any("Send the forecast" in e for e in inv.evidence)


async def test_typing_goes_to_the_notes_and_never_acts_on_a_commitment(store: Store) -> None:
    """The lists are not reached by Tab; F2 enters the commitments deliberately, and a letter
    typed there, a step change, a dialog closing or Esc all put the keys back in the notes."""
    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        notes = screen.query_one("#notes", TextArea)
        await pilot.press("tab", "tab", "shift+tab", *"ab")
        assert app.focused is notes and screen.session.steps[0].notes == "ab"
        await pilot.press("f2")
        assert app.focused is screen.query_one("#commitments")
        await pilot.press(*"dx")  # letters: notes, not commands
        assert app.focused is notes and screen.session.steps[0].notes == "abdx"
        await pilot.press("f2", "ctrl+n")
        assert app.focused is notes and notes.text == ""
        await pilot.press("f2", "escape")  # Esc in the list: back to the notes, not away
        assert isinstance(app.screen, SessionScreen) and app.focused is notes
        await pilot.press("f2", "enter")
        await on_screen(app, CommitmentScreen)
        await pilot.press("escape")
        await on_screen(app, SessionScreen)
        assert app.focused is notes
        await pilot.press(*"q")
        assert screen.session.steps[1].notes == "q"
        with Store.open(store.path, allow_read_only=True) as disk:
            assert all(c.state is CommitmentState.OPEN for c in disk.all(Commitment))


async def test_each_notes_text_keeps_its_cursor(store: Store) -> None:
    """The cursor comes back where it was left in each text; at the end the first time."""
    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        notes = screen.query_one("#notes", TextArea)
        await pilot.press(*"abc", "left", "left", "ctrl+n", "x", "ctrl+b", "Y")
        assert screen.session.steps[0].notes == "aYbc"
        await pilot.press("ctrl+t", *"fr", "left", "ctrl+t", "ctrl+t", "Z", "ctrl+t", "!")
        assert screen.session.steps[0].notes == "aYZbc" and screen.session.notes == "f!r"
        await pilot.press("ctrl+t", "ctrl+t", "ctrl+n")
        assert notes.cursor_location == (0, 1)  # step 2: "x", left at its end


async def test_n_on_a_rep_with_a_one_on_one_open_offers_it_back(
    store: Store, data_file: Path
) -> None:
    """One one-on-one per rep at a time: `n` offers the open one (Resume is the default) with
    the words last typed, even before their save is on disk; Cancel starts nothing."""
    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        first = await start(app, pilot)
        await pilot.press(*"kept", "escape")
        await on_screen(app, RosterScreen)
        await pilot.press("n")
        await on_screen(app, ConfirmScreen)
        await pilot.press("escape")  # cancel: nothing started
        await on_screen(app, RosterScreen)
        await pilot.press("n")
        await on_screen(app, ConfirmScreen)
        assert app.focused is not None and app.focused.id == "yes"  # Resume, the default
        await pilot.press("enter")
        await on_screen(app, SessionScreen)
        resumed = app.screen
        assert isinstance(resumed, SessionScreen) and resumed is not first
        assert resumed.session.id == first.session.id
        notes = resumed.query_one("#notes", TextArea)
        assert notes.text == "kept" and notes.cursor_location == (0, 4)
        await settle(app)
    assert len(disk_sessions(data_file)) == 1


async def test_x_on_the_summary_closes_and_exports_at_once(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from oneonone.config import Config
    from oneonone.core.model import TalkingPoint

    sam = seed(store)
    # a point left unmarked: carried at close, which the export says (it was written before
    # the close was saved, and did not)
    noted = pendulum.datetime(2026, 11, 25, 9, tz="UTC")
    store.put(TalkingPoint(rep_id=sam.id, text="ask about the Acme MSA", created_at=noted))
    folder = tmp_path / "exports"
    folder.mkdir()
    (folder / "b-Sam-2026-11-27.md").write_text("an earlier export, kept\n")
    app = make_app(store)
    app.user_config = Config(export_folder=folder)
    put_many = Store.put_many

    def slow_save(self: Store, *args: object, **kwargs: object) -> None:
        time.sleep(0.3)  # a slow disk: the export must still wait for the close to be saved
        put_many(self, *args, **kwargs)  # type: ignore[arg-type]

    async with app.run_test(size=SIZE) as pilot:
        screen = await start(app, pilot)
        monkeypatch.setattr(Store, "put_many", slow_save)
        await pilot.press(*"Talked about Acme", "ctrl+t", "ctrl+t", *"my secret")
        await pilot.press("f10")
        await on_screen(app, SummaryScreen)
        await pilot.press("x")  # one key: closed, and written without asking where
        await on_screen(app, RosterScreen)
        written = folder / "b-Sam-2026-11-27-2.md"
        await until(written.exists, "the export written")
        await settle(app)
        assert screen.session.closed
    text = written.read_text()
    assert "Talked about Acme" in text and "my secret" not in text  # private notes left out
    assert "**Carried to next time:** ask about the Acme MSA (carried ×1)" in text
    assert (folder / "b-Sam-2026-11-27.md").read_text() == "an earlier export, kept\n"
