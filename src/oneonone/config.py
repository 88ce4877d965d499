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

[numbers]                           # `oneonone numbers import`: asked once, then kept here
rep_column = "Opportunity Owner"    # the CRM report's rep column
date_column = "Close Date"          # optional: rows outside the period are skipped
map = { "New ARR" = "Amount" }      # quota line = the report's column
```

Read once, never on the UI thread. A file that cannot be read or parsed, or a value of the
wrong kind, gives one notice and that value's default: never a crash.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field, replace
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
    #: ``[numbers]``: quota line label -> report column; the rep and date columns
    numbers_map: tuple[tuple[str, str], ...] = ()
    numbers_rep_column: str | None = None
    numbers_date_column: str | None = None
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
    return replace(parse_config(text), path=path)


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
    numbers: Any = data.get("numbers", {})
    if not isinstance(numbers, dict):
        problems.append("[numbers] must be a table")
        numbers = {}
    mapping: Any = numbers.get("map", {})
    if not isinstance(mapping, dict) or not all(
        isinstance(v, str) and v.strip() for v in mapping.values()
    ):
        problems.append('numbers.map must be a table of quota line = "column"')
        mapping = {}
    return Config(
        theme=text_value(data, "theme", "theme"),
        export_folder=folder(data, "export_folder", "export_folder"),
        calendar_all=every,
        calendar_out=folder(calendar, "out", "calendar.out"),
        numbers_map=tuple((k, v.strip()) for k, v in mapping.items()),
        numbers_rep_column=text_value(numbers, "rep_column", "numbers.rep_column"),
        numbers_date_column=text_value(numbers, "date_column", "numbers.date_column"),
        problems=tuple(problems),
    )


_HEADER = re.compile(r"\s*\[")
_NUMBERS_HEADER = re.compile(r"\s*\[\s*numbers\s*\]\s*(#.*)?")
_NUMBERS_PART = re.compile(r"\s*\[\[?\s*numbers\s*\.")


def _toml_string(text: str) -> str:
    """``text`` as a TOML basic string (JSON's escapes are TOML's)."""
    import json

    return json.dumps(text, ensure_ascii=False)


def with_numbers(
    text: str, mapping: dict[str, str], rep_column: str, date_column: str | None
) -> str:
    """``text`` (a config file) with its ``[numbers]`` table set to these: the table (and any
    ``[numbers.*]`` table under it) replaced where it was, or added at the end; every other
    line, comments included, as it was. ``ValueError`` when the result would not read back
    as these settings (a file written by hand in a way this cannot edit safely)."""
    lines = [f"rep_column = {_toml_string(rep_column)}"]
    if date_column:
        lines.append(f"date_column = {_toml_string(date_column)}")
    pairs = ", ".join(f"{_toml_string(k)} = {_toml_string(v)}" for k, v in mapping.items())
    lines.append(f"map = {{ {pairs} }}" if pairs else "map = {}")
    block = ["[numbers]", *lines]
    old = text.splitlines()
    kept: list[str] = []
    placed = False
    skipping = False
    for line in old:
        if _NUMBERS_HEADER.fullmatch(line) or _NUMBERS_PART.match(line):
            skipping = True
            if not placed:
                kept.extend(block)
                placed = True
            continue
        if skipping and _HEADER.match(line):
            skipping = False
        if not skipping:
            kept.append(line)
    if not placed:
        if kept and kept[-1].strip():
            kept.append("")
        kept.extend(block)
    result = "\n".join(kept) + "\n"
    back = parse_config(result)
    wanted = (tuple(mapping.items()), rep_column, date_column or None)
    if (back.numbers_map, back.numbers_rep_column, back.numbers_date_column) != wanted:
        raise ValueError("the [numbers] table could not be written into it safely")
    return result


def save_numbers(
    mapping: dict[str, str], rep_column: str, date_column: str | None, path: Path | None = None
) -> Path:
    """Remember the numbers import's columns in the config file (see ``with_numbers``),
    written atomically; returns the file. ``OSError`` or ``ValueError`` when it cannot be."""
    import os
    import tempfile

    path = path or config_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    result = with_numbers(text, mapping, rep_column, date_column)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(result)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o777)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


__all__ = [
    "CONFIG_NAME",
    "Config",
    "config_file",
    "load_config",
    "parse_config",
    "save_numbers",
    "with_numbers",
]
