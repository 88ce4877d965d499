"""``oneonone export team-agreement``: one version of the team's own agreement as Markdown.

Built like ``export agreement`` (``cli_export``): the latest agreed version unless
``--version N``, to standard output or ``--out FILE`` (written whole or not at all, replaced
only with ``--force``), Markdown or one self-contained HTML page to print and sign.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from oneonone.cli_common import Refused, open_data_file, write_out

if TYPE_CHECKING:
    from collections.abc import Callable

    from oneonone.core.model import TeamAgreement


def add_team_agreement_parser(
    kinds: argparse._SubParsersAction,  # type: ignore[type-arg]
    version_number: Callable[[str], int],
    db_help: str,
) -> None:
    """``export team-agreement`` and its options, under ``export``'s subcommands ``kinds``."""
    parser = kinds.add_parser(
        "team-agreement",
        help="one version of the team's own agreement",
        description="Write one version of the team agreement (what the team agreed at its "
        "quarterly review, in addition to each rep's agreement) as Markdown: the latest "
        "agreed version, or the latest draft if none is agreed yet, with a line for the "
        "manager's and each current rep's signature. With --format html, one "
        "self-contained page to print.",
        epilog="Example: oneonone export team-agreement --version 1 --out team-v1.md",
    )
    parser.add_argument(
        "--version",
        dest="agreement_version",
        metavar="N",
        type=version_number,
        help="which version (default: the latest agreed, else the latest draft)",
    )
    parser.add_argument(
        "--out", metavar="FILE", help="write to FILE instead of standard output ('-': stdout)"
    )
    parser.add_argument(
        "--format",
        dest="agreement_format",
        choices=("md", "html"),
        default="md",
        help="md (default) or html: one self-contained page to print and sign",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help=db_help)


def export_team_agreement(args: argparse.Namespace, path: Path) -> int:
    """Write the version asked for; a missing version or agreement is one line, exit 1."""
    from oneonone.core import team_agreement as team
    from oneonone.core.export.team_agreement import team_agreement_markdown
    from oneonone.core.model import Rep, Review, ReviewScope, ReviewState, TeamAgreement
    from oneonone.core.schedule import scheduled_for

    store = open_data_file(path)
    try:
        found = team.versions(store.all(TeamAgreement))
        settings = store.settings()
        reps = sorted((r for r in store.all(Rep) if r.is_current), key=lambda r: r.name.casefold())
        reviews = store.where(Review, scope=ReviewScope.TEAM, state=ReviewState.SCHEDULED)
    finally:
        store.close()

    if not found:
        raise Refused(
            "There is no team agreement yet: there is nothing to export (t on home writes it)."
        )
    wanted: int | None = args.agreement_version
    if wanted is None:
        chosen = team.latest_agreed(found) or team.open_draft(found) or found[-1]
    else:
        matching = [a for a in found if a.version == wanted]
        if not matching:
            listing = "; ".join(_describe(a) for a in found)
            raise Refused(f"The team agreement has no version {wanted}. Versions: {listing}.")
        chosen = matching[0]
    review = scheduled_for(reviews, None)
    text = team_agreement_markdown(
        chosen,
        settings,
        reps=reps,
        all_versions=found,
        next_review=review.due if review is not None else None,
    )
    if args.agreement_format == "html":
        from oneonone.core.export.html import html_page

        text = html_page(text, f"Team agreement (version {chosen.version})")
    what = f"version {chosen.version} of the team agreement"
    return write_out(text, args.out, force=args.force, what=what)


def _describe(a: TeamAgreement) -> str:
    if a.is_agreed:
        when = f" on {a.agreed_on.isoformat()}" if a.agreed_on else ""
        return f"v{a.version} agreed{when}"
    return f"v{a.version} draft"


__all__ = ["add_team_agreement_parser", "export_team_agreement"]
