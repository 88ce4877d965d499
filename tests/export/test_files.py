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


# --- long names: linear, and the same name as the plain definition gives ----------------------


def reference_filename(name: str) -> str:
    """safe_filename as first written (a character at a time: quadratic on a long name),
    kept as the definition the fast one must agree with."""
    import re

    text = unicodedata.normalize("NFKC", name.encode("utf-8", "replace").decode("utf-8"))
    kept = "".join(
        c if c in "._" or unicodedata.category(c).startswith(("L", "N", "M")) else "-" for c in text
    )
    kept = re.sub(r"\.{2,}", ".", re.sub(r"[-\s]+", "-", kept)).strip(".-_ ")
    while len(kept) > 80 or len(kept.encode("utf-8")) > 200:
        kept = kept[:-1].rstrip(".-_ ")
    if kept.split(".", 1)[0].upper() in WINDOWS_RESERVED:
        kept = kept + "_" if "." not in kept else kept.replace(".", "_.", 1)
    return kept or "rep"


LONG_PIECES = st.sampled_from(
    [
        "Kim",
        "é",
        "e\u0301",
        "\u0301",
        " ",
        "-",
        ".",
        "..",
        "_",
        "—",
        "👩🏽‍💼",
        "漢字",
        "/",
        "\x00",
        "ﬁ",
    ]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(LONG_PIECES, max_size=400).map("".join))
@example("—" * 2000 + "Kim")
@example("Kim " + "." * 500 + "Lee")
@example("é" * 79 + "\U00020000" * 30)
def test_safe_filename_agrees_with_the_plain_definition(name: str) -> None:
    assert safe_filename(name) == reference_filename(name)


def test_a_5_mb_name_is_cut_to_80_characters() -> None:
    """Issue 16: cutting a character at a time made a 1 MB name take 12 s, 5 MB never ended.
    Measured by hand (2 shared cores): safe_filename on a 1 MB name 71.6 s before, 0.03 s
    after; on 5 MB killed after 90 s before, 0.09 s after. The whole `export sessions --out
    DIR` of a team with a 1 MB name now takes 3.1 s, 10.7 s for 5 MB (the Markdown keeps the
    name whole: linear passes over it)."""
    letters = "Kim Lee é " * 500_000  # 5 MB
    assert safe_filename(letters) == reference_filename(letters[:1000])
    assert len(safe_filename("é" * 5_000_000).encode()) == 160
    assert safe_filename("—" * 300_000 + "Kim Lee") == "Kim-Lee"  # read to the end
