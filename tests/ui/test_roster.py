"""Pilot tests of the roster flows, on a temporary data file with frozen time."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pendulum
import pytest
from textual.widgets import DataTable, Input, Static

from oneonone.core.model import Rep, RepStatus, TeamSettings
from oneonone.core.store import Store
from oneonone.screens.confirm import ConfirmScreen
from oneonone.screens.help import HelpScreen
from oneonone.screens.rep_form import RepFormScreen
from oneonone.screens.roster import RosterScreen
from oneonone.widgets.empty_state import EmptyState
from oneonone.widgets.rep_table import RepTable

from .conftest import SIZE, make_app, on_screen, settle, until

pytestmark = pytest.mark.usefixtures("frozen")


def on_disk(path: Path) -> Store:
    """A read-only view of what is on disk (the app's store holds the lock)."""
    return Store.open(path, allow_read_only=True)


def table_names(app) -> list[str]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one(RepTable)
    return [table.get_row_at(i)[0].plain for i in range(table.row_count)]


def status_line(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#status-line", Static).render())


async def fill(app, field: str, value: str) -> None:  # type: ignore[no-untyped-def]
    await until(lambda: app.screen.query_one(f"#input-{field}", Input), f"field {field}")
    app.screen.query_one(f"#input-{field}", Input).value = value


async def test_empty_state_tells_what_to_do_next(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.pause()
        empty = app.screen.query_one(EmptyState)
        text = str(empty.render())
        assert empty.has_class("-shown")
        assert "Welcome to oneonone" in text
        assert "set your name and timezone" in text
        assert "add your first rep" in text
        assert not app.screen.query_one(RepTable).display
        assert status_line(app).startswith("0 reps")


async def test_add_rep_through_the_form_saves_to_disk(store: Store, data_file: Path) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("a")
        await on_screen(app, RepFormScreen)
        await pilot.press(*"Kim")  # typing reaches the name field
        await fill(app, "role", "Account Executive")
        await fill(app, "start_date", "2026-12-07")
        await pilot.press("ctrl+s")
        await on_screen(app, ConfirmScreen)  # a new rep: the two-week plan is offered
        await pilot.press("escape")  # not now
        await settle(app)
        await on_screen(app, RosterScreen)
        assert table_names(app) == ["Kim"]
    with on_disk(data_file) as disk:
        (rep,) = disk.all(Rep)
    assert (rep.name, rep.role, rep.start_date) == (
        "Kim",
        "Account Executive",
        pendulum.date(2026, 12, 7),
    )
    assert rep.status is RepStatus.ONBOARDING  # starts in the future


async def test_bad_input_gets_a_message_and_loses_nothing(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("a")
        await fill(app, "name", "   ")
        await fill(app, "role", "AE")
        await fill(app, "start_date", "02/03/2027")
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RepFormScreen)
        error = str(form.query_one("#field-name .field-error", Static).render())
        assert "Name cannot be empty" in error
        await fill(app, "name", "Kim")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(form.query_one("#field-start_date .field-error", Static).render())
        assert "02/03/2027" in error and "2027-01-15" in error
        # what was typed is still there
        assert form.query_one("#input-role", Input).value == "AE"
        assert form.query_one("#input-start_date", Input).value == "02/03/2027"
        assert store.all(Rep) == []


async def test_edit_rep(full_store: Store, data_file: Path) -> None:
    app = make_app(full_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.pause()
        assert table_names(app) == ["[b]Sam", "Alex Moreno", "Priya Natarajan"]
        await pilot.press("j")  # hidden extra: down to Alex
        await pilot.press("e")
        await on_screen(app, RepFormScreen)
        form = app.screen
        assert isinstance(form, RepFormScreen)
        assert form.query_one("#input-name", Input).value == "Alex Moreno"
        await fill(app, "role", "Senior Account Executive")
        await pilot.press("ctrl+s")
        await settle(app)
    with on_disk(data_file) as disk:
        alex = next(r for r in disk.all(Rep) if r.name == "Alex Moreno")
    assert alex.role == "Senior Account Executive"


async def test_mark_departed_keeps_the_record(full_store: Store, data_file: Path) -> None:
    app = make_app(full_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.pause()
        assert "1 departed (hidden, v to show)" in status_line(app)
        await pilot.press("d")  # on [b]Sam, the first row
        await until(lambda: app.screen.query_one("#input-departed_on"), "depart form")
        await pilot.press("enter")  # confirm today's date
        await settle(app)
        await pilot.pause()
        assert "[b]Sam" not in table_names(app)
        assert "2 departed" in status_line(app)
        await pilot.press("v")
        assert "[b]Sam" in table_names(app)
        assert "Jordan Lee" in table_names(app)
    with on_disk(data_file) as disk:
        sam = next(r for r in disk.all(Rep) if r.name == "[b]Sam")
    assert sam.status is RepStatus.DEPARTED
    assert sam.departed_on == pendulum.date(2026, 11, 27)
    assert len(disk.all(Rep)) == 4  # nothing deleted


async def test_filter_by_typing(full_store: Store) -> None:
    app = make_app(full_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("slash")
        await until(lambda: app.focused is app.screen.query_one("#filter"), "filter focus")
        await pilot.press(*"pri")
        assert table_names(app) == ["Priya Natarajan"]
        assert "1 matching" in status_line(app)
        app.screen.query_one("#filter", Input).value = "nobody here"
        await pilot.pause()
        assert "No rep matches" in str(app.screen.query_one(EmptyState).render())
        await pilot.press("escape")
        assert len(table_names(app)) == 3
        assert isinstance(app.focused, DataTable)


async def test_markup_in_names_shows_as_typed(full_store: Store) -> None:
    app = make_app(full_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.pause()
        table = app.screen.query_one(RepTable)
        row = table.get_row_at(0)
        assert row[0].plain == "[b]Sam"
        assert row[1].plain == "SDR [red]"
        await pilot.press("d")
        await until(lambda: app.screen.query_one("#input-departed_on"), "depart form")
        await pilot.press("enter")
        await settle(app)
        await pilot.pause()
        assert any("[b]Sam marked departed" in n.message for n in app._notifications)


async def test_settings_validate_and_save(store: Store, data_file: Path) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("s")
        await fill(app, "manager_name", "Dana")
        await fill(app, "timezone", "Mars/Olympus")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#field-timezone .field-error", Static).render())
        assert "not a timezone" in error
        await fill(app, "timezone", "America/New_York")
        await pilot.press("ctrl+s")
        await settle(app)
        await pilot.pause()
        assert "manager: Dana" in status_line(app)
        assert "✓ 1." in str(app.screen.query_one(EmptyState).render())
    with on_disk(data_file) as disk:
        assert disk.settings() == TeamSettings(manager_name="Dana", timezone="America/New_York")


async def test_settings_change_the_signals_thresholds(store: Store, data_file: Path) -> None:
    store.put(TeamSettings(manager_name="Dana", timezone="Europe/Paris"))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("s")
        await fill(app, "signal_missed", "zero")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#field-signal_missed .field-error", Static).render())
        assert "a whole number" in error
        await fill(app, "signal_missed", "0")
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#field-signal_missed .field-error", Static).render())
        assert "from 1 to 99" in error
        await fill(app, "signal_missed", "4")
        await fill(app, "signal_below", "2")
        await pilot.press("ctrl+s")
        await settle(app)
    with on_disk(data_file) as disk:
        saved = disk.settings()
        assert (saved.signal_missed, saved.signal_carried, saved.signal_below) == (4, 3, 2)


async def test_failed_save_is_shown_and_kept_for_retry(
    store: Store, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = os.replace

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        monkeypatch.setattr(os, "replace", full_disk)
        await pilot.press("a")
        await fill(app, "name", "Kim")
        await fill(app, "start_date", "2024-01-08")  # long since started: no plan to offer
        await pilot.press("ctrl+s")
        await settle(app)
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("Not saved" in m and "disk is full" in m for m in messages)
        assert table_names(app) == ["Kim"]  # still on screen, in memory
        assert store.has_unsaved
        # quitting now asks first
        await pilot.press("ctrl+q")
        await on_screen(app, ConfirmScreen)
        await pilot.press("escape")
        monkeypatch.setattr(os, "replace", real_replace)
        await pilot.press("ctrl+s")
        await settle(app)
        assert not store.has_unsaved
    with on_disk(data_file) as disk:
        assert [r.name for r in disk.all(Rep)] == ["Kim"]


async def test_escape_with_changes_asks_before_discarding(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("a")
        await pilot.press(*"Ki")
        await pilot.press("escape")
        await on_screen(app, ConfirmScreen)
        await pilot.press("escape")  # keep editing
        await on_screen(app, RepFormScreen)
        await pilot.press("ctrl+q")  # quit with an unsaved form asks too
        await on_screen(app, ConfirmScreen)
        await pilot.press("escape")
        await pilot.press("escape")
        await on_screen(app, ConfirmScreen)
        await pilot.press("y")
        await on_screen(app, RosterScreen)
        assert store.all(Rep) == []


async def test_read_only_when_another_copy_holds_the_file(
    full_store: Store, data_file: Path
) -> None:
    second = Store.open(data_file, allow_read_only=True)
    assert second.read_only
    app = make_app(second)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.pause()
        assert app.screen.query("#readonly-banner")
        assert "read-only" in app.sub_title
        await pilot.press("a")
        await on_screen(app, RosterScreen)  # adding is disabled
        assert len(table_names(app)) == 3  # but the team is readable
    second.close()


async def test_palette_help_and_quit(full_store: Store) -> None:
    app = make_app(full_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in (
            "Add rep (a)",
            "Edit (e)",
            "Departed (d)",
            "Filter (/)",
            "Settings (s)",
            "Help (f1)",
            "Quit (ctrl+q)",
            "Theme",
        ):
            assert title in titles
        await pilot.press("f1")
        await on_screen(app, HelpScreen)
        await pilot.press("escape")
        await pilot.press("question_mark")
        await on_screen(app, HelpScreen)
        await pilot.press("escape")
        await pilot.press("ctrl+q")
    assert app.return_code == 0


async def test_the_chosen_theme_is_remembered(store: Store) -> None:
    from oneonone.preferences import preferences_file

    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        app.theme = "nord"
        await until(
            lambda: preferences_file().exists() and "nord" in preferences_file().read_text()
        )
        await pilot.pause()
    again = make_app(store)
    async with again.run_test(size=SIZE):
        await settle(again)
        assert again.theme == "nord"
    preferences_file().write_text("{not json")
    third = make_app(store)
    async with third.run_test(size=SIZE):  # a damaged preferences file: just the default
        await settle(third)
        assert third.theme != "nord"


async def test_a_remembered_theme_is_in_place_before_the_css_is_parsed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Setting the theme once running made Textual parse all the CSS a second time before the
    first frame; the remembered one is applied before the first parse, with the same result."""
    from textual.css.stylesheet import Stylesheet

    from oneonone.preferences import save_theme

    save_theme("textual-light")
    reparses: list[object] = []
    reparse = Stylesheet.reparse
    monkeypatch.setattr(Stylesheet, "reparse", lambda self: reparses.append(self) or reparse(self))
    app = make_app(store)
    async with app.run_test(size=SIZE):
        await settle(app)
        assert app.theme == "textual-light" and not app.current_theme.dark
        assert app.has_class("-light-mode", "-theme-textual-light")
        assert not app.has_class("-dark-mode")
        assert app.screen.query_one("#status-line").styles.background.brightness > 0.5
    assert reparses == []
