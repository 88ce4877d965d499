"""A read-only table whose columns are laid out beforehand, each row as one line of text.

DataTable renders every visible cell through Rich on its own (padding, styles, cropping): for
a rep's history, 30 rows of 6 cells were 180 renders and half the time of the screen's first
frame. Here each row is a single cell in which the columns are already placed, each as wide
as its label or its widest cell and two spaces apart, as DataTable places its own columns
(``cell_padding`` 1 on each side): the same text on the screen, one render per row. The header
is laid out the same way. The rows are made and laid out off the UI thread (``lay_out``);
the table only shows them (``LinedTable.show``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Span, Text
from textual.widgets import DataTable

from oneonone.widgets.text import plain, visible

GAP = "  "


class Cell(Text):
    """A table cell of a column of fixed width. DataTable measures each cell it is given, to
    size columns of automatic width, through the console (13 µs a cell); a cell with no
    ``__rich_measure__`` it counts as 1 wide, at once, and a fixed width does not use that
    count. The cell renders as the Text it is."""

    __rich_measure__ = None  # type: ignore[assignment]


def cell(text: str, style: str = "") -> Cell:
    """``plain``, as a Cell: never read as markup, control characters shown, not obeyed."""
    return Cell(visible(text), style=style, no_wrap=False)


Row = tuple[Cell, ...]


def column_widths(labels: Sequence[str], rows: Sequence[Row]) -> list[int]:
    """Each column as wide as its label or its widest cell."""
    widths = [cell_len(label) for label in labels]
    for row in rows:
        for n, value in enumerate(row):
            width = cell_len(value.plain)
            if width > widths[n]:
                widths[n] = width
    return widths


@dataclass(frozen=True)
class Laid:
    """A table laid out: its header and one line per row, ``widths`` the columns'."""

    header: str
    lines: list[Cell]
    widths: list[int]

    @property
    def width(self) -> int:
        """The whole width of a row: its columns and the gaps between them."""
        return sum(self.widths) + len(GAP) * (len(self.widths) - 1)


def lay_out(labels: Sequence[str], rows: Sequence[Row]) -> Laid:
    """Each row as one Cell, its columns placed as ``column_widths`` has them; every cell
    keeps its own style. A row is one line: a line feed in a cell shows as a space. (The
    line's text and spans are put together here: Rich's ``Text.append`` per piece was most
    of the time, 12 ms for a rep's 311 one-on-ones.)"""
    widths = column_widths(labels, rows)
    last = len(widths) - 1
    header = GAP.join(
        label if n == last else label + " " * (widths[n] - cell_len(label))
        for n, label in enumerate(labels)
    )
    lines = []
    for row in rows:
        parts: list[str] = []
        spans: list[Span] = []
        at = 0
        for n, value in enumerate(row):
            if n:
                parts.append(GAP)
                at += len(GAP)
            text = value.plain
            parts.append(text)
            end = at + len(text)
            if value.style:
                spans.append(Span(at, end, value.style))
            spans.extend(Span(at + s.start, at + s.end, s.style) for s in value.spans)
            at = end
            if n != last:
                pad = widths[n] - cell_len(text)
                parts.append(" " * pad)
                at += pad
        lines.append(Cell("".join(parts).replace("\n", " "), spans=spans, no_wrap=False))
    return Laid(header, lines, widths)


class LinedTable(DataTable[Text]):
    """A DataTable of one column, for rows laid out by ``lay_out``."""

    _laid: Laid | None = None

    def show(self, laid: Laid) -> None:
        """Show ``laid`` in place of what was shown, the cursor kept on the same row number
        (or the last row). The same table again (home after most saves) is left as it is:
        rows replaced make DataTable paint all of them again, and a column replaced makes
        the screen lay out and paint every widget (~15 ms with a hundred reps)."""
        if laid == self._laid:
            return
        keep = self.cursor_row
        self.start(laid)
        self.add_lines(laid.lines)
        self._laid = laid
        if laid.lines:
            self.move_cursor(row=min(keep, len(laid.lines) - 1))

    def start(self, laid: Laid) -> None:
        """No rows, and the header of ``laid``: its lines are added with ``add_lines``."""
        shown = self._laid
        self._laid = None
        if shown is not None and (shown.header, shown.width) == (laid.header, laid.width):
            self.clear()
            return
        self.clear(columns=True)
        self.add_column(plain(laid.header), width=laid.width)

    def add_lines(self, lines: Sequence[Cell]) -> None:
        """Add each of ``lines`` as a row."""
        for line in lines:
            self.add_row(line)
