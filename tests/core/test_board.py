"""The team board: each current rep's numbers against their quota lines, ranked on one line,
read through the same readings as the history's sparklines."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from oneonone.core import sessions as session_rules
from oneonone.core.board import (
    NO_AGREEMENT,
    NO_LINE,
    NO_NUMBERS,
    BoardInput,
    Which,
    build_board,
    read_board_input,
)
from oneonone.core.model import (
    Agreement,
    AgreementState,
    NumberEntry,
    Period,
    QuotaLine,
    Rep,
    RepStatus,
    Session,
    SessionKind,
    TeamSettings,
)
from oneonone.core.numbers import period_start, periods_back, readings, sparkline
from oneonone.core.store import Store

D = pendulum.Date
TODAY = D(2026, 11, 27)  # a Friday, in the fourth quarter


def rep(name: str, status: RepStatus = RepStatus.ACTIVE) -> Rep:
    return Rep(name=name, start_date=D(2024, 1, 1), status=status, id=f"rep-{name.lower()}")


def line(label: str, number: float, period: Period = Period.QUARTER, id: str = "") -> QuotaLine:
    return QuotaLine(label, number, "USD", period, id=id or f"line-{label.lower()}")


def agreed(r: Rep, *lines: QuotaLine, version: int = 1) -> Agreement:
    return Agreement(
        rep_id=r.id,
        version=version,
        state=AgreementState.AGREED,
        agreed_on=D(2026, 1, 5),
        quota_lines=list(lines),
        id=f"agr-{r.id}-{version}",
    )


def held(r: Rep, on: pendulum.DateTime, *numbers: tuple[QuotaLine, float]) -> Session:
    return Session(
        rep_id=r.id,
        kind=SessionKind.REGULAR,
        started_at=on,
        closed=True,
        numbers=[
            NumberEntry(q.id, q.label, actual, q.number, q.unit, q.period) for q, actual in numbers
        ],
    )


def at(day: pendulum.Date, hour: int = 10, tz: str = "Europe/Paris") -> pendulum.DateTime:
    return pendulum.datetime(day.year, day.month, day.day, hour, tz=tz)


ARR = line("New ARR", 100_000)
CALLS = line("Calls", 10, Period.WEEK)


def data(reps: list[Rep], agreements: list[Agreement], held_: list[Session]) -> BoardInput:
    by_rep: dict[str, list[Session]] = {}
    for s in held_:
        by_rep.setdefault(s.rep_id, []).append(s)
    return BoardInput(reps, agreements, TeamSettings(), by_rep)


def test_ranked_on_attainment_no_numbers_after_and_departed_left_out() -> None:
    ann, bob, cy, dee, eve = (rep(n) for n in ("Ann", "Bob", "Cy", "Dee", "Eve"))
    eve = rep("Eve", RepStatus.DEPARTED)
    board = build_board(
        data(
            [ann, bob, cy, dee, eve],
            [agreed(ann, ARR), agreed(bob, ARR), agreed(cy, ARR), agreed(eve, ARR)],
            [
                held(ann, at(D(2026, 11, 20)), (ARR, 80_000)),
                held(bob, at(D(2026, 11, 2)), (ARR, 120_000)),
                held(cy, at(D(2026, 9, 28)), (ARR, 150_000)),  # last quarter: none this one
                held(eve, at(D(2026, 11, 20)), (ARR, 999_000)),
            ],
        ),
        TODAY,
    )
    names = [(r.rep.name, r.rank) for r in board.rows]
    assert names == [("Bob", 1), ("Ann", 2), ("Cy", None), ("Dee", None)]
    assert board.rows[0].cell("new arr").percent == 120  # type: ignore[union-attr]
    cy_row, dee_row = board.rows[2:]
    assert cy_row.status("new arr") == NO_NUMBERS  # never zero
    assert cy_row.cell("new arr").entry is None  # type: ignore[union-attr]
    assert cy_row.cell("new arr").trend == (1.5,)  # type: ignore[union-attr]
    assert dee_row.status("new arr") == NO_AGREEMENT and not dee_row.cells


def test_period_boundaries_each_line_its_own_period() -> None:
    ann = rep("Ann")
    sunday, monday = D(2026, 11, 22), D(2026, 11, 23)
    board = build_board(
        data(
            [ann],
            [agreed(ann, ARR, CALLS)],
            [
                held(ann, at(sunday), (CALLS, 9), (ARR, 50_000)),  # last week, this quarter
                held(ann, at(D(2026, 9, 30), 23), (ARR, 90_000)),  # last day of Q3, Paris
            ],
        ),
        monday,
    )
    (row,) = board.rows
    calls, arr = row.cell("calls"), row.cell("new arr")
    assert calls is not None and arr is not None
    assert calls.entry is None and calls.start == monday  # Sunday's number was last week
    assert calls.trend == (0.9,)
    assert arr.entry is not None and arr.entry.actual == 50_000
    assert arr.start == D(2026, 10, 1) and arr.trend == (0.9, 0.5)
    # the session's own day counts, as the history's: 23:00 in Paris on 30 Sep is Q3
    assert period_start(Period.QUARTER, D(2026, 9, 30)) == D(2026, 7, 1)
    assert periods_back(Period.MONTH, D(2026, 3, 31), 1) == D(2026, 2, 1)
    assert periods_back(Period.WEEK, monday, 2) == D(2026, 11, 9)
    previous = build_board(data([ann], [agreed(ann, ARR, CALLS)], []), monday, which=Which.PREVIOUS)
    assert previous.rows[0].cell("calls").start == D(2026, 11, 16)  # type: ignore[union-attr]


def test_latest_number_of_the_period_wins_and_open_sessions_do_not_count() -> None:
    ann = rep("Ann")
    open_one = held(ann, at(D(2026, 11, 26)), (ARR, 1))
    open_one.closed = False
    board = build_board(
        data(
            [ann],
            [agreed(ann, ARR)],
            [
                held(ann, at(D(2026, 11, 12)), (ARR, 70_000)),
                held(ann, at(D(2026, 10, 8)), (ARR, 20_000)),
                open_one,
            ],
        ),
        TODAY,
    )
    cell = board.rows[0].cell("new arr")
    assert cell is not None and cell.entry is not None
    assert cell.entry.actual == 70_000 and cell.trend == (0.7,)


def test_quota_changed_mid_period_is_held_against_the_quota_agreed_now() -> None:
    ann = rep("Ann")
    raised = line("New ARR", 200_000, id=ARR.id)  # the same line, a new version's number
    v1, v2 = agreed(ann, ARR), agreed(ann, raised, version=2)
    board = build_board(
        data([ann], [v1, v2], [held(ann, at(D(2026, 11, 3)), (ARR, 100_000))]), TODAY
    )
    cell = board.rows[0].cell("new arr")
    assert cell is not None and cell.entry is not None
    assert cell.entry.target == 200_000 and cell.percent == 50  # against the quota now
    assert cell.trend == (1.0,)  # the period as it was measured then, as the history shows it


def test_lines_matched_by_name_across_reps_and_a_rep_without_the_line() -> None:
    ann, bob = rep("Ann"), rep("Bob")
    bobs_arr = line("  new   arr ", 50_000, id="bob-arr")
    board = build_board(
        data(
            [ann, bob],
            [agreed(ann, ARR, CALLS), agreed(bob, bobs_arr)],
            [
                held(ann, at(D(2026, 11, 24)), (ARR, 10_000), (CALLS, 12)),
                held(bob, at(D(2026, 11, 24)), (bobs_arr, 25_000)),
            ],
        ),
        TODAY,
        line="calls",
    )
    assert list(board.lines) == ["new arr", "calls"]  # the most shared first
    assert board.ranked_on == "calls"
    assert [(r.rep.name, r.rank, r.status("calls")) for r in board.rows] == [
        ("Ann", 1, ""),
        ("Bob", None, NO_LINE),
    ]
    assert board.next_line() == "new arr" and board.next_line(-1) == "new arr"
    reranked = board.ranked("new arr")  # a sort, not a new reading
    assert [(r.rep.name, r.rank) for r in reranked.rows] == [("Bob", 1), ("Ann", 2)]
    assert reranked.ranked("calls") == board
    on_arr = build_board(
        board_data := data([ann, bob], [agreed(ann, ARR), agreed(bob, bobs_arr)], []),
        TODAY,
        line="NEW",
    )
    assert on_arr.ranked_on == "new arr" and not on_arr.has_numbers
    assert build_board(board_data, TODAY, line="nothing").ranked_on == "new arr"


def test_equal_attainments_share_a_rank() -> None:
    ann, bob, cy = rep("Ann"), rep("Bob"), rep("Cy")
    board = build_board(
        data(
            [ann, bob, cy],
            [agreed(r, ARR) for r in (ann, bob, cy)],
            [held(r, at(D(2026, 11, 2)), (ARR, v)) for r, v in ((ann, 5), (bob, 9), (cy, 9))],
        ),
        TODAY,
    )
    assert [(r.rep.name, r.rank) for r in board.rows] == [("Bob", 1), ("Cy", 1), ("Ann", 3)]


def test_empty_team() -> None:
    board = build_board(data([], [], []), TODAY)
    assert board.rows == () and board.ranked_on is None and board.next_line() is None


def test_history_and_board_read_the_same_numbers() -> None:
    """One reading: the history's sparkline values are the board's per-session readings."""
    ann = rep("Ann")
    found = [held(ann, at(D(2026, 10, d)), (ARR, 10_000 * d)) for d in (5, 12, 19)]
    history = session_rules.attainment_history(found, ARR.id)
    read = readings(found, lambda n: n.quota_line_id == ARR.id)
    assert [(r.day, r.entry.actual / r.entry.target) for r in read] == history
    board = build_board(data([ann], [agreed(ann, ARR)], found), TODAY)
    cell = board.rows[0].cell("new arr")
    assert cell is not None and cell.entry is not None
    assert cell.entry.actual == read[-1].entry.actual
    assert sparkline([0.5, 1.0]) == "▅█"


def test_read_board_input_reads_closed_sessions_with_numbers_of_current_reps(
    tmp_path: Path,
) -> None:
    ann, eve = rep("Ann"), rep("Eve", RepStatus.DEPARTED)
    old = held(ann, at(D(2023, 1, 10)), (ARR, 1))  # before any sparkline's first period
    recent = held(ann, at(D(2026, 11, 10)), (ARR, 60_000))
    gone = held(eve, at(D(2026, 11, 10)), (ARR, 60_000))
    with Store.open(tmp_path / "team.json") as store:
        store.put_many([ann, eve, agreed(ann, ARR), agreed(eve, ARR), old, recent, gone])
        found = read_board_input(store, TODAY)
    assert {k: [s.id for s in v] for k, v in found.sessions.items()} == {ann.id: [recent.id]}
    board = build_board(found, TODAY)
    assert [r.rep.name for r in board.rows] == ["Ann"]


@pytest.mark.parametrize("which", list(Which))
def test_no_agreement_reps_only(which: Which) -> None:
    board = build_board(data([rep("Ann")], [], []), TODAY, which=which)
    assert board.rows[0].status("") == NO_AGREEMENT and board.lines == {}


def test_a_number_counts_for_the_day_it_was_held_where_the_manager_is() -> None:
    """A one-on-one at 17:30 on 31 Oct in Los Angeles is 1 Nov in UTC: its number is
    October's (the signal and the numbers form said so; the board and the history did not)."""
    from oneonone.core.model import NumberEntry, Period, Session, SessionKind
    from oneonone.core.numbers import readings

    held = pendulum.datetime(2026, 10, 31, 17, 30, tz="America/Los_Angeles").in_timezone("UTC")
    session = Session(
        rep_id="r",
        kind=SessionKind.REGULAR,
        started_at=held,
        numbers=[NumberEntry("q", "Demos", 9, 10, "demos", Period.MONTH)],
        closed=True,
    )
    (reading,) = readings([session], lambda n: True, "America/Los_Angeles")
    assert reading.day == pendulum.date(2026, 10, 31)
    assert readings([session], lambda n: True)[0].day == pendulum.date(2026, 11, 1)  # as stored
