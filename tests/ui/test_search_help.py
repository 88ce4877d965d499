"""Pilot tests: search lands on the hit (Enter in the box opens the first, the session opened is
highlighted at it, one search screen at most); help and footers tell the whole truth."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pendulum
import pytest
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input
from textual.widgets._footer import FooterKey
from textual.widgets.markdown import MarkdownBlock

import oneonone.screens
import oneonone.widgets
from oneonone.app import OneOnOneApp
from oneonone.core.store import Store
from oneonone.screens.help import HelpScreen, help_sections, key_label, keys_text, own_bindings
from oneonone.screens.history import Found, SessionViewScreen
from oneonone.screens.rep_form import RepFormScreen
from oneonone.screens.search import SearchScreen
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.rep_table import RepTable
from tests.ui.test_search_export import search_screen, seed

from .conftest import SIZE, make_app, on_screen, settle, until

pytestmark = pytest.mark.usefixtures("frozen")


def searches(app: object) -> list[SearchScreen]:
    return [s for s in app.screen_stack if isinstance(s, SearchScreen)]  # type: ignore[attr-defined]


async def test_enter_in_the_box_opens_the_first_hit_highlighted(store: Store) -> None:
    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        search = await search_screen(app, pilot)
        await pilot.press(*"globex", "enter")  # typed and entered before the results are in
        await on_screen(app, SessionViewScreen)
        view = app.screen
        assert isinstance(view, SessionViewScreen)
        assert view.rep.name == "Kim Lee"
        assert view.found == Found("Numbers against quota", "Globex")
        await until(lambda: view.query(".-search-hit"), "the hit highlighted")
        (block,) = view.query(".-search-hit").results(MarkdownBlock)
        assert "Globex wants a pilot" in block.content.plain  # type: ignore[union-attr]
        assert search.focused is search.query_one("#hits")  # back from the hit: the list


async def test_search_again_from_a_hit_comes_back_to_the_one_search(store: Store) -> None:
    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        search = await search_screen(app, pilot)
        await pilot.press(*"acme")
        await until(lambda: len(search.hits) == 2, "two hits")
        await pilot.press("enter")
        await on_screen(app, SessionViewScreen)
        await pilot.press("ctrl+f")
        await until(lambda: app.screen is search, "the same search")
        assert searches(app) == [search]
        assert search.focused is search.query_one("#query", Input)
        assert len(search.hits) == 2  # the results are still there
        await pilot.press(*"globex", "enter")
        await on_screen(app, SessionViewScreen)
        await pilot.press("ctrl+f")
        await until(lambda: app.screen is search, "the same search")
        await pilot.press("enter")
        await on_screen(app, SessionViewScreen)
        await pilot.press("escape")
        await until(lambda: app.screen is search, "back to the results")
        await pilot.press("escape")
        await until(lambda: not searches(app), "back where search was opened")
        assert app.screen is app.roster


# -- one binding per key per screen -----------------------------------------------------------


def our_classes() -> list[type[DOMNode]]:
    """Every screen and widget class of the app (each module of ``oneonone.screens`` and
    ``oneonone.widgets`` imported), and the App."""
    for package in (oneonone.screens, oneonone.widgets):
        for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            importlib.import_module(module.name)
    found: list[type[DOMNode]] = [OneOnOneApp]
    todo: list[type[DOMNode]] = [Widget]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("oneonone.") and sub not in found:
                found.append(sub)
    return found


def test_no_screen_binds_one_key_twice() -> None:
    classes = our_classes()
    assert {"RosterScreen", "SearchScreen", "HelpScreen", "RepTable"} <= {
        c.__name__ for c in classes
    }
    twice = {
        f"{cls.__name__}: {key} -> {', '.join(b.action for b in bound)}"
        for cls in classes
        for key, bound in cls._merge_bindings().key_to_bindings.items()
        if len(bound) > 1
    }
    assert not twice, sorted(twice)


# -- the footer: Help and Quit on every screen and dialog --------------------------------------


def essential_keys(screen: Screen[object]) -> dict[str, FooterKey]:
    """The footer keys drawn whole inside the screen, by action."""
    footer = screen.query_one(KeyFooter)
    inside = screen.region
    return {
        key.action.removeprefix("app."): key
        for key in footer.query(FooterKey)
        if inside.contains_region(key.region) and key.region.width
    }


async def test_the_roster_footer_keeps_help_and_quit_in_view(full_store: Store) -> None:
    app = make_app(full_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.pause()
        await until(lambda: {"help", "quit"} <= essential_keys(app.screen).keys(), "Help, Quit")
        keys = essential_keys(app.screen)
        palette = app.screen.query_one("FooterKey.-command-palette")
        assert palette.region.right == SIZE[0]  # at the right edge: no column after it
        assert keys["help"].region.x < keys["quit"].region.x < palette.region.x


async def test_a_dialog_footer_shows_help_and_quit_and_f1_works_there(full_store: Store) -> None:
    app = make_app(full_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("a")
        await on_screen(app, RepFormScreen)
        dialog = app.screen
        await until(lambda: {"help", "quit"} <= essential_keys(dialog).keys(), "Help, Quit")
        await pilot.press("f1")
        await on_screen(app, HelpScreen)
        await pilot.press("f1")
        await until(lambda: app.screen is dialog, "help closed by F1")


def test_every_screen_uses_the_footer_that_keeps_help_and_quit() -> None:
    screens = [c for c in our_classes() if issubclass(c, Screen)]
    plain_footer = [
        c.__name__
        for c in screens
        if "compose" in c.__dict__ and "KeyFooter()" not in inspect.getsource(c.compose)
    ]
    assert not plain_footer, plain_footer


# -- help lists every key in force -------------------------------------------------------------


def test_help_lists_every_key_of_every_screen_dialog_and_list() -> None:
    shown = keys_text(OneOnOneApp).plain
    sections = help_sections(OneOnOneApp)
    starts = [shown.index(f"\n{s.title}\n") for s in sections]
    bodies = {
        s.title: shown[start:end].splitlines()
        for s, start, end in zip(sections, starts, [*starts[1:], len(shown)], strict=True)
    }
    covering = {name: s for s in help_sections(OneOnOneApp) for name in s.classes}
    missing = []
    for cls in our_classes():
        ours = [b for b in cls.__mro__ if b.__module__.startswith("oneonone.")]
        if issubclass(cls, Screen) and not any("compose" in b.__dict__ for b in ours):
            continue  # a base of screens (FormScreen): its keys are listed with theirs
        for key in own_bindings(cls):
            section = covering.get(cls.__name__)
            body = bodies.get(section.title, []) if section else []
            keys_shown = [re.split(r"\s{2,}", line.strip())[0].split(" / ") for line in body]
            if not any(key_label(key) in keys for keys in keys_shown):
                missing.append(f"{cls.__name__}: {key}")
    assert not missing, missing
    assert {
        "HistoryScreen",
        "SessionViewScreen",
        "OnboardingScreen",
        "SearchScreen",
        "InvocationTable",
        "KindScreen",
        "RepFormScreen",
    } <= covering.keys()


def test_help_says_what_a_raw_binding_does() -> None:
    history = next(s for s in help_sections(OneOnOneApp) if "HistoryScreen" in s.classes)
    assert (["w"], "Withdraw the selected invocation, with a reason (it stays on record)") in (
        history.rows
    )


# -- the roster at 80 columns -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("size", "columns"),
    [((120, 40), tuple(RepTable.COLUMNS)), ((80, 24), RepTable.NARROW)],
)
async def test_the_roster_keeps_the_agreement_column(
    full_store: Store, size: tuple[int, int], columns: tuple[str, ...]
) -> None:
    app = make_app(full_store)
    async with app.run_test(size=size) as pilot:
        await settle(app)
        await pilot.pause()
        table = app.screen.query_one(RepTable)
        ordered = table.ordered_columns
        assert tuple(c.key.value for c in ordered) == columns
        upto = columns.index("agreement") + 1  # the agreement is whole in view
        width = sum(c.get_render_width(table) for c in ordered[:upto])
        assert width <= table.scrollable_content_region.width
        await pilot.resize_terminal(120, 40)
        await until(lambda: len(table.columns) == len(RepTable.COLUMNS), "every column again")


async def test_the_footer_shows_whole_keys_only(full_store: Store) -> None:
    app = make_app(full_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        await until(lambda: footer.query(FooterKey), "the keys")
        group = footer.query_one("HorizontalGroup.-essential")
        keys = [k for k in footer.query(FooterKey) if k.parent is footer]
        assert keys and all(k.region.right <= group.region.x for k in keys)
        assert [k.description for k in keys][:3] == ["Agreement", "1:1", "Home"]
        await pilot.resize_terminal(80, 24)
        await until(lambda: footer.size.width == 80, "resized")
        await until(
            lambda: all(
                k.region.right <= footer.query_one("HorizontalGroup.-essential").region.x
                for k in footer.query(FooterKey)
                if k.parent is footer
            ),
            "the keys that fit at 80 columns",
        )


async def test_the_palette_puts_the_named_reps_one_on_one_first(store: Store) -> None:
    """ctrl+p and the start of a name (any word of it, accents ignored): Enter starts a
    one-on-one with that rep, whatever the fuzzy matcher makes of the other entries."""
    from textual.command import CommandPalette

    from oneonone.core.model import Rep
    from oneonone.screens.session_dialogs import KindScreen

    for name in ("Tomás Carter", "Caleb Reyes", "Carla Mendes", "Quinn Harper", "Rosa Haddad"):
        store.put(Rep(name=name, start_date=pendulum.date(2025, 1, 6)))
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        # the App's own commands matched too, and came first: Quit for "qu", Roster for "ros"
        for query, rep in (("qu", "Quinn Harper"), ("ros", "Rosa Haddad")):
            await pilot.press("ctrl+p")
            await on_screen(app, CommandPalette)
            await pilot.press(*query)
            await until(lambda: app.screen.query_one("CommandList").option_count > 1, "hits")
            await pilot.pause(0.4)
            first = app.screen.query_one("CommandList").get_option_at_index(0)
            assert str(first.prompt).startswith(f"Start 1:1 with {rep}"), query
            await pilot.press("escape")
            await settle(app)
        await pilot.press("ctrl+p")
        await on_screen(app, CommandPalette)
        await pilot.press(*"tomas")
        await until(lambda: app.screen.query_one("CommandList").option_count > 0, "hits")
        await pilot.pause(0.3)
        first = app.screen.query_one("CommandList").get_option_at_index(0)
        assert str(first.prompt).startswith("Start 1:1 with Tomás Carter")
        await pilot.press("enter")
        await on_screen(app, KindScreen)
        assert "Tomás Carter" in str(app.screen.query_one(".dialog-title").render())


def test_help_opens_on_the_keys_of_the_screen_it_was_asked_on() -> None:
    """F1 on the roster showed Everywhere and Home first, the roster's keys below the fold."""
    titles = [s.title for s in help_sections(OneOnOneApp, front="RosterScreen")]
    assert titles[:2] == ["Roster", "Everywhere"]
    assert help_sections(OneOnOneApp)[0].title == "Everywhere"
