"""The team board as a Markdown document: one table per quota line, each ranked on that line.

It opens with YAML front matter (title, date, period, manager, the lines, tags), then a
section per line (the line asked for first, then the most shared): the reps who have the line,
ranked, with their number this period (or "no numbers yet", never zero), the quota, the
attainment and a sparkline of the last periods; then the reps with no agreed agreement. Every
piece of user text (names, line names, units) goes through ``escape.inline`` / ``escape.cell``.
"""

from __future__ import annotations

from oneonone.core.agreements import format_number
from oneonone.core.board import NO_LINE, TREND_PERIODS, Board, period_words
from oneonone.core.export.escape import cell, inline
from oneonone.core.export.frontmatter import TAG, front_matter, yaml_list, yaml_string
from oneonone.core.model import TeamSettings
from oneonone.core.numbers import sparkline

LINE_HEADER = ("#", "Rep", "Number", "Quota", "%", f"Last {TREND_PERIODS} periods")
LINE_ALIGN = ("--:", ":--", "--:", "--:", "--:", ":--")


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(cells) + " |"


def board_markdown(board: Board, *, settings: TeamSettings) -> str:
    """``board`` as Markdown: the line it is ranked on first, then every other line (the
    same numbers, ranked again on each)."""
    first, day, which = board, board.day, board.which
    keys = list(first.lines)
    if first.ranked_on is not None:
        keys.remove(first.ranked_on)
        keys.insert(0, first.ranked_on)
    manager = settings.manager_name.strip()
    out = [
        front_matter(
            [
                ("title", yaml_string(f"Team board {day.isoformat()}")),
                ("date", day.isoformat()),
                ("period", yaml_string(which.value)),
                ("manager", yaml_string(manager) if manager else "null"),
                ("lines", yaml_list([first.lines[k] for k in keys])),
                ("tags", yaml_list(["board", TAG])),
            ]
        ),
        f"# Team board, {day.isoformat()}\n",
    ]
    if not first.rows:
        out.append("\n*(no reps on the team yet)*\n")
        return "".join(out)
    if not keys:
        out.append("\n*(no agreed quota lines yet)*\n")
    for key in keys:
        board = first.ranked(key)
        shown = [r for r in board.rows if r.agreement is not None and r.status(key) != NO_LINE]
        out.append(f"\n## {inline(board.lines[key])}: {period_words(board)}\n\n")
        out.append(_row(LINE_HEADER) + "\n" + _row(LINE_ALIGN) + "\n")
        for row in shown:
            found = row.cell(key)
            assert found is not None
            number = "*no numbers yet*"
            if found.entry is not None:
                number = cell(format_number(found.entry.actual))
            trend = list(found.trend)
            shown_trend = f"{sparkline(trend)} " + " · ".join(f"{v:.0%}" for v in trend)
            out.append(
                _row(
                    (
                        "" if row.rank is None else str(row.rank),
                        cell(row.rep.name),
                        number,
                        cell(f"{format_number(found.line.number)} {found.line.unit}".strip()),
                        "" if found.percent is None else f"{found.percent}%",
                        cell(shown_trend) if trend else "—",
                    )
                )
                + "\n"
            )
        missing = [r.rep.name for r in board.rows if r.agreement is not None and r not in shown]
        if missing:
            names = ", ".join(inline(n) for n in missing)
            out.append(f"\nNot their line: {names}.\n")
    waiting = [r.rep.name for r in first.rows if r.agreement is None]
    if waiting:
        out.append("\n## No agreement yet\n\n")
        out.append("".join(f"- {inline(n)}\n" for n in waiting))
    return "".join(out)


__all__ = ["LINE_ALIGN", "LINE_HEADER", "board_markdown"]
