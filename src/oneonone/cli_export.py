"""``oneonone export``: write a rep's agreement or session logs as Markdown, to stdout or files.

``export`` has its own subcommands: ``agreement`` (one version of a rep's agreement) and
``sessions`` (the session logs of one rep or of everyone, one file per rep or one combined
file). Reading works while the app has the data file open: the store is opened read-only
then. Every problem is one line on stderr starting "oneonone: ", exit code 1; argparse's usage
errors exit 2. A file is only written whole (atomic replace) or not at all, and a set of files
all or none.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from oneonone.cli_candidates import add_candidate_export, export_candidate
from oneonone.cli_common import Refused, open_data_file, run_reporting, say, write_out, write_stdout
from oneonone.paths import DB_ENV

if TYPE_CHECKING:
    import pendulum

    from oneonone.core.model import Agreement


def add_export_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The ``export`` subcommand: an agreement or session logs, and their options."""
    db_help = f"data file to read (default: ${DB_ENV} or the user data folder)"
    export = sub.add_parser(
        "export",
        help="write an agreement, the team agreement or session logs as Markdown (to print, share "
        "or keep)",
        description="Write data out as Markdown. Works while the app is open.",
        epilog="Examples: oneonone export agreement sam; oneonone export sessions --since -3m; "
        "oneonone export team-agreement; oneonone export board --out board.md",
    )
    kinds = export.add_subparsers(dest="export_kind", metavar="WHAT", required=True)
    agreement = kinds.add_parser(
        "agreement",
        help="one version of a rep's agreement",
        description="Write one version of a rep's agreement as Markdown: the latest agreed "
        "version, or the latest draft if none is agreed yet. With --format html, one "
        "self-contained page to print, with lines for both signatures.",
        epilog="Example: oneonone export agreement sam --format html --out sam.html",
    )
    agreement.add_argument(
        "rep", metavar="REP", help="the rep's name, or the start of their first or last name"
    )
    agreement.add_argument(
        "--version",
        dest="agreement_version",
        metavar="N",
        type=_version_number,
        help="which version (default: the latest agreed, else the latest draft)",
    )
    agreement.add_argument(
        "--out", metavar="FILE", help="write to FILE instead of standard output ('-': stdout)"
    )
    agreement.add_argument(
        "--format",
        dest="agreement_format",
        choices=("md", "html"),
        default="md",
        help="md (default) or html: one self-contained page to print and sign",
    )
    agreement.add_argument("--force", action="store_true", help="replace FILE if it exists")
    agreement.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)

    sessions = kinds.add_parser(
        "sessions",
        help="session logs of one rep or of everyone",
        description="Write session logs as Markdown: one rep's (--rep) or everyone's who has "
        "sessions in the range, oldest session first, dates in your timezone. Without --out "
        "the Markdown goes to standard output (everyone's as one document). Private notes are "
        "left out unless --include-private.",
        epilog="DATE: 2026-01-15, today, yesterday, -30d, -2w, -3m, -1y. With several reps, "
        "--out names a folder that gets one file per rep (<name>.md), unless --combined. An "
        "existing file is only replaced with --force; files are created readable by you only. "
        "Example: oneonone export sessions --rep sam --since -3m --out sam.md",
    )
    sessions.add_argument(
        "--rep", metavar="NAME", help="only this rep: a name, or the start of a first or last name"
    )
    sessions.add_argument("--since", metavar="DATE", help="sessions on or after DATE")
    sessions.add_argument("--until", metavar="DATE", help="sessions on or before DATE")
    sessions.add_argument(
        "--out",
        metavar="PATH",
        help="a file (one rep, or --combined), or a folder for one file per rep ('-': stdout)",
    )
    sessions.add_argument(
        "--combined", action="store_true", help="everyone in one file instead of one per rep"
    )
    sessions.add_argument(
        "--include-private", action="store_true", help="include the private notes"
    )
    sessions.add_argument("--force", action="store_true", help="replace files that exist")
    sessions.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)
    from oneonone.cli_board import add_board_export

    add_board_export(kinds)
    add_candidate_export(kinds)

    from oneonone.cli_team_agreement import add_team_agreement_parser

    add_team_agreement_parser(kinds, _version_number, db_help)


def _version_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a version number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("versions are numbered from 1")
    return value


def run_export(args: argparse.Namespace, path: Path) -> int:
    """Run the export ``args`` asks for on the data file; returns the exit code."""

    def command() -> int:
        if args.export_kind == "agreement":
            return _export_agreement(args, path)
        if args.export_kind == "sessions":
            return _export_sessions(args, path)
        if args.export_kind == "board":
            from oneonone.cli_board import export_board

            return export_board(args, path)
        if args.export_kind == "candidate":
            return export_candidate(args, path)
        if args.export_kind == "team-agreement":
            from oneonone.cli_team_agreement import export_team_agreement

            return export_team_agreement(args, path)
        raise Refused(f"unknown export {args.export_kind!r}")  # pragma: no cover - argparse

    return run_reporting(command, path)


def _export_agreement(args: argparse.Namespace, path: Path) -> int:
    from oneonone.core.agreements import latest_agreed, open_draft, versions
    from oneonone.core.dates import is_valid_timezone, today_in
    from oneonone.core.export.agreement import agreement_markdown
    from oneonone.core.lookup import find_rep
    from oneonone.core.model import Agreement, Rep, Review, ReviewState
    from oneonone.core.schedule import next_review

    store = open_data_file(path)
    try:
        rep = find_rep(store.all(Rep), args.rep)
        mine = versions(store.where(Agreement, rep_id=rep.id), rep.id)
        settings = store.settings()
        reviews = store.where(Review, rep_id=rep.id, state=ReviewState.SCHEDULED)
    finally:
        store.close()

    wanted: int | None = args.agreement_version
    if not mine:
        raise Refused(f"{rep.name} has no agreement yet: there is nothing to export.")
    if wanted is None:
        chosen = latest_agreed(mine, rep.id) or open_draft(mine, rep.id)
        assert chosen is not None
    else:
        matching = [a for a in mine if a.version == wanted]
        if not matching:
            listing = "; ".join(_describe(a) for a in mine)
            raise Refused(f"{rep.name} has no version {wanted}. Versions: {listing}.")
        chosen = matching[0]

    # the rep's next review as the app and `oneonone agenda` give it
    due = None
    if is_valid_timezone(settings.timezone):  # else the footer keeps the agreement's own date
        upcoming = next_review(
            rep, reviews, settings=settings, agreements=mine, today=today_in(settings.timezone)
        )
        due = upcoming.due if upcoming is not None else None
    text = agreement_markdown(chosen, rep, settings, all_versions=mine, next_review=due)
    if getattr(args, "agreement_format", "md") == "html":
        from oneonone.core.export.html import html_page

        text = html_page(text, f"Agreement: {rep.name} (version {chosen.version})")
    what = f"version {chosen.version} of {rep.name}'s agreement"
    return write_out(text, args.out, force=args.force, what=what)


def _date_option(option: str, text: str | None, today: pendulum.Date) -> pendulum.Date | None:
    from oneonone.core.dates import DateInputError, parse_user_date

    if text is None:
        return None
    try:
        return parse_user_date(text, today)
    except DateInputError as exc:
        raise Refused(f"{option}: {exc}") from None


class _Progress:
    """ "Exported 12 of 100 reps..." on stderr, rewritten in place, when stderr is a terminal
    and there are several reps; nothing otherwise (a log or a pipe gets no carriage returns)."""

    def __init__(self) -> None:
        isatty = getattr(sys.stderr, "isatty", None)
        self.terminal = callable(isatty) and bool(isatty())
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if self.terminal and total > 1:
            self.shown = True
            sys.stderr.write(f"\rExported {done} of {total} reps\u2026")
            sys.stderr.flush()

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()


def _export_sessions(args: argparse.Namespace, path: Path) -> int:
    from oneonone.perf.collector import paused

    with paused():  # tens of thousands of records decoded and rendered (perf.collector)
        return _export_sessions_now(args, path)


def _export_sessions_now(args: argparse.Namespace, path: Path) -> int:
    from oneonone.core.dates import is_valid_timezone, today_in
    from oneonone.core.export.run import NotAFolder, check_ids, read_sessions, write_sessions
    from oneonone.core.lookup import find_rep
    from oneonone.core.model import Rep

    store = open_data_file(path)
    try:
        settings = store.settings()
        today = today_in(settings.timezone if is_valid_timezone(settings.timezone) else "UTC")
        since = _date_option("--since", args.since, today)
        until = _date_option("--until", args.until, today)
        if since is not None and until is not None and since > until:
            raise Refused(
                f"--since {since.isoformat()} is after --until {until.isoformat()}: "
                "no session can be in that range."
            )
        if args.rep is not None:
            team = store.all(Rep)
            reps = [find_rep(team, args.rep)]
            check_ids(reps, team)  # a rep sharing its id with another: refused, named
        else:
            reps = sorted(store.all(Rep), key=lambda r: (r.name.casefold(), r.id))
            if not reps:
                raise Refused("There are no reps yet: there is nothing to export.")
        export = read_sessions(
            store,
            reps,
            include_private=args.include_private,
            settings=settings,
            since=since,
            until=until,
            today=today,
        )
    finally:
        store.close()

    out: str | None = args.out
    target = None if out is None or out == "-" else Path(str(out)).expanduser()
    progress = _Progress()
    try:
        written = write_sessions(
            export, reps, target, progress=progress, combined=args.combined, force=args.force
        )
    except NotAFolder:
        raise Refused(
            f"{target} is a file. With several reps --out names a folder for one file per "
            "rep; add --combined for one file."
        ) from None
    finally:
        progress.finish()
    if written.text is not None:
        write_stdout(written.text)
        return 0
    if args.rep is not None:
        say(f"Wrote {_count(written.sessions, 'session')} of {reps[0].name} to {written.target}")
    elif written.files == 1:
        say(
            f"Wrote {_count(written.sessions, 'session')} of {_count(written.reps, 'rep')} "
            f"to {written.target}"
        )
    else:
        say(
            f"Wrote {_count(written.files, 'file')} ({_count(written.sessions, 'session')} of "
            f"{_count(written.reps, 'rep')}) to {written.target}"
        )
    return 0


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _describe(a: Agreement) -> str:
    if a.is_agreed:
        when = f" on {a.agreed_on.isoformat()}" if a.agreed_on else ""
        return f"v{a.version} agreed{when}"
    return f"v{a.version} draft, started {a.created_at.date().isoformat()}"


__all__ = ["add_export_parser", "run_export"]
