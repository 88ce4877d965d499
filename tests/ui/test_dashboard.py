"""Pilot tests of home (the dashboard), reviews, the new-leader reset, commitments, plans."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from textual.widgets import Input, Static

from oneonone.core.model import (
    Agreement,
    AgreementState,
    Commitment,
    CommitmentState,
    ConsequenceStep,
    OnboardingItem,
    Owner,
    Rep,
    RepStatus,
    Review,
    ReviewScope,
    ReviewState,
    TeamSettings,
)
from oneonone.core.store import Store
from oneonone.screens.agreement import AgreementScreen
from oneonone.screens.commitment import CommitmentScreen
from oneonone.screens.confirm import ConfirmScreen
from oneonone.screens.dashboard import DashboardScreen
from oneonone.screens.date_form import DateFormScreen
from oneonone.screens.onboarding import OnboardingScreen, PlanTable
from oneonone.screens.rep_form import RepFormScreen
from oneonone.screens.roster import RosterScreen

from .conftest import SIZE, make_app, on_screen, settle, until

pytestmark = pytest.mark.usefixtures("frozen")
TODAY = pendulum.date(2026, 11, 27)


def seed(store: Store) -> dict[str, object]:
    settings = TeamSettings(manager_name="Dana", timezone="Europe/Paris")
    sam = Rep(name="Sam Ortiz", role="AE", start_date=pendulum.date(2025, 1, 6))
    kim = Rep(name="Kim Lee", role="SDR", start_date=pendulum.date(2024, 5, 6))
    agreed = Agreement(
        rep_id=sam.id,
        state=AgreementState.AGREED,
        agreed_on=pendulum.date(2026, 7, 1),
        next_review=pendulum.date(2026, 10, 1),
        consequence_steps=[ConsequenceStep("A gentle reminder.")],
    )
    review = Review(scope=ReviewScope.REP, rep_id=sam.id, due=pendulum.date(2026, 11, 20))
    team_review = Review(scope=ReviewScope.TEAM, due=pendulum.date(2027, 1, 1))
    late = Commitment(
        rep_id=sam.id,
        owner=Owner.REP,
        text="Send the [b]forecast[/b]",
        due=pendulum.date(2026, 11, 25),
    )
    store.put_many([settings, sam, kim, agreed, review, team_review, late])
    return {"sam": sam, "kim": kim, "review": review, "late": late}


def select(screen: DashboardScreen, kind: str) -> None:
    row = next(i for i, item in enumerate(screen.items) if item.kind == kind)
    screen.query_one("#agenda").move_cursor(row=row)  # type: ignore[attr-defined]


def titles(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.title for item in app.screen.items]


async def home(app) -> DashboardScreen:  # type: ignore[no-untyped-def]
    await settle(app)
    await on_screen(app, DashboardScreen)
    screen = app.screen
    await until(lambda: screen.query_one("#dash-title", Static).render(), "dashboard shown")
    await until(lambda: str(screen.query_one("#dash-title", Static).render()), "title")
    return screen  # type: ignore[no-any-return]


async def test_home_lists_what_needs_the_manager_most_urgent_first(store: Store) -> None:
    seed(store)
    app = make_app(store, home=True)
    async with app.run_test(size=SIZE):
        screen = await home(app)
        kinds = [i.kind for i in screen.items]
        assert kinds[:2] == ["no agreement", "review"]  # oldest first: Kim has never had one
        assert all(i.overdue for i in screen.items[:3])
        assert [i.when for i in screen.items] == sorted(i.when for i in screen.items)
        assert any("forecast" in t for t in titles(app))
        text = str(screen.query_one("#dash-title", Static).render())
        assert "overdue" in text
        # every current rep got a scheduled review (Kim had none): saved in the background
        await settle(app)
    with Store.open(store.path, allow_read_only=True) as disk:
        scheduled = [r for r in disk.all(Review) if r.state is ReviewState.SCHEDULED]
        assert {r.rep_id for r in scheduled} >= {None}
        assert len([r for r in scheduled if r.scope is ReviewScope.REP]) == 2


async def test_enter_on_a_review_opens_the_agreement_and_r_goes_to_roster(store: Store) -> None:
    seed(store)
    app = make_app(store, home=True)
    async with app.run_test(size=SIZE) as pilot:
        select(await home(app), "review")
        await pilot.press("enter")
        await on_screen(app, AgreementScreen)
        assert app.screen.rep.name == "Sam Ortiz"
        await pilot.press("escape")
        await on_screen(app, DashboardScreen)
        await pilot.press("r")
        await on_screen(app, RosterScreen)
        await pilot.press("h")
        await on_screen(app, DashboardScreen)


async def test_move_a_review(store: Store, data_file: Path) -> None:
    seeded = seed(store)
    app = make_app(store, home=True)
    async with app.run_test(size=SIZE) as pilot:
        select(await home(app), "review")
        await pilot.press("m")
        await on_screen(app, DateFormScreen)
        app.screen.query_one("#input-date", Input).value = "2027-02-30"
        await pilot.press("enter")
        await pilot.pause()
        assert "not a real date" in str(app.screen.query_one(".field-error", Static).render())
        app.screen.query_one("#input-date", Input).value = "+7d"
        await pilot.press("enter")
        await on_screen(app, DashboardScreen)
        await settle(app)
    with Store.open(data_file, allow_read_only=True) as disk:
        moved = disk.get(Review, seeded["review"].id)  # type: ignore[attr-defined]
    assert moved is not None
    assert moved.due == pendulum.date(2026, 12, 4)
    assert moved.moved_from == pendulum.date(2026, 11, 20)


async def test_hold_a_review_schedules_the_next_and_opens_the_agreement(
    store: Store, data_file: Path
) -> None:
    seeded = seed(store)
    app = make_app(store, home=True)
    async with app.run_test(size=SIZE) as pilot:
        select(await home(app), "review")
        await pilot.press("h")
        await on_screen(app, DateFormScreen)
        await pilot.press("enter")  # held today
        await on_screen(app, AgreementScreen)
        await settle(app)
    with Store.open(data_file, allow_read_only=True) as disk:
        sam_reviews = [r for r in disk.all(Review) if r.rep_id == seeded["sam"].id]  # type: ignore[attr-defined]
    held = [r for r in sam_reviews if r.state is ReviewState.DONE]
    ahead = [r for r in sam_reviews if r.state is ReviewState.SCHEDULED]
    assert len(held) == 1 and held[0].held_on == TODAY
    assert len(ahead) == 1 and ahead[0].due > TODAY


async def test_new_leader_reset(store: Store, data_file: Path) -> None:
    seed(store)
    app = make_app(store, home=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app)
        await pilot.press("N")
        await on_screen(app, DateFormScreen)
        app.screen.query_one("#input-date", Input).value = "2026-11-23"
        await pilot.press("enter")
        await on_screen(app, DashboardScreen)
        await settle(app)
        await until(lambda: "new leader" in str(screen.query_one("#dash-title", Static).render()))
        title = str(screen.query_one("#dash-title", Static).render())
        assert "2 of 2 reps still to agree" in title
        assert "takeover" in [i.kind for i in screen.items]
    with Store.open(data_file, allow_read_only=True) as disk:
        assert disk.settings().takeover_date == pendulum.date(2026, 11, 23)
        assert all(a.inherited for a in disk.all(Agreement))


async def test_a_late_commitment_is_closed_from_home(store: Store, data_file: Path) -> None:
    seeded = seed(store)
    app = make_app(store, home=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app)
        select(screen, "commitment")
        await pilot.press("enter")
        await on_screen(app, CommitmentScreen)
        assert "Send the [b]forecast[/b]" in str(app.screen.query(Static)[1].render())
        await pilot.press("d")
        await on_screen(app, DashboardScreen)
        await settle(app)
        await until(lambda: not any(i.kind == "commitment" for i in screen.items), "refresh")
    with Store.open(data_file, allow_read_only=True) as disk:
        done = disk.get(Commitment, seeded["late"].id)  # type: ignore[attr-defined]
    assert done is not None and done.state is CommitmentState.DONE


async def test_a_new_rep_gets_a_two_week_plan_checked_off(store: Store, data_file: Path) -> None:
    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("a")
        await on_screen(app, RepFormScreen)
        app.screen.query_one("#input-name", Input).value = "Noor"
        app.screen.query_one("#input-start_date", Input).value = "2026-11-30"
        await pilot.press("ctrl+s")
        await on_screen(app, ConfirmScreen)
        await pilot.press("y")
        await on_screen(app, OnboardingScreen)
        plan = app.screen
        await until(lambda: len(plan.items) > 0, "plan made")  # "y" made it: no g needed
        await pilot.pause()
        assert app.focused is plan.query_one(PlanTable)  # j, k, space act on the plan
        assert plan.items[0].starts_at.date() >= pendulum.date(2026, 11, 30)
        assert any(i.is_expectations_conversation for i in plan.items)
        await pilot.press("space")
        assert plan.items[0].done
        assert "1 of" in str(plan.query_one("#plan-title", Static).render())
        await settle(app)
    with Store.open(data_file, allow_read_only=True) as disk:
        noor = next(r for r in disk.all(Rep) if r.name == "Noor")
        items = disk.where(OnboardingItem, rep_id=noor.id)
    assert noor.status is RepStatus.ONBOARDING
    assert len(items) == len(plan.items) and sum(i.done for i in items) == 1


async def test_empty_home_says_the_team_is_up_to_date(store: Store) -> None:
    sam = Rep(name="Sam", start_date=pendulum.date(2025, 1, 6))
    store.put_many(
        [
            TeamSettings(manager_name="Dana", timezone="Europe/Paris"),
            sam,
            Agreement(
                rep_id=sam.id,
                state=AgreementState.AGREED,
                agreed_on=pendulum.date(2026, 11, 2),
                next_review=pendulum.date(2027, 2, 2),
                consequence_steps=[ConsequenceStep("A reminder.")],
            ),
        ]
    )
    app = make_app(store, home=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app)
        await settle(app)
        await pilot.pause()
        assert screen.items == []
        assert "the team is up to date" in str(screen.query_one("#dash-empty", Static).render())


async def test_the_plan_template_is_edited_in_the_app(store: Store, data_file: Path) -> None:
    from oneonone.core.model import OnboardingTemplate
    from oneonone.screens.plan_template import PlanItemForm, PlanTemplateScreen

    seeded = seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        app.services.open_plan(seeded["kim"])
        await on_screen(app, OnboardingScreen)
        plan = app.screen
        await until(lambda: plan.loaded, "plan loaded")
        await pilot.press("t")
        await on_screen(app, PlanTemplateScreen)
        await pilot.press("a")
        await on_screen(app, PlanItemForm)
        for name, value in {
            "day": "2",
            "start": "25:00",
            "minutes": "30",
            "title": "Coffee",
        }.items():
            app.screen.query_one(f"#input-{name}", Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PlanItemForm)
        assert "25:00" in str(app.screen.query_one("#field-start .field-error", Static).render())
        app.screen.query_one("#input-start", Input).value = "08:00"  # before the working day
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, PlanItemForm)
        app.screen.query_one("#input-start", Input).value = "11:30"
        await pilot.press("ctrl+s")
        await on_screen(app, PlanTemplateScreen)
        await pilot.press("ctrl+s")
        await on_screen(app, OnboardingScreen)
        await settle(app)
    with Store.open(data_file, allow_read_only=True) as disk:
        template = disk.get(OnboardingTemplate, "team")
    assert template is not None
    assert any(i.title == "Coffee" and i.day == 2 and i.start == "11:30" for i in template.items)


async def test_home_shows_a_consequence_invoked(store: Store) -> None:
    from oneonone.core.model import Invocation

    seeded = seed(store)
    (agreement,) = store.all(Agreement)
    store.put(
        Invocation(
            rep_id=seeded["sam"].id,  # type: ignore[attr-defined]
            agreement_id=agreement.id,
            agreement_version=1,
            step_id=agreement.consequence_steps[0].id,
            step_index=0,
            step_text="A gentle reminder.",
            reason="Missed the forecast twice",
            invoked_at=pendulum.datetime(2026, 11, 20, 10, tz="UTC"),
        )
    )
    app = make_app(store, home=True)
    async with app.run_test(size=SIZE):
        screen = await home(app)
        title = str(screen.query_one("#dash-title", Static).render())
        assert "1 consequence invoked in 90 days, last: Sam Ortiz, step 1" in title


async def test_settings_hours_anchor_and_a_takeover_date(store: Store, data_file: Path) -> None:
    from textual.widgets import Select

    from oneonone.core.model import ReviewAnchor
    from oneonone.screens.settings import SettingsScreen

    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("s")
        await on_screen(app, SettingsScreen)
        form = app.screen
        form.query_one("#input-work_start", Input).value = "8:30"
        form.query_one("#input-work_end", Input).value = "8:00"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "before it starts" in str(
            form.query_one("#field-work_end .field-error", Static).render()
        )
        form.query_one("#input-work_end", Input).value = "16:30"
        form.query_one("#input-work_days", Input).value = "sun-thu"
        form.query_one("#review_anchor", Select).value = ReviewAnchor.START_DATE.value
        form.query_one("#input-takeover_date", Input).value = "2026-11-23"
        await pilot.press("ctrl+s")
        await on_screen(app, RosterScreen)
        await settle(app)
    with Store.open(data_file, allow_read_only=True) as disk:
        s = disk.settings()
        agreements = disk.all(Agreement)
    assert (s.work_start, s.work_end, s.work_days) == ("08:30", "16:30", [0, 1, 2, 3, 6])
    assert s.review_anchor is ReviewAnchor.START_DATE
    assert s.takeover_date == pendulum.date(2026, 11, 23)
    assert all(a.inherited for a in agreements)  # the reset started, as N on home does


async def test_a_long_agenda_shows_every_row_and_keeps_the_cursor_when_shown_again(
    store: Store, frozen: pendulum.DateTime
) -> None:
    """A director's ninety reps: every row at once (each is one laid-out line), and a save
    that shows the agenda again keeps the cursor where it was, past the first screenful."""
    from oneonone.core.agenda import load_agenda_input
    from oneonone.core.model import Rep, TeamSettings
    from oneonone.screens.dashboard import AgendaTable, agenda_view

    reps = [Rep(name=f"Rep {n:03}", start_date=pendulum.date(2024, 1, 8)) for n in range(90)]
    store.put_many([TeamSettings(manager_name="Dana", timezone="Europe/Paris"), *reps])
    app = make_app(store, home=True)
    async with app.run_test(size=SIZE) as pilot:
        await on_screen(app, DashboardScreen)
        await settle(app)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        table = screen.query_one(AgendaTable)
        assert len(screen.items) > SIZE[1] and table.row_count == len(screen.items)
        table.move_cursor(row=len(screen.items) - 1)  # the last row, past the first screenful
        await pilot.pause()
        screen.present(agenda_view(load_agenda_input(store), []))  # as after a save
        await pilot.pause()
        assert table.row_count == len(screen.items)
        assert table.cursor_row == len(screen.items) - 1  # kept
        assert str(table.get_row_at(0)[0]).endswith("Rep 000")


async def test_home_under_another_screen_is_refreshed_when_back_on_top(
    full_store: Store, frozen: pendulum.DateTime
) -> None:
    from textual.screen import Screen

    app = make_app(full_store, home=True)
    async with app.run_test(size=SIZE) as pilot:
        await on_screen(app, DashboardScreen)
        await settle(app)
        home = app.dashboard
        shown = home.presented
        await app.push_screen(Screen())
        await pilot.pause()
        home.show()  # a save's refresh while a one-on-one is on top, say
        assert home.presented == shown  # nothing laid out or painted beneath the top screen
        app.pop_screen()
        await until(lambda: home.presented == shown + 1, "refreshed on its return")
        assert not home._stale


async def test_a_rep_not_keeping_their_word_is_signalled_and_enter_opens_the_conversation(
    store: Store,
) -> None:
    from textual.widgets import SelectionList

    from oneonone.core.model import NumberEntry, Period, Session, SessionKind
    from oneonone.screens.invoke import InvokeScreen
    from oneonone.screens.session import SessionScreen
    from oneonone.screens.session_dialogs import KindScreen

    s = seed(store)
    sam = s["sam"]
    assert isinstance(sam, Rep)
    store.put(
        Commitment(sam.id, Owner.REP, "Call Acme", due=pendulum.date(2026, 11, 2))
    )  # with "Send the forecast": two missed
    # the numbers, behind pace at three one-on-ones in a row (read after the first frame)
    for day in (6, 13, 20):
        store.put(
            Session(
                rep_id=sam.id,
                kind=SessionKind.REGULAR,
                started_at=pendulum.datetime(2026, 11, day, 10, tz="UTC"),
                numbers=[NumberEntry("q", "New ARR", 20_000, 100_000, "USD", Period.QUARTER)],
                closed=True,
            )
        )
    app = make_app(store, home=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app)
        await until(lambda: any("behind pace" in t for t in titles(app)), "the numbers weighed")
        first = next(i for i in screen.items if i.kind == "signal")
        assert first.rep_id == sam.id and first.overdue
        assert first.when == pendulum.date(2026, 11, 2)  # by date, with the rest: oldest first
        assert first.title.startswith(
            "Sam Ortiz: 2 commitments missed since 2 Nov 2026; New ARR behind pace"
        )
        assert first.title.endswith('Next step (1 of v1, agreed 2026-07-01): "A gentle reminder."')
        select(screen, "signal")
        await pilot.pause()
        detail = str(screen.query_one("#dash-detail", Static).render())
        assert "A gentle reminder." in detail  # the whole line, under the agenda
        await pilot.press("enter")
        await on_screen(app, KindScreen)
        await pilot.press("enter")  # the accountability conversation, offered first
        await on_screen(app, SessionScreen)
        session_screen = app.screen
        assert isinstance(session_screen, SessionScreen)
        assert session_screen.session.kind is SessionKind.ACCOUNTABILITY
        await pilot.press("f8")
        await on_screen(app, InvokeScreen)
        picked = app.screen.query_one("#evidence", SelectionList)
        chosen = [app.screen.evidence[i] for i in picked.selected]
        assert chosen == list(first.evidence)
        assert len(chosen) == 2


async def test_z_snoozes_a_signal_with_a_reason_kept_in_the_history(store: Store) -> None:
    from oneonone.core.model import Snooze
    from oneonone.screens.history import HistoryScreen
    from oneonone.screens.snooze import SnoozeScreen

    s = seed(store)
    sam = s["sam"]
    assert isinstance(sam, Rep)
    store.put(Commitment(sam.id, Owner.REP, "Call Acme", due=pendulum.date(2026, 11, 2)))
    app = make_app(store, home=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await home(app)
        assert screen.check_action("snooze_signal", ()) is None  # not on a review's row
        select(screen, "signal")
        await pilot.pause()
        assert screen.check_action("snooze_signal", ()) is True
        await pilot.press("z")
        await on_screen(app, SnoozeScreen)
        await pilot.press("enter")  # no reason: refused, said under the field
        await pilot.pause()
        error = str(app.screen.query_one("#field-reason .field-error", Static).render())
        assert error == "The reason cannot be empty."
        await pilot.press(*"On leave [b]x[/b]", "enter")
        await on_screen(app, DashboardScreen)
        await until(lambda: not any(i.kind == "signal" for i in screen.items), "signal cleared")
        (kept,) = store.all(Snooze)
        assert kept.reason == "On leave [b]x[/b]" and kept.rep_id == sam.id
        assert kept.evidence == ["2 commitments missed since 2 Nov 2026"]
        app.services.open_history(sam)
        await on_screen(app, HistoryScreen)
        shown = app.screen.query_one("#snoozes", Static)
        await until(lambda: "On leave" in str(shown.render()), "the snooze in the history")
        assert "Signal snoozed 2026-11-27: On leave [b]x[/b]" in str(shown.render())
