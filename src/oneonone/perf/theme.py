"""The remembered theme, in place before the stylesheet is first parsed.

Setting ``App.theme`` once the App runs makes Textual parse all the CSS again before the first
frame. ``use_remembered_theme`` does what Textual's theme watcher does, without that: called in
the App's ``__init__``, before any CSS is read.

Measured (issue 15, ``bench/startup.py``'s start to home painted at 3,100 sessions, with a
theme remembered; 9 runs each, alternating, on the shared 2-CPU machine under load, where
everything was ~5x slower than the README's quiet run): set here 1,897 ms (1,790-2,478), set
in ``on_mount`` as Textual would 2,301 ms (2,150-2,522); 8 of the 9 pairs in its favour.
"""

from __future__ import annotations

from typing import Any

from textual.app import App

from oneonone.perf.internals import refresh_truecolor_filter


def use_remembered_theme(app: App[Any], name: str | None) -> None:
    """Make ``name`` the theme of ``app`` (not yet running) without a second CSS parse;
    nothing when ``name`` is None, already the theme, or not a theme Textual knows."""
    if name is None or name == app.theme or name not in app.available_themes:
        return
    app.set_reactive(App.theme, name)
    dark = app.current_theme.dark
    app.stylesheet.set_variables(app.get_css_variables())
    app.set_class(dark, "-dark-mode", update=False)
    app.set_class(not dark, "-light-mode", update=False)
    app.add_class(f"-theme-{name}", update=False)
    refresh_truecolor_filter(app)
