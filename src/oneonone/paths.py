"""Where oneonone keeps things: the data file, the config folder, the shipped styles."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "oneonone"
DB_ENV = "ONEONONE_DB"


def default_data_file() -> Path:
    """The data file used when none is given: in the user's data folder."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "oneonone.json"


def data_file(cli_value: str | None) -> Path:
    """``--db`` wins, then ``$ONEONONE_DB``, then the platform's user data folder."""
    chosen = cli_value or os.environ.get(DB_ENV)
    return Path(chosen).expanduser() if chosen else default_data_file()


def config_dir() -> Path:
    """The user's config folder for oneonone (scripts, keymap, preferences)."""
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def styles_dir() -> Path:
    """The ``.tcss`` folder: inside the package in a wheel install; the repository's top-level
    ``styles/`` in an editable install. (The package is a plain folder in both, so no
    ``importlib.resources``, which costs a few milliseconds at start.)"""
    packaged = Path(__file__).parent / "styles"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "styles"
