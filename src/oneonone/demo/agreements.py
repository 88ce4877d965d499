"""The generator's agreements: a rep's first one, and each quarter's next version."""

from __future__ import annotations

from typing import Any

import pendulum

from oneonone.core.model import (
    Agreement,
    AgreementState,
    CommRule,
    ConsequenceStep,
    QuotaLine,
)
from oneonone.demo.people import EXTRA_LINE, MANAGER_NAME, QUOTA_SPECS
from oneonone.demo.plan import Changes, Line, Plan, first_review_quarter, money, review_due
from oneonone.demo.team import TeamMaker
from oneonone.demo.words import (
    ACTIVITY,
    COMM_CHOICES,
    CONDUCT,
    JOB_LOSS,
    LADDER_FIRST,
    LADDER_LAST,
    LADDER_MIDDLE,
    MANAGER_PROMISES,
    OPEN_DOORS,
    REP_HOURS,
    REP_REQUESTS,
    WORK_SCHEDULES,
)


class AgreementWriter(TeamMaker):
    """Writes each rep's agreement versions."""

    # -- agreements -----------------------------------------------------------------------

    def first_agreement(self, plan: Plan, on: pendulum.DateTime) -> Agreement:
        """The rep's first agreement, made ``on`` that day: quota lines scaled to the rep, the
        team's words."""
        rng = self.rng
        scale = rng.choice((0.9, 1.0, 1.0, 1.1, 1.2))
        for spec in QUOTA_SPECS[plan.role]:
            label, base, unit, period, kind = spec
            number = base
            if kind == "money":
                number = round(base * scale / 5000) * 5000
            elif kind == "count":
                number = max(1, round(base * scale))
            plan.lines.append(Line(spec, QuotaLine(label, float(number), unit, period, self.uid())))
        ladder = [rng.choice(LADDER_FIRST)]
        middle = rng.sample(LADDER_MIDDLE, rng.randint(1, 3))
        ladder += [m.format(peer=plan.peer) for m in middle]
        ladder.append(rng.choice(LADDER_LAST))
        comm = []
        for urgency, (mc, mr, rc, rr) in COMM_CHOICES.items():
            comm.append(
                CommRule(
                    urgency=urgency,
                    manager_channel=rng.choice(mc),
                    manager_response=rng.choice(mr),
                    rep_channel=rng.choice(rc),
                    rep_response=rng.choice(rr),
                )
            )
        activity_pool = ACTIVITY if plan.role == "SDR" else ACTIVITY[:5]
        return self.agreement(
            plan,
            version=1,
            on=on,
            activity=rng.sample(activity_pool, rng.randint(2, 3)),
            conduct=rng.sample(CONDUCT, 3),
            work_schedule=rng.choice(WORK_SCHEDULES),
            job_loss=rng.choice(JOB_LOSS),
            manager_commitments=rng.sample(MANAGER_PROMISES, rng.randint(3, 4)),
            rep_requests=rng.sample(REP_REQUESTS, rng.randint(1, 3)),
            comm_rules=comm,
            open_door=rng.choice(OPEN_DOORS),
            rep_hours=rng.choice(REP_HOURS),
            consequence_steps=[ConsequenceStep(text, self.uid()) for text in ladder],
        )

    def agreement(
        self, plan: Plan, *, version: int, on: pendulum.DateTime, **parts: Any
    ) -> Agreement:
        """A version agreed at the end of the session that ended ``on``."""
        day = on.date()
        return Agreement(
            rep_id=plan.rep.id,
            version=version,
            state=AgreementState.AGREED,
            agreed_on=day,
            manager_name=MANAGER_NAME,
            quota_lines=[line.line for line in plan.lines],
            next_review=review_due(first_review_quarter(day)),
            id=self.uid(),
            created_at=on,
            **parts,
        )

    def next_agreement(self, plan: Plan, on: pendulum.DateTime) -> tuple[Agreement, Changes]:
        """The next quarter's version; returns it and what changed, in words."""
        rng = self.rng
        prev = plan.agreements[-1]
        changes = Changes()
        for item in plan.lines:
            label, _base, unit, period, kind = item.spec
            old = item.line.number
            new: float
            if kind == "money":
                new = round(old * rng.choice((1.0, 1.0, 1.03, 1.05, 1.08, 1.1)) / 5000) * 5000
            elif kind == "count":
                new = max(1.0, old + rng.choice((0, 0, 0, 0, 1, -1)))
            else:
                new = old
            if new != old:
                item.line = QuotaLine(label, float(new), unit, period, item.line.id)
                changes.quota.append(
                    f"{label} {money(old)} -> {money(new)} {unit} per {period.value}."
                )
        if len(plan.lines) < 4 and plan.role != "Account Manager" and rng.random() < 0.04:
            label, base, unit, period, kind = EXTRA_LINE
            plan.lines.append(
                Line(EXTRA_LINE, QuotaLine(label, float(base), unit, period, self.uid()))
            )
            changes.quota.append(f"New line: {label} {base} {unit} per {period.value}.")
        requests = list(prev.rep_requests)
        if rng.random() < 0.12:
            extra = [r for r in REP_REQUESTS if r not in requests]
            if extra and (len(requests) < 3 or rng.random() < 0.5):
                requests.append(rng.choice(extra))
                changes.both.append(f"{plan.first} asked: {requests[-1]}")
            elif len(requests) > 1:
                gone = requests.pop(rng.randrange(len(requests)))
                changes.both.append(f"Request settled and removed: {gone}")
        steps = list(prev.consequence_steps)
        if rng.random() < 0.06 and len(steps) >= 3:
            k = rng.randrange(1, len(steps) - 1)
            options = [m.format(peer=plan.peer) for m in LADDER_MIDDLE]
            options = [o for o in options if o not in (s.text for s in steps)]
            steps[k] = ConsequenceStep(rng.choice(options), self.uid())
            changes.ladder.append(f'{plan.first} reworded step {k + 1}: "{steps[k].text}"')
        activity = list(prev.activity)
        if rng.random() < 0.05:
            pool = [a for a in ACTIVITY if a not in activity]
            if pool:
                del activity[rng.randrange(len(activity))]
                activity.append(rng.choice(pool))
                changes.both.append(f"Activity now includes: {activity[-1]}")
        agreement = self.agreement(
            plan,
            version=prev.version + 1,
            on=on,
            activity=activity,
            conduct=prev.conduct,
            work_schedule=prev.work_schedule,
            job_loss=prev.job_loss,
            manager_commitments=prev.manager_commitments,
            rep_requests=requests,
            comm_rules=prev.comm_rules,
            open_door=prev.open_door,
            rep_hours=prev.rep_hours,
            consequence_steps=steps,
        )
        return agreement, changes
