"""Snapshots at a fixed terminal size and frozen time. Update with --snapshot-update."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from oneonone.core.store import Store

from .conftest import SIZE, make_app, settle

pytestmark = pytest.mark.usefixtures("frozen")


async def _ready(pilot: Pilot[None]) -> None:
    pilot.app.sub_title = "oneonone.json"  # the temp path differs per run
    await settle(pilot.app)  # type: ignore[arg-type]
    await pilot.pause()


def test_roster_snapshot(full_store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(full_store), terminal_size=SIZE, run_before=_ready)


def test_empty_state_snapshot(store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(store), terminal_size=SIZE, run_before=_ready)


def test_agreement_snapshot(store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    from .test_agreement import seed

    rep = seed(store, agreed=True)
    from oneonone.core.model import Agreement

    (v1,) = store.all(Agreement)
    v1.activity = ["30 discovery calls a week", "Update the CRM the same day"]
    v1.conduct = ["No side deals; say no to discounts you can't justify"]
    v1.work_schedule = "Mon–Fri, core hours 10–4"
    v1.job_loss = "Falsifying the forecast or a customer's signature."
    v1.rep_requests = ["Cover for me at the Tuesday pipeline call when I'm travelling"]
    v1.open_door = "Door open 9–11 every day; otherwise book time"
    v1.rep_hours = "8 am to 5 pm Pacific"
    store.put(v1)
    assert rep.name == "Sam Ortiz"

    async def ready(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        await pilot.press("enter")
        for _ in range(200):
            screen = pilot.app.screen
            if getattr(screen, "loaded", False) and screen.__class__.__name__ == "AgreementScreen":
                break
            await pilot.pause(0.01)
        await pilot.pause()

    assert snap_compare(make_app(store), terminal_size=SIZE, run_before=ready)


def test_dashboard_snapshot(store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    from .test_dashboard import seed

    seed(store)
    app = make_app(store, home=True)

    async def ready(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        for _ in range(200):
            if getattr(pilot.app.screen, "ready", False):
                break
            await pilot.pause(0.01)
        await settle(pilot.app)  # type: ignore[arg-type]
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)


def test_session_snapshot(store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import TextArea

    from .test_session import seed

    seed(store)
    app = make_app(store)

    async def ready(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        await pilot.press("n")
        for _ in range(1000):  # 10 s: slow under a loaded CI
            if pilot.app.screen.__class__.__name__ == "KindScreen":
                break
            await pilot.pause(0.01)
        await pilot.press("enter")
        for _ in range(1000):  # 10 s: slow under a loaded CI
            if pilot.app.screen.__class__.__name__ == "SessionScreen":
                break
            await pilot.pause(0.01)
        await pilot.pause()
        notes = pilot.app.screen.query_one("#notes", TextArea)
        notes.cursor_blink = False  # the cursor is drawn in every run, not at a blink's whim
        notes.text = "Sam: **Acme** slipped | [b]Q1[/b]"
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)


def test_search_results_snapshot(store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    from .test_search_export import seed

    seed(store)
    app = make_app(store)

    async def ready(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        for _ in range(500):
            if pilot.app.services.search_index is not None:  # type: ignore[attr-defined]
                break
            await pilot.pause(0.01)
        await pilot.press("ctrl+f")
        await pilot.pause(0.2)
        await pilot.press(*"acme")
        for _ in range(300):
            if len(getattr(pilot.app.screen, "hits", [])) == 2:
                break
            await pilot.pause(0.01)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=ready)


def test_help_snapshot(store: Store, snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def ready(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        await pilot.press("f1")
        await pilot.pause(0.3)

    assert snap_compare(make_app(store), terminal_size=SIZE, run_before=ready)


def test_readme_screenshot(tmp_path, snap_compare) -> None:  # type: ignore[no-untyped-def]
    """The README's picture: home on a generated six-rep team, at the fixed date. Kept current
    by this test (``--snapshot-update`` writes it again when the app's look changes)."""
    import pendulum

    from oneonone.demo import demo_file

    path = demo_file(tmp_path, reps=6, years=0.5, today=pendulum.date(2026, 11, 27))
    store = Store.open(path)
    app = make_app(store, home=True)

    async def ready(pilot: Pilot[None]) -> None:
        await _ready(pilot)
        for _ in range(1000):  # home shown, and the reps' latest one-on-ones weighed
            team = pilot.app.services.team  # type: ignore[attr-defined]
            if getattr(pilot.app.screen, "ready", False) and team.recent_sessions is not None:
                break
            await pilot.pause(0.01)
        await settle(pilot.app)  # type: ignore[arg-type]
        await pilot.pause()

    try:
        assert snap_compare(app, terminal_size=SIZE, run_before=ready)
    finally:
        store.close()
