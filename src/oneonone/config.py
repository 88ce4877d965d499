"""The user's config file: ``config.toml`` in the platform's config folder (``oneonone where``
prints it). Everything in it is optional:

```toml
theme = "nord"                      # the theme until you pick one in the app (ctrl+p)
export_folder = "~/Documents/1on1"  # where the app offers to write exports

[calendar]
all = true                          # every onboarding plan item, as `calendar --all`
out = "~/oneonone.ics"              # where `oneonone calendar` writes (or: --out)

[keymap]                            # your keys: see oneonone.keymap
"roster.add_rep" = "ctrl+a"
```

Read once, never on the UI thread. A file that cannot be read or parsed, or a value of the
wrong kind, gives one notice and that value's default: never a crash.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oneonone import paths

CONFIG_NAME = "config.toml"


@dataclass(frozen=True)
class Config:
    """What ``config.toml`` sets (None: not set), and what was wrong in it."""

    theme: str | None = None
    export_folder: Path | None = None
    calendar_all: bool = False
    calendar_out: Path | None = None
    problems: tuple[str, ...] = field(default=())
    path: Path | None = None

    @property
    def notice(self) -> str | None:
        """One message for everything wrong, or None."""
        if not self.problems:
            return None
        where = f" {self.path}" if self.path else ""
        return f"Config file{where}: {'; '.join(self.problems)}. The defaults are used there."


def config_file() -> Path:
    """``config.toml`` in the platform's config folder."""
    return paths.config_dir() / CONFIG_NAME


def load_config(path: Path | None = None) -> Config:
    """The config of ``path`` (default: ``config_file()``); no file: the defaults."""
    path = path or config_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Config(path=path)
    except (OSError, UnicodeDecodeError) as exc:
        return Config(problems=(f"it could not be read ({exc})",), path=path)
    found = parse_config(text)
    return Config(
        theme=found.theme,
        export_folder=found.export_folder,
        calendar_all=found.calendar_all,
        calendar_out=found.calendar_out,
        problems=found.problems,
        path=path,
    )


def parse_config(text: str) -> Config:
    """The settings of a TOML text; wrong values are named in ``problems`` and left out."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Config(problems=(f"not valid TOML ({exc})",))
    problems: list[str] = []

    def text_value(table: dict[str, Any], key: str, name: str) -> str | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{name} must be text")
            return None
        return value.strip()

    def folder(table: dict[str, Any], key: str, name: str) -> Path | None:
        value = text_value(table, key, name)
        return Path(value).expanduser() if value is not None else None

    calendar: Any = data.get("calendar", {})
    if not isinstance(calendar, dict):
        problems.append("[calendar] must be a table")
        calendar = {}
    every = calendar.get("all", False)
    if not isinstance(every, bool):
        problems.append("calendar.all must be true or false")
        every = False
    return Config(
        theme=text_value(data, "theme", "theme"),
        export_folder=folder(data, "export_folder", "export_folder"),
        calendar_all=every,
        calendar_out=folder(calendar, "out", "calendar.out"),
        problems=tuple(problems),
    )


__all__ = ["CONFIG_NAME", "Config", "config_file", "load_config", "parse_config"]
