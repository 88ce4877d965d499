"""The private Textual names the app relies on (oneonone/perf/internals.py) still do what the
app needs of them on the pinned Textual."""

from __future__ import annotations

import pytest

from oneonone.app import crash_log_path
from oneonone.core.store import Store
from oneonone.perf.internals import keymap_in_force
from tests.ui.conftest import SIZE, make_app


async def test_an_unexpected_error_ends_the_app_with_a_line_and_a_crash_log(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``App._fatal_error`` (overridden): no traceback on the terminal, the traceback in the
    crash log, one line printed once the terminal is restored (``exit_quietly``)."""
    import oneonone.app
    from oneonone.perf import internals

    said: list[str] = []

    def exit_quietly(app: object, message: object) -> None:
        said.append(str(getattr(message, "plain", message)))
        internals.exit_quietly(app, message)  # type: ignore[arg-type]

    monkeypatch.setattr(oneonone.app, "exit_quietly", exit_quietly)
    app = make_app(store)

    def boom() -> None:
        raise RuntimeError("a bug with a rep's private notes in its locals")

    with pytest.raises(RuntimeError):  # run_test hands the error on when the app is gone
        async with app.run_test(size=SIZE) as pilot:
            app.call_later(boom)
            await pilot.pause()
    log = crash_log_path(store.path)
    assert "RuntimeError" in log.read_text(encoding="utf-8")
    assert len(said) == 1 and said[0].startswith("oneonone stopped on an unexpected error")
    assert "Traceback" not in said[0]


def test_the_keymap_in_force_is_what_set_keymap_left(store: Store) -> None:
    app = make_app(store)
    assert keymap_in_force(app) == {}
    app.set_keymap({"open_history": "h"})
    assert keymap_in_force(app) == {"open_history": "h"}
    assert keymap_in_force(object()) == {}
