"""The manager's display preferences (the theme), kept in the config folder, apart from the
team's data. A missing or damaged file just means the defaults."""

from __future__ import annotations

import json
from pathlib import Path

from oneonone.core.store.files import atomic_write_bytes, ensure_private_folder
from oneonone.paths import config_dir


def preferences_file() -> Path:
    """Where the user's preferences (the theme) are remembered."""
    return config_dir() / "preferences.json"


def load_theme() -> str | None:
    """The theme last picked in the app, or None if none is or the file cannot be read (the
    config file's ``theme`` is the App's fallback, read once with the rest of the file)."""
    try:
        data = json.loads(preferences_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    theme = data.get("theme") if isinstance(data, dict) else None
    return theme if isinstance(theme, str) else None


def save_theme(theme: str) -> None:
    """Raises OSError when the config folder cannot be written."""
    path = preferences_file()
    ensure_private_folder(path.parent)
    atomic_write_bytes(path, json.dumps({"theme": theme}).encode("utf-8"))
