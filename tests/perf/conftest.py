"""The Pilot fixtures of tests/ui (a temporary data file), for the perf mechanisms' app tests."""

from __future__ import annotations

from tests.ui.conftest import data_file, store

__all__ = ["data_file", "store"]
