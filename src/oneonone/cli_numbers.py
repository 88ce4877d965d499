"""``oneonone numbers import FILE.csv``: the reps' numbers from a CRM report (Salesforce,
HubSpot), recorded for the current period of each rep's quota lines; the next one-on-one
offers them, prefilled, in its numbers form (ctrl+l).

A dry run by default: it prints what it would record, what it skipped, and the problems (on
stderr), and writes nothing (the data file is opened read-only). ``--apply`` records. Which
column is the rep's and which holds each quota line's measure is asked once (on a terminal)
and remembered in the config file's ``[numbers]`` table; ``--map``, ``--rep-column`` and
``--date-column`` override it for one run. Exit status 1 when nothing matched (or the file
cannot be read), 0 otherwise, problems and all. With the app open, ``--apply`` hands the
numbers to it (the store's inbox, ``core.store.inbox``): only the program holding the lock
writes the file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from oneonone.cli_common import Refused, complain, open_data_file, run_reporting, say
from oneonone.paths import DB_ENV

if TYPE_CHECKING:
    from oneonone.config import Config
    from oneonone.core.model import Agreement, Rep
    from oneonone.core.numbers_import import ColumnMap, Plan, Table
    from oneonone.core.store import Store

#: Larger reports are refused: a CRM export of a quarter is far smaller.
MAX_BYTES = 50 * 1024 * 1024


def add_numbers_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The ``numbers`` subcommand and its ``import``."""
    db_help = f"data file to record into (default: ${DB_ENV} or the user data folder)"
    numbers = sub.add_parser(
        "numbers",
        help="bring the reps' numbers in from a CRM report (CSV)",
        description="The reps' numbers against their quota lines, from a report exported "
        "by your CRM (Salesforce, HubSpot) as CSV.",
        epilog="Example: oneonone numbers import ~/Downloads/report.csv",
    )
    actions = numbers.add_subparsers(dest="numbers_command", metavar="ACTION", required=True)
    imp = actions.add_parser(
        "import",
        help="read a CSV report; show what it records (--apply records it)",
        description="Read a CSV report (a header row, a rep column, one column per measure, "
        "maybe a date or period column) and record each rep's numbers for the current period "
        "of their quota lines, as imported: the next one-on-one shows them prefilled in its "
        "numbers form (ctrl+l), to confirm or correct. Without --apply, only shows what it "
        "would record, and the problems (unknown reps, missing columns, numbers it cannot "
        "read: nothing is recorded from those rows). Which column holds which quota line is "
        "asked once and remembered in your config file ([numbers]). Several rows of one rep "
        "are summed; with a date column, rows outside the period are skipped. Importing the "
        "same period again replaces the earlier import. Works while the app is open: the "
        "numbers are handed to it, and it records them within a few seconds.",
        epilog='Example: oneonone numbers import report.csv --map "New ARR=Amount" --apply',
    )
    imp.add_argument("file", metavar="FILE.csv", help="the report, as your CRM exported it")
    imp.add_argument("--apply", action="store_true", help="record the numbers (default: a dry run)")
    imp.add_argument(
        "--map",
        action=_Append,
        default=(),
        type=_pair,
        metavar='"LINE=COLUMN"',
        help="the report's COLUMN holds quota line LINE (repeat for each line)",
    )
    imp.add_argument("--rep-column", metavar="COLUMN", help="the column naming the rep")
    imp.add_argument(
        "--date-column",
        metavar="COLUMN",
        help='the date or period column (rows outside the period are skipped); "" for none',
    )
    imp.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)


class _Append(argparse.Action):
    """argparse's ``append`` into a tuple (a list value is taken for a ``--`` mistake)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        """``values`` added to the option's tuple."""
        setattr(namespace, self.dest, (*getattr(namespace, self.dest, ()), values))


def _pair(text: str) -> tuple[str, str]:
    line, sep, column = text.partition("=")
    if not sep or not line.strip() or not column.strip():
        raise argparse.ArgumentTypeError(f'{text!r} is not LINE=COLUMN (e.g. "New ARR=Amount")')
    return line.strip(), column.strip()


def run_numbers(args: argparse.Namespace, path: Path) -> int:
    """Run ``oneonone numbers import``; returns the exit code."""
    return run_reporting(lambda: _import(args, path), path)


def read_report(file: Path) -> Table:
    """The report ``file`` holds (UTF-8; UTF-16 with its byte-order mark, as Excel's "Unicode
    Text"; else Windows-1252 as older Excel writes), or ``Refused`` saying why not."""
    from oneonone.cli_common import os_error_line
    from oneonone.core.numbers_import import ReportError, read_table

    try:
        if file.is_dir():
            raise Refused(f"{file} is a folder: give the CSV file the CRM exported.")
        if file.stat().st_size > MAX_BYTES:
            raise Refused(f"{file} is over {MAX_BYTES // 2**20} MB: not a report to import.")
        data = file.read_bytes()
    except OSError as exc:
        raise Refused(os_error_line(exc, file, "the report cannot be read")) from None
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # Excel's "Unicode Text"
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    try:
        return read_table(text)
    except ReportError as exc:
        raise Refused(f"{file}: {exc}. Nothing was recorded.") from None


def _open(path: Path, apply: bool) -> tuple[Store, bool]:
    """The data file: for writing with ``apply`` (the lock taken, so that what is planned is
    what is written), else read-only. With ``apply`` while the app holds the file: read-only
    (the journal of what is being typed applied), and True (busy: the records go to the app's
    inbox, ``core.store.inbox``; a store opened for writing takes in what waits there first)."""
    from oneonone.core.store import FileInUse, Store

    if not apply or not path.expanduser().is_file():
        return open_data_file(path), False  # a missing file: refused with the usual message
    try:
        return Store.open(path), False
    except FileInUse:
        return open_data_file(path), True


def _import(args: argparse.Namespace, path: Path) -> int:
    import pendulum

    from oneonone.cli_common import os_error_line
    from oneonone.config import load_config
    from oneonone.core import codec
    from oneonone.core.dates import is_valid_timezone, today_in
    from oneonone.core.model import ImportedNumber
    from oneonone.core.numbers_import import plan_import, records_of
    from oneonone.core.store import inbox

    file = Path(args.file).expanduser()
    table = read_report(file)
    config = load_config()
    if config.notice:
        complain(f"warning: {config.notice}")
    store, busy = _open(path, args.apply)
    try:
        settings = store.settings()
        if not is_valid_timezone(settings.timezone):
            raise Refused(
                f"the timezone in your settings ({settings.timezone!r}) is not one I know; "
                "fix it in the app's settings."
            )
        today = today_in(settings.timezone)
        reps, agreements = _team(store)
        mapping = choose_mapping(args, config, table, reps, agreements)
        plan = plan_import(table, mapping, reps, agreements, store.all(ImportedNumber), today)
        show_plan(plan, file, table, mapping, timezone=settings.timezone)
        if not plan.numbers:
            complain(
                f"nothing in {file.name} matched a current rep's quota line: nothing recorded."
            )
            return 1
        count = len(plan.numbers)
        numbers = f"{count} number{'' if count == 1 else 's'}"
        if not args.apply:
            say(f"Dry run: nothing was written. Run again with --apply to record these {numbers}.")
            return 0
        records = records_of(plan, file.name, pendulum.now("UTC"))
        if busy:  # the app holds the file: handed to its inbox, never written under it
            try:
                inbox.append_many(
                    store.path, [(ImportedNumber.TABLE, codec.encode(r)) for r in records]
                )
            except TimeoutError:
                raise Refused(
                    "the app is busy with the data file: nothing was recorded. Try again."
                ) from None
            except OSError as exc:
                raise Refused(
                    os_error_line(
                        exc,
                        inbox.inbox_path(store.path),
                        "the numbers could not be handed to the app, which has the data file "
                        "open; nothing was recorded",
                    )
                ) from exc
            say(
                f"The app has {path} open: the {numbers} are handed to it, and it records "
                "them within a few seconds. The next one-on-one with each rep offers them in "
                "its numbers form (ctrl+l)."
            )
            return 0
        store.put_many(records)
        say(
            f"Recorded {numbers} in {path}. The next one-on-one with each rep offers them "
            "in its numbers form (ctrl+l)."
        )
        return 0
    finally:
        for notice in store.take_notices() if not store.read_only else ():
            complain(f"warning: {notice}")
        store.close()


def _team(store: Store) -> tuple[list[Rep], dict[str, Agreement]]:
    """The current reps, and each one's current agreed agreement by rep id."""
    from oneonone.core.agreements import current_documents, latest_agreed
    from oneonone.core.model import Agreement, Rep

    reps = [r for r in store.all(Rep) if r.is_current]
    found = store.pick(Agreement, current_documents, superseded=False)
    agreements = {}
    for rep in reps:
        agreement = latest_agreed(found, rep.id)
        if agreement is not None:
            agreements[rep.id] = agreement
    return reps, agreements


# --- which column is which -----------------------------------------------------------------------


def choose_mapping(
    args: argparse.Namespace,
    config: Config,
    table: Table,
    reps: list[Rep],
    agreements: dict[str, Agreement],
) -> ColumnMap:
    """Which column is which: the flags, then the config file's ``[numbers]``, then (asked
    once on a terminal and remembered) the user's answers, else the columns named like the
    quota lines. ``Refused`` with the flag to pass when none of these tells."""
    from oneonone.core.numbers_import import (
        DATE_COLUMNS,
        REP_COLUMNS,
        ColumnMap,
        find_column,
        lines_by_name,
        quota_labels,
    )

    labels = quota_labels(reps, agreements)
    if not labels:
        raise Refused(
            "no current rep has an agreed agreement with quota lines yet: there is nothing to "
            "record numbers against."
        )
    known = {label.casefold(): label for label in labels}
    flags = {}
    for label, column in args.map:
        if label.casefold() not in known:
            raise Refused(
                f"--map {label}={column}: no quota line is called {label!r} "
                f"(the quota lines: {', '.join(labels)})."
            )
        flags[known[label.casefold()]] = column
    remembered = {k: v for k, v in config.numbers_map if k.casefold() in known}
    rep_column = args.rep_column or _present(table, config.numbers_rep_column)
    rep_column = rep_column or find_column(table, REP_COLUMNS)
    if args.date_column is not None:
        date_column = args.date_column.strip() or None
    else:
        date_column = _present(table, config.numbers_date_column) or find_column(
            table, DATE_COLUMNS
        )
    lines = {**remembered, **flags}
    if not lines and _interactive():
        lines, rep_column = _ask(table, labels, rep_column)
        if lines and rep_column:
            _remember(lines, rep_column, date_column)
    if not lines:
        lines = lines_by_name(table, labels)
    if rep_column is None:
        raise Refused(
            f"which column names the rep? Pass --rep-column COLUMN (the columns: "
            f"{', '.join(table.header)})."
        )
    if not lines:
        example = f'--map "{labels[0]}={_measure_guess(table, rep_column)}"'
        raise Refused(
            f"no column of the report is named like a quota line ({', '.join(labels)}): "
            f"pass {example} (once per quota line)."
        )
    return ColumnMap(rep_column=rep_column, lines=lines, date_column=date_column)


def _present(table: Table, column: str | None) -> str | None:
    """``column`` if the report has it (as the report spells it), else None."""
    if column is None:
        return None
    index = table.column(column)
    return None if index is None else table.header[index]


def _measure_guess(table: Table, rep_column: str) -> str:
    """A column to show in an example: the last one that is not the rep's."""
    others = [h for h in table.header if h and h.casefold() != rep_column.casefold()]
    return others[-1] if others else "COLUMN"


def _interactive() -> bool:
    """Whether the user can be asked (standard input and output are a terminal)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _ask(
    table: Table, labels: list[str], rep_column: str | None
) -> tuple[dict[str, str], str | None]:
    """The columns asked of the user: the rep's (only when not found), and for each quota line
    its column (a number or a name; Enter skips the line)."""
    from oneonone.core.text import visible

    say("The report's columns:")
    for i, name in enumerate(table.header, 1):
        say(f"  {i:>2}  {name}")

    def pick(question: str) -> str | None:
        while True:
            try:
                answer = input(visible(question, one_line=True)).strip()
            except EOFError:
                return None
            if not answer:
                return None
            if answer.isdigit() and 1 <= int(answer) <= len(table.header):
                return table.header[int(answer) - 1]
            index = table.column(answer)
            if index is not None:
                return table.header[index]
            say(f"  There is no column {answer!r}: type its number (1-{len(table.header)}).")

    if rep_column is None:
        rep_column = pick("Which column names the rep? ")
        if rep_column is None:
            return {}, None
    else:
        say(f"The reps are in column {rep_column!r}.")
    lines = {}
    for label in labels:
        column = pick(f"Which column holds {label}? (Enter: none) ")
        if column is not None:
            lines[label] = column
    return lines, rep_column


def _remember(lines: dict[str, str], rep_column: str, date_column: str | None) -> None:
    """The answers written into the config file; a file that cannot be is said, not fatal."""
    from oneonone.config import save_numbers

    try:
        where = save_numbers(lines, rep_column, date_column)
    except (OSError, ValueError) as exc:
        complain(f"warning: your answers could not be remembered in the config file ({exc}).")
        return
    say(f"Remembered in {where} ([numbers]); --map overrides it for one run.")


# --- what is shown -------------------------------------------------------------------------------


def show_plan(
    plan: Plan, file: Path, table: Table, mapping: ColumnMap, *, timezone: str = "UTC"
) -> None:
    """The plan on stdout (what would be recorded, what was skipped, how the file was read);
    its problems on stderr, one line each. Days are the manager's (``timezone``)."""
    from oneonone.core.agreements import format_number

    kind = {",": "comma", ";": "semicolon", "\t": "tab"}[table.delimiter]
    dates = f"; dates from {mapping.date_column!r}" if mapping.date_column else ""
    columns = ", ".join(f"{k} = {v!r}" for k, v in mapping.lines.items())
    say(f"{file.name}: {kind}-separated; reps from {mapping.rep_column!r}{dates}; {columns}.")
    for note in plan.notes:
        say(note)
    if plan.numbers:
        say("To record (imported, for each rep's current period):")
        rows = []
        for p in plan.numbers:
            unit = f" {p.line.unit}" if p.line.unit.strip() else ""
            extra = []
            if len(p.rows) > 1:
                extra.append(f"sum of rows {', '.join(map(str, p.rows))}")
            else:
                extra.append(f"row {p.rows[0]}")
            if p.replaces is not None:
                day = p.replaces.imported_at.in_timezone(timezone).date().isoformat()
                before = format_number(p.replaces.value)
                same = p.replaces.value == p.value
                extra.append(f"as imported {day}" if same else f"replaces {before} imported {day}")
            rows.append(
                (
                    p.rep.name,
                    p.line.label,
                    p.period_text,
                    f"{format_number(p.value)}{unit}",
                    "; ".join(extra),
                )
            )
        widths = [max(len(r[c]) for r in rows) for c in range(4)]
        for row in rows:
            cells = [cell.ljust(w) for cell, w in zip(row[:4], widths, strict=True)]
            say("  " + "  ".join(cells) + f"  ({row[4]})")
    if plan.skipped:
        say("Skipped (outside the period):")
        for line in plan.skipped:
            say(f"  {line}")
    for problem in plan.problems:
        complain(f"problem: {problem}")


__all__ = ["add_numbers_parser", "choose_mapping", "read_report", "run_numbers", "show_plan"]
