"""The demo team written to a file of its own (``oneonone --demo``, tests, benchmarks)."""

from __future__ import annotations

from pathlib import Path

import pendulum

from oneonone.core.store import Store
from oneonone.demo.generator import generate

DEMO_FILE_NAME = "demo.json"


def demo_file(
    folder: Path,
    *,
    reps: int,
    years: float,
    today: pendulum.Date,
    seed: int = 7,
    sessions_per_week: float = 1.0,
) -> Path:
    """Create (or replace) ``folder/demo.json`` holding a generated team; return its path."""
    path = Path(folder) / DEMO_FILE_NAME
    path.unlink(missing_ok=True)
    store = Store.open(path)
    try:
        generate(
            store,
            reps=reps,
            years=years,
            today=today,
            seed=seed,
            sessions_per_week=sessions_per_week,
        )
    finally:
        store.close()
    return path
