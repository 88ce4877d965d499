"""One date for one thing, in the app: the roster's Agreement column, home and the agreement's
footer give a rep's next review as ``schedule.next_review`` does, and follow a moved review."""

from __future__ import annotations

import dataclasses

import pendulum
import pytest

from oneonone.core.model import Agreement, AgreementState, Review, ReviewScope
from oneonone.core.schedule import move_review
from oneonone.core.store import Store
from oneonone.messages import SaveRequested
from oneonone.screens.dashboard import DashboardScreen
from oneonone.widgets.rep_table import RepTable

from .conftest import SIZE, make_app, settle, team, until

pytestmark = pytest.mark.usefixtures("frozen")
D = pendulum.date


def agreement_cell(app, name: str) -> str:  # type: ignore[no-untyped-def]
    table = app.roster.query_one(RepTable)
    for i in range(table.row_count):
        row = table.get_row_at(i)
        if row[0].plain == name:
            return str(row[5].plain)
    raise AssertionError(f"{name} is not on the roster")


async def test_roster_home_and_agreement_give_the_scheduled_review(store: Store) -> None:
    alex = team(store)[0]
    # agreed on Nov 2 (its own quarter: Feb 2), the review was scheduled for Jan 1 before
    agreement = Agreement(
        rep_id=alex.id,
        version=1,
        state=AgreementState.AGREED,
        agreed_on=D(2026, 11, 2),
        next_review=D(2027, 2, 2),
    )
    review = Review(ReviewScope.REP, D(2027, 1, 1), alex.id, id="rv-alex")
    store.put_many([agreement, review])
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.pause()
        assert agreement_cell(app, "Alex Moreno") == "v1 · review 2027-01-01"
        assert app.services.team.next_review(alex) == D(2027, 1, 1)
        # moved on home: the roster follows at once
        moved = move_review(review, D(2026, 12, 2))
        app.screen.post_message(SaveRequested([moved], "moved"))
        await settle(app)
        await until(lambda: agreement_cell(app, "Alex Moreno") == "v1 · review 2026-12-02")
        app.services.go_home()
        await until(lambda: isinstance(app.screen, DashboardScreen))
        await settle(app)
        home = [i for i in app.screen.items if i.rep_id == alex.id and i.kind == "review"]
        assert [i.when for i in home] == [D(2026, 12, 2)]
        # the agreement's footer
        app.services.open_agreement(alex)
        await until(lambda: type(app.screen).__name__ == "AgreementScreen")
        await settle(app)
        assert app.screen.next_review == D(2026, 12, 2)  # type: ignore[attr-defined]


async def test_home_lists_a_draft_until_it_is_agreed(store: Store) -> None:
    alex = team(store)[0]
    v1 = Agreement(rep_id=alex.id, version=1, state=AgreementState.AGREED, agreed_on=D(2026, 11, 2))
    store.put_many([v1, Review(ReviewScope.REP, D(2027, 1, 1), alex.id, id="rv-alex")])
    app = make_app(store, home=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.pause()
        dash = app.dashboard

        def drafts() -> list[str]:
            return [i.title for i in dash.items if i.kind == "draft"]

        assert drafts() == []
        draft = Agreement(rep_id=alex.id, version=2, manager_name="Dana Whitfield")
        app.screen.post_message(SaveRequested([draft], "draft saved"))
        await settle(app)
        await until(lambda: drafts() == ["Alex Moreno: a draft of v2 waits to be agreed"])
        (line,) = [i for i in dash.items if i.kind == "draft"]
        assert line.when == D(2026, 11, 27) and line.target_id == draft.id
        agreed = dataclasses.replace(draft, state=AgreementState.AGREED, agreed_on=D(2026, 11, 27))
        app.screen.post_message(SaveRequested([agreed], "agreed"))
        await settle(app)
        await until(lambda: drafts() == [])


def test_the_agreement_screen_footer_gives_the_next_review() -> None:
    from rich.console import Console

    from oneonone.core.model import Rep, TeamSettings
    from oneonone.widgets.agreement_doc import agreement_document

    alex = Rep(name="Alex Moreno", start_date=D(2024, 3, 4))
    v1 = Agreement(
        rep_id=alex.id,
        version=1,
        state=AgreementState.AGREED,
        agreed_on=D(2026, 11, 2),
        next_review=D(2027, 2, 2),
    )
    console = Console(width=100, record=True)
    console.print(
        agreement_document(v1, alex, TeamSettings(), all_versions=[v1], next_review=D(2027, 1, 1))
    )
    text = console.export_text()
    assert "next review due 2027-01-01" in text and "2027-02-02" not in text
