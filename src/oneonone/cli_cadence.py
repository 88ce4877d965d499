"""``oneonone agenda`` and ``oneonone calendar``: the cadence without the app.

Both only read: the data file is opened read-only when the app holds it, and reviews that
the app would schedule (``schedule.ensure_reviews``) are worked out in memory, never saved.
"Today" is the manager's, in the timezone of their settings. Every problem is one line on
stderr starting "oneonone: ", exit code 1 (argparse's usage errors exit 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from oneonone.cli_common import (
    Refused,
    complain,
    open_data_file,
    run_reporting,
    say,
    write_stdout,
)
from oneonone.core.text import visible
from oneonone.paths import DB_ENV

if TYPE_CHECKING:
    import pendulum

    from oneonone.core.agenda import AgendaInput, AgendaItem
    from oneonone.core.export.ics import Gone

EMPTY = "Nothing needs you: the team is up to date."
MAX_DAYS = 3660


def add_cadence_parsers(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The ``agenda`` and ``calendar`` subcommands and their options."""
    db_help = f"data file to read (default: ${DB_ENV} or the user data folder)"
    agenda = sub.add_parser(
        "agenda",
        help="print what needs you: reviews, agreements, onboarding, commitments",
        description="Print what needs you, most urgent first: everything overdue, who is not "
        "keeping their word, and what is due within the next days. Reads only; works while "
        "the app is open.",
        epilog="Example: oneonone agenda --days 7",
    )
    agenda.add_argument(
        "--days",
        type=_days,
        default=14,
        metavar="N",
        help="also list what is due within N days (default: 14)",
    )
    agenda.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)
    calendar = sub.add_parser(
        "calendar",
        help="write upcoming reviews, onboarding and takeover conversations as .ics",
        description="Write your upcoming meetings (quarterly reviews, new hires' expectations "
        "conversations, new-leader conversations) as an iCalendar (.ics) file to import into a "
        "calendar; with --all, every item of the new hires' onboarding plans too. Importing a "
        "newer file updates the events, and removes those no longer due (held, done, a rep "
        "who left). Reads only; works while the app is open.",
        epilog="Example: oneonone calendar --out ~/oneonone.ics --force",
    )
    calendar.add_argument(
        "--out", metavar="FILE", help="write to FILE instead of standard output ('-': stdout)"
    )
    calendar.add_argument(
        "--all",
        dest="everything",
        action="store_true",
        help="every onboarding plan item, not only the meetings you attend",
    )
    calendar.add_argument("--force", action="store_true", help="replace FILE if it exists")
    calendar.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)


def _days(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days") from None
    if not 0 <= value <= MAX_DAYS:
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_DAYS}")
    return value


def run_cadence(args: argparse.Namespace, path: Path) -> int:
    """Run the cadence subcommand ``args`` asks for on the data file; returns the exit code."""

    def command() -> int:
        if args.command == "agenda":
            return _agenda(args, path)
        if args.command == "calendar":
            return _calendar(args, path)
        raise Refused(f"unknown command {args.command!r}")  # pragma: no cover - argparse

    return run_reporting(command, path)


def _load(path: Path, *, gone: bool = False) -> tuple[AgendaInput, pendulum.Date, Gone]:
    """What the agenda needs, with unsaved reviews worked out, and the manager's today; with
    ``gone``, also the reviews held and plan items done (for the calendar to cancel)."""
    from dataclasses import replace

    from oneonone.core.agenda import load_agenda_input, read_recent_sessions, with_ensured_reviews
    from oneonone.core.dates import is_valid_timezone, today_in
    from oneonone.core.export.ics import Gone
    from oneonone.core.model import OnboardingItem, Review, ReviewState

    store = open_data_file(path)
    try:
        data = load_agenda_input(store)
        if not gone:  # the agenda: the signal's numbers evidence too
            data = replace(data, recent_sessions=read_recent_sessions(store, data.reps))
        ended = (
            Gone(
                held=store.where(Review, state=ReviewState.DONE),
                done=store.where(OnboardingItem, done=True),
            )
            if gone
            else Gone()
        )
    finally:
        store.close()
    if not is_valid_timezone(data.settings.timezone):
        raise Refused(
            f"the timezone in your settings ({data.settings.timezone!r}) is not one I know; "
            "fix it in the app's settings."
        )
    today = today_in(data.settings.timezone)
    return with_ensured_reviews(data, today), today, ended


def load_agenda(path: Path) -> tuple[AgendaInput, pendulum.Date]:
    """What home's agenda is built from, the signal's numbers evidence included, and the
    manager's today (``oneonone agenda``, ``oneonone snooze``)."""
    data, today, _ = _load(path)
    return data, today


def _agenda(args: argparse.Namespace, path: Path) -> int:
    from oneonone.core.agenda import build_agenda

    data, today, _ = _load(path)
    items = build_agenda(data, today, days=args.days)
    if not items:
        say(EMPTY)
        return 0
    if sys.stdout.isatty():
        _print_table(items, today, args.days)
    else:
        write_stdout(plain_agenda(items, today))
    return 0


def plain_agenda(items: list[AgendaItem], today: pendulum.Date) -> str:
    """One line an item, columns aligned: date, when, kind, title."""
    from oneonone.core.agenda import humanize

    rows = [
        (i.when.isoformat(), humanize(i.when, today), i.kind, visible(i.title, one_line=True))
        for i in items
    ]
    widths = [max(len(r[c]) for r in rows) for c in range(3)]
    return "".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row[:3], widths, strict=True))
        + "  "
        + row[3]
        + "\n"
        for row in rows
    )


def _print_table(items: list[AgendaItem], today: pendulum.Date, days: int) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from oneonone.core.agenda import count_overdue, humanize

    overdue = count_overdue(items)
    caption = f"{len(items)} to do, {overdue} overdue" if overdue else f"{len(items)} to do"
    table = Table(
        title=f"Agenda for {today.format('dddd D MMMM YYYY')} (next {days} days)",
        caption=caption,
        title_justify="left",
        caption_justify="left",
    )
    table.add_column("Date", no_wrap=True)
    table.add_column("When", no_wrap=True)
    table.add_column("What", no_wrap=True)
    table.add_column("Item")
    for item in items:
        style = "bold red" if item.overdue else ("bold" if item.when == today else "")
        # Text(), not markup: names and commitments are the user's text, "[x]" included.
        table.add_row(
            Text(item.when.isoformat()),
            Text(humanize(item.when, today), style=style),
            Text(item.kind),
            Text(visible(item.title, one_line=True)),
        )
    Console().print(table)


def _calendar(args: argparse.Namespace, path: Path) -> int:
    from oneonone.config import load_config
    from oneonone.core.export.files import write_new_file
    from oneonone.core.export.ics import cadence_calendar, calendar_text

    config = load_config()  # [calendar] all / out: the defaults of --all and --out
    if config.notice:
        complain(f"warning: {config.notice}")
    data, today, gone = _load(path, gone=True)
    everything = args.everything or config.calendar_all
    cal = cadence_calendar(data, today, gone=gone, everything=everything)
    text = calendar_text(cal)
    out: str | None = args.out
    if out is None and config.calendar_out is not None:
        out = str(config.calendar_out)
    if out is None or out == "-":
        write_stdout(text, crlf=True)
        return 0
    target = Path(out).expanduser()
    write_new_file(target, text, force=args.force)
    count = len(cal.walk("VEVENT"))
    say(f"Wrote {count} event{'' if count == 1 else 's'} to {target}")
    return 0


__all__ = ["add_cadence_parsers", "plain_agenda", "run_cadence"]
