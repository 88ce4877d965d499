"""The demo team's own agreement: two agreed versions, one at each of the last two team reviews
held, the second changing a few lines and adding a part of the manager's own, so the compare
view has something to show.

Drawn from no random numbers (ids are derived, dates come from the reviews held), so that
adding it changes nothing else the generator writes.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Sequence
from dataclasses import replace

import pendulum

from oneonone.core import team_agreement as rules
from oneonone.core.model import Review, ReviewScope, ReviewState, TeamAgreement, TeamPart

_IDS = uuid.UUID("0b7a3c4e-5d1f-4e8a-9c2b-7f6e5d4c3b2a")

FIRST = TeamAgreement(
    integrity=[
        "We sell what the product does today, not what the roadmap might do",
        "Every discount over 10% goes through Dana before the customer hears it",
    ],
    side_deals=[
        "No side deals: no promised features, free months or extra seats off the order form",
        "A customer asking for one hears no, and the deal comes to the team call",
    ],
    leaderboard=[
        "The board shows booked revenue only, updated every Monday at 9:00",
        "We chase the top of the board; we never game it (no deals pulled across quarters)",
    ],
    reaching=[
        "A 911: call; an answer the same day: Slack; everything else: e-mail",
        "Team call on Tuesdays at 9:30, cameras on",
    ],
    work_schedule=[
        "Core hours 10:00-15:00 Paris time; the rest of the day is yours to arrange",
        "Time off goes in the team calendar a week ahead",
    ],
)


def _second(first: TeamAgreement) -> TeamAgreement:
    """What the team changed at the next review."""
    draft = rules.revise(first)
    draft.integrity.append(
        'Forecast calls say what we know, not what we hope: "commit" means commit'
    )
    draft.leaderboard[0] = "The board shows booked revenue only, from the CRM every Monday at 9:00"
    draft.reaching[1] = "Team call on Tuesdays at 9:30; cameras optional on Fridays"
    draft.extra_parts = [
        TeamPart(
            "Helping each other",
            [
                "Each of us listens in on one teammate's call a month",
                "A new rep gets a buddy for their first quarter",
            ],
        )
    ]
    return draft


def demo_team_agreements(reviews: Sequence[Review], manager_name: str) -> list[TeamAgreement]:
    """The versions agreed at the last two team reviews held in ``reviews`` (one version if
    only one was held, none before any); the latest falls due at the team review scheduled."""
    held = sorted(
        (
            r
            for r in reviews
            if r.scope is ReviewScope.TEAM and r.state is ReviewState.DONE and r.held_on
        ),
        key=lambda r: r.held_on or r.due,
    )[-2:]
    scheduled = [
        r.due for r in reviews if r.scope is ReviewScope.TEAM and r.state is ReviewState.SCHEDULED
    ]
    found: list[TeamAgreement] = []
    previous: TeamAgreement | None = None
    for review in held:
        assert review.held_on is not None
        draft = FIRST if previous is None else _second(previous)
        draft = replace(draft, id=str(uuid.uuid5(_IDS, review.held_on.isoformat())))
        agreed = rules.agree(draft, review.held_on, manager_name, previous=previous)
        found.append(agreed)
        previous = agreed
    if found:
        found[-1].next_review = min(scheduled, default=found[-1].next_review)
        for earlier, later in itertools.pairwise(found):
            earlier.next_review = later.agreed_on
    for a in found:
        assert a.agreed_on is not None
        a.created_at = pendulum.datetime(a.agreed_on.year, a.agreed_on.month, a.agreed_on.day, 9)
    return found


__all__ = ["demo_team_agreements"]
