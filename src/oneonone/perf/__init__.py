"""What oneonone does only to be fast, in one place: a module per mechanism, each with its
measurement in its docstring (the figure with it and without it, and the benchmark in
``bench/`` that measures it). A mechanism whose gain was within the noise of its benchmark was
removed rather than kept here. (Issue 15 tried removing the read-ahead of a rep's screens and
the full collections held back to the user's pauses; measured again, both stay.)

- ``collector``: the garbage collector off until the first frame, the start-up heap (and the
  search index) set apart with ``gc.freeze``, full collections left to the user's pauses, and
  off while a large read builds small objects.
- ``prefetch``: a rep's history and agreement read while the roster's cursor rests on the rep
  (used by the loader, ``services/loading.py``).
- ``watchers``: the watchers closed widgets leave behind, dropped when the user pauses
  (Textual issue #6666).
- ``loop_timer``: the App's own timers as event-loop callbacks, not Textual timers.
- ``theme``: the remembered theme set before the stylesheet is first parsed.
- ``footer``: a screen refreshes its footer's keys only when they changed.
- ``internals``: the private Textual attributes the app relies on, named once.

Private Textual API (underscored attributes of Textual objects) is used only in this package.
It sits beneath the UI: the App, the services, the screens and the widgets import it; it
imports none of them, and the core never imports it (import-linter contracts in
pyproject.toml).
"""
