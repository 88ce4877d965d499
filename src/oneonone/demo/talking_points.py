"""The demo team's talking points (issue 18): a few noted between one-on-ones, so that a new
user sees them at the next one-on-one's agenda step, in the history and in search.

Made after the rest of the team, from what it holds, with ids of their own (``uuid5``), never
from the generator's random numbers: every other record the generator writes is the same with
or without them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import timedelta

from oneonone.core.model import Owner, PointState, Rep, RepStatus, Session, TalkingPoint
from oneonone.demo.team import TeamMaker

_NAMESPACE = uuid.UUID("6f1c1a8e-0d6b-4c1e-9a57-8f1d6b2f0a18")


def _id(rep: Rep, n: int) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{rep.id}/{n}"))


def demo_points(
    team: TeamMaker, reps: Sequence[Rep], sessions: Sequence[Session]
) -> list[TalkingPoint]:
    """A few talking points for the first active reps: one carried twice already, a private
    one, one the rep raised, and one discussed at the last one-on-one, with what was said."""
    active = [r for r in reps if r.status is RepStatus.ACTIVE]
    held: dict[str, list[Session]] = {}
    for s in sorted(sessions, key=lambda s: s.started_at):
        if s.closed:
            held.setdefault(s.rep_id, []).append(s)
    chosen = [r for r in active if len(held.get(r.id, [])) >= 2][:3]
    points: list[TalkingPoint] = []
    if not chosen:
        return points
    first = chosen[0]
    last, before = held[first.id][-1], held[first.id][-2]
    points += [
        TalkingPoint(
            rep_id=first.id,
            text="Ask about the Acme MSA redlines: legal has had them three weeks",
            created_at=before.started_at - timedelta(days=2),
            state=PointState.CARRIED,
            carried=2,
            session_id=last.id,
            id=_id(first, 1),
        ),
        TalkingPoint(
            rep_id=first.id,
            text="Tone with the SDRs in Monday's pipeline review",
            private=True,
            created_at=team.at(team.today - timedelta(days=3), 16 * 60),
            id=_id(first, 2),
        ),
    ]
    if len(chosen) > 1:
        rep = chosen[1]
        points.append(
            TalkingPoint(
                rep_id=rep.id,
                text="Wants to talk about the Q1 comp plan changes",
                raised_by=Owner.REP,
                created_at=team.at(team.today - timedelta(days=5), 11 * 60),
                id=_id(rep, 1),
            )
        )
    if len(chosen) > 2:
        rep = chosen[2]
        last = held[rep.id][-1]
        points.append(
            TalkingPoint(
                rep_id=rep.id,
                text="Territory split for the new healthcare accounts",
                created_at=last.started_at - timedelta(days=4),
                state=PointState.DISCUSSED,
                note="Agreed to revisit after the January kickoff",
                session_id=last.id,
                closed_at=last.ended_at or last.started_at,
                id=_id(rep, 1),
            )
        )
    return points
