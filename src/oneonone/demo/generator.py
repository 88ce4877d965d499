"""The generator's last part (reviews, onboarding, all of it), and ``generate``, which writes a
demo team into a store and says how many records of each kind it wrote."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pendulum

from oneonone.core.model import (
    OnboardingItem,
    RepStatus,
    Review,
    ReviewScope,
    ReviewState,
)
from oneonone.core.store import Store
from oneonone.demo.candidates import demo_candidates
from oneonone.demo.people import MANAGER_FIRST, MANAGER_NAME
from oneonone.demo.plan import (
    Plan,
    first_review_quarter,
    next_quarter,
    quarter_start,
    review_due,
    weekday_on_or_after,
)
from oneonone.demo.scripts import ONBOARDING_PLAN
from oneonone.demo.sessions import SessionWriter
from oneonone.demo.team_agreement import demo_team_agreements

# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSummary:
    """How many records of each type ``generate`` wrote."""

    settings: int = 0
    reps: int = 0
    agreements: int = 0
    sessions: int = 0
    commitments: int = 0
    invocations: int = 0
    reviews: int = 0
    onboarding_items: int = 0
    team_agreements: int = 0

    @property
    def total(self) -> int:
        """How many records in all."""
        return (
            self.settings
            + self.reps
            + self.agreements
            + self.sessions
            + self.commitments
            + self.invocations
            + self.reviews
            + self.onboarding_items
            + self.team_agreements
        )


class Generator(SessionWriter):
    """The whole demo team: ``run`` gives every record, in the order they are saved."""

    # -- reviews and onboarding -----------------------------------------------------------

    def pending_reviews(self, plan: Plan) -> None:
        """The rep's next quarterly review, scheduled (one of them overdue, moved once and missed
        again)."""
        if not plan.held or not plan.rep.is_current:
            return
        if plan.overdue_quarter is not None:
            due = review_due(plan.overdue_quarter)
            moved_from = None
            if due + timedelta(days=7) < self.today:  # moved once, and missed again
                due, moved_from = due + timedelta(days=7), due
            self.reviews.append(
                Review(
                    scope=ReviewScope.REP,
                    due=due,
                    rep_id=plan.rep.id,
                    moved_from=moved_from,
                    id=self.uid(),
                )
            )
            return
        last = plan.agreements[-1].agreed_on
        assert last is not None
        q = first_review_quarter(last)
        planned = next((d for d in plan.future if d >= q), None)
        due = review_due(q) if planned is None else max(review_due(q), planned)
        self.reviews.append(
            Review(scope=ReviewScope.REP, due=due, rep_id=plan.rep.id, id=self.uid())
        )

    def team_reviews(self) -> None:
        """The team's quarterly reviews: held in the past, the next one scheduled."""
        q = next_quarter(quarter_start(self.window_start))
        while True:
            held_on = weekday_on_or_after(q + timedelta(days=1), 0)
            if held_on >= self.today:
                self.reviews.append(
                    Review(scope=ReviewScope.TEAM, due=review_due(q), id=self.uid())
                )
                return
            self.reviews.append(
                Review(
                    scope=ReviewScope.TEAM,
                    due=review_due(q),
                    state=ReviewState.DONE,
                    held_on=held_on,
                    id=self.uid(),
                )
            )
            q = next_quarter(q)

    def onboarding_plan(self, plan: Plan) -> None:
        """Two weeks, day by day, with the expectations conversation in week two."""
        rng = self.rng
        start = plan.rep.start_date
        days = [start + timedelta(days=i) for i in range(14)]
        days = [d for d in days if d.weekday() < 5]
        for d, slots in zip(days, ONBOARDING_PLAN, strict=False):
            for title, minute, length in slots:
                done = d < self.today
                self.onboarding.append(
                    OnboardingItem(
                        rep_id=plan.rep.id,
                        title=title.format(mgr=MANAGER_FIRST, peer=plan.peer),
                        starts_at=self.at(d, minute),
                        ends_at=self.at(d, minute + length),
                        is_expectations_conversation=title.startswith("Expectations"),
                        done=done,
                        done_at=self.at(d, minute + length + rng.randint(0, 20)) if done else None,
                        id=self.uid(),
                    )
                )

    # -- all of it ------------------------------------------------------------------------

    def run(self) -> list[Any]:
        """Every record of the team, in the order they are saved."""
        self.make_team()
        slots = self.reset_slots()
        takeover = 0
        for plan in self.plans:
            self.schedule(plan, slots[takeover % len(slots)])
            takeover += plan.takeover
        active = [p for p in self.plans if p.rep.status is RepStatus.ACTIVE and p.held]
        if active:
            late = self.rng.choice(active)
            self.miss_a_review(late)
            late.behind_now = True
            for plan in active:
                plan.behind_now = plan.behind_now or self.rng.random() < 0.3
        self.pick_invocations()
        for plan in self.plans:
            self.run_rep(plan)
            self.pending_reviews(plan)
            if plan.rep.status is RepStatus.ONBOARDING:
                self.onboarding_plan(plan)
        self.team_reviews()
        agreements = [a for p in self.plans for a in p.agreements]
        # everything in one put_many: the store writes the file as few times as it can
        return [
            self.settings(),
            *(p.rep for p in self.plans),
            *agreements,
            *self.reviews,
            *self.invocations,
            *self.onboarding,
            *self.commitments,
            *self.sessions,
        ]


def generate(
    store: Store,
    *,
    reps: int = 8,
    years: float = 1.0,
    today: pendulum.Date,
    seed: int = 7,
    sessions_per_week: float = 1.0,
) -> DemoSummary:
    """Write a demo team into ``store`` (which should be empty) and say what was written."""
    gen = Generator(reps=reps, years=years, today=today, seed=seed, per_week=sessions_per_week)
    records = gen.run()
    # drawn from no random numbers: everything else is as it was without them
    from oneonone.demo.talking_points import demo_points

    team_agreements = demo_team_agreements(gen.reviews, MANAGER_NAME)
    points = demo_points(gen, [p.rep for p in gen.plans], gen.sessions)
    store.put_many([*records, *team_agreements, *demo_candidates(today), *points])
    return DemoSummary(
        settings=1,
        reps=len(gen.plans),
        agreements=sum(len(p.agreements) for p in gen.plans),
        sessions=len(gen.sessions),
        commitments=len(gen.commitments),
        invocations=len(gen.invocations),
        reviews=len(gen.reviews),
        onboarding_items=len(gen.onboarding),
        team_agreements=len(team_agreements),
    )
