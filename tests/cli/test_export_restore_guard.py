"""Export and restore cannot destroy the team (issue 16): an export never writes over the data
file, its journal, lock or backups, nor over a device; restore takes only a oneonone file that
opens cleanly; a data folder others can write to is made private."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pendulum
import pytest

from oneonone.cli import main
from oneonone.core.model import Agreement, Rep, TeamSettings
from oneonone.core.store import Store, StoreError, UnreadableFile, files, lock_path, restore
from oneonone.core.store.journal import journal_path


@pytest.fixture
def team(tmp_path: Path) -> Path:
    path = tmp_path / "team" / "oneonone.json"
    ann = Rep(name="Ann Lee", start_date=pendulum.date(2024, 1, 8))
    with Store.open(path) as store:
        store.put_many([TeamSettings(manager_name="Dana", timezone="Europe/Paris"), ann])
        store.put(Agreement(rep_id=ann.id))
    with Store.open(path) as store:  # a second run: a backup
        store.put(Rep(name="Bo", start_date=pendulum.date(2024, 1, 8)))
    return path


def _exports(target: Path) -> list[list[str]]:
    return [
        ["export", "agreement", "Ann", "--out", str(target), "--force"],
        ["export", "sessions", "--rep", "Ann", "--out", str(target), "--force"],
        ["calendar", "--out", str(target), "--force"],
    ]


def test_no_export_writes_over_the_data_file_or_its_companions(
    team: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    journal_path(team).write_bytes(b"")  # as a journal just begun
    backup = files.newest_backup(files.backups_folder(team), team)
    assert backup is not None
    for target in (team, journal_path(team), lock_path(team), backup):
        before = target.read_bytes()
        for command in _exports(target):
            assert main(["--db", str(team), *command]) == 1
            err = capsys.readouterr().err
            assert err.startswith("oneonone: ") and "is not replaced" in err, err
            assert target.read_bytes() == before


def test_no_export_writes_over_a_device_or_another_data_file(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    other = tmp_path / "other" / "team.json"  # another team's file, not open here
    other.parent.mkdir()
    other.write_bytes(team.read_bytes())
    for target in (fifo, other):
        for command in _exports(target):
            assert main(["--db", str(team), *command]) == 1
            assert "is not replaced" in capsys.readouterr().err
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and other.read_bytes() == team.read_bytes()
    # an ordinary file is still replaced with --force
    plain = tmp_path / "ann.md"
    plain.write_text("old")
    assert main(["--db", str(team), *_exports(plain)[0]]) == 0
    assert plain.read_text() != "old"


@pytest.mark.parametrize(
    "raw",
    [
        b"{}",
        b'{"_default": {"1": {"title": "another program"}}}',
        b'{"meta": {"1": {"schema_version": 2}}, "songs": {"1": {"id": "x"}}}',
        b'{"meta": {"1": {"schema_version": 2}}, "reps": {"1": {"id": "r", "name": 3}}}',
    ],
    ids=["empty", "another-app", "unknown-table", "damaged-record"],
)
def test_restore_takes_only_a_oneonone_file_that_opens_cleanly(
    team: Path, tmp_path: Path, raw: bytes
) -> None:
    source = tmp_path / "source.json"
    source.write_bytes(raw)
    before = team.read_bytes()
    kept = sorted(files.backups_folder(team).iterdir())
    with pytest.raises(UnreadableFile) as caught:
        restore(team, source)
    assert str(source) in str(caught.value)
    assert team.read_bytes() == before
    assert sorted(files.backups_folder(team).iterdir()) == kept  # nothing replaced or added


def test_restore_still_takes_a_good_backup(team: Path) -> None:
    backup = files.newest_backup(files.backups_folder(team), team)
    restore(team, backup)
    with Store.open(team) as store:
        assert {r.name for r in store.all(Rep)} == {"Ann Lee"}


def test_a_data_folder_others_can_write_to_is_made_private(team: Path, tmp_path: Path) -> None:
    os.chmod(team.parent, 0o777)
    with Store.open(team) as store:
        assert stat.S_IMODE(os.stat(team.parent).st_mode) == 0o700
        assert store.take_notices() == []
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)  # like /tmp: not ours to change, said
    with Store.open(shared / "oneonone.json") as store:
        (notice,) = store.take_notices()
        assert "can be written by others" in notice and "shared folder" in notice
    assert stat.S_IMODE(os.stat(shared).st_mode) == 0o1777


def test_restore_names_what_is_wrong_on_the_command_line(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "empty.json"
    source.write_text(json.dumps({}))
    assert main(["--db", str(team), "restore", str(source)]) == 1
    assert "not a oneonone data file" in capsys.readouterr().err
    with pytest.raises(StoreError):
        restore(team, source)


def test_no_export_writes_over_a_hard_link_to_the_data_file(
    team: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    twin = tmp_path / "twin.md"
    os.link(team, twin)
    before = team.read_bytes()
    assert main(["--db", str(team), *_exports(twin)[0]]) == 1
    assert "the data file itself" in capsys.readouterr().err
    assert team.read_bytes() == before and twin.samefile(team)
