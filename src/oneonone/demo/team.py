"""The generator's first part: its state and small helpers, the team, and its calendar."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta
from typing import Any

import pendulum

from oneonone.core.model import Commitment as CommitmentRecord
from oneonone.core.model import (
    Invocation,
    OnboardingItem,
    Rep,
    RepStatus,
    Review,
    Session,
    SessionKind,
    TeamSettings,
)
from oneonone.demo.people import (
    COMPANIES,
    COMPETITORS,
    CONTACTS,
    FIRST_NAMES,
    INDUSTRIES,
    LAST_NAMES,
    MANAGER_FIRST,
    MANAGER_NAME,
    MONTHS,
    ROLE_CYCLE,
    TIMEZONE,
    WEEKDAYS,
)
from oneonone.demo.plan import (
    Plan,
    first_review_quarter,
    is_holiday,
    next_quarter,
    review_due,
    weekday_on_or_after,
)


class TeamMaker:
    """The generator's state, its helpers, the team and its calendar."""

    def __init__(
        self, *, reps: int, years: float, today: pendulum.Date, seed: int, per_week: float
    ) -> None:
        if reps < 1:
            raise ValueError("reps must be at least 1")
        if years <= 0:
            raise ValueError("years must be positive")
        if per_week <= 0:
            raise ValueError("sessions_per_week must be positive")
        self.rng = random.Random(seed)
        self.n_reps = reps
        self.today = pendulum.Date(today.year, today.month, today.day)
        self.tz = pendulum.timezone(TIMEZONE)
        self.per_week = per_week
        self.step_days = 7.0 / per_week
        self.window_start = self.today - timedelta(days=max(7, round(years * 365.25)))
        self.horizon = self.today + timedelta(days=200)
        self.plans: list[Plan] = []
        self.sessions: list[Session] = []
        self.commitments: list[CommitmentRecord] = []
        self.invocations: list[Invocation] = []
        self.reviews: list[Review] = []
        self.onboarding: list[OnboardingItem] = []
        self.full_quarter: set[str] = set()  # quota lines whose running quarter is complete

    # -- small helpers --------------------------------------------------------------------

    def uid(self) -> str:
        """A UUID drawn from the generator's random numbers (the same every run)."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def at(self, d: pendulum.Date, minute_of_day: int) -> pendulum.DateTime:
        """``d`` at ``minute_of_day`` in the manager's timezone."""
        hour, minute = divmod(minute_of_day, 60)
        return pendulum.datetime(d.year, d.month, d.day, hour, minute, tz=self.tz)

    def weekday_shift(self, d: pendulum.Date) -> pendulum.Date:
        """Saturday moves to Friday, Sunday to Monday."""
        wd = d.weekday()
        if wd == 5:
            return d - timedelta(days=1)
        if wd == 6:
            return d + timedelta(days=1)
        return d

    def ctx(self, plan: Plan) -> dict[str, Any]:
        """The words a note about ``plan``'s rep is filled in with: names, companies, numbers."""
        rng = self.rng
        co, co2 = rng.sample(plan.book, 2)
        n = rng.randint(3, 12)
        vac_start = rng.randint(1, 24)
        return {
            "co": co,
            "co2": co2,
            "contact": rng.choice(CONTACTS),
            "comp": rng.choice(COMPETITORS),
            "industry": rng.choice(INDUSTRIES),
            "day": rng.choice(WEEKDAYS),
            "n": n,
            "n2": n + rng.randint(2, 20),
            "amt": rng.choice((180, 420, 650, 1200, 2300)),
            "peer": plan.peer,
            "rep": plan.first,
            "mgr": MANAGER_FIRST,
            "q": rng.randint(1, 4),
            "vac": f"{rng.choice(MONTHS)[:3]} {vac_start}-{vac_start + rng.randint(2, 6)}",
            "cov": rng.choice(("1.8", "2.1", "2.4", "2.7", "3.2")),
            "c1": rng.randint(20, 90),
            "c2": rng.randint(30, 140),
            "c3": rng.randint(100, 400),
            "month": rng.choice(MONTHS),
        }

    # -- the team -------------------------------------------------------------------------

    def settings(self) -> TeamSettings:
        """The manager's settings: name, timezone, hours, and the takeover at the start of the
        history."""
        return TeamSettings(
            manager_name=MANAGER_NAME,
            timezone=TIMEZONE,
            takeover_date=self.window_start,
            work_start="08:30",
            work_end="17:30",
        )

    def names(self) -> list[str]:
        """A distinct full name for each rep."""
        rng = self.rng
        firsts = list(FIRST_NAMES)
        rng.shuffle(firsts)
        lasts = list(LAST_NAMES)
        rng.shuffle(lasts)
        names: list[str] = []
        seen: set[str] = set()
        i = 0
        while len(names) < self.n_reps:
            first = firsts[i % len(firsts)]
            last = lasts[(i + i // len(lasts)) % len(lasts)]
            i += 1
            name = f"{first} {last}"
            if name not in seen:
                seen.add(name)
                names.append(name)
        return names

    def make_team(self) -> None:
        """The reps (one onboarding, one departed, later hires), each with a role, a book and a
        weekly slot."""
        rng = self.rng
        n = self.n_reps
        n_onboarding = 1 if n >= 2 else 0
        n_departed = 1 if n >= 3 else 0
        n_active = n - n_onboarding - n_departed
        window_days = (self.today - self.window_start).days
        can_hire = window_days >= 90
        n_hired = round(n_active / 6) if n_active >= 4 and can_hire else 0
        roles = [ROLE_CYCLE[i % len(ROLE_CYCLE)] for i in range(n)]
        rng.shuffle(roles)
        # 90 minutes apart, so that even a long quarterly review ends before the next one
        slots = [(d, m) for m in (540, 630, 780, 870, 960) for d in range(5)]
        rng.shuffle(slots)
        kinds = (
            ["active"] * (n_active - n_hired)
            + ["hired"] * n_hired
            + ["departed"] * n_departed
            + ["onboarding"] * n_onboarding
        )
        for i, (name, role, kind) in enumerate(zip(self.names(), roles, kinds, strict=True)):
            slot_day, slot_minute = slots[i % len(slots)]
            if i >= len(slots):  # a very large team: some one-on-ones overlap
                slot_minute += 45 * ((i // len(slots)) % 2)
            status = RepStatus.ACTIVE
            departed_on = None
            end: pendulum.Date | None = self.today
            if kind in ("active", "departed"):
                start = self.window_start - timedelta(days=rng.randint(30, 6 * 365))
                start = weekday_on_or_after(start, 0)
                created = self.at(self.window_start, 9 * 60 + i % 240)
            elif kind == "hired":
                lo, hi = 14, window_days - 45
                start = weekday_on_or_after(
                    self.window_start + timedelta(days=rng.randint(lo, hi)), 0
                )
                created = self.at(start - timedelta(days=10), 10 * 60 + rng.randint(0, 300))
            else:  # onboarding: started this week or starts next Monday
                start = self.today - timedelta(days=self.today.weekday())
                if rng.random() < 0.5:
                    start = start + timedelta(days=7)
                status = RepStatus.ONBOARDING
                end = None
                created = self.at(start - timedelta(days=12), 10 * 60 + rng.randint(0, 300))
            updated = created
            if kind == "departed":
                low = min(30, window_days // 3)
                high = max(low, min(240, window_days * 2 // 3))
                departed_on = self.weekday_shift(
                    self.today - timedelta(days=rng.randint(low, high))
                )
                status = RepStatus.DEPARTED
                end = departed_on
                updated = self.at(departed_on, 17 * 60)
            rep = Rep(
                name=name,
                start_date=start,
                role=role,
                status=status,
                departed_on=departed_on,
                id=self.uid(),
                created_at=created,
                updated_at=updated,
            )
            self.plans.append(
                Plan(
                    rep=rep,
                    first=name.split(" ")[0],
                    role=role,
                    book=rng.sample(COMPANIES, 8),
                    slot_day=slot_day,
                    slot_minute=slot_minute,
                    perf=min(1.35, max(0.7, rng.gauss(1.0, 0.12))),
                    takeover=kind != "hired",
                    end=end,
                )
            )
        for i, plan in enumerate(self.plans):
            plan.peer = self.plans[(i + 1) % len(self.plans)].first if n > 1 else MANAGER_FIRST

    # -- the calendar ---------------------------------------------------------------------

    def reset_slots(self) -> list[tuple[pendulum.Date, int]]:
        """Two-hour slots in the manager's first two weeks, for the new-leader resets."""
        days = [self.window_start + timedelta(days=i) for i in range(14)]
        days = [d for d in days if d.weekday() < 5]
        return [(d, minute) for d in days for minute in (9 * 60, 13 * 60, 15 * 60 + 30)]

    def schedule(self, plan: Plan, reset_slot: tuple[pendulum.Date, int]) -> None:
        """Decide the dates and kinds of every session of ``plan`` (none for onboarding)."""
        if plan.end is None:
            return
        rng = self.rng
        if plan.takeover:
            # a new leader starts over with every rep in the first two weeks (habit 7)
            first, plan.first_minute = reset_slot
            first_kind = SessionKind.NEW_LEADER_RESET
        else:
            # in week one or two of the rep's start (habit 6)
            first = plan.rep.start_date + timedelta(days=rng.choice((2, 3, 4, 8, 9)))
            plan.first_minute = rng.choice((8 * 60 + 30, 13 * 60, 15 * 60 + 30))
            first_kind = SessionKind.EXPECTATIONS
        plan.first_date = first
        # weekly one-on-ones begin once the first conversations are done
        after = first + timedelta(days=4)
        if plan.takeover:
            after = max(after, self.window_start + timedelta(days=14))
        regular_from = weekday_on_or_after(after, plan.slot_day)
        dates = [first]
        k = 0
        while True:
            d = self.weekday_shift(regular_from + timedelta(days=round(k * self.step_days)))
            k += 1
            if d > self.horizon:
                break
            if d > dates[-1] and not is_holiday(d):
                dates.append(d)
        # the first session on or after each quarter start is that quarter's review
        reviews: dict[int, pendulum.Date] = {}
        q = first_review_quarter(first)
        j = 1
        while j < len(dates):
            while j < len(dates) and dates[j] < q:
                j += 1
            if j < len(dates):
                reviews[j] = q
            q = next_quarter(q)
        for j, d in enumerate(dates):
            if d >= plan.end:
                plan.future.append(d)
                continue
            forced = j == 0 or j in reviews
            if not forced and rng.random() < 0.04:
                continue  # vacation, sick day, customer emergency
            if j in reviews:
                plan.review_quarter[len(plan.held)] = reviews[j]
            plan.held.append(d)
            plan.kinds.append(
                first_kind
                if j == 0
                else SessionKind.QUARTERLY_REVIEW
                if j in reviews
                else SessionKind.REGULAR
            )

    def miss_a_review(self, plan: Plan) -> None:
        """This rep's latest due review was not held: it stays scheduled and overdue."""
        candidates = [i for i, q in plan.review_quarter.items() if review_due(q) < self.today]
        if not candidates:
            return
        i_miss = max(candidates)
        plan.overdue_quarter = plan.review_quarter[i_miss]
        for i in [i for i in plan.review_quarter if i >= i_miss]:
            plan.kinds[i] = SessionKind.REGULAR
            del plan.review_quarter[i]

    def pick_invocations(self) -> None:
        """The reps whose one-on-ones invoke a consequence step, and in which sessions."""
        rng = self.rng
        candidates = [
            p for p in self.plans if p.rep.status is RepStatus.ACTIVE and len(p.held) >= 10
        ]
        if not candidates:
            return
        count = max(2, round(self.n_reps / 6))
        previous: Plan | None = None
        for i in range(count):
            if i % 3 == 1 and previous is not None:
                (last_idx, last_step) = max(previous.invocations.items())
                idx = last_idx + rng.randint(3, 6)
                if idx < len(previous.held) and previous.kinds[idx] is SessionKind.REGULAR:
                    previous.invocations[idx] = last_step + 1
                    previous.kinds[idx] = SessionKind.ACCOUNTABILITY
                    continue
            fresh = [p for p in candidates if not p.invocations] or candidates
            plan = rng.choice(fresh)
            n = len(plan.held)
            lo = max(6, n - 40)
            options = [
                j
                for j in range(lo, n - 1)
                if plan.kinds[j] is SessionKind.REGULAR
                and all(abs(j - k) > 8 for k in plan.invocations)
            ]
            if not options:
                continue
            idx = rng.choice(options)
            plan.invocations[idx] = 0
            plan.kinds[idx] = SessionKind.ACCOUNTABILITY
            previous = plan
        for plan in candidates:  # a later invocation climbs the ladder
            for rank, idx in enumerate(sorted(plan.invocations)):
                plan.invocations[idx] = rank
