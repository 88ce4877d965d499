"""Fixtures for the data-layer tests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.core_support import write_sample


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    """Where a data file goes: in a folder that does not exist yet."""
    return tmp_path / "data" / "oneonone.json"


@pytest.fixture
def sample_file(data_file: Path) -> Path:
    return write_sample(data_file)


@pytest.fixture
def zero_umask() -> Iterator[None]:
    old = os.umask(0o000)
    try:
        yield
    finally:
        os.umask(old)
