"""A user keymap in ``config.toml`` (the config folder of the test's private HOME) remaps keys
in the real program: the remapped key works, the footer and help show it, and a file that is
wrong says so once and keeps the default keys."""

from __future__ import annotations

from pathlib import Path

from tests.terminal.conftest import OpenApp

HOME = r"Today, Friday 27 November 2026"
ROSTER = r"to filter by name, role or status"
ADD_FORM = r"Add rep|New rep|Start date"


def write_config(home: Path, text: str) -> None:
    """``config.toml`` where the app looks for it (XDG_CONFIG_HOME is HOME/.config)."""
    folder = home / ".config" / "oneonone"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text, encoding="utf-8")


def test_a_remapped_key_works_and_the_footer_and_help_show_it(
    open_app: OpenApp, demo_db: Path, _private_home: Path
) -> None:
    write_config(_private_home, '[keymap]\n"roster.add_rep" = "ctrl+a"\n"home.roster" = "f6"\n')
    term = open_app(demo_db)
    term.wait(HOME)
    term.press("r")  # no longer the roster's key
    term.settle(quiet=0.3)
    assert ROSTER.split()[-1] not in term.text
    term.press("f6")
    term.wait(ROSTER)
    term.wait(lambda t: "^a Add rep" in t.footer, timeout=5)
    term.press("a")  # no longer Add
    term.settle(quiet=0.3)
    assert "New rep" not in term.text
    term.press("ctrl+a")
    term.wait(ADD_FORM, timeout=5)
    term.press("escape")
    term.wait(ROSTER)
    term.press("f1")
    term.wait(r"ctrl\+a\s+Add a rep to the team|\^a\s+Add a rep to the team", timeout=5)


def test_a_wrong_keymap_says_so_once_and_keeps_the_defaults(
    open_app: OpenApp, demo_db: Path, _private_home: Path
) -> None:
    write_config(_private_home, '[keymap]\n"roster.add_rpe" = "ctrl+a"\n')
    term = open_app(demo_db)
    term.wait(r"roster\.add_rpe", timeout=5)
    term.press("r")
    term.wait(ROSTER)
    term.press("a")
    term.wait(ADD_FORM, timeout=5)


def test_a_file_that_is_not_toml_does_not_stop_the_app(
    open_app: OpenApp, demo_db: Path, _private_home: Path
) -> None:
    write_config(_private_home, "[keymap\nnot toml")
    term = open_app(demo_db)
    term.wait(r"not valid TOML", timeout=5)
    term.press("r")
    term.wait(ROSTER)
