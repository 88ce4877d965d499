"""Pilot tests of invoking a consequence and of a rep's history (sessions, invocations)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path

import pendulum
import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select, SelectionList, Static
from textual.widgets.markdown import Markdown, MarkdownBlock

from oneonone.app import OneOnOneApp
from oneonone.core import sessions
from oneonone.core.model import (
    Addendum,
    Agreement,
    AgreementState,
    Commitment,
    ConsequenceStep,
    Invocation,
    NumberEntry,
    Owner,
    Period,
    QuotaLine,
    Rep,
    Session,
    SessionKind,
    StepNote,
    TeamSettings,
)
from oneonone.core.store import Store
from oneonone.screens.confirm import ConfirmScreen
from oneonone.screens.history import HistoryScreen, SessionViewScreen, _when
from oneonone.screens.invoke import LEADER_WARNING, InvokeScreen
from oneonone.screens.line_forms import TextLineForm
from oneonone.widgets.lined_table import GAP

from .conftest import NOW, SIZE, make_app, on_screen, settle, until

pytestmark = pytest.mark.usefixtures("frozen")

STEPS = [
    "A gentle reminder, in private.",
    "Take me out to lunch; clearly something is going on and I need one-on-one attention.",
    "Sit in on my calls for a week and coach me.",
    "A written warning, copied to HR.",
]


@dataclass
class Seeded:
    settings: TeamSettings
    rep: Rep
    agreement: Agreement
    first: Invocation
    closed: Session
    older: Session
    interrupted: Session
    commitments: list[Commitment] = field(default_factory=list)


def seed(store: Store | None = None) -> Seeded:
    settings = TeamSettings(manager_name="Dana", timezone="Europe/Paris")
    rep = Rep(name="[b]Sam Ortiz", role="AE", start_date=pendulum.date(2025, 1, 6))
    agreement = Agreement(
        rep_id=rep.id,
        version=2,
        state=AgreementState.AGREED,
        agreed_on=pendulum.date(2026, 7, 1),
        manager_name="Dana",
        consequence_steps=[ConsequenceStep(t) for t in STEPS],
    )
    older = Session(
        rep_id=rep.id,
        kind=SessionKind.REGULAR,
        started_at=pendulum.datetime(2026, 10, 2, 8, 0, tz="UTC"),
        ended_at=pendulum.datetime(2026, 10, 2, 8, 30, tz="UTC"),
        script_name="Regular one-on-one",
        steps=[StepNote("Open commitments", covered=True), StepNote("Numbers")],
        closed=True,
        agreement_id=agreement.id,
        agreement_version=2,
    )
    closed = Session(
        rep_id=rep.id,
        kind=SessionKind.ACCOUNTABILITY,
        started_at=pendulum.datetime(2026, 11, 20, 14, 0, tz="UTC"),
        ended_at=pendulum.datetime(2026, 11, 20, 14, 45, tz="UTC"),
        script_name="Accountability conversation",
        steps=[
            StepNote(
                "The evidence", notes="Missed the *forecast* twice.\n# not a heading", covered=True
            ),
            StepNote("The rep's own words", notes="", covered=True),
            StepNote("What happens next", notes="Lunch on Friday."),
        ],
        notes="Sam asked for help with [red]discovery[/red] calls.",
        private_notes="Family trouble at home; go easy.",
        numbers=[NumberEntry("q1", "New ARR", 60000, 120000, "USD", Period.QUARTER)],
        closed=True,
        agreement_id=agreement.id,
        agreement_version=2,
        addenda=[Addendum(pendulum.datetime(2026, 11, 21, 9, 0, tz="UTC"), "Lunch booked.")],
    )
    interrupted = Session(
        rep_id=rep.id,
        kind=SessionKind.REGULAR,
        started_at=pendulum.datetime(2026, 11, 26, 9, 0, tz="UTC"),
        script_name="Regular one-on-one",
        steps=[StepNote("Open commitments"), StepNote("Numbers")],
    )
    first = Invocation(
        rep_id=rep.id,
        agreement_id=agreement.id,
        agreement_version=2,
        step_id=agreement.consequence_steps[0].id,
        step_index=0,
        step_text=STEPS[0],
        reason="Forecast late twice.",
        invoked_at=pendulum.datetime(2026, 11, 20, 14, 30, tz="UTC"),
        session_id=closed.id,
        self_check={"set_expectation": True, "coached": True, "kept_my_commitments": True},
    )
    made = Commitment(
        rep_id=rep.id,
        owner=Owner.REP,
        text="Send the forecast by Monday",
        due=pendulum.date(2026, 11, 23),
        session_id=closed.id,
    )
    mine = Commitment(
        rep_id=rep.id, owner=Owner.MANAGER, text="Book the lunch", session_id=closed.id
    )
    seeded = Seeded(settings, rep, agreement, first, closed, older, interrupted, [made, mine])
    if store is not None:
        store.put_many([settings, rep, agreement, older, closed, interrupted, first, made, mine])
    return seeded


EVIDENCE = [
    "Missed: Send the forecast by Monday (due 2026-11-23)",
    "New ARR: 60,000 of 120,000 USD per quarter (50%)",
]


def invoke_screen(s: Seeded, invocations: list[Invocation] | None = None) -> InvokeScreen:
    return InvokeScreen(
        s.agreement,
        [s.first] if invocations is None else invocations,
        rep_name=s.rep.name,
        evidence=EVIDENCE,
        session_id="session-1",
        now=NOW,
    )


async def open_invoke(app: OneOnOneApp, screen: InvokeScreen) -> list[Invocation | None]:
    results: list[Invocation | None] = []
    await settle(app)
    app.push_screen(screen, results.append)
    await on_screen(app, InvokeScreen)
    await until(lambda: screen.ready, "invoke dialog ready")
    return results


def text_of(screen: InvokeScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


# --- invoking -------------------------------------------------------------------------------


async def test_invoke_the_next_step_with_evidence_reason_and_self_check(store: Store) -> None:
    s = seed()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = invoke_screen(s)
        results = await open_invoke(app, screen)
        assert "Take me out to lunch" in text_of(screen, "#quote")
        source = text_of(screen, "#quote-source")
        assert "Step 2 of 4" in source and "v2 agreed on 2026-07-01" in source
        assert "We had this conversation" in text_of(screen, ".framing")
        ladder = text_of(screen, "#ladder")
        assert "✓ 1." in ladder and "invoked 2026-11-20" in ladder and "▸ 2." in ladder
        assert "[b]Sam Ortiz" in text_of(screen, ".dialog-title")  # user text is never markup
        assert not screen.query_one("#field-out_of_order_reason").display
        # the evidence list has focus: pick the second line
        await pilot.press("down", "space")
        screen.query_one("#input-reason", Input).value = "Forecast missed again"
        screen.query_one("#input-reason", Input).focus()
        await pilot.press("enter")  # self-check not answered: Enter goes there, nothing lost
        await pilot.pause()
        assert isinstance(app.screen, InvokeScreen)
        assert screen.focused is not None and screen.focused.id == "check-set_expectation"
        await pilot.press("y", "y", "y")
        assert not screen.query_one("#self-check-warning").has_class("-shown")
        await pilot.press("ctrl+s")
        await until(lambda: results, "dismissed")
    (made,) = results
    assert made is not None
    assert made.step_index == 1 and made.step_text == STEPS[1]
    assert made.step_id == s.agreement.consequence_steps[1].id
    assert made.agreement_version == 2 and made.agreement_id == s.agreement.id
    assert made.evidence == [EVIDENCE[1]]
    assert made.reason == "Forecast missed again"
    assert made.self_check == {
        "set_expectation": True,
        "coached": True,
        "kept_my_commitments": True,
    }
    assert made.session_id == "session-1" and made.invoked_at == NOW
    assert made.out_of_order_reason == ""


async def test_the_last_step_asks_the_mirror_and_is_recorded_only_when_confirmed_again(
    store: Store,
) -> None:
    from oneonone.screens.confirm import ConfirmScreen

    s = seed()
    earlier = [
        Invocation(
            rep_id=s.rep.id,
            agreement_id=s.agreement.id,
            agreement_version=2,
            step_id=step.id,
            step_index=n,
            step_text=step.text,
            reason="r",
            invoked_at=pendulum.datetime(2026, 11, 1 + n, tz="UTC"),
            self_check={"set_expectation": True, "coached": True, "kept_my_commitments": True},
        )
        for n, step in enumerate(s.agreement.consequence_steps[:3])
    ]
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = invoke_screen(s, earlier)
        results = await open_invoke(app, screen)
        assert "A written warning, copied to HR." in text_of(screen, "#quote")  # the last one
        assert screen.query_one("#mirror").display  # the mirror is asked
        screen.query_one("#input-reason", Input).value = "Falsified the forecast"
        screen.query_one("#input-reason", Input).focus()
        await pilot.press("enter")  # to the first unanswered question
        await pilot.press("y", "y", "y")  # your own part
        await pilot.press("enter")  # the mirror not answered: nothing recorded
        await pilot.pause()
        assert screen.focused is not None and screen.focused.id == "check-hired_well"
        await pilot.press("y", "n", "y")  # hired well; not the right questions; my fault
        warning = text_of(screen, "#self-check-warning")
        assert "The mirror says: Did I ask the right questions? Is this my fault?" in warning
        await pilot.press("ctrl+s")
        await on_screen(app, ConfirmScreen)
        await pilot.press("enter")  # Enter goes back: a second, deliberate yes is needed
        await on_screen(app, InvokeScreen)
        assert results == []
        await pilot.press("ctrl+s")
        await on_screen(app, ConfirmScreen)
        await pilot.press("y")
        await until(lambda: results, "recorded")
    (made,) = results
    assert made is not None and made.step_index == 3
    assert made.self_check == {
        "set_expectation": True,
        "coached": True,
        "kept_my_commitments": True,
        "hired_well": True,
        "asked_right": False,
        "my_fault": True,
    }


async def test_no_reason_is_refused_and_nothing_is_lost(store: Store) -> None:
    s = seed()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = invoke_screen(s)
        results = await open_invoke(app, screen)
        await pilot.press("space")  # first evidence line
        screen.query_one("#check-set_expectation").focus()
        await pilot.press("y", "y", "y")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen and not results
        assert screen.query_one("#field-reason").has_class("-invalid")
        assert "cannot be empty" in text_of(screen, "#field-reason .field-error")
        assert screen.focused is screen.query_one("#input-reason")
        assert screen.query_one("#evidence", SelectionList).selected == [0]
        await pilot.press("L", "a", "t", "e", "enter")  # Enter on the reason confirms
        await until(lambda: results, "dismissed")
    assert results[0] is not None and results[0].reason == "Late"
    assert results[0].evidence == [EVIDENCE[0]]


async def test_another_step_needs_an_out_of_order_reason(store: Store) -> None:
    s = seed()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = invoke_screen(s)
        results = await open_invoke(app, screen)
        screen.query_one("#step", Select).value = 3
        await pilot.pause()
        assert screen.query_one("#field-out_of_order_reason").display
        assert "A written warning" in text_of(screen, "#quote")
        assert "not the next step (step 2 is)" in text_of(screen, "#quote-source")
        screen.query_one("#input-reason", Input).value = "Lied about a deal"
        for key, _ in sessions.SELF_CHECK_QUESTIONS:
            screen.query_one(f"#{key}-yes").value = True  # type: ignore[attr-defined]
        for key, _, _ in sessions.MIRROR_QUESTIONS:  # the last step: the mirror is asked too
            screen.query_one(f"#{key}-yes").value = True  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen and not results
        error = text_of(screen, "#field-out_of_order_reason .field-error")
        assert "not the next step" in error
        screen.query_one("#input-out_of_order_reason", Input).value = "Integrity, not effort"
        await pilot.press("ctrl+s")
        await on_screen(app, ConfirmScreen)  # the last step: asked a second time
        await pilot.press("y")
        await until(lambda: results, "dismissed")
    made = results[0]
    assert made is not None and made.step_index == 3 and made.step_text == STEPS[3]
    assert made.out_of_order_reason == "Integrity, not effort"


async def test_a_no_in_the_self_check_warns_but_still_allows(store: Store) -> None:
    s = seed()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = invoke_screen(s)
        screen.manager_slips = ["Missed: Book the [b]lunch[/b] (due 2026-11-25)"]
        results = await open_invoke(app, screen)
        slips = text_of(screen, ".self-check-slips")
        assert (
            slips == "Your own slips with this rep: Missed: Book the [b]lunch[/b] (due 2026-11-25)"
        )
        screen.query_one("#input-reason", Input).value = "Missed the forecast"
        screen.query_one("#check-set_expectation").focus()
        await pilot.press("y", "n")
        await pilot.pause()
        warning = screen.query_one("#self-check-warning", Static)
        assert warning.has_class("-shown") and warning.display
        assert LEADER_WARNING in str(warning.render())
        assert "Did I coach?" in str(warning.render())
        await pilot.press("ctrl+s")  # one question still unanswered
        await pilot.pause()
        assert "Answer the self-check" in text_of(screen, "#field-self_check .field-error")
        assert screen.focused is not None and screen.focused.id == "check-kept_my_commitments"
        await pilot.press("n", "ctrl+s")
        await until(lambda: results, "dismissed")
    made = results[0]
    assert made is not None
    assert made.self_check == {
        "set_expectation": True,
        "coached": False,
        "kept_my_commitments": False,
    }


async def test_a_used_up_ladder_says_so_and_still_allows_a_step_with_a_reason(
    store: Store,
) -> None:
    s = seed()
    used = [
        sessions.invoke(
            s.agreement,
            i,
            invocations=[],
            reason="x",
            evidence=[],
            self_check=dict.fromkeys(
                ("set_expectation", "coached", "kept_my_commitments", "hired_well", "asked_right"),
                True,
            )
            | {"my_fault": False},
            session_id=None,
            now=NOW,
            out_of_order_reason="" if i == 0 else "test",
            confirmed_last=True,
        )
        for i in range(len(STEPS))
    ]
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = invoke_screen(s, used)
        results = await open_invoke(app, screen)
        assert "has been invoked already" in text_of(screen, "#quote")
        assert screen.query_one("#field-out_of_order_reason").display
        screen.query_one("#input-reason", Input).value = "Again"
        screen.query_one("#check-set_expectation").focus()
        await pilot.press("y", "y", "y", "ctrl+s")
        await pilot.pause()
        assert "Pick the step" in text_of(screen, "#field-step .field-error")
        screen.query_one("#step", Select).value = 1
        screen.query_one("#input-out_of_order_reason", Input).value = "It worked last time"
        await pilot.press("ctrl+s")
        await until(lambda: results, "dismissed")
    assert results[0] is not None and results[0].step_index == 1


async def test_escape_asks_before_throwing_away_what_was_typed(store: Store) -> None:
    from oneonone.screens.confirm import ConfirmScreen

    s = seed()
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = invoke_screen(s)
        results = await open_invoke(app, screen)
        screen.query_one("#input-reason", Input).value = "Half a thought"
        await pilot.press("escape")
        await on_screen(app, ConfirmScreen)
        await pilot.press("n")
        await on_screen(app, InvokeScreen)
        assert screen.query_one("#input-reason", Input).value == "Half a thought"
        screen.query_one("#input-reason", Input).value = ""
        await pilot.press("escape")
        await until(lambda: results, "dismissed")
    assert results == [None]


# --- history --------------------------------------------------------------------------------


async def open_history(app: OneOnOneApp, s: Seeded, store: Store) -> HistoryScreen:
    await settle(app)
    screen = HistoryScreen(s.rep, s.settings, store)
    app.push_screen(screen)
    await on_screen(app, HistoryScreen)
    await until(lambda: screen.loaded, "history loaded")
    return screen


def cells_of_header(table: DataTable[object]) -> list[str]:
    return table.ordered_columns[0].label.plain.split()


def column_starts(table: DataTable[object]) -> list[int]:
    """Where each column's label starts in the table's one header (labels are single words)."""
    header = table.ordered_columns[0].label.plain
    return [n for n, ch in enumerate(header) if ch != " " and (n == 0 or header[n - 1] == " ")]


def cells(table: DataTable[object], row: int) -> list[str]:
    """The row as shown, cut into its columns at the header's column starts (counted in
    terminal cells, so wide characters take their two)."""
    starts = column_starts(table)
    (line,) = table.get_row_at(row)
    text = str(line)
    found, column = [""], 0
    for n, ch in enumerate(text):
        at = cell_len(text[:n])  # as Rich measures the line (ZWJ sequences as one)
        if column + 1 < len(starts) and at >= starts[column + 1]:
            found.append("")
            column += 1
        found[-1] += ch
    return [text.removesuffix(GAP).rstrip(" ") for text in found]


def rendered(view: SessionViewScreen) -> str:
    return "\n".join(str(b.render()) for b in view.query(MarkdownBlock))


def headings(view: SessionViewScreen) -> list[str]:
    return [label for _, label, _ in view.query_one(Markdown).table_of_contents]


async def test_history_lists_sessions_newest_first_and_invocations(store: Store) -> None:
    s = seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE):
        screen = await open_history(app, s, store)
        assert [x.id for x in screen.sessions] == [s.interrupted.id, s.closed.id, s.older.id]
        table = screen.query_one("#sessions", DataTable)
        assert cells(table, 0)[:3] == ["Thu 2026-11-26 10:00", "regular", "open — interrupted"]
        closed = cells(table, 1)
        assert closed[0] == "Fri 2026-11-20 15:00"  # the manager's timezone (Paris)
        assert closed[1:] == ["accountability", "closed · 1 addendum", "2 of 3", "2", "1"]
        invoked = screen.query_one("#invocations", DataTable)
        assert invoked.row_count == 1
        row = cells(invoked, 0)
        assert row[1].startswith("1. A gentle reminder") and row[3] == "in force"
        assert "[b]Sam Ortiz" in str(screen.query_one("#history-title", Static).render())


async def test_an_empty_history_says_how_to_start(store: Store) -> None:
    s = seed()
    store.put_many([s.settings, s.rep])
    app = make_app(store)
    async with app.run_test(size=SIZE):
        screen = await open_history(app, s, store)
        note = str(screen.query_one("#sessions-empty", Static).render())
        assert note == (
            "No one-on-ones with [b]Sam Ortiz yet: press n on the roster or home to start one."
        )
        assert screen.query_one("#sessions-empty").display
        assert not screen.query_one("#sessions").display


async def test_a_closed_session_opens_read_only_and_hides_private_notes(store: Store) -> None:
    s = seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        history = await open_history(app, s, store)
        await pilot.press("enter")  # the interrupted one: shown, but takes no addendum
        await on_screen(app, SessionViewScreen)
        interrupted = app.screen
        assert isinstance(interrupted, SessionViewScreen)
        assert interrupted.check_action("addendum", ()) is None
        await until(lambda: "never ended" in rendered(interrupted), "shown")
        await pilot.press("a", "escape")
        await on_screen(app, HistoryScreen)
        assert app.screen is history
        await pilot.press("j", "enter")
        await on_screen(app, SessionViewScreen)
        view = app.screen
        assert isinstance(view, SessionViewScreen) and view.session.id == s.closed.id
        await until(lambda: "Lunch on Friday." in rendered(view), "document shown")
        text = rendered(view)
        assert "Missed the *forecast* twice." in text and "# not a heading" in text
        assert "Sam asked for help with [red]discovery[/red] calls." in text
        assert "New ARR: 60,000 of 120,000 USD per quarter (50%)" in text
        assert "Send the forecast by Monday" in text and "Book the lunch" in text
        assert "A gentle reminder, in private." in text and "Forecast late twice." in text
        assert "Lunch booked." in text
        assert "not a heading" not in " ".join(headings(view))  # a note adds no heading
        assert "Family trouble" not in text
        await pilot.press("p")
        await until(lambda: "Family trouble at home; go easy." in rendered(view), "private shown")
        await pilot.press("p")
        await until(lambda: "Family trouble" not in rendered(view), "private hidden again")
        app.services.private_hidden = True  # F4 in a one-on-one, for screen sharing: it holds here
        await pilot.press("p")
        await pilot.pause()
        assert not view.show_private and "Family trouble" not in rendered(view)
        app.services.private_hidden = False
        await pilot.press("escape")
        await on_screen(app, HistoryScreen)


async def test_a_session_shows_the_earlier_commitments_it_reviewed(store: Store) -> None:
    from oneonone.core import sessions as rules

    s = seed(store)
    earlier = Commitment(s.rep.id, Owner.REP, "Clean up the [b]pipeline[/b]", session_id=s.older.id)
    at = s.closed.started_at.add(minutes=10)
    store.put(rules.mark_done(earlier, at, session_id=s.closed.id))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_history(app, s, store)
        await pilot.press("j", "enter")
        await on_screen(app, SessionViewScreen)
        view = app.screen
        assert isinstance(view, SessionViewScreen) and view.session.id == s.closed.id
        await until(lambda: "Earlier commitments reviewed" in rendered(view), "reviewed shown")
        assert "Clean up the [b]pipeline[/b] · done" in rendered(view)


async def test_an_addendum_is_added_to_a_closed_session(store: Store, data_file: Path) -> None:
    s = seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        history = await open_history(app, s, store)
        await pilot.press("j", "enter")
        await on_screen(app, SessionViewScreen)
        view = app.screen
        await pilot.press("a")
        await on_screen(app, TextLineForm)
        await pilot.press("enter")  # empty: refused, the form stays
        await pilot.pause()
        assert isinstance(app.screen, TextLineForm)
        app.screen.query_one("#input-text", Input).value = "Sam [b]apologised[/b] to the team."
        await pilot.press("enter")
        await on_screen(app, SessionViewScreen)
        await until(lambda: "apologised" in rendered(view), "addendum shown")  # type: ignore[arg-type]
        assert "Sam [b]apologised[/b] to the team." in rendered(view)  # type: ignore[arg-type]
        assert "Fri 2026-11-27 10:00" in rendered(view)  # type: ignore[arg-type]
        await settle(app)
        await pilot.press("escape")
        await on_screen(app, HistoryScreen)
        assert "2 addenda" in cells(history.query_one("#sessions", DataTable), 1)[2]
    with Store.open(data_file, allow_read_only=True) as disk:
        saved = disk.get(Session, s.closed.id)
    assert saved is not None
    assert [a.text for a in saved.addenda] == [
        "Lunch booked.",
        "Sam [b]apologised[/b] to the team.",
    ]
    assert saved.addenda[1].at == NOW
    assert saved.notes == s.closed.notes and saved.closed


async def test_withdrawing_an_invocation_needs_a_reason_and_keeps_it(
    store: Store, data_file: Path
) -> None:
    s = seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        history = await open_history(app, s, store)
        await pilot.press("w")  # the sessions list has focus: nothing happens
        await pilot.pause()
        assert app.screen is history
        await pilot.press("tab", "w")
        await on_screen(app, TextLineForm)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TextLineForm)
        assert "cannot be empty" in str(app.screen.query_one(".field-error", Static).render())
        app.screen.query_one("#input-text", Input).value = "Wrong rep: it was Kim's deal"
        await pilot.press("enter")
        await on_screen(app, HistoryScreen)
        await settle(app)
        row = cells(history.query_one("#invocations", DataTable), 0)
        assert row[3] == "withdrawn 2026-11-27: Wrong rep: it was Kim's deal"
        assert history.check_action("withdraw", ()) is None  # not twice
    with Store.open(data_file, allow_read_only=True) as disk:
        saved = disk.get(Invocation, s.first.id)
        assert len(disk.all(Invocation)) == 1  # withdrawn, never deleted
    assert saved is not None
    assert saved.withdrawn_reason == "Wrong rep: it was Kim's deal"
    assert saved.withdrawn_at == NOW and saved.reason == "Forecast late twice."


def test_invoke_dialog_snapshot(store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    s = seed()
    s.rep.name = "Sam Ortiz"
    app = make_app(store)

    async def ready(pilot: Pilot[None]) -> None:
        pilot.app.sub_title = "oneonone.json"
        await settle(pilot.app)  # type: ignore[arg-type]
        pilot.app.push_screen(invoke_screen(s))
        await on_screen(pilot.app, InvokeScreen)  # type: ignore[arg-type]
        await pilot.press("space")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)


def long_history(store: Store) -> Seeded:
    """The seeded history after 70 weekly closed one-on-ones (more rows than a screenful): each
    with New ARR against the agreement's quota line, a commitment made in every third, and an
    invocation withdrawn in one of them."""
    s = seed()
    s.agreement.quota_lines = [QuotaLine("New ARR", 120000, "USD", Period.QUARTER, id="q1")]
    weekly: list[Session] = []
    for w in range(70):
        at = pendulum.datetime(2025, 1, 6, 9, 0, tz="UTC").add(weeks=w)
        actual = 120000 * (30 + (w * 37) % 100) / 100
        weekly.append(
            Session(
                rep_id=s.rep.id,
                kind=SessionKind.REGULAR,
                started_at=at,
                ended_at=at.add(minutes=30),
                script_name="Regular one-on-one",
                steps=[StepNote("Open commitments", covered=w % 2 == 0), StepNote("Numbers")],
                numbers=[NumberEntry("q1", "New ARR", actual, 120000, "USD", Period.QUARTER)],
                closed=True,
            )
        )
    made = [
        Commitment(
            rep_id=s.rep.id, owner=Owner.REP, text=f"Follow up [b]{w}[/b]", session_id=weekly[w].id
        )
        for w in range(0, 70, 3)
    ]
    withdrawn = Invocation(
        rep_id=s.rep.id,
        agreement_id=s.agreement.id,
        agreement_version=2,
        step_id=s.agreement.consequence_steps[0].id,
        step_index=0,
        step_text=STEPS[0],
        reason="Missed [red]three[/red] forecasts",
        invoked_at=weekly[6].started_at.add(minutes=20),
        session_id=weekly[6].id,
        withdrawn_at=weekly[7].started_at,
        withdrawn_reason="Wrong rep:\nit was Kim's deal",
    )
    store.put_many(
        [
            s.settings,
            s.rep,
            s.agreement,
            s.older,
            s.closed,
            s.interrupted,
            s.first,
            *s.commitments,
            *weekly,
            *made,
            withdrawn,
        ]
    )
    return s


async def test_a_long_history_shows_every_session_newest_first(store: Store) -> None:
    s = long_history(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_history(app, s, store)
        table = screen.query_one("#sessions", DataTable)
        await until(lambda: table.row_count == 73, "every row")
        starts = [x.started_at for x in screen.sessions]
        assert starts == sorted(starts, reverse=True) and screen.sessions[0].id == s.interrupted.id
        rows = [cells(table, n) for n in range(table.row_count)]
        assert rows[0][0] == "Thu 2026-11-26 10:00" and rows[-1][0] == "Mon 2025-01-06 10:00"
        assert [r[4] for r in rows[3:9]] == ["1", "0", "0", "1", "0", "0"]  # weeks 69 to 64
        assert rows[3][3] == "0 of 2" and rows[4][3] == "1 of 2"
        assert rows[-7][5] == "1 (1 withdrawn)" and rows[-7][0] == "Mon 2025-02-17 10:00"
        assert sum(r[5] != "0" for r in rows) == 2
        invoked = screen.query_one("#invocations", DataTable)
        assert cells(invoked, 1)[2] == "Missed [red]three[/red] forecasts"
        assert cells(invoked, 1)[3] == "withdrawn 2025-02-24: Wrong rep: it was Kim's deal"
        trends = str(screen.query_one("#trends", Static).render())
        assert "New ARR" in trends and "last 50% on 2026-11-20 · 71 sessions" in trends
        title = str(screen.query_one("#history-title", Static).render())
        assert title == "History with [b]Sam Ortiz · 73 one-on-ones · 1 consequence in force"
        table.move_cursor(row=72)  # the oldest: its commitment is read when it is opened
        await pilot.press("enter")
        await on_screen(app, SessionViewScreen)
        view = app.screen
        assert isinstance(view, SessionViewScreen) and view.session.id == screen.sessions[72].id
        await until(lambda: "Follow up [b]0[/b]" in rendered(view), "the commitment shown")


def test_history_snapshot(store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    s = long_history(store)
    app = make_app(store)

    async def ready(pilot: Pilot[None]) -> None:
        pilot.app.sub_title = "oneonone.json"
        screen = await open_history(pilot.app, s, store)  # type: ignore[arg-type]
        table = screen.query_one("#sessions", DataTable)
        await until(lambda: table.row_count == len(screen.sessions), "every row")
        await settle(pilot.app)  # type: ignore[arg-type]
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)


@pytest.mark.parametrize("zone", ["Europe/Paris", "America/Los_Angeles", "Asia/Kolkata"])
def test_when_reads_as_pendulum_formats_it(zone: str) -> None:
    start = pendulum.datetime(2025, 3, 20, 0, 17, tz="UTC")  # both DST changes of 2025 inside
    for hours in range(0, 24 * 240, 7):
        moment = start.add(hours=hours)
        assert _when(moment, zone) == moment.in_timezone(zone).format("ddd YYYY-MM-DD HH:mm")


async def test_history_columns_are_as_wide_as_their_widest_cell(store: Store) -> None:
    """Each row is one line with its columns laid out in it: each column as wide as its
    label or its widest cell, in terminal cells (wide characters count two), and the table's
    one column as wide as the widest line."""
    s = seed()
    odd = Invocation(
        rep_id=s.rep.id,
        agreement_id=s.agreement.id,
        agreement_version=2,
        step_id=s.agreement.consequence_steps[1].id,
        step_index=1,
        step_text="Lunch 👩🏽‍💼 with 宽字符 [b]now[/b]",
        reason="שלום e\u0301 \x1b[2J 🎉🎉",
        invoked_at=pendulum.datetime(2026, 11, 24, 9, 0, tz="UTC"),
    )
    store.put_many([s.settings, s.rep, s.agreement, s.older, s.closed, s.first, odd])
    app = make_app(store)
    async with app.run_test(size=SIZE):
        screen = await open_history(app, s, store)
        for table in screen.query(DataTable).results(DataTable):
            rows = [cells(table, n) for n in range(table.row_count)]
            labels = cells_of_header(table)
            starts = column_starts(table)
            widths = [b - a - len(GAP) for a, b in itertools.pairwise(starts)]
            for n, width in enumerate(widths):  # each as wide as its label or widest cell
                assert width == max(cell_len(x) for x in [labels[n], *(r[n] for r in rows)])
            last = max(cell_len(x) for x in [labels[-1], *(r[-1] for r in rows)])
            (column,) = table.ordered_columns
            assert column.get_render_width(table) == starts[-1] + last + 2 * table.cell_padding
        reason = cells(screen.query_one("#invocations", DataTable), 0)[2]
        assert reason == "שלום e\u0301 ␛[2J 🎉🎉" and cell_len(reason) == 16
