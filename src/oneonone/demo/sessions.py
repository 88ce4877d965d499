"""The generator's one-on-ones: every session of a rep, with its steps, numbers, commitments
and invocations."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pendulum

from oneonone.core.model import (
    Addendum,
    Agreement,
    CommitmentState,
    Invocation,
    NumberEntry,
    Owner,
    Period,
    RepStatus,
    Review,
    ReviewScope,
    ReviewState,
    Session,
    SessionKind,
    StepNote,
)
from oneonone.core.model import Commitment as CommitmentRecord
from oneonone.demo.agreements import AgreementWriter
from oneonone.demo.plan import Changes, Line, Plan, money, ordinal, quarter_start, review_due, times
from oneonone.demo.scripts import DURATION_MINUTES, SCRIPTS
from oneonone.demo.words import (
    AHEAD,
    BEHIND,
    DEPARTED_DROP,
    DROP_REASONS,
    MANAGER_AGENDA,
    MANAGER_TODOS,
    NEXT_STEPS,
    PRIVATE_NOTES,
    QR_CHANGES,
    RECAPS,
    REP_AGENDA,
    REP_TODOS,
    SELF_CHECKS,
)


class SessionWriter(AgreementWriter):
    """Writes each rep's one-on-ones, their numbers, commitments and invocations."""

    # -- sessions -------------------------------------------------------------------------

    def run_rep(self, plan: Plan) -> None:
        """Walk one rep's sessions in order: agreements, numbers, commitments, notes."""
        rng = self.rng
        if not plan.held:
            return
        open_items: list[CommitmentRecord] = []
        recent_misses: dict[str, str] = {}  # rep commitments carried lately, by text
        totals: dict[str, tuple[Any, float, float]] = {}  # line id -> (period key, running total)
        last_quarter_pct: dict[str, float] = {}
        agreement: Agreement | None = None
        slump = {j for i in plan.invocations for j in range(i - 4, i + 1)}
        per_quarter = 13.0 * self.per_week
        for idx, (d, kind) in enumerate(zip(plan.held, plan.kinds, strict=True)):
            ctx = self.ctx(plan)
            start_minute = plan.slot_minute + rng.choice((0, 0, 0, 0, 0, 2, 5, 5, 10))
            if idx == 0:
                start_minute = plan.first_minute
            started = self.at(d, start_minute)
            lo, hi = DURATION_MINUTES[kind]
            ended = self.at(d, start_minute + rng.randint(lo, hi))
            session_id = self.uid()
            changes = Changes()
            if idx == 0:
                agreement = self.first_agreement(plan, ended)
                plan.agreements.append(agreement)
            elif kind is SessionKind.QUARTERLY_REVIEW:
                agreement, changes = self.next_agreement(plan, ended)
                plan.agreements[-1].superseded = True
                plan.agreements.append(agreement)
                q = plan.review_quarter[idx]
                self.reviews.append(
                    Review(
                        scope=ReviewScope.REP,
                        due=review_due(q),
                        rep_id=plan.rep.id,
                        state=ReviewState.DONE,
                        held_on=d,
                        session_id=session_id,
                        id=self.uid(),
                    )
                )
            assert agreement is not None
            factor = plan.perf * (0.62 if idx in slump else 1.0)

            # numbers
            numbers: list[NumberEntry] = []
            if idx > 0:
                for item in plan.lines:
                    numbers.append(
                        self.number(item, d, factor, per_quarter, totals, last_quarter_pct)
                    )

            # commitments due by today get done, carried or dropped
            done: list[str] = []
            carried: list[str] = []
            dropped: list[str] = []
            still_open: list[CommitmentRecord] = []
            for c in open_items:
                if c.due is None or c.due > d:
                    still_open.append(c)
                    continue
                roll = rng.random()
                p_done, p_carry = (0.45, 0.47) if idx in slump else (0.8, 0.15)
                if c.carried >= 3:
                    p_done, p_carry = 0.6, 0.0
                elif plan.behind_now and idx == len(plan.held) - 1:
                    p_done, p_carry = 0.0, 1.0
                if roll < p_done:
                    c.state = CommitmentState.DONE
                    c.closed_at = self.at(d, start_minute + 3)
                    done.append(c.text)
                elif roll < p_done + p_carry:
                    c.carried += 1
                    carried.append(f"{c.text} ({ordinal(c.carried)} time)")
                    still_open.append(c)
                    if c.owner is Owner.REP:
                        recent_misses[c.text] = f"{c.text}: carried {times(c.carried)}"
                else:
                    c.state = CommitmentState.DROPPED
                    c.closed_at = self.at(d, start_minute + 4)
                    c.drop_reason = rng.choice(DROP_REASONS).format(**ctx)
                    dropped.append(f"{c.text}: {c.drop_reason}")
            open_items = still_open

            # new commitments
            new_items: list[CommitmentRecord] = []
            n_rep = rng.choices((0, 1, 2), (0.1, 0.6, 0.3))[0]
            n_mgr = 1 if rng.random() < 0.45 else 0
            if kind in (SessionKind.EXPECTATIONS, SessionKind.NEW_LEADER_RESET):
                n_mgr = 1
            for owner, count in ((Owner.REP, n_rep), (Owner.MANAGER, n_mgr)):
                pool = REP_TODOS if owner is Owner.REP else MANAGER_TODOS
                for _ in range(count):
                    text = rng.choice(pool).format(**ctx)
                    if owner is Owner.MANAGER and kind in (
                        SessionKind.EXPECTATIONS,
                        SessionKind.NEW_LEADER_RESET,
                        SessionKind.QUARTERLY_REVIEW,
                    ):
                        text = f"Send {plan.first} the written agreement v{agreement.version}"
                    due = self.weekday_shift(d + timedelta(days=rng.choice((2, 3, 3, 7, 7, 7, 14))))
                    todo = CommitmentRecord(
                        rep_id=plan.rep.id,
                        owner=owner,
                        text=text,
                        due=due,
                        session_id=session_id,
                        created_at=self.at(d, start_minute + lo),
                        id=self.uid(),
                    )
                    new_items.append(todo)
            open_items.extend(new_items)
            self.commitments.extend(new_items)

            # invocation
            invocation: Invocation | None = None
            if idx in plan.invocations:
                invocation = self.invoke(
                    plan,
                    agreement,
                    plan.invocations[idx],
                    session_id,
                    started,
                    numbers,
                    recent_misses,
                )
            for key in list(recent_misses)[:-4]:
                del recent_misses[key]

            steps = self.steps(
                plan,
                kind,
                agreement,
                ctx,
                numbers,
                done,
                carried,
                dropped,
                new_items,
                changes,
                invocation,
                last_quarter_pct,
            )
            addenda: list[Addendum] = []
            if rng.random() < 0.02:
                addenda.append(
                    Addendum(
                        at=self.at(d + timedelta(days=rng.randint(1, 3)), 16 * 60),
                        text=f"Follow-up: {ctx['co']} signed the order form.",
                    )
                )
            self.sessions.append(
                Session(
                    rep_id=plan.rep.id,
                    kind=kind,
                    started_at=started,
                    ended_at=ended,
                    script_name=SCRIPTS[kind][0],
                    steps=steps,
                    current_step=len(steps) - 1,
                    notes=rng.choice(RECAPS).format(**ctx) if rng.random() < 0.3 else "",
                    private_notes=(
                        rng.choice(PRIVATE_NOTES).format(**ctx) if rng.random() < 0.12 else ""
                    ),
                    numbers=numbers,
                    agreement_id=agreement.id,
                    agreement_version=agreement.version,
                    closed=True,
                    addenda=addenda,
                    id=session_id,
                )
            )

        if plan.rep.status is RepStatus.DEPARTED and plan.rep.departed_on is not None:
            for c in open_items:
                c.state = CommitmentState.DROPPED
                c.closed_at = self.at(plan.rep.departed_on, 17 * 60)
                c.drop_reason = DEPARTED_DROP

    def number(
        self,
        item: Line,
        d: pendulum.Date,
        factor: float,
        per_quarter: float,
        totals: dict[str, tuple[Any, float, float]],
        last_quarter_pct: dict[str, float],
    ) -> NumberEntry:
        """The number of a quota line at a one-on-one on ``d``, near its target by ``factor``
        (money: the quarter to date)."""
        rng = self.rng
        label, _base, unit, period, kind = item.spec
        target = item.line.number
        line_id = item.line.id
        if kind == "money":
            key: Any = quarter_start(d)
            prev_key, total, prev_target = totals.get(line_id, (None, 0.0, target))
            if prev_key != key:
                if prev_key is not None and line_id in self.full_quarter:
                    last_quarter_pct[label] = 100.0 * total / prev_target
                elif prev_key is not None:
                    self.full_quarter.add(line_id)  # the first quarter seen was only partly seen
                total = 0.0
            if rng.random() < 0.35:
                deal = target * factor / (per_quarter * 0.35) * rng.uniform(0.4, 1.6)
                total += round(deal / 500) * 500
            totals[line_id] = (key, total, target)
            actual = total
        elif kind == "pct":
            actual = round(min(100.0, target + rng.gauss((factor - 1.0) * 20, 2.0)), 1)
        elif period is Period.MONTH:
            key = (d.year, d.month)
            prev_key, total, _ = totals.get(line_id, (key, 0.0, target))
            if prev_key != key:
                total = 0.0
            total += target / 4.33 / self.per_week * factor * rng.gauss(1.0, 0.3)
            totals[line_id] = (key, max(0.0, total), target)
            actual = float(round(max(0.0, total)))
        else:
            actual = float(max(0, round(target * factor * rng.gauss(1.0, 0.18))))
        return NumberEntry(
            quota_line_id=line_id,
            label=label,
            actual=float(actual),
            target=target,
            unit=unit,
            period=period,
        )

    def invoke(
        self,
        plan: Plan,
        agreement: Agreement,
        step_index: int,
        session_id: str,
        started: pendulum.DateTime,
        numbers: list[NumberEntry],
        misses: dict[str, str],
    ) -> Invocation:
        """A consequence step invoked in a one-on-one: the evidence, the reason and the manager's
        self-check."""
        rng = self.rng
        step_index = min(step_index, len(agreement.consequence_steps) - 1)
        step = agreement.consequence_steps[step_index]
        evidence = list(misses.values())[-3:]
        below = [
            f"{n.label}: {money(n.actual)} of {money(n.target)} {n.unit} per {n.period.value}"
            for n in numbers
            if n.actual < 0.8 * n.target and n.period in (Period.DAY, Period.WEEK)
        ]
        evidence += below[:2]
        if not evidence:
            evidence.append("Forecast missed by a third last month, with no heads-up beforehand.")
        reason = (
            f"{plan.first} is not keeping the agreement: "
            + (
                "commitments carried week after week"
                if misses
                else "activity below the agreed numbers"
            )
            + ". This is the step they asked for."
        )
        self_check = {name: True for name in SELF_CHECKS}
        if rng.random() < 0.3:
            self_check["I kept my own commitments"] = False
        invocation = Invocation(
            rep_id=plan.rep.id,
            agreement_id=agreement.id,
            agreement_version=agreement.version,
            step_id=step.id,
            step_index=step_index,
            step_text=step.text,
            reason=reason,
            invoked_at=started.add(minutes=20),
            session_id=session_id,
            evidence=evidence,
            self_check=self_check,
            id=self.uid(),
        )
        self.invocations.append(invocation)
        return invocation

    def steps(
        self,
        plan: Plan,
        kind: SessionKind,
        agreement: Agreement,
        ctx: dict[str, Any],
        numbers: list[NumberEntry],
        done: list[str],
        carried: list[str],
        dropped: list[str],
        new_items: list[CommitmentRecord],
        changes: Changes,
        invocation: Invocation | None,
        last_quarter_pct: dict[str, float],
    ) -> list[StepNote]:
        """The notes of each step of a one-on-one of ``kind``, in the words of its script."""
        rng = self.rng
        texts: list[str]
        if kind is SessionKind.REGULAR:
            agenda = ""
            if rng.random() < 0.9:
                agenda = rng.choice(MANAGER_AGENDA).format(**ctx)
            texts = [
                self.open_text(done, carried, dropped),
                self.numbers_text(numbers, ctx),
                " ".join(rng.sample(REP_AGENDA, rng.choice((1, 1, 2)))).format(**ctx),
                agenda,
                self.new_text(new_items),
            ]
        elif kind in (SessionKind.EXPECTATIONS, SessionKind.NEW_LEADER_RESET):
            lines = "; ".join(
                f"{q.label} {money(q.number)} {q.unit} per {q.period.value}"
                for q in agreement.quota_lines
            )
            ladder = " ".join(
                f"{i + 1}. {s.text}" for i, s in enumerate(agreement.consequence_steps)
            )
            texts = [
                f"Quota: {lines}. Activity: {' '.join(agreement.activity)} "
                f"What would cost the job, in plain words: {agreement.job_loss}",
                " ".join(agreement.manager_commitments),
                f"{plan.first} asked for: {' '.join(agreement.rep_requests)}",
                f"Urgent: {agreement.comm_rules[0].rep_channel.lower()}; otherwise email or "
                f"Slack. Hours: {agreement.rep_hours}",
                f"In {plan.first}'s words: {ladder}",
                f"Agreement v{agreement.version} written up and agreed.\n"
                + self.new_text(new_items),
            ]
            if kind is SessionKind.NEW_LEADER_RESET:
                texts.insert(
                    0,
                    f"Told {plan.first} plainly: this is now my team and we start over from the "
                    "beginning. Whatever was agreed with the previous manager, we write our own.",
                )
        elif kind is SessionKind.QUARTERLY_REVIEW:
            pct = [f"{label} closed at {p:.0f}% of quota" for label, p in last_quarter_pct.items()]
            what = rng.choice(QR_CHANGES).format(**ctx)
            texts = [
                ("Last quarter: " + "; ".join(pct) + ". " if pct else "") + what,
                " ".join(changes.quota) or "Quota unchanged for the new quarter.",
                " ".join(changes.both) or "Both sides: kept as written.",
                " ".join(changes.ladder) or f"{plan.first} kept the ladder as written.",
                f"v{agreement.version} agreed; next review by {agreement.next_review}.\n"
                + self.new_text(new_items),
            ]
        else:  # accountability
            assert invocation is not None
            k = invocation.step_index + 1
            mine = (
                "Checked my side: expectation set, coached, commitments kept."
                if all(invocation.self_check.values())
                else "Checked my side: I dropped one of my own commitments too; I said so."
            )
            texts = [
                "\n".join(f"- {e}" for e in invocation.evidence),
                f"Read back from agreement v{invocation.agreement_version}: "
                f'"{invocation.step_text}"',
                f"Step {k} of {len(agreement.consequence_steps)}: {invocation.step_text}",
                rng.choice(NEXT_STEPS).format(k=k, rep=plan.first)
                + "\n"
                + self.new_text(new_items),
                mine,
            ]
        titles = SCRIPTS[kind][1]
        return [
            StepNote(title=title, prompt=prompt, notes=text, covered=bool(text))
            for (title, prompt), text in zip(titles, texts, strict=True)
        ]

    @staticmethod
    def open_text(done: list[str], carried: list[str], dropped: list[str]) -> str:
        """What became of the last commitments: done, carried over, dropped."""
        parts = []
        if done:
            parts.append("Done: " + "; ".join(done) + ".")
        if carried:
            parts.append("Carried: " + "; ".join(carried) + ".")
        if dropped:
            parts.append("Dropped: " + " ".join(dropped))
        return " ".join(parts) or "Nothing was due since last time."

    def numbers_text(self, numbers: list[NumberEntry], ctx: dict[str, Any]) -> str:
        """The numbers of a one-on-one, one line each, as the notes quote them."""
        if not numbers:
            return ""
        parts = [
            f"{n.label} {money(n.actual)}/{money(n.target)}"
            + (" QTD" if n.period is Period.QUARTER else "")
            for n in numbers
        ]
        weekly = [n for n in numbers if n.period in (Period.DAY, Period.WEEK)]
        behind = any(n.actual < 0.85 * n.target for n in weekly)
        comment = self.rng.choice(BEHIND if behind else AHEAD).format(**ctx)
        return ", ".join(parts) + ". " + comment

    @staticmethod
    def new_text(items: list[CommitmentRecord]) -> str:
        """The new commitments, one line each, or that there are none."""
        if not items:
            return "No new commitments."
        return "\n".join(
            f"- {'Me' if c.owner is Owner.MANAGER else 'Rep'}: {c.text} (by {c.due})" for c in items
        )
