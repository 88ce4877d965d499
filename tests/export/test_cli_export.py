"""``oneonone export agreement``: stdout or a file, forgiving names, clear refusals."""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from pathlib import Path

import pendulum
import pytest

from oneonone.cli import main
from oneonone.core.model import (
    Agreement,
    AgreementState,
    ConsequenceStep,
    Period,
    QuotaLine,
    Rep,
    RepStatus,
    TeamSettings,
)
from oneonone.core.store import Store
from oneonone.core.store import files as store_files
from tests.export.mdparse import blocks, without_front_matter

#: What the user is told to do after the reason (cli_common.os_error_advice).
PERMS = " Check that you may read and write there (the permissions) and try again."
FULL = " Free some space on that disk and try again."


def agreed(rep: Rep, version: int, on: pendulum.Date, quota: float) -> Agreement:
    return Agreement(
        rep_id=rep.id,
        version=version,
        state=AgreementState.AGREED,
        agreed_on=on,
        next_review=on.add(months=3),
        manager_name="Dana Reyes",
        quota_lines=[QuotaLine("New ARR", quota, "USD", Period.QUARTER)],
        activity=["40 calls a day"],
        consequence_steps=[ConsequenceStep("A gentle reminder"), ConsequenceStep("Lunch")],
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "oneonone.json"
    alex = Rep(name="Alex Moreno", start_date=pendulum.Date(2024, 1, 8), role="AE")
    alice = Rep(name="Alice Wu", start_date=pendulum.Date(2024, 2, 1))
    jo = Rep(name="Jo Park", start_date=pendulum.Date(2025, 1, 6))
    sam = Rep(
        name="Sam Ito",
        start_date=pendulum.Date(2022, 1, 3),
        status=RepStatus.DEPARTED,
        departed_on=pendulum.Date(2024, 6, 28),
    )
    with Store.open(path) as store:
        store.put_many(
            [
                TeamSettings(manager_name="Dana Reyes"),
                alex,
                alice,
                jo,
                sam,
                agreed(alex, 1, pendulum.Date(2024, 1, 20), 100_000.0),
                agreed(alex, 2, pendulum.Date(2024, 4, 22), 120_000.0),
                Agreement(rep_id=jo.id, version=1, activity=["Shadow Alex"]),
            ]
        )
    return path


def run(*argv: str) -> int:
    return main(list(argv))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def footer(markdown: str) -> str:
    """The status line: the paragraph right after the rule."""
    found = blocks(without_front_matter(markdown))
    return str(found[found.index(("hr",)) + 1][1])


def test_stdout_exports_the_latest_agreed_version(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(db)
    assert run("export", "agreement", "alex", "--db", str(db)) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "\n---\n\n# Agreement: Alex Moreno\n" in out and out.startswith("---\n")
    assert footer(out) == "Agreed on 2024-04-22 · version 2 · next review due 2024-07-22"
    assert "120,000" in out
    assert digest(db) == before  # exporting never writes the data file


def test_a_chosen_version(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", "agreement", "Moreno", "--version", "1", "--db", str(db)) == 0
    out = capsys.readouterr().out
    assert footer(out).startswith("Agreed on 2024-01-20 · version 1")
    assert "Version 2, agreed on 2024-04-22, replaces this one." in out


def test_the_global_db_option_and_the_environment(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("--db", str(db), "export", "agreement", "alex moreno") == 0
    first = capsys.readouterr().out
    monkeypatch.setenv("ONEONONE_DB", str(db))
    assert run("export", "agreement", "ALEX") == 0
    assert capsys.readouterr().out == first


def test_a_draft_when_nothing_is_agreed(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", "agreement", "jo", "--db", str(db)) == 0
    assert footer(capsys.readouterr().out) == "Draft · version 1 · not agreed yet"


def test_a_rep_without_an_agreement(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", "agreement", "Alice", "--db", str(db)) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == "oneonone: Alice Wu has no agreement yet: there is nothing to export.\n"


def test_reading_works_while_the_app_has_the_file_open(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(db) as app_store:
        assert not app_store.read_only
        assert run("export", "agreement", "alex", "--db", str(db)) == 0
    assert "\n# Agreement: Alex Moreno\n" in capsys.readouterr().out


def test_out_writes_a_private_file_and_refuses_to_overwrite(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "alex.md"
    assert run("export", "agreement", "alex", "--db", str(db), "--out", str(target)) == 0
    out, err = capsys.readouterr()
    assert out == f"Wrote version 2 of Alex Moreno's agreement to {target}\n"
    assert err == ""
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    written = target.read_text(encoding="utf-8")
    assert run("export", "agreement", "alex", "--db", str(db)) == 0
    assert capsys.readouterr().out == written

    argv = ["export", "agreement", "alex", "--db", str(db), "--out", str(target), "--version", "1"]
    assert run(*argv) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"oneonone: {target} already exists; use --force to replace it.\n"
    assert target.read_text(encoding="utf-8") == written

    assert run(*argv, "--force") == 0
    assert "version 1" in footer(target.read_text(encoding="utf-8"))
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert store_files.temp_prefix(target) not in " ".join(os.listdir(tmp_path))


def test_out_creates_private_folders(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "exports" / "2024" / "alex.md"
    assert run("export", "agreement", "alex", "--db", str(db), "--out", str(target)) == 0
    assert target.is_file()
    for folder in (tmp_path / "exports", tmp_path / "exports" / "2024"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_out_dash_is_stdout(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", "agreement", "alex", "--db", str(db), "--out", "-") == 0
    assert "\n# Agreement: Alex Moreno\n" in capsys.readouterr().out


def test_unknown_rep(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", "agreement", "zed", "--db", str(db)) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "oneonone: No rep matches 'zed'. Reps: Alex Moreno, Alice Wu, Jo Park, Sam Ito (departed)\n"
    )


def test_ambiguous_rep(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", "agreement", "al", "--db", str(db)) == 1
    assert capsys.readouterr().err == (
        "oneonone: 'al' matches several reps: Alex Moreno, Alice Wu. Type more of the name.\n"
    )


def test_unknown_version_lists_the_versions(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", "agreement", "alex", "--version", "9", "--db", str(db)) == 1
    assert capsys.readouterr().err == (
        "oneonone: Alex Moreno has no version 9. "
        "Versions: v1 agreed on 2024-01-20; v2 agreed on 2024-04-22.\n"
    )


@pytest.mark.parametrize("bad", ["0", "-1", "two"])
def test_a_bad_version_number_is_a_usage_error(
    db: Path, bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        run("export", "agreement", "alex", "--version", bad, "--db", str(db))
    assert exit_.value.code == 2
    assert "--version" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["export"], ["export", "agreement"], ["export", "minutes", "x"]):
        with pytest.raises(SystemExit) as exit_:
            run(*argv)
        assert exit_.value.code == 2
    capsys.readouterr()


def test_a_missing_data_file_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere" / "oneonone.json"
    assert run("export", "agreement", "alex", "--db", str(missing)) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"oneonone: {missing} does not exist.")
    assert not missing.parent.exists()


def test_a_folder_is_not_a_data_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", "agreement", "alex", "--db", str(tmp_path)) == 1
    assert "is a folder, not a data file" in capsys.readouterr().err


def test_a_damaged_data_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "oneonone.json"
    path.write_text('{"reps": {"1": ', encoding="utf-8")
    assert run("export", "agreement", "alex", "--db", str(path)) == 1
    assert capsys.readouterr().err.startswith(f"oneonone: Cannot open {path}")


def assert_nothing_written(folder: Path) -> None:
    assert list(folder.iterdir()) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder modes")
def test_an_unwritable_folder(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        target = folder / "alex.md"
        assert run("export", "agreement", "alex", "--db", str(db), "--out", str(target)) == 1
        assert (
            capsys.readouterr().err
            == f"oneonone: Cannot write {target}: permission denied.{PERMS}\n"
        )
        assert_nothing_written(folder)
    finally:
        folder.chmod(0o700)


def test_a_failed_write_leaves_nothing_half_written(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Simulated (root ignores modes): the rename at the end of the atomic write fails."""
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / "alex.md"

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)  # what the atomic write calls
    assert run("export", "agreement", "alex", "--db", str(db), "--out", str(target)) == 1
    assert (
        capsys.readouterr().err == f"oneonone: Cannot write {target}: permission denied.{PERMS}\n"
    )
    assert_nothing_written(folder)

    # folders it made for the file are removed again; an existing file is left as it was
    nested = tmp_path / "new" / "deeper" / "alex.md"
    assert run("export", "agreement", "alex", "--db", str(db), "--out", str(nested)) == 1
    assert not (tmp_path / "new").exists()
    target.write_text("old", encoding="utf-8")
    argv = ["export", "agreement", "alex", "--db", str(db), "--out", str(target), "--force"]
    assert run(*argv) == 1
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(os.listdir(folder)) == ["alex.md"]
    capsys.readouterr()


def test_a_full_disk(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    target = tmp_path / "alex.md"
    assert run("export", "agreement", "alex", "--db", str(db), "--out", str(target)) == 1
    assert capsys.readouterr().err == f"oneonone: Cannot write {target}: the disk is full.{FULL}\n"
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["data"]


def test_an_agreement_as_one_printable_html_page(db: Path, tmp_path: Path) -> None:
    from html.parser import HTMLParser

    target = tmp_path / "alex.html"
    assert (
        run(
            "export", "agreement", "alex", "--format", "html", "--out", str(target), "--db", str(db)
        )
        == 0
    )
    page = target.read_text(encoding="utf-8")

    class Reader(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[str] = []
            self.links: list[str] = []
            self.text: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append(tag)
            self.links += [v or "" for k, v in attrs if k in ("src", "href")]

        def handle_data(self, data: str) -> None:
            self.text.append(data)

    reader = Reader()
    reader.feed(page)
    text = " ".join(" ".join(reader.text).split())
    assert page.startswith("<!DOCTYPE html>") and "@media print" in page
    assert "script" not in reader.tags and reader.links == []  # self-contained: nothing fetched
    assert reader.tags.count("h1") == 1 and reader.tags.count("h2") == 5
    assert "title: " not in text  # the front matter is not shown
    assert "Agreed on 2024-04-22 · version 2" in text
    assert "Name Signature Date Rep Alex Moreno Manager Dana Reyes" in text
    assert "<title>Agreement: Alex Moreno (version 2)</title>" in page


def test_html_keeps_user_text_as_text() -> None:
    from oneonone.core.export.html import html_page

    page = html_page("# <script>alert(1)</script> & [x](javascript:y)\n", "<b>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<title>&lt;b&gt;</title>" in page
