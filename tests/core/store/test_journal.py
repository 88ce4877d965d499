"""The journal (core/store/journal.py): typed notes saved as a line beside the data file, read by
every copy, written into the file by the next whole save or on close; a journal cut short, damaged,
changed under the app or left from a replaced file loses nothing already saved."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pendulum
import pytest
from tinydb import TinyDB

from oneonone.core import sessions
from oneonone.core.model import (
    Commitment,
    NumberEntry,
    Owner,
    Period,
    Rep,
    Session,
    SessionKind,
)
from oneonone.core.store import NotSaved, Store, backup_now, files, journal, restore
from tests.core.core_support import sha256

START = pendulum.datetime(2026, 3, 2, 9, 0, tz="UTC")


def open_session(store: Store) -> Session:
    rep = Rep(name="Ann", start_date=pendulum.Date(2024, 1, 15), role="AE", id="rep-ann")
    session = Session(rep_id=rep.id, kind=SessionKind.REGULAR, started_at=START)
    store.put_many([rep, session])  # written whole, as starting a one-on-one is
    return session


def type_notes(store: Store, session: Session, *texts: str) -> Session:
    for text in texts:
        session = sessions.set_notes(session, text)
        store.put_many([session], journal=True)
    return session


def raw_notes(path: Path) -> list[str]:
    """The notes in the data file itself (as stock TinyDB reads it), journal left out."""
    db = TinyDB(path)
    try:
        return [doc["notes"] for doc in db.table("sessions").all()]
    finally:
        db.close()


def jpath(path: Path) -> Path:
    return journal.journal_path(path)


def test_typed_notes_are_appended_and_the_data_file_is_left_as_it_was(data_file: Path) -> None:
    store = Store.open(data_file)
    session = open_session(store)
    before = sha256(data_file)
    typed = ["Acme [b]slipped[/b]", "Acme [b]slipped[/b] | **Q1** \x1b[2J", "¡olé! 👋 \u202e"]
    session = type_notes(store, session, *typed)
    assert sha256(data_file) == before  # not written again
    lines = jpath(data_file).read_bytes().split(b"\n")
    assert len(lines) == 5 and lines[-1] == b""  # a header, three saves, each line ended
    assert oct(jpath(data_file).stat().st_mode & 0o777) == oct(files.FILE_MODE)
    assert store.journaled == jpath(data_file).stat().st_size
    assert not store.has_unsaved
    # another copy (the command line while the app runs) reads what was typed
    with Store.open(data_file, allow_read_only=True) as other:
        assert other.read_only
        found = other.get(Session, session.id)
        assert found is not None and found.notes == typed[-1]
    store.close()  # written into the file, journal gone
    assert not jpath(data_file).exists()
    assert raw_notes(data_file) == [typed[-1]]


def test_a_save_that_is_not_typing_writes_the_journal_into_the_file(data_file: Path) -> None:
    store = Store.open(data_file)
    try:
        session = type_notes(store, open_session(store), "first", "second")
        commitment = Commitment(
            rep_id="rep-ann",
            owner=Owner.REP,
            text="Call Acme",
            due=pendulum.Date(2026, 3, 9),
            session_id=session.id,
        )
        store.put(commitment)  # a commitment: the file whole, with the notes
        assert not jpath(data_file).exists() and store.journaled == 0
        assert raw_notes(data_file) == ["second"]
        type_notes(store, session, "third")
        assert jpath(data_file).exists()
        store.put_many([])  # leaving the one-on-one: the journal into the file, nothing else
        assert not jpath(data_file).exists() and raw_notes(data_file) == ["third"]
        before = sha256(data_file)
        store.put_many([])  # no journal: nothing written
        assert sha256(data_file) == before
    finally:
        store.close()


def test_a_save_of_several_tables_is_one_line(data_file: Path) -> None:
    with Store.open(data_file) as store:
        session = open_session(store)
        ended = sessions.end_session(sessions.set_notes(session, "done"), START.add(hours=1))
        made = Commitment(
            rep_id="rep-ann",
            owner=Owner.MANAGER,
            text="Send the deck",
            due=pendulum.Date(2026, 3, 9),
            session_id=session.id,
        )
        store.put_many([ended, made], journal=True)  # the session moves to the rep's partition
        found = journal.read(data_file)
        assert found is not None and len(found.saves) == 1
        tables = {table for table, _key, _doc in found.entries()}
        assert tables == {"sessions", "sessions~rep-ann", "commitments"}
        assert any(doc is None for _t, _k, doc in found.entries())  # removed from "sessions"
    with Store.open(data_file) as again:
        assert [s.closed for s in again.all(Session)] == [True]
        assert [c.text for c in again.all(Commitment)] == ["Send the deck"]


def crash(store: Store) -> None:
    """As if the process died: the lock let go, the journal not written into the file."""
    store.storage._journal.size = 0  # close() then has nothing to write
    store.close()


def test_after_a_crash_the_next_open_reads_the_journal_and_goes_on_with_it(
    data_file: Path,
) -> None:
    store = Store.open(data_file)
    session = type_notes(store, open_session(store), "before the crash")
    crash(store)
    assert raw_notes(data_file) == [""]
    store = Store.open(data_file)
    assert store.get(Session, session.id).notes == "before the crash"  # type: ignore[union-attr]
    assert store.journaled > 0 and not store.has_unsaved and store.take_notices() == []
    type_notes(store, session, "after the crash")  # appended to the same journal
    assert len(journal.read(data_file).saves) == 2  # type: ignore[union-attr]
    store.close()
    assert raw_notes(data_file) == ["after the crash"] and not jpath(data_file).exists()


def test_a_last_line_cut_short_is_a_save_never_reported_and_is_left_out(data_file: Path) -> None:
    store = Store.open(data_file)
    session = type_notes(store, open_session(store), "saved")
    crash(store)
    with jpath(data_file).open("ab") as f:
        f.write(b'[["sessions", "1", {"notes": "half')  # the next save, cut by the crash
    store = Store.open(data_file)
    try:
        assert store.get(Session, session.id).notes == "saved"  # type: ignore[union-attr]
        assert store.take_notices() == []
        type_notes(store, session, "typed on")  # a journal cut short is not written after
        assert not jpath(data_file).exists() and raw_notes(data_file) == ["typed on"]
    finally:
        store.close()


def test_a_first_save_cut_short_leaves_nothing_to_read(data_file: Path) -> None:
    with Store.open(data_file) as store:
        session = open_session(store)
    jpath(data_file).write_bytes(b'{"journal": 1, "base": [1, 2')
    with Store.open(data_file) as store:
        assert store.get(Session, session.id).notes == ""  # type: ignore[union-attr]
        assert store.take_notices() == []
        type_notes(store, session, "typed")
    assert raw_notes(data_file) == ["typed"] and not jpath(data_file).exists()


def test_a_damaged_line_keeps_what_came_before_and_the_journal_as_a_backup(
    data_file: Path,
) -> None:
    store = Store.open(data_file)
    session = type_notes(store, open_session(store), "one", "two")
    crash(store)
    lines = jpath(data_file).read_bytes().split(b"\n")
    lines[2] = b"[[not json"  # the second save, damaged; a third after it
    jpath(data_file).write_bytes(b"\n".join([*lines[:3], b'[["meta", "1", null]]', b""]))
    with Store.open(data_file) as store:
        assert store.get(Session, session.id).notes == "one"  # type: ignore[union-attr]
        notices = store.take_notices()
        assert len(notices) == 1 and "line 3 cannot be read" in notices[0]
        kept = list(files.backups_folder(data_file).glob("*journal-damaged.journal"))
        assert len(kept) == 1 and str(kept[0]) in notices[0]
        assert not jpath(data_file).exists()  # what was read from it is in the file now
        assert raw_notes(data_file) == ["one"]
        assert store.schema_version() == 2  # the save after the damage was not applied


def test_a_journal_left_by_a_compaction_cut_short_is_removed(data_file: Path) -> None:
    store = Store.open(data_file)
    session = type_notes(store, open_session(store), "typed")
    left = jpath(data_file).read_bytes()
    store.close()  # the file whole, the journal removed...
    jpath(data_file).write_bytes(left)  # ...but as if the crash came before the removal
    with Store.open(data_file) as again:
        assert again.get(Session, session.id).notes == "typed"  # type: ignore[union-attr]
        assert again.take_notices() == [] and not jpath(data_file).exists()


def test_a_journal_of_a_replaced_file_is_not_applied_and_is_kept(data_file: Path) -> None:
    store = Store.open(data_file)
    session = type_notes(store, open_session(store), "typed last night")
    crash(store)
    other = data_file.with_name("restored.json")
    with Store.open(other) as elsewhere:
        elsewhere.put(Rep(name="Bo", start_date=pendulum.Date(2025, 1, 6), role="AE"))
    os.replace(other, data_file)  # a sync tool puts another version in place
    with Store.open(data_file) as store:
        assert store.get(Session, session.id) is None
        notices = store.take_notices()
        assert len(notices) == 1 and "not applied" in notices[0]
        kept = list(files.backups_folder(data_file).glob("*journal-not-applied.journal"))
        assert len(kept) == 1 and b"typed last night" in kept[0].read_bytes()
        assert not jpath(data_file).exists()


def test_a_full_journal_is_written_into_the_file(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal, "LIMIT", 2000)
    with Store.open(data_file) as store:
        session = open_session(store)
        whole = sha256(data_file)
        for n in range(12):
            session = type_notes(store, session, f"line {n} " + "x" * 300)
            assert store.journaled <= 2000 + 1000
            if sha256(data_file) != whole:
                break
        else:
            raise AssertionError("the journal never went into the file")
        assert raw_notes(data_file)[0].startswith("line ")


@pytest.mark.parametrize("fault", ["write", "fsync"])
def test_a_full_disk_loses_nothing_saved_and_leaves_no_half_line(
    data_file: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    with Store.open(data_file) as store:
        session = type_notes(store, open_session(store), "saved")
        size = jpath(data_file).stat().st_size

        def full(*args: object) -> None:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        with monkeypatch.context() as m:
            m.setattr(files.os, fault, full)
            with pytest.raises(NotSaved, match="the disk is full"):
                type_notes(store, session, "not saved yet")
            assert store.has_unsaved
            assert jpath(data_file).stat().st_size == size  # no half line
        with Store.open(data_file, allow_read_only=True) as other:
            assert other.get(Session, session.id).notes == "saved"  # type: ignore[union-attr]
        store.save_pending()  # the disk has room again: written, whole
        assert not store.has_unsaved and not jpath(data_file).exists()
        assert raw_notes(data_file) == ["not saved yet"]


def test_a_value_json_cannot_hold_is_refused_before_the_journal(data_file: Path) -> None:
    with Store.open(data_file) as store:
        session = open_session(store)
        bad = sessions.set_notes(session, "x")
        bad.numbers = [NumberEntry("q1", "New ARR", float("nan"), 100.0, "USD", Period.QUARTER)]
        with pytest.raises(NotSaved):
            store.put_many([bad], journal=True)
        assert not jpath(data_file).exists()


def test_the_journal_removed_by_another_program_is_said_and_written_back(
    data_file: Path,
) -> None:
    with Store.open(data_file) as store:
        session = type_notes(store, open_session(store), "typed")
        jpath(data_file).unlink()
        assert store.storage.changed_on_disk()
        notices = store.check_disk()
        assert len(notices) == 1 and "journal" in notices[0] and "ctrl+s" in notices[0]
        assert store.has_unsaved
        store.save_pending()
        assert raw_notes(data_file) == ["typed"] and not store.has_unsaved
        assert store.get(Session, session.id).notes == "typed"  # type: ignore[union-attr]


def test_a_read_only_copy_follows_the_writers_journal(data_file: Path) -> None:
    with Store.open(data_file) as writer:
        session = open_session(writer)
        reader = Store.open(data_file, allow_read_only=True)
        try:
            assert reader.read_only
            type_notes(writer, session, "first")
            assert reader.storage.changed_on_disk()
            assert reader.get(Session, session.id).notes == "first"  # type: ignore[union-attr]
            writer.put_many([])  # into the file
            assert reader.get(Session, session.id).notes == "first"  # type: ignore[union-attr]
            type_notes(writer, session, "second")
            assert reader.get(Session, session.id).notes == "second"  # type: ignore[union-attr]
        finally:
            reader.close()
        assert jpath(data_file).exists()  # a read-only copy never writes the journal away


def test_a_backup_made_while_the_app_runs_holds_the_notes_being_typed(data_file: Path) -> None:
    with Store.open(data_file) as store:
        session = type_notes(store, open_session(store), "typed just now")
        made = backup_now(data_file)
        assert json.loads(made.read_bytes())  # a whole data file
        assert raw_notes(made) == ["typed just now"]
        assert store.get(Session, session.id).notes == "typed just now"  # type: ignore[union-attr]


def test_restoring_a_backup_sets_a_left_over_journal_aside(data_file: Path) -> None:
    store = Store.open(data_file)
    open_session(store)
    backup = backup_now(data_file)
    session = type_notes(store, store.all(Session)[0], "typed, then crashed")
    crash(store)
    restore(data_file, backup)
    assert not jpath(data_file).exists()
    kept = list(files.backups_folder(data_file).glob("*.journal"))
    assert len(kept) == 1 and b"typed, then crashed" in kept[0].read_bytes()
    with Store.open(data_file) as again:
        assert again.get(Session, session.id).notes == ""  # type: ignore[union-attr]
        assert again.take_notices() == []
