"""The one session-export routine the app and the CLI share (core/export/run.py)."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from oneonone.core.export.files import ExportError
from oneonone.core.export.run import (
    NotAFolder,
    NothingToExport,
    export_sessions,
    read_sessions,
    write_sessions,
)
from oneonone.core.model import Rep, Session, SessionKind, TeamSettings
from oneonone.core.store import Store

TODAY = pendulum.Date(2026, 11, 27)


def when(day: int) -> pendulum.DateTime:
    return pendulum.datetime(2026, 11, day, 9, 0, tz="UTC")


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    alex = Rep(name="Alex Moreno", start_date=pendulum.Date(2024, 1, 8), id="alex")
    jo = Rep(name="Jo Park", start_date=pendulum.Date(2025, 1, 6), id="jo")
    quiet = Rep(name="Quiet One", start_date=pendulum.Date(2025, 1, 6), id="quiet")
    with Store.open(tmp_path / "data" / "oneonone.json") as s:
        s.put_many(
            [
                TeamSettings(manager_name="Dana Reyes", timezone="Europe/Paris"),
                alex,
                jo,
                quiet,
                Session(
                    rep_id="alex",
                    kind=SessionKind.REGULAR,
                    started_at=when(2),
                    notes="alex first",
                    private_notes="alex secret",
                    id="a1",
                ),
                Session(
                    rep_id="alex",
                    kind=SessionKind.REGULAR,
                    started_at=when(9),
                    notes="alex second",
                    id="a2",
                ),
                Session(
                    rep_id="jo",
                    kind=SessionKind.REGULAR,
                    started_at=when(3),
                    notes="jo only",
                    id="j1",
                ),
            ]
        )
        yield s


def reps(store: Store, *ids: str) -> list[Rep]:
    everyone = {r.id: r for r in store.all(Rep)}
    return [everyone[i] for i in ids]


def test_one_rep_to_a_file_holds_only_that_reps_sessions(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "out" / "alex.md"
    written = export_sessions(store, reps(store, "alex"), target, today=TODAY)
    text = target.read_text()
    assert (written.target, written.files, written.sessions, written.reps) == (target, 1, 2, 1)
    assert "alex first" in text and "alex second" in text and "jo only" not in text
    assert "alex secret" not in text


def test_private_notes_only_when_asked(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "alex.md"
    export_sessions(store, reps(store, "alex"), target, include_private=True, today=TODAY)
    assert "alex secret" in target.read_text()


def test_one_session_only(store: Store, tmp_path: Path) -> None:
    second = store.get(Session, "a2")
    assert second is not None
    target = tmp_path / "one.md"
    written = export_sessions(store, reps(store, "alex"), target, session=second, today=TODAY)
    text = target.read_text()
    assert written.sessions == 1 and "alex second" in text and "alex first" not in text


def test_one_rep_into_an_existing_folder_is_named_after_the_rep(
    store: Store, tmp_path: Path
) -> None:
    written = export_sessions(store, reps(store, "alex"), tmp_path, today=TODAY)
    assert written.target == tmp_path / "Alex-Moreno.md"
    assert written.target.exists()


def test_several_reps_one_file_each_only_those_with_content(store: Store, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    folder = tmp_path / "sessions"
    written = export_sessions(
        store,
        reps(store, "alex", "jo", "quiet"),
        folder,
        today=TODAY,
        progress=lambda done, total: calls.append((done, total)),
    )
    assert sorted(p.name for p in folder.iterdir()) == ["Alex-Moreno.md", "Jo-Park.md"]
    assert (written.files, written.sessions, written.reps) == (2, 3, 2)
    assert calls == [(1, 2), (2, 2)]


def test_several_reps_combined_or_as_text(store: Store, tmp_path: Path) -> None:
    export = read_sessions(store, reps(store, "jo", "alex"), today=TODAY)
    as_text = write_sessions(export, reps(store, "jo", "alex"), None)
    assert as_text.target is None and as_text.text is not None
    assert as_text.text.index("jo only") < as_text.text.index("alex first")  # order given
    target = tmp_path / "all.md"
    combined = write_sessions(export, reps(store, "jo", "alex"), target, combined=True)
    assert combined.files == 1 and target.read_text() == as_text.text


def test_nothing_to_export_and_a_file_for_a_folder_are_refused(
    store: Store, tmp_path: Path
) -> None:
    since = pendulum.Date(2026, 11, 20)
    with pytest.raises(NothingToExport, match="No sessions since 2026-11-20"):
        export_sessions(
            store, reps(store, "alex", "jo"), tmp_path / "f", since=since, until=None, today=TODAY
        )
    a_file = tmp_path / "taken.md"
    a_file.write_text("mine")
    with pytest.raises(NotAFolder):
        export_sessions(store, reps(store, "alex", "jo"), a_file, today=TODAY)
    with pytest.raises(ExportError):  # an existing file is not replaced without force
        export_sessions(store, reps(store, "alex"), a_file, today=TODAY)
    assert a_file.read_text() == "mine"
    export_sessions(store, reps(store, "alex"), a_file, today=TODAY, force=True)
    assert "alex first" in a_file.read_text()
