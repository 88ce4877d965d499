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
