"""Every form and dialog: what has the focus when it opens, what a too-long value does, and
what Escape on changed values asks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pendulum
import pytest
from textual import events
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from oneonone.core import onboarding
from oneonone.core.model import (
    Agreement,
    Owner,
    Period,
    QuotaLine,
    Rep,
    Session,
    SessionKind,
    TeamSettings,
)
from oneonone.core.store import Store
from oneonone.screens.agreement_dialogs import ExportScreen
from oneonone.screens.agreement_parts import PartScreen
from oneonone.screens.confirm import ConfirmScreen
from oneonone.screens.date_form import DateFormScreen
from oneonone.screens.line_forms import QuotaLineForm, StepForm, TextLineForm
from oneonone.screens.plan_template import PlanItemForm, PlanTemplateScreen
from oneonone.screens.rep_form import RepFormScreen
from oneonone.screens.session_dialogs import CommitmentForm, NumbersForm
from oneonone.screens.settings import SettingsScreen

from .conftest import SIZE, make_app, settle, until

pytestmark = pytest.mark.usefixtures("frozen")

TODAY = pendulum.date(2026, 11, 27)
SETTINGS = TeamSettings(manager_name="Dana Whitfield", timezone="Europe/Paris")
LINE = QuotaLine(label="New ARR", number=120000.0, unit="USD", period=Period.QUARTER)
AGREEMENT = Agreement(rep_id="r1", quota_lines=[LINE])

#: Each form, and the id of what should have the focus when it opens.
FORMS: dict[str, tuple[Callable[[], Screen[object]], str]] = {
    "add rep": (lambda: RepFormScreen(team=[], today=TODAY), "input-name"),
    "settings": (lambda: SettingsScreen(SETTINGS, today=TODAY), "input-manager_name"),
    "first-run settings": (
        lambda: SettingsScreen(TeamSettings(), today=TODAY),
        "input-manager_name",
    ),
    "date": (lambda: DateFormScreen("Move", "New date", today=TODAY), "input-date"),
    "text line": (lambda: TextLineForm("Activity", ""), "input-text"),
    "consequence step": (lambda: StepForm(None), "input-text"),
    "quota line": (lambda: QuotaLineForm(None), "input-label"),
    "plan item": (lambda: PlanItemForm(None, SETTINGS), "input-day"),
    "plan template": (
        lambda: PlanTemplateScreen(onboarding.default_template(), SETTINGS),
        "lines-items",
    ),
    "export": (lambda: ExportScreen(Path("/tmp/x.md"), "v1"), "input-path"),
    "part 1": (lambda: PartScreen(AGREEMENT, 1, heading="v1"), "lines-quota_lines"),
    "part 2": (lambda: PartScreen(AGREEMENT, 2, heading="v1"), "lines-manager_commitments"),
    "part 3": (lambda: PartScreen(AGREEMENT, 3, heading="v1"), "lines-rep_requests"),
    "part 4": (lambda: PartScreen(AGREEMENT, 4, heading="v1"), "input-comm0_manager_channel"),
    "part 5": (lambda: PartScreen(AGREEMENT, 5, heading="v1"), "lines-consequence_steps"),
    "commitment": (
        lambda: CommitmentForm(
            Owner.MANAGER, rep_id="r1", rep_name="Alex", session_id=None, today=TODAY
        ),
        "input-text",
    ),
    "numbers": (
        lambda: NumbersForm(Session(rep_id="r1", kind=SessionKind.REGULAR), [LINE]),
        "input-actual_0",
    ),
}


async def open_form(app, form: Screen[object]) -> None:  # type: ignore[no-untyped-def]
    app.push_screen(form)
    await until(lambda: app.screen is form and form.is_mounted, "the form")


@pytest.mark.parametrize("name", list(FORMS))
async def test_every_form_opens_with_its_first_field_focused(full_store: Store, name: str) -> None:
    build, first = FORMS[name]
    app = make_app(full_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        form = build()
        await open_form(app, form)
        await pilot.pause()
        focused: Widget | None = app.focused
        assert focused is not None and focused.id == first, focused


def key(name: str) -> events.Key:
    """A key event as the terminal driver makes it."""
    characters = {"tab": "\t", "ctrl+s": "\x13", "enter": "\r"}
    return events.Key(name, characters.get(name, name if len(name) == 1 else None))


async def test_keys_posted_together_land_in_their_fields(full_store: Store) -> None:
    """All the keys in the App's queue at once, as a burst from the terminal puts them: each
    is handled once the one before is done (the focus moved, the dialog is open)."""
    app = make_app(full_store)
    async with app.run_test(size=SIZE):
        await settle(app)
        keys = ["a", *"Burst1", "tab", *"BRole1", "tab", *"2025-05-01", "ctrl+s"]
        for name in keys:
            app.post_message(key(name))
        await until(lambda: len(full_store.all(Rep)) == 5, "a rep saved")
        reps = {r.name: r for r in full_store.all(Rep)}
        assert "Burst1" in reps, sorted(reps)
        rep = reps["Burst1"]
        assert (rep.role, rep.start_date) == ("BRole1", pendulum.date(2025, 5, 1))


async def test_too_long_text_is_kept_whole_with_a_message(full_store: Store) -> None:
    app = make_app(full_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        form = TextLineForm("Activity", "")
        await open_form(app, form)
        field = form.query_one("#input-text", Input)
        field.insert_text_at_cursor("call " * 500)  # 2,500 characters, as a paste inserts them
        await pilot.pause()
        assert len(field.value) == 2500  # kept whole, not cut at the limit
        error = form.query_one("#field-text .field-error", Static)
        assert "Too long: 2,499 characters, at most 2,000" in str(error.render())
        await pilot.press("ctrl+s")
        assert app.screen is form  # not saved
        assert "too long" in str(error.render())
        field.value = "call the three biggest accounts"
        await pilot.pause()
        assert str(error.render()) == ""
        await pilot.press("ctrl+s")
        await until(lambda: app.screen is not form, "the form saved")


async def test_discard_changes_has_keep_editing_focused(full_store: Store) -> None:
    app = make_app(full_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        form = TextLineForm("Activity", "")
        await open_form(app, form)
        await pilot.press(*"Call")
        await pilot.press("escape")
        await until(lambda: isinstance(app.screen, ConfirmScreen), "the question")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "no"
        await pilot.press("enter")
        await until(lambda: app.screen is form, "back in the form")
        assert form.query_one("#input-text", Input).value == "Call"


def shows(screen: Screen[object], widget: Widget) -> bool:
    """``widget`` is on screen, not cut off: what is drawn at its middle is it (or in it)."""
    region = widget.region
    if not region or region.bottom > screen.size.height or region.right > screen.size.width:
        return False
    found, _ = screen.get_widget_at(*region.center)
    return found is widget or widget in found.ancestors


@pytest.mark.parametrize("name", list(FORMS))
async def test_at_80x24_tab_reaches_and_shows_the_last_field(full_store: Store, name: str) -> None:
    build, _first = FORMS[name]
    app = make_app(full_store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app)
        form = build()
        await open_form(app, form)
        await pilot.pause()
        chain = form.focus_chain
        for _ in range(len(chain) - 1):
            await pilot.press("tab")
        await pilot.pause()
        await pilot.pause()
        assert app.focused is chain[-1]
        assert shows(form, chain[-1]), (chain[-1], chain[-1].region)
