"""The team board: each current rep's numbers against quota this period, ranked on one line.

The board is read and laid out before the screen is shown (``read_boards``, in a worker, by
the navigation service), this period's and the last's, so that ``l`` (the next line to rank
on) and ``p`` (this period or the last) only sort, never read.
``Enter`` opens the selected rep's history, where the same numbers are drawn over time.
"""

from __future__ import annotations

from collections.abc import Mapping

import pendulum
from rich.text import Text
from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from oneonone import actions
from oneonone.core.board import (
    COLUMNS,
    Board,
    Which,
    build_board,
    period_words,
    read_board_input,
    row_text,
)
from oneonone.core.export.board import board_markdown
from oneonone.core.model import Rep
from oneonone.core.store import Store
from oneonone.ports import services
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.text import plain, visible

NO_REPS = "No reps on the team yet: add one on the roster (a), then agree their quota lines."
NO_NUMBERS = (
    "No numbers this period yet: they are entered in a one-on-one (ctrl+l) against each quota "
    "line of the rep's agreement."
)


def read_boards(store: Store, today: pendulum.Date) -> dict[Which, Board]:
    """The board of this period and of the last, read from ``store`` and laid out, for a
    worker (raises StoreError): one reading of the numbers serves both."""
    data = read_board_input(store, today, Which.PREVIOUS)  # reads far enough back for both
    return {which: build_board(data, today, which=which) for which in Which}


class BoardTable(DataTable[Text]):
    """The board's rows: Enter opens the rep's history (the screen handles RowSelected)."""

    BINDINGS = actions.bindings(actions.BOARD_TABLE_ACTIONS)


class BoardScreen(Screen[None]):
    """The team board, ranked on one quota line: ``l`` ranks on the next line, ``p`` shows the
    last period, Enter opens the rep's history, Esc goes back."""

    USER_ACTIONS = actions.BOARD_ACTIONS
    BINDINGS = actions.bindings(actions.BOARD_ACTIONS)

    DEFAULT_CSS = """
    BoardScreen #board-title { height: auto; padding: 0 2; }
    BoardScreen BoardTable {
        height: auto; max-height: 1fr; border: round $surface-lighten-2; margin: 0 1;
    }
    BoardScreen BoardTable:focus { border: round $accent; }
    BoardScreen #board-empty { padding: 1 2; color: $text-muted; }
    """

    def __init__(self, boards: Mapping[Which, Board]) -> None:
        """``boards``: this period's and the last period's, laid out already (in a worker:
        ``read_boards``); ``l`` and ``p`` only choose among them and sort."""
        super().__init__()
        self.boards = dict(boards)
        self.which = Which.CURRENT
        self.board: Board = self.boards[Which.CURRENT]

    def compose(self) -> ComposeResult:
        """The header, the title, the table, the note shown when it is empty, the footer."""
        yield Header()
        yield Static("", id="board-title")
        yield BoardTable(id="board", cursor_type="row", zebra_stripes=True)
        yield Static("", id="board-empty")
        yield KeyFooter()

    def on_mount(self) -> None:
        """The board shown, the table focused."""
        self.query_one(BoardTable).focus()
        self.show()

    def show(self, keep: str | None = None) -> None:
        """Show ``board``: the title, then a row a rep (the cursor on ``keep``'s row)."""
        board = self.board
        table = self.query_one(BoardTable)
        line = board.lines.get(board.ranked_on or "", "")
        title = Text("Team board", style="bold")
        if line:
            title.append(f" · ranked on {visible(line, one_line=True)}, {period_words(board)}")
        self.query_one("#board-title", Static).update(title)
        table.clear(columns=True)
        labels = list(COLUMNS)
        if line:
            labels[2] = visible(line, one_line=True)
        for label in labels:
            table.add_column(plain(label))
        for row in board.rows:
            texts = row_text(board, row)
            style = "" if row.rank is not None else "dim"
            cells = [plain(t, style) for t in texts]
            found = row.cell(board.ranked_on or "")
            if found is not None and found.trend:
                cells[5].stylize("green" if found.trend[-1] >= 1 else "yellow")
            if found is not None and found.ratio is not None:
                cells[4].stylize("green" if found.ratio >= 1 else "yellow")
            table.add_row(*cells, key=row.rep.id)
        empty = self.query_one("#board-empty", Static)
        if not board.rows:
            empty.update(plain(NO_REPS))
        elif not board.has_numbers:
            empty.update(plain(NO_NUMBERS))
        empty.display = not board.rows or not board.has_numbers
        table.display = bool(board.rows)
        if keep is not None:
            index = next((n for n, r in enumerate(board.rows) if r.rep.id == keep), 0)
            table.move_cursor(row=index)
        self.refresh_bindings()

    @property
    def selected(self) -> Rep | None:
        """The rep under the cursor, or None."""
        try:
            row = self.query_one(BoardTable).cursor_row
        except NoMatches:
            return None
        rows = self.board.rows
        return rows[row].rep if 0 <= row < len(rows) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The registry's rules; cycling lines needs two lines at least."""
        if actions.blocked(self.USER_ACTIONS, action, selected=self.selected is not None):
            return None
        if action in ("next_line", "previous_line") and len(self.board.lines) < 2:
            return None
        return True

    def _rebuild(self, *, line: str | None = None, which: Which | None = None) -> None:
        keep = self.selected
        self.which = which or self.which
        self.board = self.boards[self.which].ranked(line or self.board.ranked_on)
        self.show(keep.id if keep else None)

    # -- actions ------------------------------------------------------------------------------

    def action_next_line(self) -> None:
        """Rank on the next quota line."""
        self._rebuild(line=self.board.next_line(1))

    def action_previous_line(self) -> None:
        """Rank on the quota line before."""
        self._rebuild(line=self.board.next_line(-1))

    def action_toggle_period(self) -> None:
        """This period's numbers, or the last period's."""
        current = self.which is Which.CURRENT
        self._rebuild(which=Which.PREVIOUS if current else Which.CURRENT)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a rep opens their history."""
        event.stop()
        self.action_history()

    def action_history(self) -> None:
        """The selected rep's history: their one-on-ones and the numbers over time."""
        rep = self.selected
        if rep is not None:
            services(self).open_history(rep)

    def action_export(self) -> None:
        """The board as shown (this period or the last, the line ranked on first) written to
        a Markdown file the user chooses; an existing file is replaced only when confirmed."""
        board = self.board
        text = board_markdown(board, settings=services(self).team.settings)
        name = f"team-board-{board.day.isoformat()}.md"

        default = services(self).export_folder() / name
        services(self).export_text(default, "the team board", text)

    def action_back(self) -> None:
        """Back to the screen before."""
        self.dismiss(None)
