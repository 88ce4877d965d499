"""A damaged part of the file that is read only when needed (one rep's closed one-on-ones):
the app opens, says what is damaged, shows everything else, and keeps that part as it was."""

from __future__ import annotations

from pathlib import Path

import pendulum

from oneonone.core.model import Rep, Session, SessionKind, TeamSettings
from oneonone.core.store import Store
from oneonone.screens.history import HistoryScreen
from tests.ui.conftest import SIZE, make_app, on_screen, settle, until


def _messages(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in app._notifications]


def _partition_line(path: Path, rep: Rep) -> bytes:
    """The table's text: its line without the "," (or the file's closing "}") at the end."""
    name = f'"sessions~{rep.id}": '.encode()
    return next(line for line in path.read_bytes().split(b"\n") if line.startswith(name))[:-1]


async def test_a_damaged_rep_history_is_named_and_the_rest_works(
    data_file: Path, frozen: pendulum.DateTime
) -> None:
    ann = Rep(name="Ann", start_date=pendulum.date(2024, 1, 8))
    bo = Rep(name="Bo", start_date=pendulum.date(2024, 1, 8))
    sessions = [
        Session(
            rep_id=rep.id,
            kind=SessionKind.REGULAR,
            notes=f"{rep.name} said hello",
            started_at=frozen.subtract(weeks=w),
            closed=True,
        )
        for rep in (ann, bo)
        for w in (1, 2)
    ]
    with Store.open(data_file) as store:
        store.put_many([TeamSettings(manager_name="Dana", timezone="Europe/Paris"), ann, bo])
        store.put_many(sessions)
    line = _partition_line(data_file, bo)
    damaged = line.replace(b"said hello", b"said \x00 hello", 1)
    data_file.write_bytes(data_file.read_bytes().replace(line, damaged))

    with Store.open(data_file) as store:
        app = make_app(store, home=True)
        async with app.run_test(size=SIZE):
            await settle(app)
            await until(lambda: any("damaged part" in m for m in _messages(app)), "the notice")
            notice = next(m for m in _messages(app) if "damaged part" in m)
            assert f"sessions~{bo.id}" in notice and "The rest of your data is fine" in notice

            app.services.open_history(ann)
            await on_screen(app, HistoryScreen)
            await until(lambda: app.screen.loaded, "Ann's history")  # type: ignore[attr-defined]
            assert len(app.screen.sessions) == 2  # type: ignore[attr-defined]
            app.pop_screen()

            before = len(_messages(app))
            app.services.open_history(bo)
            await until(lambda: len(_messages(app)) > before, "the history's message")
            assert "cannot be read" in _messages(app)[-1]
            assert f"sessions~{bo.id}" in _messages(app)[-1]
            await settle(app)
    # the start-up saves (reviews scheduled) wrote the damaged part back as it was
    assert _partition_line(data_file, bo) == damaged
