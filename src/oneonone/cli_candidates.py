"""``oneonone candidates`` (the list, read only) and ``oneonone export candidate NAME`` (one
candidate's interviews as Markdown). Both only read: the data file is opened read-only and
nothing in its folder is written; a problem is one line on stderr and exit status 1."""

from __future__ import annotations

import argparse
from pathlib import Path

from oneonone.cli_common import Refused, open_data_file, run_reporting, say, write_out
from oneonone.paths import DB_ENV

DB_HELP = f"data file to read (default: ${DB_ENV} or the user data folder)"


def add_candidates_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The ``candidates`` subcommand."""
    listing = sub.add_parser(
        "candidates",
        help="list the candidates you interview (apart from the team)",
        description="List the candidates: name, role, where they are (interviewing, hired, "
        "not hired and why) and their interview dates. Works while the app is open.",
        epilog="Example: oneonone candidates   (then: oneonone export candidate priya)",
    )
    listing.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)


def add_candidate_export(kinds: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """``export candidate NAME``, among the kinds of ``export``."""
    one = kinds.add_parser(
        "candidate",
        help="one candidate's interviews",
        description="Write one candidate's record as Markdown: the expectations discussed at "
        "each interview, the behavioural questions and the answers, the notes, and the "
        "decision.",
        epilog="Example: oneonone export candidate priya --out priya.md",
    )
    one.add_argument(
        "candidate", metavar="NAME", help="the name, or the start of a first or last name"
    )
    one.add_argument(
        "--out", metavar="FILE", help="write to FILE instead of standard output ('-': stdout)"
    )
    one.add_argument("--force", action="store_true", help="replace FILE if it exists")
    one.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=DB_HELP)


def _all(path: Path) -> list[object]:
    from oneonone.core.model import Candidate

    store = open_data_file(path)
    try:
        return list(store.all(Candidate))
    finally:
        store.close()


def run_candidates(path: Path) -> int:
    """``oneonone candidates``: one line a candidate, interviewing first."""

    def command() -> int:
        from oneonone.core import candidates as rules
        from oneonone.core.model import Candidate, CandidateState

        found = [c for c in _all(path) if isinstance(c, Candidate)]
        if not found:
            say("No candidates yet: in the app, c (from home or the roster), then a to add one.")
            return 0
        for c in rules.ordered(found):
            parts = [c.name, c.role, rules.status_text(c)]
            parts.append(f"interviews: {rules.interview_dates(c)}")
            if c.state is CandidateState.NOT_HIRED and c.reason:
                parts.append(f"reason: {c.reason}")
            say(" · ".join(p for p in parts if p))
        return 0

    return run_reporting(command, path)


def export_candidate(args: argparse.Namespace, path: Path) -> int:
    """``oneonone export candidate NAME``: the Markdown to stdout, or to ``--out``."""
    from oneonone.core.candidates import CandidateError, find_candidate
    from oneonone.core.export.candidate import candidate_markdown
    from oneonone.core.model import Candidate

    found = [c for c in _all(path) if isinstance(c, Candidate)]
    try:
        chosen = find_candidate(found, args.candidate)
    except CandidateError as exc:
        raise Refused(str(exc)) from None
    text = candidate_markdown(chosen)
    return write_out(text, args.out, force=args.force, what=f"{chosen.name}'s interviews")


__all__ = ["add_candidate_export", "add_candidates_parser", "export_candidate", "run_candidates"]
