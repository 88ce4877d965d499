"""The history's tables lay out their columns in one line per row (widgets/lined_table.py)."""

from __future__ import annotations

from rich.cells import cell_len

from oneonone.widgets.lined_table import GAP, cell, lay_out


def test_columns_are_placed_as_datatable_would_place_them_with_each_cell_style_kept() -> None:
    rows = [
        (cell("Thu 2026-11-26 10:00"), cell("open — interrupted", "yellow"), cell("3")),
        (cell("Fri 2026-11-20 15:00"), cell("closed"), cell("12 (1 withdrawn)")),
        (cell("宽字符 [b]x[/b]"), cell("\x1b[2J"), cell("")),
    ]
    laid = lay_out(("When", "State", "Invoked"), rows)
    assert laid.widths == [20, 18, 16]
    assert laid.width == 20 + 18 + 16 + 2 * len(GAP)
    assert laid.header == "When" + " " * 16 + GAP + "State" + " " * 13 + GAP + "Invoked"
    first, second, odd = laid.lines
    assert first.plain == "Thu 2026-11-26 10:00  open — interrupted  3"
    assert second.plain == "Fri 2026-11-20 15:00  closed              12 (1 withdrawn)"
    # a wide character takes two cells, markup and escapes are shown as typed
    assert odd.plain.startswith("宽字符 [b]x[/b]" + " " * 5 + GAP + "␛[2J")
    assert cell_len(odd.plain[: odd.plain.index("␛")]) == 22
    (span,) = [s for s in first.spans if s.style == "yellow"]
    assert first.plain[span.start : span.end] == "open — interrupted"


def test_an_empty_table_is_its_labels() -> None:
    laid = lay_out(("When", "Kind"), [])
    assert laid.lines == [] and laid.header == "When" + GAP + "Kind" and laid.width == 10
