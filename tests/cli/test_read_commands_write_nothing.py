"""Read commands only read (issue 16): agenda, export, calendar and board leave every file in the
data folder as it was (bytes and times), with a journal of notes pending and with a file in
an old format; what the journal holds is in what they print."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pendulum
import pytest

from oneonone.cli import main
from oneonone.core.model import (
    Agreement,
    AgreementState,
    Period,
    QuotaLine,
    Rep,
    Session,
    SessionKind,
    TeamSettings,
)
from oneonone.core.store import Store
from oneonone.core.store.journal import journal_path

REPORT = Path(__file__).parents[1] / "core" / "crm_reports" / "salesforce_summary.csv"

COMMANDS = [
    ["agenda"],
    ["calendar"],
    ["export", "sessions", "--include-private"],
    ["export", "agreement", "Ann"],
    ["board"],
    ["export", "board"],
    ["candidates"],
    ["export", "candidate", "Ann"],
    # a dry run (the default) of a numbers import: it reads the data file, writes nothing
    [
        "numbers",
        "import",
        str(REPORT),
        "--rep-column",
        "Full Name",
        "--map",
        "New ARR=Sum of Amount",
    ],
]


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file and folder under ``folder``: its bytes, mode and modification time."""
    out = {}
    for path in [folder, *sorted(folder.rglob("*"))]:
        st = path.stat()
        data = path.read_bytes() if path.is_file() else b""
        out[str(path.relative_to(folder))] = (data, st.st_mode, st.st_mtime_ns)
    return out


def _run_all(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    printed = ""
    for command in COMMANDS:
        code = main(["--db", str(path), *command])
        out, err = capsys.readouterr()
        assert code in (0, 1), err
        assert "Traceback" not in err
        printed += out
    return printed


def test_a_pending_journal_is_read_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "team" / "oneonone.json"
    ann = Rep(name="Ann Lee", start_date=pendulum.date(2024, 1, 8))
    session = Session(
        rep_id=ann.id,
        kind=SessionKind.REGULAR,
        started_at=pendulum.datetime(2026, 11, 20, 10, tz="UTC"),
    )
    store = Store.open(path)
    arr = QuotaLine("New ARR", 120_000, "USD", Period.QUARTER)
    agreed = Agreement(rep_id=ann.id, state=AgreementState.AGREED, quota_lines=[arr])
    settings = TeamSettings(manager_name="Dana", timezone="Europe/Paris")
    store.put_many([settings, ann, session, agreed])
    session.notes = "typed before the crash"
    store.put_many([session], journal=True)
    store.db.writer.release()  # a crash: the journal is left, never written into the file
    assert journal_path(path).exists()
    os.unlink(path.with_name(path.name + ".lock"))  # as after a reboot on a tmpfs
    before = snapshot(path.parent)
    printed = _run_all(path, capsys)
    assert "typed before the crash" in printed
    assert "Dry run: nothing was written" in printed  # the numbers import planned, only
    assert snapshot(path.parent) == before


def test_an_old_file_is_read_without_being_upgraded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "team" / "oneonone.json"
    path.parent.mkdir()
    rep = {"id": "r1", "name": "Ann Lee", "start_date": "2024-01-08"}
    settings = {"id": "team", "manager_name": "Dana", "timezone": "Europe/Paris"}
    old = {
        "meta": {"1": {"schema_version": 1}},
        "settings": {"1": settings},
        "reps": {"1": rep},
    }
    path.write_text(json.dumps(old))
    before = snapshot(path.parent)
    _run_all(path, capsys)
    assert snapshot(path.parent) == before
    with Store.open(path, read_only=True) as store:
        assert store.schema_version() == 2  # in memory
    assert snapshot(path.parent) == before
