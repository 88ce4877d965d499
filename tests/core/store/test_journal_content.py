"""The journal is tied to the data file's content, not to where it lies (issue 16): after a
crash, a copy of the folder (``cp -a``) or a folder brought back by a sync tool still gets the
notes typed last; a journal that cannot be read stops the open with a message."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pendulum
import pytest

from oneonone.core.model import Rep, Session, SessionKind
from oneonone.core.store import Store, StoreError, files, journal

START = pendulum.datetime(2026, 3, 2, 9, 0, tz="UTC")


def crashed_with_notes(path: Path, notes: str) -> Session:
    """A data file whose last notes are only in its journal (the app was killed)."""
    rep = Rep(name="Ann", start_date=pendulum.Date(2024, 1, 15), id="rep-ann")
    session = Session(rep_id=rep.id, kind=SessionKind.REGULAR, started_at=START)
    store = Store.open(path)
    store.put_many([rep, session])
    session.notes = notes
    store.put_many([session], journal=True)
    store.db.writer.release()  # killed: never closed
    return session


def _notes(path: Path, session: Session) -> str:
    with Store.open(path) as store:
        assert not any("not applied" in n for n in store.take_notices())
        found = store.get(Session, session.id)
        assert found is not None
        return found.notes


def _set_aside(folder: Path) -> list[Path]:
    return sorted(files.backups_folder(folder / "x").glob("*journal*"))


def test_a_cp_a_copy_of_the_folder_keeps_the_notes(tmp_path: Path) -> None:
    path = tmp_path / "team" / "oneonone.json"
    session = crashed_with_notes(path, "typed before the crash")
    copy = tmp_path / "copy"
    shutil.copytree(path.parent, copy, copy_function=shutil.copy2)  # cp -a: a new inode
    assert _notes(copy / path.name, session) == "typed before the crash"
    assert _set_aside(copy) == []


def test_a_folder_brought_back_by_a_sync_keeps_the_notes(tmp_path: Path) -> None:
    path = tmp_path / "team" / "oneonone.json"
    session = crashed_with_notes(path, "typed before the crash")
    raw = path.read_bytes()
    path.unlink()
    path.write_bytes(raw)  # a new inode and a new time, the same bytes
    os.utime(path, ns=(1, 1))
    assert _notes(path, session) == "typed before the crash"
    assert _set_aside(path.parent) == []


def test_a_journal_of_another_content_is_still_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "team" / "oneonone.json"
    crashed_with_notes(path, "typed before the crash")
    tables = json.loads(path.read_bytes())
    tables["reps"]["1"]["name"] = "Anne"  # another program changed the file
    path.write_text(json.dumps(tables))
    with Store.open(path, read_only=True) as reader:  # a read command: says so, sets nothing
        assert any("not shown" in n for n in reader.take_notices())
    assert _set_aside(path.parent) == []
    with Store.open(path) as store:
        assert any("not applied" in n for n in store.take_notices())
    assert len(_set_aside(path.parent)) == 1


def test_a_journal_written_before_the_content_was_recorded_is_applied(tmp_path: Path) -> None:
    path = tmp_path / "team" / "oneonone.json"
    session = crashed_with_notes(path, "typed before the crash")
    jpath = journal.journal_path(path)
    head, rest = jpath.read_bytes().split(b"\n", 1)
    header = json.loads(head)
    del header["sha256"]  # today's format before issue 16
    jpath.write_bytes(json.dumps(header).encode() + b"\n" + rest)
    st = path.stat()
    assert header["base"] == [st.st_ino, st.st_size, st.st_mtime_ns]
    assert _notes(path, session) == "typed before the crash"


def test_a_journal_that_cannot_be_read_stops_the_open(tmp_path: Path) -> None:
    path = tmp_path / "team" / "oneonone.json"
    crashed_with_notes(path, "typed before the crash")
    jpath = journal.journal_path(path)
    raw, before = jpath.read_bytes(), path.read_bytes()
    jpath.unlink()
    jpath.mkdir()  # reading it fails with an I/O error (EISDIR)
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    message = str(caught.value)
    assert "journal" in message and "cannot be read" in message
    assert "another program" not in message
    assert jpath.is_dir() and path.read_bytes() == before
    assert _set_aside(path.parent) == []
    jpath.rmdir()
    jpath.write_bytes(raw)
    with Store.open(path) as store:  # readable again: the notes are there
        assert any(s.notes == "typed before the crash" for s in store.all(Session))
