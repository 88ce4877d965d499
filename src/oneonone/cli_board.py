"""``oneonone board`` and ``oneonone export board``: the team board without the app.

Both only read: the data file is opened read-only (nothing written, not even a lock), so they
work while the app is open. "Today" is the manager's, in the timezone of their settings. On a
terminal the board is a table (colours off with ``NO_COLOR``, as Rich honours it); through a
pipe, plain aligned columns. Every problem is one line on stderr starting "oneonone: ", exit
code 1 (argparse's usage errors exit 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from oneonone.cli_common import Refused, open_data_file, run_reporting, say, write_out, write_stdout
from oneonone.core.text import visible
from oneonone.paths import DB_ENV

if TYPE_CHECKING:
    import pendulum

    from oneonone.core.board import Board, BoardInput, Which

NO_REPS = "No reps on the team yet: add them in the app (a on the roster)."
PERIODS = ("current", "previous")


def _options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--line",
        metavar="NAME",
        help="the quota line to rank on (its name or the start of it; default: the line most "
        "reps have)",
    )
    parser.add_argument(
        "--period",
        choices=PERIODS,
        default="current",
        help="current (default): each line's period holding today (its week, month or "
        "quarter); previous: the period before",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"data file to read (default: ${DB_ENV} or the user data folder)",
    )


def add_board_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The ``board`` subcommand and its options."""
    board = sub.add_parser(
        "board",
        help="print the team board: each rep's numbers against quota, ranked",
        description="Print the team board: each current rep's latest number on each quota line "
        "of their agreement for the line's period, against the quota, with the attainment, the "
        "last periods as a sparkline and the rank on one line. A rep with no number this period "
        "shows 'no numbers yet', not zero. Reads only; works while the app is open.",
        epilog="Example: oneonone board --line 'new arr' --period previous",
    )
    _options(board)


def add_board_export(kinds: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """``export board``: the board as Markdown, one table per quota line."""
    export = kinds.add_parser(
        "board",
        help="the team board, one table per quota line",
        description="Write the team board as Markdown: one table per quota line (the one "
        "given with --line first), each rep ranked on it with their number this period, the "
        "quota, the attainment and the last periods.",
        epilog="Example: oneonone export board --out board.md",
    )
    export.add_argument(
        "--out", metavar="FILE", help="write to FILE instead of standard output ('-': stdout)"
    )
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    _options(export)


def _read(path: Path, period: str) -> tuple[BoardInput, pendulum.Date, Which]:
    """What the board needs, and the manager's today."""
    from oneonone.core.board import Which, read_board_input
    from oneonone.core.dates import is_valid_timezone, today_in

    which = Which(period)
    store = open_data_file(path)
    try:
        settings = store.settings()
        if not is_valid_timezone(settings.timezone):
            raise Refused(
                f"the timezone in your settings ({settings.timezone!r}) is not one I know; "
                "fix it in the app's settings."
            )
        today = today_in(settings.timezone)
        data = read_board_input(store, today, which)
    finally:
        store.close()
    return data, today, which


def _board(data: BoardInput, today: pendulum.Date, which: Which, line: str | None) -> Board:
    """The board ranked on ``line``; a line that is none of the team's is refused."""
    from oneonone.core.board import build_board

    board = build_board(data, today, line=line, which=which)
    if line is not None and board.line_named(line) is None:
        known = ", ".join(board.lines.values()) or "none yet"
        raise Refused(f"no quota line of the team is called {line!r}; the lines: {known}.")
    return board


def run_board(args: argparse.Namespace, path: Path) -> int:
    """``oneonone board``: the board printed; returns the exit code."""

    def command() -> int:
        data, today, which = _read(path, args.period)
        board = _board(data, today, which, args.line)
        if not board.rows:
            say(NO_REPS)
            return 0
        if sys.stdout.isatty():
            _print_table(board)
        else:
            write_stdout(plain_board(board))
        return 0

    return run_reporting(command, path)


def export_board(args: argparse.Namespace, path: Path) -> int:
    """``oneonone export board``: the board as Markdown, to stdout or a new file."""
    from oneonone.core.export.board import board_markdown

    data, today, which = _read(path, args.period)
    board = _board(data, today, which, args.line)  # an unknown line refused
    text = board_markdown(board, settings=data.settings)
    what = f"the team board of {today.isoformat()}"
    return write_out(text, args.out, force=args.force, what=what)


def _title(board: Board) -> str:
    from oneonone.core.board import period_words

    line = board.lines.get(board.ranked_on or "")
    head = f"Team board, {board.day.isoformat()}"
    return f"{head}: ranked on {line}, {period_words(board)}" if line else head


def plain_board(board: Board) -> str:
    """The board as plain text: a title line, then the columns aligned, one rep a line."""
    from oneonone.core.board import COLUMNS, board_rows

    labels = list(COLUMNS)
    labels[2] = board.lines.get(board.ranked_on or "", labels[2])
    rows = [tuple(visible(c, one_line=True) for c in row) for row in board_rows(board)]
    table = [tuple(labels), *rows]
    widths = [max(len(r[c]) for r in table) for c in range(len(labels))]
    lines = [visible(_title(board), one_line=True)]
    for row in table:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    return "\n".join(lines) + "\n"


def _print_table(board: Board) -> None:
    """The board as a Rich table on a terminal; the other lines' column only where it fits
    (100 columns and more)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from oneonone.core.board import COLUMNS, row_text

    console = Console()
    wide = console.width >= 100
    table = Table(
        title=Text(visible(_title(board), one_line=True)),  # plain: a line may be "[/b]ARR"
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        caption=None if wide else "(the other lines: a wider terminal, or --line NAME)",
        caption_justify="left",
    )
    labels = list(COLUMNS if wide else COLUMNS[:6])
    labels[2] = board.lines.get(board.ranked_on or "", labels[2])
    for n, label in enumerate(labels):
        table.add_column(
            Text(visible(label, one_line=True)),
            no_wrap=n < 6,
            justify="right" if n in (0, 2, 3, 4) else "left",
        )
    for row in board.rows:
        texts = row_text(board, row)[: len(labels)]
        style = "" if row.rank is not None else "dim"
        # Text(), not markup: names and lines are the user's text, "[x]" included.
        cells = [Text(visible(t, one_line=True), style=style) for t in texts]
        found = row.cell(board.ranked_on or "")
        if found is not None and found.ratio is not None:
            cells[4].stylize("green" if found.ratio >= 1 else "yellow")
        if wide:
            cells[6] = Text(visible(texts[6], one_line=True).replace(" · ", "\n"), style="dim")
        table.add_row(*cells)
    console.print(table)


__all__ = ["add_board_export", "add_board_parser", "export_board", "plain_board", "run_board"]
