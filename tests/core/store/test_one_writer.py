"""One writer per file, whatever its name (issue 16): a symbolic link, a hard link or a deleted
lock file never makes a second writer; saving and restoring through a link write into its
target."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pendulum
import pytest

from oneonone.core.model import Rep
from oneonone.core.store import FileInUse, NotSaved, Store, lock_path, restore
from oneonone.core.store.journal import journal_path

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and flock")


def _rep(name: str) -> Rep:
    return Rep(name=name, start_date=pendulum.Date(2026, 1, 5))


def _names(path: Path) -> set[str]:
    with Store.open(path, allow_read_only=True) as store:
        return {r.name for r in store.all(Rep)}


@pytest.fixture
def real(tmp_path: Path) -> Path:
    path = tmp_path / "synced" / "oneonone.json"
    with Store.open(path) as store:
        store.put(_rep("Ann"))
    return path


def test_a_symlink_opens_the_same_file_under_the_same_lock(real: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(real)
    with Store.open(real) as writer:
        with pytest.raises(FileInUse):
            Store.open(link)
        with Store.open(link, allow_read_only=True) as second:
            assert second.read_only
        writer.put(_rep("Bo"))
    with Store.open(link) as through_link:  # saves go into the target; the link stays
        through_link.put(_rep("Cy"))
    assert link.is_symlink() and link.resolve() == real
    assert _names(real) == {"Ann", "Bo", "Cy"}
    assert not lock_path(link).exists() and not journal_path(link).exists()


def test_restore_through_a_symlink_restores_the_target(real: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(real)
    other = tmp_path / "other" / "oneonone.json"
    with Store.open(other) as store:
        store.put(_rep("Dee"))
    with Store.open(real), pytest.raises(FileInUse):
        restore(link, other)  # refused while a copy holds the file, by any name
    restore(link, other)
    assert link.is_symlink() and _names(real) == {"Dee"}


def test_a_hard_link_is_a_second_name_of_the_held_file(real: Path, tmp_path: Path) -> None:
    twin = tmp_path / "elsewhere" / "twin.json"
    twin.parent.mkdir()
    os.link(real, twin)
    with Store.open(real) as writer:
        assert any("hard links" in n for n in writer.take_notices())
        with pytest.raises(FileInUse):
            Store.open(twin)
        with Store.open(twin, allow_read_only=True) as second:
            assert second.read_only
        with pytest.raises(FileInUse):
            restore(twin, real)
        writer.put(_rep("Bo"))  # the file is replaced: the twin keeps the old one, still held
        with pytest.raises(FileInUse):
            Store.open(twin)
    with Store.open(twin) as later:  # once the writer is gone
        assert not later.read_only


def test_a_deleted_lock_file_makes_no_second_writer(real: Path) -> None:
    with Store.open(real) as writer:
        lock_path(real).unlink()
        with Store.open(real, allow_read_only=True) as second:
            assert second.read_only  # the file itself is held
        writer.put(_rep("Bo"))  # no one else took it: the lock file is made again
        assert lock_path(real).exists()
        with pytest.raises(FileInUse):
            Store.open(real)
    assert _names(real) == {"Ann", "Bo"}


def test_a_replaced_lock_file_held_by_another_stops_the_saves(real: Path) -> None:
    from filelock import FileLock

    with Store.open(real) as writer:
        lock_path(real).unlink()
        other = FileLock(str(lock_path(real)), timeout=0)
        other.acquire()  # a copy that took the lock file's name
        try:
            with pytest.raises(NotSaved) as caught:
                writer.put(_rep("Bo"))
            assert "lock file" in str(caught.value)
        finally:
            other.release()
    assert _names(real) == {"Ann"}


def test_restore_keeps_an_inbox_left_for_the_replaced_file_aside(
    real: Path, tmp_path: Path
) -> None:
    """Records the command line left for an app that died before taking them in belong to the
    file a restore replaces: kept in backups/, never applied to the file restored."""
    from oneonone.core import codec
    from oneonone.core.store import inbox

    other = tmp_path / "other" / "oneonone.json"
    with Store.open(other) as store:
        store.put(_rep("Dee"))
    inbox.append(real, "reps", codec.encode(_rep("Stale")))
    done = restore(real, other)
    assert not inbox.inbox_path(real).exists()
    assert _names(real) == {"Dee"}
    kept = list((real.parent / "backups").glob("*-inbox-before-restore.inbox"))
    assert len(kept) == 1 and "Stale" in kept[0].read_text()
    assert done.inbox == kept[0]  # said by `oneonone restore`


def test_a_point_taken_in_while_the_disk_is_full_is_never_taken_in_again(
    real: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The inbox is kept when taking it in cannot be saved (a full disk); taking it in again
    once there was room put the point back to open, and the note the manager typed at it
    meanwhile was gone."""
    import errno

    from oneonone.core import codec
    from oneonone.core.model import PointState, TalkingPoint
    from oneonone.core.store import files, inbox
    from oneonone.core.talking_points import mark_discussed

    with Store.open(real) as app:
        (ann,) = app.all(Rep)
        inbox.append(real, "talking_points", codec.encode(TalkingPoint(ann.id, "Acme")))
        write = files.atomic_write_bytes

        def full(*args: object, **kwargs: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(files, "atomic_write_bytes", full)
        assert "the disk is full" in " ".join(app.check_disk())
        (point,) = app.all(TalkingPoint)  # held in memory, the inbox kept
        with pytest.raises(NotSaved):
            app.put(mark_discussed(point, "signed", session_id=None, now=pendulum.now("UTC")))
        monkeypatch.setattr(files, "atomic_write_bytes", write)  # room again
        app.check_disk()
        assert not inbox.waiting(real)
    with Store.open(real, read_only=True) as disk:
        (kept,) = disk.all(TalkingPoint)
    assert (kept.state, kept.note) == (PointState.DISCUSSED, "signed")
