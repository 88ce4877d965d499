"""Several export files written as one (all or none), and unique names for them."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneonone.core.export.files import (
    ExportError,
    check_targets,
    unique_filenames,
    write_new_files,
)


def test_unique_names_keep_plain_names_and_mark_clashes_with_the_id() -> None:
    names = unique_filenames(
        [
            ("aaaaaaaa-1", "Sam Ito"),
            ("bbbbbbbb-2", "sam ito"),  # the same file on macOS and Windows
            ("cccccccc-3", "Jo / Park"),
            ("dddddddd-4", "../etc/passwd"),
            ("eeeeeeee-5", "CON"),
        ]
    )
    assert names == {
        "aaaaaaaa-1": "Sam-Ito-aaaaaaaa.md",
        "bbbbbbbb-2": "sam-ito-bbbbbbbb.md",
        "cccccccc-3": "Jo-Park.md",
        "dddddddd-4": "etc-passwd.md",
        "eeeeeeee-5": "CON_.md",
    }


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(st.uuids().map(str), st.text(max_size=100)), max_size=8, unique_by=lambda p: p[0]
    )
)
def test_unique_names_never_clash(pairs: list[tuple[str, str]]) -> None:
    names = unique_filenames(pairs)
    assert len({n.casefold() for n in names.values()}) == len(pairs)
    for name in names.values():
        assert "/" not in name and "\\" not in name and not name.startswith(".")
        assert len(name.encode("utf-8")) < 255


def test_all_files_written_private(tmp_path: Path) -> None:
    items = [(tmp_path / "a" / "one.md", "one"), (tmp_path / "b" / "two.md", "two")]
    write_new_files(items)
    for path, text in items:
        assert path.read_text(encoding="utf-8") == text
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_existing_files_are_refused_before_anything_is_written(tmp_path: Path) -> None:
    (tmp_path / "two.md").write_text("old", encoding="utf-8")
    items = [(tmp_path / "one.md", "one"), (tmp_path / "two.md", "two")]
    with pytest.raises(ExportError, match=r"two\.md already exists; use --force"):
        write_new_files(items)
    assert sorted(os.listdir(tmp_path)) == ["two.md"]
    write_new_files(items, force=True)
    assert (tmp_path / "two.md").read_text(encoding="utf-8") == "two"


def test_check_targets_names_a_folder_and_many_files(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="is a folder"):
        check_targets([tmp_path])
    paths = [tmp_path / f"{n}.md" for n in range(5)]
    for p in paths:
        p.write_text("x", encoding="utf-8")
    with pytest.raises(ExportError) as err:
        check_targets(paths)
    assert str(err.value) == (
        f"5 files already exist in {tmp_path} (0.md, 1.md, 2.md, ...); use --force to replace them."
    )
    check_targets(paths, force=True)


def test_the_same_target_twice_is_a_mistake(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="given twice"):
        write_new_files([(tmp_path / "a.md", "1"), (tmp_path / "." / "a.md", "2")])


def test_a_folder_that_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(ExportError, match="Cannot create the folder"):
        write_new_files([(tmp_path / "ok" / "a.md", "1"), (tmp_path / "file" / "x" / "b.md", "2")])
    assert sorted(os.listdir(tmp_path)) == ["file"]


def test_a_failed_temp_write_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_write = os.write
    calls: list[int] = []

    def second_fails(fd: int, data: Any) -> int:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", second_fails)
    with pytest.raises(ExportError, match=r"Cannot write .*b\.md: the disk is full\."):
        write_new_files([(tmp_path / "new" / "a.md", "1"), (tmp_path / "new" / "b.md", "2")])
    assert os.listdir(tmp_path) == []
