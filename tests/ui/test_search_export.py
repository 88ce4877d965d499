"""Pilot tests of search (while typing, across reps, Enter opens the hit) and of exporting
session logs from the app (one session, a rep, everyone with progress)."""

from __future__ import annotations

import stat
from pathlib import Path

import pendulum
import pytest
from textual.widgets import Checkbox, Input, Static

from oneonone.core.model import Rep, Session, SessionKind, StepNote, TeamSettings
from oneonone.core.store import Store
from oneonone.screens.export_sessions import SessionsExportForm
from oneonone.screens.history import HistoryScreen, SessionViewScreen
from oneonone.screens.search import SearchScreen

from .conftest import SIZE, make_app, on_screen, settle, until

pytestmark = pytest.mark.usefixtures("frozen")


def seed(store: Store) -> dict[str, object]:
    sam = Rep(name="[b]Sam", start_date=pendulum.date(2025, 1, 6))
    kim = Rep(name="Kim Lee", start_date=pendulum.date(2024, 5, 6))
    records: list[object] = [TeamSettings(manager_name="Dana", timezone="Europe/Paris"), sam, kim]
    for week, (rep, note) in enumerate(
        [
            (sam, "Acme slipped to **Q1** | risk"),
            (kim, "Globex wants a pilot"),
            (sam, "Acme signed"),
        ]
    ):
        records.append(
            Session(
                rep_id=rep.id,
                kind=SessionKind.REGULAR,
                started_at=pendulum.datetime(2026, 11, 2 + 7 * week, 10, tz="Europe/Paris"),
                steps=[StepNote("Numbers against quota", notes=note, covered=True)],
                private_notes="salary talk" if rep is sam else "",
                closed=True,
            )
        )
    store.put_many(records)
    return {"sam": sam, "kim": kim}


async def search_screen(app, pilot) -> SearchScreen:  # type: ignore[no-untyped-def]
    await settle(app)
    await until(lambda: app.services.search_index is not None, "search index")
    await pilot.press("ctrl+f")
    await on_screen(app, SearchScreen)
    return app.screen  # type: ignore[no-any-return]


async def test_search_while_typing_and_open_the_hit(store: Store) -> None:
    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await search_screen(app, pilot)
        await pilot.press(*"acme")
        await until(lambda: len(screen.hits) == 2, "two hits")
        assert [h.when for h in screen.hits] == sorted((h.when for h in screen.hits), reverse=True)
        status = str(screen.query_one("#search-status", Static).render())
        assert "2 found" in status
        screen.query_one("#query", Input).value = "salary"  # private notes are not searched
        await until(lambda: "Nothing found" in str(screen.query_one("#search-status").render()))
        screen.query_one("#query", Input).value = "**Q1** | risk"
        await until(lambda: len(screen.hits) == 1, "the markdown note")
        await pilot.press("enter")  # to the results
        await pilot.press("enter")  # open it
        await on_screen(app, SessionViewScreen)
        assert app.screen.rep.name == "[b]Sam"


async def test_a_saved_change_is_found_at_once(store: Store) -> None:
    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE):
        await settle(app)
        await until(lambda: app.services.search_index is not None, "search index")
        zed = Rep(name="Zed", start_date=pendulum.date(2026, 1, 5))
        note = StepNote("Agenda", notes="Initech renewal")
        app.services.saving.persist(
            [Session(rep_id=zed.id, kind=SessionKind.REGULAR, steps=[note]), zed]
        )
        await settle(app)
        assert [h.snippet for h in app.services.search_index.search("initech")] == [
            "Initech renewal"
        ]


async def test_export_a_reps_sessions_from_history(store: Store, tmp_path: Path) -> None:
    seed(store)
    target = tmp_path / "out" / "sam.md"
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("y")  # [b]Sam is first on the roster
        await on_screen(app, HistoryScreen)
        await pilot.press("x")
        await on_screen(app, SessionsExportForm)
        app.screen.query_one("#input-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await until(target.exists, "export")
        await app.workers.wait_for_complete()
    text = target.read_text()
    assert "Acme slipped to \\*\\*Q1\\*\\* | risk" in text
    assert "Acme signed" in text and "salary talk" not in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


async def test_export_everyone_with_private_notes_shows_progress(
    store: Store, tmp_path: Path
) -> None:
    seed(store)
    folder = tmp_path / "all"
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("X")
        await on_screen(app, SessionsExportForm)
        app.screen.query_one("#input-path", Input).value = str(folder)
        app.screen.query_one("#private", Checkbox).value = True
        await pilot.press("ctrl+s")
        await until(lambda: folder.is_dir() and len(list(folder.iterdir())) == 2, "two files")
        await app.workers.wait_for_complete()
        messages = [n.message for n in app._notifications]
        assert any("Exported 2 files" in m for m in messages)
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 2 and "Kim-Lee.md" in names
    sam_file = next(p for p in folder.iterdir() if "Sam" in p.name)
    assert "salary talk" in sam_file.read_text()


async def test_an_existing_file_is_not_overwritten(store: Store, tmp_path: Path) -> None:
    seed(store)
    target = tmp_path / "sam.md"
    target.write_text("mine")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("y")
        await on_screen(app, HistoryScreen)
        await pilot.press("x")
        await on_screen(app, SessionsExportForm)
        app.screen.query_one("#input-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await until(lambda: any("exists" in n.message for n in app._notifications), "refusal")
    assert target.read_text() == "mine"


async def test_the_search_index_is_set_apart_from_collections_when_the_start_was(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    seed(store)
    app = make_app(store)
    app.heap_frozen = True  # as after a start from the command line (cli.run_app)
    async with app.run_test(size=SIZE):
        await settle(app)
        await until(lambda: app.services.search_index is not None, "search index")
    assert frozen == [True]
