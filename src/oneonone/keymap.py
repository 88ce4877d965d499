"""The user's keymap: ``[keymap]`` in ``config.toml`` of the config folder maps binding ids of
the registry (``oneonone.actions``) to keys, e.g. ``"roster.add_rep" = "ctrl+a"``.

Read before the app starts (``cli.run_app``), never on the UI thread. A file that cannot be read
or parsed, an unknown id, a bad key or a key a screen already uses elsewhere gives one notice
and that entry's default keys: never a crash."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oneonone import actions
from oneonone.config import config_file

#: A Textual key name: letters, digits, ``_`` and ``+`` (``ctrl+a``, ``f5``, ``question_mark``).
_KEY = re.compile(r"[A-Za-z0-9_+-]+")


@dataclass
class UserKeymap:
    """The keymap to apply (binding id -> keys) and what was wrong in the file, if anything."""

    keymap: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    path: Path | None = None

    @property
    def notice(self) -> str | None:
        """One message for everything wrong, or None."""
        if not self.problems:
            return None
        where = f" in {self.path}" if self.path else ""
        listed = "; ".join(self.problems[:5])
        more = f" (and {len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        return f"Keymap{where}: {listed}{more}. The default keys are used there."


def load_keymap(path: Path | None = None) -> UserKeymap:
    """The keymap of ``path`` (default: ``config_file()``); no file: no keymap, no problem."""
    path = path or config_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return UserKeymap(path=path)
    except (OSError, UnicodeDecodeError) as exc:
        return UserKeymap(problems=[f"the file could not be read ({exc})"], path=path)
    loaded = parse_keymap(text)
    loaded.path = path
    return loaded


def parse_keymap(
    text: str,
    known: Mapping[str, actions.UserAction] | None = None,
    groups: Iterable[Iterable[actions.UserAction]] | None = None,
) -> UserKeymap:
    """The ``[keymap]`` table of a TOML text, checked against the registry: ``known`` (binding
    ids) and ``groups`` (the actions bound together on one screen, dialog or list)."""
    known = known if known is not None else {a.id: a for a in actions.all_actions()}
    groups = groups if groups is not None else actions.BINDING_SETS
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return UserKeymap(problems=[f"not valid TOML ({exc})"])
    table: Any = data.get("keymap", {})
    if not isinstance(table, dict):
        return UserKeymap(problems=["[keymap] must be a table of binding id = keys"])
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, value in table.items():
        keys = _keys(value)
        if binding_id not in known:
            problems.append(f"no binding is called {binding_id!r} (F1 lists them)")
        elif keys is None:
            problems.append(f'{binding_id}: keys must be text like "ctrl+a" or "a,insert"')
        elif len(set(keys)) != len(keys):
            problems.append(f"{binding_id}: a key is given twice")
        else:
            keymap[binding_id] = ",".join(keys)
    for binding_id, problem in _clashes(keymap, groups):
        keymap.pop(binding_id, None)
        problems.append(problem)
    return UserKeymap(keymap, problems)


def _keys(value: object) -> list[str] | None:
    """The key names of one entry (``"a,insert"`` or ``["a", "insert"]``), None if malformed."""
    parts = value.split(",") if isinstance(value, str) else value
    if not isinstance(parts, list) or not parts:
        return None
    keys = [p.strip() if isinstance(p, str) else "" for p in parts]
    return keys if all(_KEY.fullmatch(k) for k in keys) else None


def _clashes(
    keymap: Mapping[str, str], groups: Iterable[Iterable[actions.UserAction]]
) -> list[tuple[str, str]]:
    """The remapped entries whose key another action of the same screen, dialog or list has
    (or a priority key of the App's, which works everywhere): (id, problem)."""
    everywhere = [a for a in actions.APP_ACTIONS if a.priority]
    found: dict[str, str] = {}
    for group in groups:
        bound: dict[str, actions.UserAction] = {}
        members = [*group, *everywhere]
        for action in sorted(members, key=lambda a: a.id not in keymap):  # remapped first
            for key in action.keys_in(keymap).split(","):
                other = bound.get(key)
                if other is not None and other.id != action.id:
                    culprit = action if action.id in keymap else other
                    if culprit.id in keymap and culprit.id not in found:
                        owner = other if culprit is action else action
                        found[culprit.id] = (
                            f"{culprit.id}: {key} is already {owner.id}'s key on that screen"
                        )
                else:
                    bound[key] = action
    return list(found.items())


def install(app: Any, user: UserKeymap) -> None:
    """Apply ``user`` to ``app`` (``App.set_keymap``) before it runs; what was wrong, if
    anything, is told once the first frame is painted (``tell``)."""
    if user.keymap:
        app.set_keymap(user.keymap)
    app.keymap_notice = user.notice


def tell(app: Any) -> None:
    """Say once, as a notice, what was wrong in the user's keymap (nothing if all was well)."""
    notice = getattr(app, "keymap_notice", None)
    if notice:
        app.keymap_notice = None
        app.notify(notice, title="Keymap", severity="warning", markup=False, timeout=12)
