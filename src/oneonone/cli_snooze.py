"""``oneonone snooze NAME "REASON"``: set a rep's accountability signal aside from the shell,
as ``z`` does on home (issue 18).

The signal is worked out as ``oneonone agenda`` shows it (the manager's thresholds, the
invocations and earlier snoozes counted); a rep without one is refused in words. The snooze
keeps the evidence it answers and the reason, shown in the rep's history; new evidence brings
the signal back. Saved at once, or handed to the app through the file's inbox when it has the
file open (``cli_common.add_record``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from oneonone.cli_common import Refused, add_record, run_reporting, say
from oneonone.paths import DB_ENV


def add_snooze_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The ``snooze`` subcommand and its options."""
    snooze = sub.add_parser(
        "snooze",
        help="set a rep's accountability signal aside, with a reason",
        description="Set aside the accountability signal of a rep (NAME: the start of their "
        "name), with the reason, kept in their history. The evidence it answers is kept with "
        "it; new evidence brings the signal back. Works while the app is open.",
        epilog='Example: oneonone snooze marcus "On leave until the 15th; territory moved"',
    )
    snooze.add_argument("name", metavar="NAME", help="the rep: their name, or its start")
    snooze.add_argument("reason", metavar="REASON", help="why the signal is set aside")
    snooze.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"data file (default: ${DB_ENV} or the user data folder)",
    )


def run_snooze(args: argparse.Namespace, path: Path) -> int:
    """``oneonone snooze``: the snooze saved (or handed to the app); says what it answers."""
    return run_reporting(lambda: _snooze(args, path), path)


def _snooze(args: argparse.Namespace, path: Path) -> int:
    import pendulum

    from oneonone.cli_cadence import load_agenda
    from oneonone.core.agenda import team_signals
    from oneonone.core.lookup import find_rep
    from oneonone.core.sessions import SessionError
    from oneonone.core.signal import snooze

    data, today = load_agenda(path)
    rep = find_rep([r for r in data.reps if r.is_current] or data.reps, args.name)
    signal = next((s for s in team_signals(data, today) if s.rep.id == rep.id), None)
    if signal is None:
        raise Refused(f"{rep.name} has no accountability signal to snooze (see `oneonone agenda`).")
    try:
        record = snooze(rep, signal.evidence_lines(), args.reason, pendulum.now("UTC"))
    except SessionError as exc:
        raise Refused(str(exc)) from None
    handed = not add_record(path, record)
    answered = "; ".join(record.evidence)
    say(
        f"Snoozed the signal of {rep.name} ({answered}): new evidence brings it back.",
        *(["The app has the data file open: it adds it within seconds."] if handed else []),
    )
    return 0
