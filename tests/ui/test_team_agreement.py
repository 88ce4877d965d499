"""Pilot tests of the team agreement: a version edited and agreed, compared with the one
before, shown on a rep's agreement screen and in the one-on-one's glance, and opened on its
next version by holding the team review (or n on its row)."""

from __future__ import annotations

import io
from pathlib import Path

import pendulum
import pytest
from rich.console import Console
from textual.widgets import Static

from oneonone.core import team_agreement as team
from oneonone.core.model import (
    Agreement,
    AgreementState,
    ConsequenceStep,
    Rep,
    Review,
    ReviewScope,
    TeamAgreement,
    TeamSettings,
)
from oneonone.core.store import Store
from oneonone.screens.agreement import AgreementScreen
from oneonone.screens.agreement_dialogs import DiffScreen, PartPickerScreen
from oneonone.screens.dashboard import DashboardScreen
from oneonone.screens.date_form import DateFormScreen
from oneonone.screens.line_forms import TextLineForm
from oneonone.screens.roster import RosterScreen
from oneonone.screens.session import SessionScreen
from oneonone.screens.session_dialogs import KindScreen
from oneonone.screens.team_agreement import TeamAgreementScreen, TeamPartScreen

from .conftest import SIZE, make_app, on_screen, settle, until

pytestmark = pytest.mark.usefixtures("frozen")
TODAY = pendulum.date(2026, 11, 27)


def seed(store: Store) -> Rep:
    sam = Rep(name="Sam Ortiz", role="AE", start_date=pendulum.date(2025, 1, 6))
    agreed = Agreement(
        rep_id=sam.id,
        state=AgreementState.AGREED,
        agreed_on=pendulum.date(2026, 10, 1),
        next_review=pendulum.date(2027, 1, 1),
        consequence_steps=[ConsequenceStep("A gentle reminder.")],
    )
    v1 = team.agree(
        TeamAgreement(integrity=["Tell the customer the truth"], side_deals=["No side deals"]),
        pendulum.date(2026, 9, 1),
        "Dana",
    )
    store.put_many(
        [
            TeamSettings(manager_name="Dana", timezone="Europe/Paris"),
            sam,
            agreed,
            Review(scope=ReviewScope.REP, rep_id=sam.id, due=pendulum.date(2027, 1, 1)),
            Review(scope=ReviewScope.TEAM, due=pendulum.date(2026, 12, 1)),
            v1,
        ]
    )
    return sam


async def home(app) -> DashboardScreen:  # type: ignore[no-untyped-def]
    await settle(app)
    await on_screen(app, DashboardScreen)
    screen: DashboardScreen = app.screen
    await until(lambda: screen.items, "the agenda")
    return screen


def select_team_review(screen: DashboardScreen) -> None:
    row = next(
        i for i, item in enumerate(screen.items) if item.kind == "review" and item.rep_id is None
    )
    screen.query_one("#agenda").move_cursor(row=row)  # type: ignore[attr-defined]


def doc_text(app) -> str:  # type: ignore[no-untyped-def]
    """The document on screen, as plain text 100 columns wide."""
    console = Console(width=100, file=io.StringIO(), record=True, color_system=None)
    console.print(app.screen.query_one("#team-doc", Static).content)
    return console.export_text()


async def test_edit_agree_compare_then_shown_on_a_reps_agreement_and_in_the_glance(
    store: Store, data_file: Path
) -> None:
    seed(store)
    app = make_app(store, home=True)
    async with app.run_test(size=SIZE) as pilot:
        await home(app)
        await pilot.press("t")
        await on_screen(app, TeamAgreementScreen)
        await until(lambda: app.screen.loaded, "versions read")
        await pilot.press("e")
        await on_screen(app, PartPickerScreen)
        await pilot.press("3")  # how we treat the leaderboard
        await on_screen(app, TeamPartScreen)
        await pilot.press("a")
        await on_screen(app, TextLineForm)
        await pilot.press(*"Booked revenue only")
        await pilot.press("enter")
        await on_screen(app, TeamPartScreen)
        await pilot.press("ctrl+s")
        await on_screen(app, TeamAgreementScreen)
        screen = app.screen
        assert [(a.version, a.is_agreed) for a in screen.agreements] == [(1, True), (2, False)]
        await pilot.press("g")
        await on_screen(app, DateFormScreen)
        await pilot.press("enter")  # agreed today
        await on_screen(app, TeamAgreementScreen)
        await until(lambda: "Agreed on 2026-11-27 · version 2" in doc_text(app), "v2 agreed")
        assert "This replaces version 1, agreed on 2026-09-01." in doc_text(app)
        await pilot.press("c")  # against the one before
        await on_screen(app, DiffScreen)
        shown = str(app.screen.query_one("#diff", Static).render())
        assert "How we treat the leaderboard" in shown and "+ Booked revenue only" in shown
        assert "The team: v1 (agreed 2026-09-01) → v2 (agreed 2026-11-27)" in str(
            app.screen.query_one(".dialog-title", Static).render()
        )
        await pilot.press("escape", "escape")
        await on_screen(app, DashboardScreen)
        await settle(app)
        # on the rep's agreement: one line, t to open
        await pilot.press("r")
        await on_screen(app, RosterScreen)
        await pilot.press("enter")  # Sam's agreement
        await on_screen(app, AgreementScreen)
        line = app.screen.query_one("#agreement-team", Static)
        await until(lambda: line.display, "the team line")
        assert str(line.render()) == "Team agreement v2, agreed 27 Nov 2026 — t to open"
        assert app.screen.check_action("team_agreement", ())  # t opens it
        await pilot.press("escape")
        await on_screen(app, RosterScreen)
        # in the one-on-one's glance: one line, F6 shows it whole
        await pilot.press("n")
        await on_screen(app, KindScreen)
        await pilot.press("enter")
        await on_screen(app, SessionScreen)
        glance = app.screen.query_one("#glance", Static)
        first = str(glance.render()).splitlines()[0]
        assert first == "Team agreement v2, agreed 27 Nov 2026 · F6"
        await pilot.press("f6")
        await until(lambda: "How we sell" in str(glance.render()), "expanded")
        lines = str(glance.render()).splitlines()
        assert lines[1:7] == [
            "How we sell with integrity",
            "  • Tell the customer the truth",
            "No side deals",
            "  • No side deals",
            "How we treat the leaderboard",
            "  • Booked revenue only",
        ]
        assert any("A gentle reminder." in x for x in lines)  # the rep's own, below
        await pilot.press("f6")
        await until(lambda: "How we sell" not in str(glance.render()), "folded")
        await settle(app)
    with Store.open(data_file, allow_read_only=True) as disk:
        saved = team.versions(disk.all(TeamAgreement))
    assert [(a.version, a.agreed_on) for a in saved] == [
        (1, pendulum.date(2026, 9, 1)),
        (2, TODAY),
    ]
    assert saved[1].leaderboard == ["Booked revenue only"]
    assert saved[1].next_review == pendulum.date(2026, 12, 1)  # the team review scheduled
    assert saved[0].leaderboard == []  # v1 is never changed


async def test_n_enter_and_holding_on_the_team_review_row_open_the_team_agreement(
    store: Store, data_file: Path
) -> None:
    seed(store)
    app = make_app(store, home=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app)
        select_team_review(screen)
        assert screen.check_action("start_session", ())  # offered, no longer a dead key
        await pilot.press("n")
        await on_screen(app, PartPickerScreen)  # the team's sit-down: its next version
        assert "team v2 draft" in str(app.screen.query_one(".dialog-title", Static).render())
        await pilot.press("escape")
        await on_screen(app, TeamAgreementScreen)
        await pilot.press("escape")
        await on_screen(app, DashboardScreen)
        await pilot.press("enter")  # Enter: the team agreement as it stands
        await on_screen(app, TeamAgreementScreen)
        assert isinstance(app.screen, TeamAgreementScreen)
        await until(lambda: "How we sell with integrity" in doc_text(app), "the document")
        await pilot.press("escape")
        await on_screen(app, DashboardScreen)
        await pilot.press("h")  # held: the next version opens, as a rep's review does
        await on_screen(app, DateFormScreen)
        await pilot.press("enter")  # held today
        await on_screen(app, PartPickerScreen)
        assert "team v2 draft" in str(app.screen.query_one(".dialog-title", Static).render())
        assert isinstance(app.screen_stack[-2], TeamAgreementScreen)
        assert app.screen_stack[-2].next_review == pendulum.date(2027, 1, 1)  # the next one
        await settle(app)
    with Store.open(data_file, allow_read_only=True) as disk:
        held = [r for r in disk.all(Review) if r.scope is ReviewScope.TEAM]
    assert sorted(r.state.value for r in held) == ["done", "scheduled"]
