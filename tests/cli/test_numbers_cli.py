"""``oneonone numbers import`` (issue 19): the dry run, --apply, the exit status, the columns
remembered in the config file and the flags over them, refused while the app has the file."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pendulum
import pytest

from oneonone.cli import main
from oneonone.config import config_file, load_config
from oneonone.core import codec
from oneonone.core.model import (
    Agreement,
    AgreementState,
    ImportedNumber,
    Period,
    QuotaLine,
    Rep,
    TeamSettings,
)
from oneonone.core.store import Store, inbox
from oneonone.core.store.inbox import inbox_path, waiting

REPORTS = Path(__file__).parents[1] / "core" / "crm_reports"
NOW = pendulum.datetime(2026, 11, 27, 10, 0, tz="Europe/Paris")


@pytest.fixture(autouse=True)
def frozen() -> Iterator[None]:
    with pendulum.travel_to(NOW, freeze=True):
        yield


def make_team(path: Path) -> Path:
    """Ann and José (New ARR per quarter), Bo (Meetings per week)."""
    reps = [
        Rep(name="Ann Lee", start_date=pendulum.date(2024, 1, 8), id="ann"),
        Rep(name="José Núñez", start_date=pendulum.date(2024, 3, 1), id="jose"),
        Rep(name="Bo Martin", start_date=pendulum.date(2025, 6, 2), id="bo"),
    ]
    lines = {
        "ann": QuotaLine("New ARR", 120_000, "USD", Period.QUARTER, id="arr-ann"),
        "jose": QuotaLine("New ARR", 90_000, "USD", Period.QUARTER, id="arr-jose"),
        "bo": QuotaLine("Meetings", 10, "meetings", Period.WEEK, id="meet-bo"),
    }
    agreements = [
        Agreement(rep_id=rep_id, state=AgreementState.AGREED, quota_lines=[line])
        for rep_id, line in lines.items()
    ]
    with Store.open(path) as store:
        store.put_many([TeamSettings(manager_name="Dana", timezone="Europe/Paris"), *reps])
        store.put_many(agreements)
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return make_team(tmp_path / "team" / "oneonone.json")


def imports_in(path: Path) -> dict[str, float]:
    with Store.open(path, read_only=True) as store:
        return {i.rep_id: i.value for i in store.all(ImportedNumber)}


def flat(text: str) -> str:
    """``text`` with its runs of spaces (the table's alignment) as one."""
    return " ".join(text.split())


def run(db: Path, *args: str) -> int:
    return main(["numbers", "import", *args, "--db", str(db)])


def test_a_dry_run_shows_what_it_would_record_and_writes_nothing(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = str(REPORTS / "salesforce_details.csv")
    assert run(db, report, "--map", "New ARR=Amount") == 0
    out, err = capsys.readouterr()
    assert "Ann Lee New ARR Q4 2026 20,000.5 USD (sum of rows 2, 3)" in flat(out)
    assert "José Núñez New ARR Q4 2026 28,800 USD" in flat(out)
    assert "row 4 (Ann Lee, New ARR): 9/30/2026 is outside Q4 2026" in out
    assert "Dry run: nothing was written" in out
    assert "problem: row 7: 'Zed Unknown' (no current rep by that name)" in err
    assert imports_in(db) == {}


def test_apply_records_and_a_second_import_replaces(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = str(REPORTS / "salesforce_summary.csv")
    assert run(db, report, "--map", "New ARR=Sum of Amount", "--apply") == 0
    assert "Recorded 2 numbers" in capsys.readouterr().out
    assert imports_in(db) == {"ann": 84_000.0, "jose": 61_250.75}
    assert run(db, str(REPORTS / "hubspot_deals.csv"), "--map", "New ARR=Amount", "--apply") == 0
    out, err = capsys.readouterr()
    assert "replaces 84,000 imported 2026-11-27" in out
    assert "row 7: 'abc' is not a number (column 'Amount')" in err
    assert imports_in(db) == {"ann": 20_000.5, "jose": 30_000.0}


def test_nothing_matched_exits_non_zero(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = db.parent / "nobody.csv"
    report.write_text("Owner,Amount\nZed Unknown,5\n")
    assert run(db, str(report), "--map", "New ARR=Amount", "--apply") == 1
    err = capsys.readouterr().err
    assert "'Zed Unknown' (no current rep by that name)" in err
    assert "nothing recorded" in err
    assert imports_in(db) == {}


def test_columns_named_like_quota_lines_need_no_mapping(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = db.parent / "named.csv"  # as Excel's "Unicode Text": UTF-16
    text = "Deal owner;new arr;Meetings\nAnn Lee;1.500,5;\nBo Martin;;7\n"
    report.write_bytes(text.encode("utf-16"))
    assert run(db, str(report)) == 0
    out = capsys.readouterr().out
    assert "Ann Lee New ARR Q4 2026 1,500.5 USD" in flat(out)
    assert "Bo Martin Meetings week of 2026-11-23 7 meetings" in flat(out)


def test_without_a_mapping_the_flag_to_pass_is_said(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = db.parent / "odd.csv"
    report.write_text("Seller,Booked\nAnn Lee,5\n")
    assert run(db, str(report)) == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        "oneonone: which column names the rep? Pass --rep-column COLUMN "
        "(the columns: Seller, Booked)."
    )
    assert run(db, str(report), "--rep-column", "Seller") == 1
    err = capsys.readouterr().err.strip()
    assert '--map "New ARR=Booked"' in err and "\n" not in err
    assert run(db, str(report), "--rep-column", "Seller", "--map", "Nope=Booked") == 1
    assert "no quota line is called 'Nope'" in capsys.readouterr().err


def test_answers_are_remembered_and_flags_override_them(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = config_file()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('# my settings\ntheme = "nord"  # dark\n\n[calendar]\nall = true\n')
    report = db.parent / "odd.csv"
    report.write_text("Seller,Booked,Calls\nAnn Lee,5,9\n")
    answers = iter(["Seller", "9", "2", ""])  # a wrong answer asked again; Enter skips Meetings
    monkeypatch.setattr("oneonone.cli_numbers._interactive", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    assert run(db, str(report)) == 0
    out = capsys.readouterr().out
    assert "There is no column '9'" in out and "Remembered in" in out
    assert "Ann Lee New ARR Q4 2026 5 USD" in flat(out)
    text = config.read_text()
    assert text.startswith('# my settings\ntheme = "nord"  # dark\n\n[calendar]\nall = true\n')
    settings = load_config()
    assert settings.theme == "nord" and settings.calendar_all
    assert settings.numbers_map == (("New ARR", "Booked"),)
    assert settings.numbers_rep_column == "Seller"
    monkeypatch.setattr("builtins.input", lambda prompt="": pytest.fail("asked again"))
    assert run(db, str(report)) == 0  # remembered: not asked again
    assert "5 USD" in capsys.readouterr().out
    assert run(db, str(report), "--map", "New ARR=Calls") == 0  # the flag wins, for this run
    assert "9 USD" in capsys.readouterr().out
    assert load_config().numbers_map == (("New ARR", "Booked"),)


def test_apply_while_the_app_has_the_file_hands_the_numbers_to_it(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = str(REPORTS / "salesforce_summary.csv")
    before = db.read_bytes()
    with Store.open(db) as app:  # the app holds the lock
        assert run(db, report, "--map", "New ARR=Sum of Amount", "--apply") == 0
        out = capsys.readouterr().out
        assert "the 2 numbers are handed to it" in flat(out)
        assert db.read_bytes() == before  # never written under the app
        assert waiting(db)
        assert app.take_inbox() == 2  # what the app does within a few seconds (services.disk)
        assert "Added from the command line: 2 imported numbers." in app.take_notices()
    assert imports_in(db) == {"ann": 84_000.0, "jose": 61_250.75}
    assert not waiting(db) and not inbox_path(db).exists()


def test_an_import_the_app_did_not_take_is_recorded_first(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db):  # the app: it takes the import in as it closes, at the latest
        args = ["--map", "New ARR=Sum of Amount", "--apply"]
        assert run(db, str(REPORTS / "salesforce_summary.csv"), *args) == 0
    assert imports_in(db) == {"ann": 84_000.0, "jose": 61_250.75}
    # an app killed before it took an import in: the next --apply records it first
    with Store.open(db) as app:
        earlier = [n for n in app.all(ImportedNumber) if n.rep_id == "ann"]
    app_died = [(ImportedNumber.TABLE, codec.encode(replace(earlier[0], value=1.0)))]
    inbox.append_many(db, app_died)
    capsys.readouterr()
    assert run(db, str(REPORTS / "hubspot_deals.csv"), "--map", "New ARR=Amount", "--apply") == 0
    said = capsys.readouterr()
    assert "Added from the command line: 1 imported number." in said.err
    assert "Recorded" in said.out
    assert imports_in(db) == {"ann": 20_000.5, "jose": 30_000.0}  # the newer import wins
    assert not waiting(db)


def test_a_file_that_is_not_a_report_is_one_line(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db, str(db.parent / "missing.csv")) == 1
    assert capsys.readouterr().err.count("\n") == 1
    binary = db.parent / "report.xlsx"
    shutil.copy(db, binary)
    binary.write_bytes(b"PK\x03\x04\x00\x00binary")
    assert run(db, str(binary)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a CSV file" in err


def test_a_windows_1252_report_is_read(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = db.parent / "old-excel.csv"
    report.write_bytes('Owner,New ARR\r\n"Núñez, José","€1,000"\r\n'.encode("cp1252"))
    assert run(db, str(report)) == 0
    assert "José Núñez New ARR Q4 2026 1,000 USD" in flat(capsys.readouterr().out)
