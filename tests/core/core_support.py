"""Helpers shared by the data-layer tests (imported as a plain module)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pendulum

from oneonone.core.model import (
    Agreement,
    AgreementState,
    CommRule,
    ConsequenceStep,
    Period,
    QuotaLine,
    Rep,
    RepStatus,
    TeamSettings,
    Urgency,
)
from oneonone.core.store import Store

FIXED = pendulum.datetime(2026, 3, 2, 9, 30, tz="Europe/Paris")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def temp_files(folder: Path) -> list[Path]:
    """Every temp file our atomic writes could leave, anywhere under ``folder``."""
    return sorted(p for p in folder.rglob("*.tmp"))


def sample_records() -> list[object]:
    """A few reps, the settings and an agreement, with fixed ids and times."""
    ann = Rep(
        name="Ann Lee",
        start_date=pendulum.Date(2024, 1, 15),
        role="AE",
        id="rep-ann",
        created_at=FIXED,
        updated_at=FIXED,
    )
    bob = Rep(
        name="Bob Øster",
        start_date=pendulum.Date(2026, 2, 20),
        role="SDR",
        status=RepStatus.ONBOARDING,
        id="rep-bob",
        created_at=FIXED,
        updated_at=FIXED,
    )
    cy = Rep(
        name="Cy",
        start_date=pendulum.Date(2020, 5, 1),
        status=RepStatus.DEPARTED,
        departed_on=pendulum.Date(2025, 12, 31),
        id="rep-cy",
        created_at=FIXED,
        updated_at=FIXED,
    )
    settings = TeamSettings(
        manager_name="Maya", timezone="Europe/Paris", takeover_date=pendulum.Date(2025, 11, 3)
    )
    agreement = Agreement(
        rep_id="rep-ann",
        state=AgreementState.AGREED,
        agreed_on=pendulum.Date(2026, 1, 5),
        manager_name="Maya",
        quota_lines=[QuotaLine("New ARR", 120_000.0, "USD", Period.QUARTER, id="q1")],
        activity=["20 calls a day"],
        conduct=["be on time"],
        manager_commitments=["weekly 1:1"],
        comm_rules=[CommRule(Urgency.URGENT, "phone", "1h", "phone", "30m")],
        consequence_steps=[ConsequenceStep("a talk", id="s1"), ConsequenceStep("a plan", id="s2")],
        id="agr-ann-1",
        created_at=FIXED,
    )
    return [ann, bob, cy, settings, agreement]


def write_sample(path: Path) -> Path:
    """Create a valid data file at ``path`` holding ``sample_records()``."""
    with Store.open(path) as store:
        store.put_many(sample_records())
    return path


def spawn(script: Path, *args: str) -> subprocess.Popen[bytes]:
    """Run ``script`` with this interpreter, stdout and stderr piped."""
    return subprocess.Popen(
        [sys.executable, str(script), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
