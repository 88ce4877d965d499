"""Safe file names and writing an export file."""

from __future__ import annotations

import stat
import unicodedata
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from oneonone.core.export.files import (
    WINDOWS_RESERVED,
    ExportError,
    safe_filename,
    write_new_file,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Alex Moreno", "Alex-Moreno"),
        ("José Núñez", "José-Núñez"),
        ("李小龍", "李小龍"),
        ("../../etc/passwd", "etc-passwd"),
        ("..", "rep"),
        ("...hidden", "hidden"),
        (".bashrc", "bashrc"),
        ('a/b\\c:d*e?f"g<h>i|j', "a-b-c-d-e-f-g-h-i-j"),
        ("tab\there\nnewline\x00nul", "tab-here-newline-nul"),
        ("\u202eevil\u202dgpj.exe", "evil-gpj.exe"),
        ("CON", "CON_"),
        ("nul", "nul_"),
        ("com1.backup", "com1_.backup"),
        ("LPT9", "LPT9_"),
        ("Console", "Console"),
        ("", "rep"),
        ("   ", "rep"),
        ("👩🏽‍💼", "rep"),
        ("name.", "name"),
        ("x" * 200, "x" * 80),
        ("Ｆｕｌｌ／ｗｉｄｔｈ", "Full-width"),
        ("O'Brien & Sons", "O-Brien-Sons"),
    ],
)
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


def test_the_fallback() -> None:
    assert safe_filename("///", fallback="agreement") == "agreement"
    assert safe_filename("///", fallback="../..") == "rep"


@settings(max_examples=300, deadline=None)
@given(st.text(), st.text())
@example("..\\..\\", "")
@example("COM1", "x")
@example("\U00020000" * 100, "")
def test_safe_filename_is_always_safe(name: str, fallback: str) -> None:
    got = safe_filename(name, fallback)
    assert got
    assert 0 < len(got) <= 80 and len(got.encode("utf-8")) <= 200
    assert "/" not in got and "\\" not in got and ".." not in got
    assert not got.startswith((".", "-", " ")) and not got.endswith((".", " "))
    assert not any(unicodedata.category(c).startswith(("C", "Z")) for c in got)
    assert got.split(".")[0].upper() not in WINDOWS_RESERVED
    assert safe_filename(got) == got  # stable


def test_write_new_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "x.md"
    write_new_file(target, "héllo\n")
    assert target.read_text(encoding="utf-8") == "héllo\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a" / "b").stat().st_mode) == 0o700
    with pytest.raises(ExportError, match=r"x\.md already exists; use --force to replace it\."):
        write_new_file(target, "other")
    write_new_file(target, "other", force=True)
    assert target.read_text(encoding="utf-8") == "other"


def test_write_new_file_refuses_a_folder_and_a_dangling_link(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a folder"):
        write_new_file(tmp_path, "x", force=True)
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "missing.md")
    with pytest.raises(ExportError, match="already exists"):
        write_new_file(link, "x")


def test_write_new_file_under_a_file_fails_cleanly(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="Cannot create the folder for"):
        write_new_file(tmp_path / "plain" / "sub" / "x.md", "x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain"]


def test_lone_surrogates_do_not_crash_a_write(tmp_path: Path) -> None:
    write_new_file(tmp_path / "x.md", "a\ud800b")
    assert (tmp_path / "x.md").read_bytes() == b"a?b"
