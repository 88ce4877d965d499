"""Every key comes from the registry (an id, a help line, a palette entry), and a user keymap in
``config.toml`` remaps keys: parsed safely (bad TOML, unknown ids, clashes give one notice and
the defaults), applied to bindings, footer, help and palette."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from textual.binding import Binding, BindingsMap
from textual.widgets._footer import FooterKey

from oneonone import actions, keymap
from oneonone.app import OneOnOneApp
from oneonone.core.store import Store
from oneonone.screens.help import HelpScreen, keys_text
from oneonone.screens.rep_form import RepFormScreen
from oneonone.screens.roster import RosterScreen
from tests.ui.test_search_help import our_classes

from .conftest import SIZE, make_app, on_screen, settle, until

pytestmark = pytest.mark.usefixtures("frozen")

# -- the registry --------------------------------------------------------------------------------


def own_binding_list(cls: type) -> list[Binding]:
    """The bindings ``cls`` declares itself (not its bases', not Textual's)."""
    declared = cls.__dict__.get("BINDINGS", [])
    return [b for bs in BindingsMap(declared).key_to_bindings.values() for b in bs]


def test_every_binding_has_an_id_from_the_registry() -> None:
    known = {a.id for a in actions.all_actions()}
    classes = [c for c in our_classes() if "BINDINGS" in c.__dict__]
    assert len(classes) > 20
    no_id = [
        f"{c.__name__}: {b.key} -> {b.action}"
        for c in classes
        for b in own_binding_list(c)
        if not b.id
    ]
    assert not no_id, no_id
    unknown = [
        f"{c.__name__}: {b.id}" for c in classes for b in own_binding_list(c) if b.id not in known
    ]
    assert not unknown, unknown


def test_binding_ids_are_unique_and_dotted() -> None:
    every = actions.all_actions()
    counted = Counter(a.id for a in every)
    assert not [i for i, n in counted.items() if n > 1]
    assert all(a.id.count(".") == 1 and a.id == a.id.lower() for a in every), [
        a.id for a in every if a.id.count(".") != 1
    ]
    same_id = {}
    for group in actions.BINDING_SETS:
        for action in group:
            assert same_id.setdefault(action.id, action) == action, action.id


def test_every_class_binding_set_is_a_registry_set() -> None:
    """The keymap's clash check reads ``BINDING_SETS``: each class binds exactly one of them."""
    sets = [{a.id for a in group} for group in actions.BINDING_SETS]
    for cls in our_classes():
        if "BINDINGS" in cls.__dict__:
            ids = {b.id for b in own_binding_list(cls)}
            assert ids in sets, (cls.__name__, sorted(ids))


def test_every_action_is_in_help() -> None:
    shown = keys_text(OneOnOneApp).plain
    missing = [a.id for a in actions.all_actions() if a.help not in shown]
    assert not missing, missing


def test_every_palette_action_is_offered_by_the_screen_or_list_that_binds_it() -> None:
    """``get_system_commands`` lists a node's ``USER_ACTIONS``: every binding meant for the
    palette is among the ``USER_ACTIONS`` of the class that binds it."""
    missing = []
    for cls in [*our_classes()]:
        offered = {a.id for a in getattr(cls, "USER_ACTIONS", ())}
        by_id = {a.id: a for a in actions.all_actions()}
        for binding in own_binding_list(cls):
            entry = by_id[binding.id or ""]
            if entry.palette and entry.id not in offered:
                missing.append(f"{cls.__name__}: {entry.id}")
    assert not missing, missing


async def test_the_roster_palette_lists_every_action_it_allows(full_store: Store) -> None:
    app = make_app(full_store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RosterScreen)
        titles = {c.title for c in app.get_system_commands(screen)}
        expected = {
            f"{a.label} ({a.key_display})"
            for a in (*actions.ROSTER_ACTIONS, *actions.APP_ACTIONS)
            if a.palette
            and (screen if a in actions.ROSTER_ACTIONS else app).check_action(a.action, ())
        }
        assert expected <= titles, sorted(expected - titles)


# -- the keymap: parsing --------------------------------------------------------------------------


def test_a_keymap_maps_ids_to_keys() -> None:
    loaded = keymap.parse_keymap(
        '[keymap]\n"roster.add_rep" = "ctrl+a"\n"app.search" = ["f6", "ctrl+f"]\n'
    )
    assert loaded.keymap == {"roster.add_rep": "ctrl+a", "app.search": "f6,ctrl+f"}
    assert loaded.notice is None


def test_no_keymap_table_is_no_keymap() -> None:
    assert keymap.parse_keymap("").keymap == {}
    assert keymap.parse_keymap("[other]\nx = 1\n").notice is None


def test_bad_toml_gives_one_notice_and_the_defaults() -> None:
    loaded = keymap.parse_keymap('[keymap\n"roster.add_rep" = "ctrl+a"')
    assert loaded.keymap == {}
    assert loaded.notice is not None and "not valid TOML" in loaded.notice


def test_an_unknown_id_is_named_and_the_rest_applies() -> None:
    loaded = keymap.parse_keymap(
        '[keymap]\n"roster.add_rpe" = "ctrl+a"\n"roster.edit_rep" = "f6"\n'
    )
    assert loaded.keymap == {"roster.edit_rep": "f6"}
    assert loaded.notice is not None and "'roster.add_rpe'" in loaded.notice


def test_bad_values_are_refused() -> None:
    loaded = keymap.parse_keymap('[keymap]\n"roster.add_rep" = 3\n"roster.edit_rep" = "ctrl a"\n')
    assert loaded.keymap == {}
    assert len(loaded.problems) == 2
    assert keymap.parse_keymap("keymap = 3").problems


def test_a_key_given_twice_is_refused() -> None:
    loaded = keymap.parse_keymap('[keymap]\n"roster.add_rep" = "f6,f6"\n')
    assert loaded.keymap == {}
    assert "twice" in (loaded.notice or "")


def test_a_key_another_action_of_the_screen_has_is_refused() -> None:
    loaded = keymap.parse_keymap('[keymap]\n"roster.add_rep" = "e"\n"home.takeover" = "f6"\n')
    assert loaded.keymap == {"home.takeover": "f6"}
    assert "roster.add_rep: e is already roster.edit_rep's key" in (loaded.notice or "")


def test_two_remapped_onto_one_key_are_refused() -> None:
    loaded = keymap.parse_keymap('[keymap]\n"roster.add_rep" = "f6"\n"roster.edit_rep" = "f6"\n')
    assert list(loaded.keymap.values()) == ["f6"]  # the first keeps it; the second is told
    assert "roster.edit_rep: f6 is already roster.add_rep's key" in (loaded.notice or "")


def test_a_priority_key_of_the_app_is_refused() -> None:
    loaded = keymap.parse_keymap('[keymap]\n"roster.add_rep" = "ctrl+q"\n')
    assert loaded.keymap == {}


def test_swapping_two_keys_works() -> None:
    loaded = keymap.parse_keymap('[keymap]\n"roster.add_rep" = "e"\n"roster.edit_rep" = "a"\n')
    assert loaded.keymap == {"roster.add_rep": "e", "roster.edit_rep": "a"}
    assert loaded.notice is None


def test_a_missing_file_is_no_keymap_and_an_unreadable_one_a_notice(tmp_path: Path) -> None:
    assert keymap.load_keymap(tmp_path / "none.toml").notice is None
    folder = tmp_path / "config.toml"
    folder.mkdir()
    assert "could not be read" in (keymap.load_keymap(folder).notice or "")
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b"\xff\xfe[keymap")
    assert keymap.load_keymap(bad).notice is not None


# -- the keymap: applied ---------------------------------------------------------------------------


def footer_keys(app: OneOnOneApp) -> dict[str, str]:
    return {k.action: k.key for k in app.screen.query(FooterKey)}


async def test_a_keymap_remaps_a_key_in_bindings_footer_help_and_palette(
    full_store: Store,
) -> None:
    app = make_app(full_store)
    keymap.install(app, keymap.parse_keymap('[keymap]\n"roster.add_rep" = "ctrl+a"\n'))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.pause()
        await until(lambda: footer_keys(app).get("add_rep") == "ctrl+a", "ctrl+a in the footer")
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert "Add rep (ctrl+a)" in titles
        await pilot.press("a")  # no longer Add
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        await pilot.press("ctrl+a")
        await on_screen(app, RepFormScreen)
        await pilot.press("escape")
        await on_screen(app, RosterScreen)
        await pilot.press("f1")
        await on_screen(app, HelpScreen)
        shown = app.screen.query_one("#help-keys").render()
        text = str(shown)
        row = next(line for line in text.splitlines() if actions.ADD_REP.help in line)
        assert row.split()[0] == "ctrl+a", row


async def test_a_bad_keymap_says_so_once_and_keeps_the_defaults(full_store: Store) -> None:
    app = make_app(full_store)
    keymap.install(app, keymap.parse_keymap('[keymap]\n"nope.nothing" = "x"\n'))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await until(
            lambda: any("nope.nothing" in n.message for n in app._notifications), "the notice"
        )
        assert sum("Keymap" in (n.title or "") for n in app._notifications) == 1
        await pilot.press("a")
        await on_screen(app, RepFormScreen)
