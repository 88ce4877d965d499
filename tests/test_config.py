"""The user's config file: theme, export folder, calendar defaults; bad values are named and
their defaults used, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from oneonone.config import Config, config_file, load_config, parse_config
from oneonone.preferences import load_theme, save_theme

FULL = """
theme = "nord"
export_folder = "~/Documents/1on1"

[calendar]
all = true
out = "~/oneonone.ics"

[keymap]
"roster.add_rep" = "ctrl+a"
"""


def test_every_setting_is_read(tmp_path: Path) -> None:
    found = parse_config(FULL)
    assert found.theme == "nord"
    assert found.export_folder == Path("~/Documents/1on1").expanduser()
    assert found.calendar_all is True
    assert found.calendar_out == Path("~/oneonone.ics").expanduser()
    assert found.problems == () and found.notice is None


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "none.toml") == Config(path=tmp_path / "none.toml")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("theme = 3", "theme must be text"),
        ('export_folder = ""', "export_folder must be text"),
        ('calendar = "yes"', "[calendar] must be a table"),
        ('[calendar]\nall = "yes"', "calendar.all must be true or false"),
        ("theme = [", "not valid TOML"),
    ],
)
def test_a_bad_value_is_named_and_its_default_used(text: str, problem: str) -> None:
    found = parse_config(text)
    assert any(problem in p for p in found.problems)
    assert found.notice is not None and "defaults are used" in found.notice
    assert found.calendar_all is False and found.theme is None


async def test_the_theme_picked_in_the_app_wins_over_the_config_file(tmp_path: Path) -> None:
    from oneonone.app import OneOnOneApp
    from oneonone.core.store import Store

    path = config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('theme = "nord"\n', encoding="utf-8")
    with Store.open(tmp_path / "team.json") as store:
        assert OneOnOneApp(store, config=load_config()).theme == "nord"
        save_theme("gruvbox")
        assert load_theme() == "gruvbox"
        assert OneOnOneApp(store, config=load_config()).theme == "gruvbox"
