"""Damaged records (issue 16): one record with a field of the wrong type, or settings with a
value the app cannot work with, is named in a notice, left out, and kept in the file; the app
still starts, and damaged settings are fixed in Settings."""

from __future__ import annotations

import asyncio
import json
import os
import random
from pathlib import Path

import pendulum
import pytest
from textual.widgets import Input

from oneonone.core.model import (
    Agreement,
    Invocation,
    Rep,
    TeamSettings,
)
from oneonone.core.store import Store, StoreError
from oneonone.core.store.tables import dumps_tables
from oneonone.screens.history import HistoryScreen
from oneonone.screens.roster import RosterScreen
from oneonone.screens.settings import SettingsScreen
from tests.core.store.damage import damaged_bytes, load, random_plan, team_bytes
from tests.ui.conftest import SIZE, make_app, on_screen, settle, until


def _messages(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in app._notifications]


def _damage(path: Path, table: str, record_id: str, field: str, value: object) -> None:
    data = json.loads(path.read_bytes())
    doc = next(d for d in data[table].values() if d.get("id") == record_id)
    doc[field] = value
    path.write_bytes(dumps_tables(data))


def _docs(path: Path, table: str) -> list[object]:
    return list(json.loads(path.read_bytes()).get(table, {}).values())


async def test_damaged_timezone_opens_with_a_notice_and_settings_fix_it(
    data_file: Path, frozen: pendulum.DateTime
) -> None:
    ann = Rep(name="Ann", start_date=pendulum.date(2024, 1, 8))
    with Store.open(data_file) as store:
        store.put_many([TeamSettings(manager_name="Dana", timezone="Europe/Paris"), ann])
    # one flipped bit: "Europe/Paris" -> "Europe/Pasis"
    data_file.write_bytes(data_file.read_bytes().replace(b"Europe/Paris", b"Europe/Pasis"))

    with Store.open(data_file) as store:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app)
            await until(lambda: any("'settings'" in m for m in _messages(app)), "the notice")
            notice = next(m for m in _messages(app) if "'settings'" in m)
            assert "timezone" in notice and "Europe/Pasis" in notice and "team" in notice
            assert app.roster.settings.manager_name == "Dana"  # the sound values are kept
            await pilot.press("s")
            await on_screen(app, SettingsScreen)
            form = app.screen
            assert form.query_one("#input-timezone", Input).value == "UTC"
            form.query_one("#input-timezone", Input).value = "Europe/Paris"
            await pilot.press("ctrl+s")
            await on_screen(app, RosterScreen)
            await settle(app)
    assert b"Europe/Pasis" not in data_file.read_bytes()
    with Store.open(data_file, allow_read_only=True) as disk:
        assert disk.settings().timezone == "Europe/Paris"
        assert disk.settings().manager_name == "Dana"
        assert disk.damaged == []


async def test_damaged_invocation_and_agreement_are_named_and_left_out(
    data_file: Path, frozen: pendulum.DateTime
) -> None:
    ann = Rep(name="Ann", start_date=pendulum.date(2024, 1, 8))
    bo = Rep(name="Bo", start_date=pendulum.date(2024, 1, 8))
    agreement = Agreement(rep_id=ann.id)
    invocation = Invocation(
        rep_id=ann.id,
        agreement_id=agreement.id,
        agreement_version=1,
        step_id="s1",
        step_index=0,
        step_text="A talk",
        reason="late",
    )
    with Store.open(data_file) as store:
        store.put_many([TeamSettings(manager_name="Dana", timezone="Europe/Paris"), ann, bo])
        store.put_many([agreement, invocation])
    _damage(data_file, "invocations", invocation.id, "step_index", "first")
    _damage(data_file, "agreements", agreement.id, "rep_id", {"id": ann.id})
    damaged = _docs(data_file, "invocations") + _docs(data_file, "agreements")

    with Store.open(data_file) as store:
        app = make_app(store, home=True)
        async with app.run_test(size=SIZE):
            await settle(app)
            await until(lambda: sum("damaged" in m for m in _messages(app)) == 2, "notices")
            told = _messages(app)
            assert any(invocation.id in m and "step_index" in m for m in told)
            assert any(agreement.id in m and "rep_id" in m for m in told)
            assert {r.name for r in app.roster.reps.values()} == {"Ann", "Bo"}
    # the app saved (reviews scheduled at start): the damaged records are kept as they were
    assert _docs(data_file, "invocations") + _docs(data_file, "agreements") == damaged


@pytest.mark.slow
async def test_damaged_files_through_the_app(tmp_path: Path, frozen: pendulum.DateTime) -> None:
    """``ONEONONE_DAMAGE_APP`` damaged files (default 1; 200 by hand): the app starts, shows
    home, the roster, each rep's history and agreement, and quits: no exception, no worker
    failed, no hang (each file is given 60 s)."""
    count = int(os.environ.get("ONEONONE_DAMAGE_APP", "1"))
    rng = random.Random(1616)
    base = load(team_bytes())
    failures: list[str] = []
    for n in range(count):
        plan = random_plan(rng)
        raw, _ = damaged_bytes(base, plan)
        path = tmp_path / f"file{n}" / "oneonone.json"
        path.parent.mkdir()
        path.write_bytes(raw)
        try:
            await asyncio.wait_for(_visit(path), 60)
        except Exception as exc:  # counted and reported below
            failures.append(f"file {n}: {type(exc).__name__}: {exc} (plan {plan!r})")
    print(f"\n{count} damaged files through the app: {len(failures)} failures")
    assert not failures, "\n".join(failures[:5])


async def _visit(path: Path) -> None:
    from textual.worker import WorkerState

    try:
        store = Store.open(path)
    except StoreError:
        return  # an unreadable file: refused with a message (not a record's damage)
    with store:
        app = make_app(store, home=True)
        async with app.run_test(size=SIZE):
            await settle(app)
            for rep in list(app.roster.reps.values()):
                app.services.open_history(rep)
                await on_screen(app, HistoryScreen)
                await until(lambda: app.screen.loaded, "history")  # type: ignore[attr-defined]
                await settle(app)  # as a person would: the screen painted before it is left
                app.screen.dismiss()
                await settle(app)
                app.services.open_agreement(rep)
                await settle(app)
                while len(app.screen_stack) > 1:
                    app.pop_screen()
                    await settle(app)
            failed = [w for w in app.workers if w.state is WorkerState.ERROR]
            assert not failed, [repr(w.error) for w in failed]
            assert app._exception is None
