"""Private file modes whatever the umask; one writer at a time, across processes."""

from __future__ import annotations

import os
import signal
import stat
import sys
import time
from pathlib import Path

import pendulum
import pytest

from oneonone.core.model import Rep
from oneonone.core.store import FileInUse, ReadOnly, Store, files, lock_path
from tests.core.core_support import spawn

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and signals")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _rep(name: str) -> Rep:
    return Rep(name=name, start_date=pendulum.Date(2026, 1, 5))


@pytest.mark.usefixtures("zero_umask")
def test_everything_created_is_private_under_a_zero_umask(tmp_path: Path) -> None:
    path = tmp_path / "share" / "oneonone" / "oneonone.json"
    with Store.open(path) as store:
        store.put(_rep("Ann"))
    assert mode(path.parent) == 0o700
    assert mode(path.parent.parent) == 0o700  # a missing parent we made is private too
    assert mode(path) == 0o600
    assert mode(lock_path(path)) == 0o600

    with Store.open(path) as store:  # a second run: its first write makes a backup
        store.put(_rep("Bob"))
        assert store.last_backup is not None
    backups = files.backups_folder(path)
    assert mode(backups) == 0o700
    made = files.list_backups(backups, path)
    assert made
    assert all(mode(b) == 0o600 for b in made)
    assert mode(path) == 0o600


@pytest.mark.usefixtures("zero_umask")
def test_an_existing_world_readable_file_becomes_private(sample_file: Path) -> None:
    os.chmod(sample_file, 0o644)
    with Store.open(sample_file) as store:
        assert mode(sample_file) == 0o600
        assert store.get(Rep, "rep-ann") is not None


def test_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chmod(folder, 0o755)
    Store.open(folder / "oneonone.json").close()
    assert mode(folder) == 0o755  # not ours to change; the file inside is private
    assert mode(folder / "oneonone.json") == 0o600


def test_stale_temp_files_are_removed_on_open(sample_file: Path) -> None:
    folder = sample_file.parent
    stale = [folder / f".{sample_file.name}.k1ll3d{i}.tmp" for i in range(3)]
    others = [folder / ".other.json.abc.tmp", folder / "oneonone.json.tmp", folder / "notes.tmp"]
    for p in stale + others:
        p.write_bytes(b'{"half": ')
    # A reader must not remove them: they may belong to the writer's save in progress.
    with Store.open(sample_file) as holder:
        for p in stale:
            p.write_bytes(b'{"half": ')
        with Store.open(sample_file, allow_read_only=True):
            assert all(p.exists() for p in stale)
        holder.close()
        with Store.open(sample_file):
            assert not any(p.exists() for p in stale)
            assert all(p.exists() for p in others)


def test_stale_backup_temp_files_are_removed_on_open(sample_file: Path) -> None:
    backups = files.backups_folder(sample_file)
    backups.mkdir()
    stale = backups / ".oneonone-20260101T000000000000Z-run.json.x8f2.tmp"
    fresh = backups / ".oneonone-20260101T000001000000Z-manual.json.k3y9.tmp"
    sibling = backups / ".oneonone-old-20260101T000000000000Z-run.json.x8f2.tmp"
    for p in (stale, fresh, sibling):
        p.write_bytes(b"{")
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    os.utime(sibling, (an_hour_ago, an_hour_ago))
    Store.open(sample_file).close()
    assert not stale.exists()  # left by a backup killed long ago
    assert fresh.exists()  # may be `oneonone backup` at work right now (it takes no lock)
    assert sibling.exists()  # another data file's


HOLDER = """
import sys
import time

import pendulum

from oneonone.core.model import Rep
from oneonone.core.store import Store

store = Store.open(sys.argv[1])
store.put(Rep(name="Held", start_date=pendulum.Date(2026, 1, 5), id="held"))
print("locked", flush=True)
time.sleep(60)
"""


def test_lock_across_processes_and_release_on_sigkill(tmp_path: Path, data_file: Path) -> None:
    script = tmp_path / "holder.py"
    script.write_text(HOLDER)
    holder = spawn(script, str(data_file))
    try:
        assert holder.stdout is not None
        line = holder.stdout.readline()
        assert line == b"locked\n", holder.stderr.read() if holder.stderr else b""

        with pytest.raises(FileInUse) as caught:
            Store.open(data_file)
        assert str(data_file) in str(caught.value)
        assert "read-only" in str(caught.value)

        with Store.open(data_file, allow_read_only=True) as reader:
            assert reader.read_only
            held = reader.get(Rep, "held")
            assert held is not None
            assert held.name == "Held"
            with pytest.raises(ReadOnly):
                reader.put(_rep("Nope"))
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.communicate(timeout=10)
    assert holder.returncode == -signal.SIGKILL

    # The kernel dropped the dead holder's lock: a writer opens at once.
    with Store.open(data_file) as store:
        assert not store.read_only
        store.put(_rep("After"))
        assert {r.name for r in store.all(Rep)} == {"Held", "After"}
