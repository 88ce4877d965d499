"""The team board: each current rep's numbers against each quota line of their agreement,
ranked on one line (DOMAIN.md, habit 9: the board is only fair when everyone on it is held to
the same numbers).

For each current (not departed) rep and each quota line of their latest agreed agreement, the
board shows the number of the line's period that holds the board's day (a week, a month, a
quarter: each line its own period), taken from the latest closed one-on-one of that period
that recorded it, against the line's quota as agreed now, with its attainment; and the
attainment of each of the last ``TREND_PERIODS`` periods (the latest number of each, as it was
measured then) for a sparkline. The numbers are read through ``numbers.readings``, the one
reading the history's sparklines use.

- Lines are matched across reps by name (case and spacing ignored): reps may have different
  lines; a rep without the line ranked on is shown so, and unranked.
- A rep with no number for the line this period has "no numbers yet", never zero: unranked,
  after those ranked.
- A rep with no agreed agreement is on the board with no lines.
- A quota changed in the middle of a period (a new version agreed): the period's number is
  held against the quota agreed now; the sparkline keeps each period as measured then.

Pure functions of the records and the day; ``read_board_input`` reads the store (in a worker,
or the command line).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any

import pendulum

from oneonone.core import codec
from oneonone.core.agreements import current_documents, format_number, latest_agreed
from oneonone.core.codec import datetime_from_iso
from oneonone.core.model import Agreement, NumberEntry, QuotaLine, Rep, Session, TeamSettings
from oneonone.core.numbers import Reading, period_start, periods_back, readings, sparkline
from oneonone.core.sessions import attainment, attainment_percent
from oneonone.core.store import Store

#: How many periods the sparkline of a line goes back (the board's own period included).
TREND_PERIODS = 8

NO_NUMBERS = "no numbers yet"
NO_LINE = "not their line"
NO_AGREEMENT = "no agreement yet"


class Which(StrEnum):
    """Which period of each line the board shows: the one holding the day, or the one before."""

    CURRENT = "current"
    PREVIOUS = "previous"


@lru_cache(maxsize=4096)
def line_key(label: str) -> str:
    """A quota line's name as lines are matched across reps: case and spacing ignored."""
    return " ".join(label.split()).casefold()


@dataclass(frozen=True)
class BoardCell:
    """One rep's number on one quota line for the board's period: ``entry`` is the latest
    number of the period against the line as agreed now (None: no numbers yet), ``trend``
    the attainment of each of the last periods that have a number, oldest first."""

    line: QuotaLine
    start: pendulum.Date
    entry: NumberEntry | None
    trend: tuple[float, ...] = ()

    @property
    def ratio(self) -> float | None:
        """Actual over quota (1.0 is on quota); None without numbers or with a quota of 0."""
        return None if self.entry is None else attainment(self.entry)

    @property
    def percent(self) -> int | None:
        """Attainment as a whole percentage, as every screen shows it (never 100 below quota)."""
        return None if self.entry is None else attainment_percent(self.entry)


@dataclass(frozen=True)
class BoardRow:
    """A rep on the board: their agreement (None: none agreed yet), their lines by
    ``line_key``, and their rank on the line ranked on (None: unranked)."""

    rep: Rep
    agreement: Agreement | None
    cells: Mapping[str, BoardCell] = field(default_factory=dict)
    rank: int | None = None

    def cell(self, key: str) -> BoardCell | None:
        """The rep's cell on the line named by ``key`` (a ``line_key``), if they have it."""
        return self.cells.get(key)

    def status(self, key: str) -> str:
        """Why the rep is unranked on ``key``: no agreement, no such line, no numbers yet
        ("" when ranked or ranked-able)."""
        if self.agreement is None:
            return NO_AGREEMENT
        found = self.cells.get(key)
        if found is None:
            return NO_LINE
        if found.entry is None:
            return NO_NUMBERS
        return ""


@dataclass(frozen=True)
class Board:
    """The board on ``day``: the lines across the team (``lines``: key to the name shown,
    the most shared first), the line ranked on, and the rows, ranked first."""

    day: pendulum.Date
    which: Which
    lines: Mapping[str, str]
    ranked_on: str | None
    rows: tuple[BoardRow, ...]

    @property
    def has_numbers(self) -> bool:
        """Whether any rep has a number on any line this period."""
        return any(c.entry is not None for r in self.rows for c in r.cells.values())

    def next_line(self, step: int = 1) -> str | None:
        """The line after (``step`` 1) or before (-1) the one ranked on, round the lines."""
        keys = list(self.lines)
        if not keys:
            return None
        at = keys.index(self.ranked_on) if self.ranked_on in keys else -step
        return keys[(at + step) % len(keys)]

    def ranked(self, line: str | None) -> Board:
        """The same board ranked on the line named ``line`` (a name or a ``line_key``; None
        or unknown: the line most reps have). Only the order and the ranks change: cycling
        the line ranked on costs a sort, not a reading of the numbers again."""
        chosen = self.line_named(line) if line else None
        if chosen is None:
            chosen = next(iter(self.lines), None)
        return replace(self, ranked_on=chosen, rows=tuple(_ranked(list(self.rows), chosen)))

    def line_named(self, name: str) -> str | None:
        """The key of the line called ``name`` (case and spacing ignored; a unique prefix is
        enough), or None."""
        wanted = line_key(name)
        if not wanted:
            return None
        if wanted in self.lines:
            return wanted
        starting = [k for k in self.lines if k.startswith(wanted)]
        return starting[0] if len(starting) == 1 else None


@dataclass(frozen=True)
class BoardInput:
    """What the board is made from: the reps, their current agreements, the settings, and
    their closed one-on-ones with numbers (by rep id) from ``since`` on."""

    reps: list[Rep]
    agreements: list[Agreement]
    settings: TeamSettings
    sessions: Mapping[str, Sequence[Session]]
    since: pendulum.Date | None = None


def board_day(day: pendulum.Date, which: Which, line: QuotaLine) -> pendulum.Date:
    """A day inside the period of ``line`` the board shows: ``day`` itself, or the last day
    of the period before."""
    if which is Which.CURRENT:
        return day
    return period_start(line.period, day).subtract(days=1)


def _cell(line: QuotaLine, found: Sequence[Reading], day: pendulum.Date) -> BoardCell:
    """The rep's cell on ``line`` for the period holding ``day``, from the line's readings."""
    start = period_start(line.period, day)
    first = periods_back(line.period, day, TREND_PERIODS - 1)
    latest: dict[pendulum.Date, Reading] = {}  # period start -> its latest reading
    for r in found:  # oldest first: the latest of a period wins
        if first <= r.day <= day:
            latest[period_start(line.period, r.day)] = r
    trend = []
    for period in sorted(latest):
        ratio = attainment(latest[period].entry)
        if ratio is not None:
            trend.append(ratio)
    now = latest.get(start)
    entry = None
    if now is not None:
        entry = replace(
            now.entry,
            quota_line_id=line.id,
            label=line.label,
            target=line.number,
            unit=line.unit,
            period=line.period,
        )
    return BoardCell(line, start, entry, tuple(trend))


def rep_cells(
    agreement: Agreement,
    sessions: Iterable[Session],
    day: pendulum.Date,
    which: Which,
    timezone: str | None = None,
) -> dict[str, BoardCell]:
    """The rep's cells, one per quota line of ``agreement`` (by ``line_key``; of two lines of
    the same name, the first); each number dated where the manager is (``timezone``)."""
    held = list(sessions)
    cells: dict[str, BoardCell] = {}
    for line in agreement.quota_lines:
        key = line_key(line.label)
        if not key or key in cells:
            continue

        def match(n: NumberEntry, line: QuotaLine = line, key: str = key) -> bool:
            return n.quota_line_id == line.id or line_key(n.label) == key

        cells[key] = _cell(line, readings(held, match, timezone), board_day(day, which, line))
    return cells


def _ranked(rows: list[BoardRow], key: str | None) -> list[BoardRow]:
    """``rows`` ranked on ``key``: best attainment first (equal attainments share a rank),
    then those with no numbers yet, then those without the line, then those with no
    agreement; by name within each."""

    def ratio(row: BoardRow) -> float | None:
        found = row.cells.get(key) if key else None
        return found.ratio if found is not None else None

    def order(row: BoardRow) -> tuple[int, float, str, str]:
        value = ratio(row)
        status = row.status(key) if key else NO_LINE
        group = {"": 0, NO_NUMBERS: 1, NO_LINE: 2, NO_AGREEMENT: 3}.get(status, 1)
        if group == 0 and value is None:
            group = 1  # a quota of 0: a number, but nothing to rank it by
        return (group, -(value or 0.0), row.rep.name.casefold(), row.rep.id)

    ordered = sorted(rows, key=order)
    out: list[BoardRow] = []
    previous: tuple[float, int] | None = None
    for n, row in enumerate(ordered, 1):
        value = ratio(row)
        rank = None
        if value is not None:
            rank = previous[1] if previous is not None and previous[0] == value else n
            previous = (value, rank)
        out.append(replace(row, rank=rank))
    return out


def build_board(
    data: BoardInput,
    day: pendulum.Date,
    *,
    line: str | None = None,
    which: Which = Which.CURRENT,
) -> Board:
    """The board on ``day``, ranked on the line named ``line`` (a name or a ``line_key``;
    None or unknown: the line most reps have)."""
    rows: list[BoardRow] = []
    counts: dict[str, int] = {}
    names: dict[str, str] = {}
    for rep in sorted(data.reps, key=lambda r: (r.name.casefold(), r.id)):
        if not rep.is_current:
            continue
        agreement = latest_agreed(data.agreements, rep.id)
        if agreement is None:
            rows.append(BoardRow(rep, None))
            continue
        cells = rep_cells(
            agreement, data.sessions.get(rep.id, ()), day, which, data.settings.timezone
        )
        for key, c in cells.items():
            counts[key] = counts.get(key, 0) + 1
            names.setdefault(key, " ".join(c.line.label.split()))
        rows.append(BoardRow(rep, agreement, cells))
    order = sorted(names, key=lambda k: -counts[k])  # stable: first seen first among equals
    lines = {k: names[k] for k in order}
    return Board(day, which, lines, None, tuple(rows)).ranked(line)


# -- as text: the app, the command line and the Markdown export show the same ---------------------

#: The columns of the board as text, in order.
COLUMNS = ("#", "Rep", "Number", "Quota", "%", "Trend", "Other lines")


def period_words(board: Board) -> str:
    """``this quarter (since 2026-10-01)`` for the line ranked on ("" without lines)."""
    line = next(
        (c.line for r in board.rows if (c := r.cell(board.ranked_on or "")) is not None), None
    )
    if line is None:
        return ""
    start = period_start(line.period, board_day(board.day, board.which, line))
    which = "this" if board.which is Which.CURRENT else "last"
    return f"{which} {line.period.value} (since {start.isoformat()})"


def row_text(board: Board, row: BoardRow) -> tuple[str, ...]:
    """One row of the board as the texts of ``COLUMNS``: the rank, the rep, the number on
    the line ranked on (or why there is none), its quota and attainment, the sparkline of
    the last periods, and the rep's other lines' attainments."""
    key = board.ranked_on or ""
    found = row.cell(key)
    status = row.status(key)
    number = status or (format_number(found.entry.actual) if found and found.entry else "")
    quota = percent = trend = ""
    if found is not None:
        quota = f"{format_number(found.line.number)} {found.line.unit}".strip()
        percent = "" if found.percent is None else f"{found.percent}%"
        trend = sparkline(list(found.trend), TREND_PERIODS)
    others = []
    for other_key, c in row.cells.items():
        if other_key == key:
            continue
        shown = "none yet" if c.entry is None else "–" if c.percent is None else f"{c.percent}%"
        others.append(f"{board.lines.get(other_key, c.line.label)} {shown}")
    rank = "" if row.rank is None else str(row.rank)
    return (rank, row.rep.name, number, quota, percent, trend, " · ".join(others))


def board_rows(board: Board) -> list[tuple[str, ...]]:
    """Every row of the board as text (``row_text``), ranked first."""
    return [row_text(board, r) for r in board.rows]


# -- reading ------------------------------------------------------------------------------------


def board_since(agreements: Iterable[Agreement], day: pendulum.Date, which: Which) -> pendulum.Date:
    """The first day the board can need a number from: the start of the oldest period of any
    current line's sparkline (a day earlier, for one-on-ones held in another offset)."""
    first = day
    for a in agreements:
        for line in a.quota_lines:
            at = periods_back(line.period, board_day(day, which, line), TREND_PERIODS - 1)
            first = min(first, at)
    return first.subtract(days=1)


#: The fields of a stored one-on-one that the board reads (the rest keep their defaults).
_NUMBERS_FIELDS = ("id", "rep_id", "kind", "started_at", "ended_at", "closed", "numbers")


def _started(doc: Mapping[str, Any]) -> pendulum.DateTime | None:
    try:
        return datetime_from_iso(str(doc.get("started_at")))
    except (TypeError, ValueError):
        return None


def read_board_input(store: Store, day: pendulum.Date, which: Which = Which.CURRENT) -> BoardInput:
    """What the board needs, read from ``store``: the reps, each rep's current agreements,
    and the closed one-on-ones with numbers of the current reps held since ``board_since``
    (scanned undecoded, only those decoded; a damaged one is left out). Raises StoreError.
    Off the UI thread."""
    reps = store.all(Rep)
    agreements = store.pick(Agreement, current_documents, superseded=False)
    current = {r.id for r in reps if r.is_current}
    agreed = [a for a in agreements if a.rep_id in current and a.is_agreed]
    since = board_since(agreed, day, which)
    cutoff = pendulum.datetime(since.year, since.month, since.day, tz="UTC") - timedelta(days=1)
    found: dict[str, list[Session]] = {}
    for doc in store.documents(Session, damaged=[]):
        rep_id = doc.get("rep_id")
        if not isinstance(rep_id, str) or rep_id not in current:
            continue
        if doc.get("closed") is not True or not doc.get("numbers"):
            continue
        started = _started(doc)
        if started is None or started < cutoff:
            continue
        try:  # only what the numbers need: the notes and steps are most of a document
            session = codec.decode(Session, {k: doc[k] for k in _NUMBERS_FIELDS if k in doc})
        except Exception:  # a damaged record: the store names it where it reads it
            continue
        found.setdefault(rep_id, []).append(session)
    return BoardInput(reps, agreements, store.settings(), found, since)


__all__ = [
    "COLUMNS",
    "NO_AGREEMENT",
    "NO_LINE",
    "NO_NUMBERS",
    "TREND_PERIODS",
    "Board",
    "BoardCell",
    "BoardInput",
    "BoardRow",
    "Which",
    "board_day",
    "board_rows",
    "board_since",
    "build_board",
    "line_key",
    "period_words",
    "read_board_input",
    "rep_cells",
    "row_text",
]
