"""The private Textual names oneonone relies on, each behind a name that says what it asks, so
that a Textual upgrade has one place to look (Textual is pinned: 8.2.8). Nothing outside this
package reads or writes an underscored attribute of a Textual object.

Two private hooks are overridden where they are, since an override cannot live elsewhere:
``App._fatal_error`` (``app.py``: the crash log, no traceback with personnel notes on the
terminal) and ``TextArea._on_key`` (``widgets/notes_area.py``: a key sent before the focus
moved goes on to the screen, not into the notes).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from rich.console import RenderableType
from textual.app import App
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

__all__ = [
    "FooterKey",
    "bindings_ready",
    "error_handler",
    "exit_quietly",
    "has_pending_messages",
    "is_closing",
    "keymap_in_force",
    "refresh_truecolor_filter",
    "watchers_of",
]


def error_handler(app: App[Any]) -> Callable[[Exception], None]:
    """The App's own handler of an exception raised in a callback (``App._handle_exception``:
    shows the traceback and exits, as for an error in a Textual timer)."""
    handler: Callable[[Exception], None] = app._handle_exception
    return handler


def has_pending_messages(node: Any) -> bool:
    """Whether ``node`` (an App, a screen, a widget) has messages queued, not yet handled."""
    return not node._message_queue.empty()


def is_closing(node: Any) -> bool:
    """Whether ``node`` is being closed (removed, or the App shutting down)."""
    return bool(node._closing)


def watchers_of(node: Any) -> dict[str, list[tuple[Any, Any]]] | None:
    """The watchers others set on ``node``'s reactive attributes (Textual keeps them in the
    ``__watchers`` attribute of the object watched): attribute name -> (watcher, callback)."""
    found: dict[str, list[tuple[Any, Any]]] | None = getattr(node, "__watchers", None)
    return found


def refresh_truecolor_filter(app: App[Any]) -> None:
    """What Textual's theme watcher does last: the filter that maps ANSI colours for the theme
    (``App._refresh_truecolor_filter``)."""
    app._refresh_truecolor_filter(app.ansi_theme)


def exit_quietly(app: App[Any], message: RenderableType) -> None:
    """From ``App._fatal_error``: ``message`` printed once the terminal is restored (instead of
    Textual's traceback), and the App closed without waiting on its queues."""
    app._exit_renderables.append(message)
    app._close_messages_no_wait()


def keymap_in_force(app: Any) -> Mapping[str, str]:
    """The keymap ``app`` runs with, as ``App.set_keymap`` left it (``App._keymap``); empty
    for anything else."""
    keymap = getattr(app, "_keymap", None)
    return keymap if isinstance(keymap, Mapping) else {}


def bindings_ready(footer: Footer) -> bool:
    """Whether the footer has been told the screen's bindings (``Footer._bindings_ready``):
    before that, its keys are not yet the screen's."""
    return bool(footer._bindings_ready)
