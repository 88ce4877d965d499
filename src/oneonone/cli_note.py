"""``oneonone note NAME "TEXT"``: a talking point for the next one-on-one with a rep, from the
shell (issue 18).

The rep is found by the start of their name (``core.lookup``, current reps first); an unknown
or ambiguous name is one line on stderr naming the candidates, exit 1. When no copy of the app
has the data file open, the point is saved in it at once; when the app holds it (the one-writer
lock), the point goes to the file's inbox (``core.store.inbox``), which the app takes in within
seconds, at its next save, or when it is next opened: it is never lost.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from oneonone.cli_common import Refused, open_data_file, run_reporting, say
from oneonone.paths import DB_ENV


def add_note_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The ``note`` subcommand and its options."""
    note = sub.add_parser(
        "note",
        help="note a talking point for the next one-on-one with a rep",
        description="Note a talking point to raise at the next one-on-one with a rep (NAME: "
        "the start of their name). It shows at the top of your agenda step, shared with the "
        "rep unless --private. Works while the app is open: the app adds it within seconds.",
        epilog='Example: oneonone note dana "ask about the Acme MSA" --private',
    )
    note.add_argument("name", metavar="NAME", help="the rep: their name, or its start")
    note.add_argument("text", metavar="TEXT", help="what to raise next time (one line)")
    note.add_argument(
        "--private", action="store_true", help="yours only: never searched, never shared"
    )
    note.add_argument(
        "--from-rep",
        dest="from_rep",
        action="store_true",
        help="the rep raised it: it shows at their own agenda step",
    )
    note.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"data file (default: ${DB_ENV} or the user data folder)",
    )


def run_note(args: argparse.Namespace, path: Path) -> int:
    """``oneonone note``: the point saved, or left in the inbox for the app; says which."""
    return run_reporting(lambda: _note(args, path), path)


def _note(args: argparse.Namespace, path: Path) -> int:
    from oneonone.core import codec
    from oneonone.core.lookup import RepLookupError, find_rep
    from oneonone.core.model import Owner, Rep, TalkingPoint, utc_now
    from oneonone.core.store import FileInUse, Store, inbox
    from oneonone.core.talking_points import PointError, note_point

    reader = open_data_file(path)  # refuses a missing file; reads only
    try:
        reps = reader.all(Rep)
    finally:
        reader.close()
    try:
        rep = find_rep([r for r in reps if r.is_current], args.name)
    except RepLookupError:
        rep = find_rep(reps, args.name)  # a departed rep: refused below, by name
    try:
        point = note_point(
            reps,
            rep.id,
            args.text,
            now=utc_now(),
            private=args.private,
            raised_by=Owner.REP if args.from_rep else Owner.MANAGER,
        )
    except PointError as exc:
        raise Refused(str(exc)) from None
    kind = "private talking point" if point.private else "talking point"
    try:
        store = Store.open(path)
    except FileInUse:
        try:
            inbox.append(store_path(path), TalkingPoint.TABLE, codec.encode(point))
        except TimeoutError:
            raise Refused(
                "The app is busy with the data file: nothing was noted. Try again."
            ) from None
        say(
            f"Noted a {kind} for {rep.name}: {point.text}",
            "The app has the data file open: it adds it within seconds.",
        )
        return 0
    try:
        store.put(point)
    finally:
        store.close()
    say(f"Noted a {kind} for {rep.name}: {point.text}")
    return 0


def store_path(path: Path) -> Path:
    """The data file as the store names it (through a link: the file itself)."""
    return Path(path).expanduser().absolute().resolve()
