"""Two reps with the same id (a hand edit, two copies of a file merged): every record is found
by the rep's id, so `export sessions` would put one rep's notes under the other's name, and
with --out DIR stopped on two files for one id. It refuses, naming both, and writes nothing;
a rep whose id is their own still exports."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from oneonone.cli import main
from oneonone.core.model import Rep, Session, SessionKind, TeamSettings
from oneonone.core.store import Store

ANN, BO = "aaaaaaaa-1111", "bbbbbbbb-2222"


@pytest.fixture
def clash(tmp_path: Path) -> Path:
    """Ann and Bo hold the same id in the reps table; Cy has her own."""
    path = tmp_path / "team.json"
    at = pendulum.datetime(2026, 3, 2, 10, tz="UTC")
    start = pendulum.Date(2024, 1, 8)
    reps = [Rep("Ann Lee", start, id=ANN), Rep("Bo Chen", start, id=BO), Rep("Cy Roe", start)]
    logs = [
        Session(r.id, SessionKind.REGULAR, started_at=at, closed=True, notes=r.name) for r in reps
    ]
    with Store.open(path) as store:
        store.put_many([TeamSettings(manager_name="Dana", timezone="UTC"), *reps, *logs])
    lines = path.read_text("utf-8").split("\n")
    path.write_text(
        "\n".join(line.replace(BO, ANN) if line.startswith('"reps"') else line for line in lines),
        "utf-8",
    )
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["--out", "{tmp}/out"],
        ["--out", "{tmp}/all.md", "--combined"],
        [],
        ["--rep", "Bo"],
    ],
)
def test_reps_sharing_an_id_are_named_and_nothing_is_written(
    clash: Path, tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    before = clash.read_bytes()
    assert main(["export", "sessions", *argv, "--db", str(clash)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("oneonone: Ann Lee and Bo Chen have the same id aaaaaaaa-1111")
    assert err.count("\n") == 1 and "nothing was exported" in err
    assert not (tmp_path / "out").exists() and not (tmp_path / "all.md").exists()
    assert clash.read_bytes() == before


def test_a_rep_with_an_id_of_their_own_still_exports(
    clash: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "cy.md"
    assert (
        main(["export", "sessions", "--rep", "Cy", "--out", str(target), "--db", str(clash)]) == 0
    )
    assert "Cy Roe" in target.read_text("utf-8")
