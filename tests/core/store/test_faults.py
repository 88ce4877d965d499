"""Fault injection: a failed write leaves the file untouched and keeps the change in memory."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pendulum
import pytest
from filelock import FileLock

from oneonone.core.model import Agreement, Period, QuotaLine, Rep
from oneonone.core.store import FileInUse, NotSaved, ReadOnly, Store, StoreError, files, lock_path
from tests.core.core_support import sha256, temp_files

FAULTS = ["replace", "fsync", "write"]


def _failing(err: int = errno.ENOSPC) -> Any:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(err, os.strerror(err))

    return fail


def _new_rep(name: str = "Dee") -> Rep:
    return Rep(name=name, start_date=pendulum.Date(2026, 1, 5), role="AE")


@pytest.mark.parametrize("first_write_of_run", [True, False], ids=["first-write", "later-write"])
@pytest.mark.parametrize("fault", FAULTS)
def test_disk_full_keeps_file_and_change(
    sample_file: Path, monkeypatch: pytest.MonkeyPatch, fault: str, first_write_of_run: bool
) -> None:
    store = Store.open(sample_file)
    try:
        if not first_write_of_run:
            store.put(_new_rep("Warm-up"))  # this run's backup is made; the next write is plain
        backups_before = files.list_backups(files.backups_folder(sample_file), sample_file)
        before = sha256(sample_file)
        rep = _new_rep()

        with monkeypatch.context() as m:
            m.setattr(files.os, fault, _failing())
            with pytest.raises(NotSaved) as caught:
                store.put(rep)
            message = str(caught.value)
            assert "Not saved" in message
            assert "disk is full" in message
            assert "Your change is kept" in message
            assert str(sample_file) in message

            assert sha256(sample_file) == before
            assert temp_files(sample_file.parent) == []
            assert store.has_unsaved
            # The change is held in memory: this store still sees it.
            assert store.get(Rep, rep.id) == rep
            # Saving again while the disk is still full fails the same way, still harmless.
            with pytest.raises(NotSaved):
                store.save_pending()
            assert sha256(sample_file) == before
            assert temp_files(sample_file.parent) == []

        store.save_pending()
        assert not store.has_unsaved
        assert sha256(sample_file) != before
        backups_after = files.list_backups(files.backups_folder(sample_file), sample_file)
        # The run's one backup exists once the write went through, whichever write failed.
        assert len(backups_after) == 1
        assert len(backups_before) == (0 if first_write_of_run else 1)
    finally:
        store.close()

    with Store.open(sample_file) as fresh:
        assert fresh.get(Rep, rep.id) == rep
        assert fresh.get(Rep, "rep-ann") is not None


def test_later_put_after_failure_saves_both(
    sample_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _new_rep("First"), _new_rep("Second")
    with Store.open(sample_file) as store:
        with monkeypatch.context() as m:
            m.setattr(files.os, "replace", _failing())
            with pytest.raises(NotSaved):
                store.put(first)
            with pytest.raises(NotSaved):
                store.put(second)
            assert {r.name for r in store.all(Rep)} >= {"First", "Second"}
        # A plain put once the disk has room writes everything pending.
        store.put(_new_rep("Third"))
        assert not store.has_unsaved
    with Store.open(sample_file) as fresh:
        assert {r.name for r in fresh.all(Rep)} >= {"First", "Second", "Third"}


@pytest.mark.parametrize(
    ("err", "words"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EACCES, "permission denied"),
        (errno.EPERM, "permission denied"),
        (errno.EROFS, "read-only"),
        (errno.EDQUOT, "quota"),
        (errno.EIO, os.strerror(errno.EIO)),
    ],
)
def test_not_saved_message_says_why(
    sample_file: Path, monkeypatch: pytest.MonkeyPatch, err: int, words: str
) -> None:
    with Store.open(sample_file) as store:
        monkeypatch.setattr(files.os, "replace", _failing(err))
        with pytest.raises(NotSaved) as caught:
            store.put(_new_rep())
        assert words in str(caught.value)
        assert str(caught.value).startswith("Not saved")


def test_value_json_cannot_hold_is_refused_without_poisoning_the_store(sample_file: Path) -> None:
    """A NaN cannot be written to JSON: the put is refused, and later saves still work."""
    before = sha256(sample_file)
    bad = Agreement(
        rep_id="rep-ann", quota_lines=[QuotaLine("ARR", float("nan"), "USD", Period.DAY)]
    )
    good = _new_rep("After NaN")
    with Store.open(sample_file) as store:
        with pytest.raises(NotSaved) as caught:
            store.put(bad)
        assert "cannot be stored" in str(caught.value)
        assert "Nothing was changed" in str(caught.value)
        assert not caught.value.kept
        assert not store.has_unsaved
        assert sha256(sample_file) == before
        assert store.get(Agreement, bad.id) is None
        store.put(good)
        assert not store.has_unsaved
    with Store.open(sample_file) as fresh:
        assert fresh.get(Rep, good.id) == good
        assert fresh.get(Agreement, bad.id) is None


def test_read_only_store_refuses_to_write(sample_file: Path) -> None:
    before = sha256(sample_file)
    with Store.open(sample_file) as holder:
        with pytest.raises(FileInUse):
            Store.open(sample_file)
        with Store.open(sample_file, allow_read_only=True) as reader:
            assert reader.read_only
            assert reader.get(Rep, "rep-ann") is not None
            with pytest.raises(ReadOnly) as caught:
                reader.put(_new_rep())
            assert "Not saved" in str(caught.value)
            assert "read-only" in str(caught.value)
            assert not reader.has_unsaved
            reader.save_pending()  # nothing pending: no error
            # The reader follows the writer's saves.
            added = _new_rep("Seen")
            holder.put(added)
            assert reader.get(Rep, added.id) == added
        assert sha256(sample_file) != before


def test_read_only_open_of_missing_file_is_a_store_error(data_file: Path) -> None:
    data_file.parent.mkdir()
    with FileLock(str(lock_path(data_file)), timeout=0), pytest.raises(StoreError) as caught:
        Store.open(data_file, allow_read_only=True)
    assert str(data_file) in str(caught.value)
    assert not data_file.exists()


def test_put_many_across_tables_is_one_write(
    sample_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rep = _new_rep("Multi")
    agreement = Agreement(rep_id=rep.id, manager_name="Maya")
    with Store.open(sample_file) as store:
        store.put(_new_rep("Warm-up"))  # this run's backup is done
        replaces: list[object] = []
        real_replace = os.replace

        def counting(src: object, dst: object) -> None:
            replaces.append(dst)
            real_replace(src, dst)  # type: ignore[arg-type]

        monkeypatch.setattr(files.os, "replace", counting)
        store.put_many([rep, agreement])
        assert replaces == [sample_file]  # one atomic save for both tables

        # With the disk full, both changes are kept, and both are saved later.
        later = _new_rep("Later")
        later_agreement = Agreement(rep_id=later.id)
        monkeypatch.setattr(files.os, "replace", _failing())
        before = sha256(sample_file)
        with pytest.raises(NotSaved):
            store.put_many([later, later_agreement])
        assert sha256(sample_file) == before
        assert store.get(Rep, later.id) == later
        assert store.get(Agreement, later_agreement.id) == later_agreement
        monkeypatch.setattr(files.os, "replace", real_replace)
        store.save_pending()
    with Store.open(sample_file) as fresh:
        assert fresh.get(Rep, rep.id) == rep
        assert fresh.get(Agreement, agreement.id) == agreement
        assert fresh.get(Rep, later.id) == later
        assert fresh.get(Agreement, later_agreement.id) == later_agreement


def test_put_many_with_one_id_twice_keeps_the_last(sample_file: Path) -> None:
    first = _new_rep("First name")
    second = Rep(name="Second name", start_date=first.start_date, id=first.id)
    with Store.open(sample_file) as store:
        store.put_many([first, second])
        assert store.where(Rep, id=first.id) == [second]
        replaced = Rep(name="Third name", start_date=first.start_date, id=first.id)
        store.put(replaced)
        assert store.where(Rep, id=first.id) == [replaced]
    with Store.open(sample_file) as fresh:
        assert fresh.where(Rep, id=first.id) == [replaced]
