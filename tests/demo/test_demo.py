"""The demo-team generator: deterministic, scaled by its arguments, and true to the method."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

import pendulum
import pytest
from tinydb import TinyDB

from oneonone.core.model import (
    Agreement,
    AgreementState,
    Commitment,
    CommitmentState,
    Invocation,
    OnboardingItem,
    Owner,
    Rep,
    RepStatus,
    Review,
    ReviewScope,
    ReviewState,
    Session,
    SessionKind,
    TeamAgreement,
    TeamSettings,
)
from oneonone.core.store import Store
from oneonone.demo import DEMO_FILE_NAME, DemoSummary, demo_file, generate

TODAY = pendulum.Date(2026, 11, 20)
REGULAR_TITLES = [
    "Open commitments",
    "Numbers against quota",
    "Rep's agenda",
    "Manager's agenda",
    "New commitments",
]


class Team:
    """Every record of one generated file, decoded through the Store."""

    def __init__(self, path: Path, summary: DemoSummary) -> None:
        self.path = path
        self.summary = summary
        with Store.open(path) as store:
            self.settings = store.settings()
            self.reps = store.all(Rep)
            self.agreements = store.all(Agreement)
            self.sessions = store.all(Session)
            self.commitments = store.all(Commitment)
            self.invocations = store.all(Invocation)
            self.reviews = store.all(Review)
            self.onboarding = store.all(OnboardingItem)
            self.team_agreements = store.all(TeamAgreement)

    def of(self, status: RepStatus) -> list[Rep]:
        return [r for r in self.reps if r.status is status]


def make(folder: Path, **kwargs: object) -> Team:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DEMO_FILE_NAME
    with Store.open(path) as store:
        summary = generate(store, today=TODAY, **kwargs)  # type: ignore[arg-type]
    return Team(path, summary)


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Team:
    return make(tmp_path_factory.mktemp("demo"), reps=10, years=2.0)


# --- determinism -----------------------------------------------------------------------------


def test_same_arguments_give_byte_identical_files(tmp_path: Path) -> None:
    a = demo_file(tmp_path / "a", reps=5, years=1.0, today=TODAY)
    b = demo_file(tmp_path / "b", reps=5, years=1.0, today=TODAY)
    assert a.name == b.name == DEMO_FILE_NAME
    assert a.read_bytes() == b.read_bytes()


def test_another_seed_gives_another_team(tmp_path: Path) -> None:
    a = demo_file(tmp_path / "a", reps=5, years=1.0, today=TODAY, seed=1)
    b = demo_file(tmp_path / "b", reps=5, years=1.0, today=TODAY, seed=2)
    assert a.read_bytes() != b.read_bytes()


def test_demo_file_replaces_an_earlier_demo(tmp_path: Path) -> None:
    first = demo_file(tmp_path, reps=3, years=0.5, today=TODAY)
    size = first.stat().st_size
    again = demo_file(tmp_path, reps=3, years=0.5, today=TODAY)
    assert again == first
    assert again.stat().st_size == size  # not appended to


# --- scale -----------------------------------------------------------------------------------


def test_summary_counts_what_is_in_the_file(team: Team) -> None:
    s = team.summary
    assert s.settings == 1
    assert (s.reps, s.agreements, s.sessions) == (
        len(team.reps),
        len(team.agreements),
        len(team.sessions),
    )
    assert (s.commitments, s.invocations, s.reviews, s.onboarding_items) == (
        len(team.commitments),
        len(team.invocations),
        len(team.reviews),
        len(team.onboarding),
    )
    assert s.total == 1 + sum(
        map(
            len,
            (
                team.reps,
                team.agreements,
                team.sessions,
                team.commitments,
                team.invocations,
                team.reviews,
                team.onboarding,
                team.team_agreements,
            ),
        )
    )
    assert s.team_agreements == len(team.team_agreements)


def test_counts_scale_with_reps_and_years(tmp_path: Path) -> None:
    base = make(tmp_path / "base", reps=6, years=1.0).summary
    more_reps = make(tmp_path / "reps", reps=12, years=1.0).summary
    more_years = make(tmp_path / "years", reps=6, years=2.0).summary
    assert base.reps == 6 and more_reps.reps == 12
    # about one session a week per rep who has sessions (all but the onboarding rep)
    assert 0.8 * 4 * 52 <= base.sessions <= 5 * 53
    assert 1.7 <= more_reps.sessions / base.sessions <= 2.6
    assert 1.6 <= more_years.sessions / base.sessions <= 2.3
    assert more_years.agreements > base.agreements
    assert more_reps.commitments > base.commitments


def test_sessions_per_week_scales_sessions(tmp_path: Path) -> None:
    weekly = make(tmp_path / "w", reps=4, years=1.0).summary
    fortnightly = make(tmp_path / "f", reps=4, years=1.0, sessions_per_week=0.5).summary
    assert 0.4 <= fortnightly.sessions / weekly.sessions <= 0.65


@pytest.mark.parametrize(("reps", "years"), [(1, 0.25), (2, 0.1), (3, 1.0)])
def test_small_teams_and_short_periods(tmp_path: Path, reps: int, years: float) -> None:
    t = make(tmp_path, reps=reps, years=years)
    assert len(t.reps) == reps
    assert all(s.started_at.date() < TODAY for s in t.sessions)


def test_bad_arguments_are_refused(tmp_path: Path) -> None:
    with Store.open(tmp_path / "x.json") as store:
        for kwargs in ({"reps": 0}, {"years": 0}, {"sessions_per_week": 0}):
            with pytest.raises(ValueError):
                generate(store, today=TODAY, **kwargs)  # type: ignore[arg-type]


# --- the team and its records ------------------------------------------------------------------


def test_settings_and_roster(team: Team) -> None:
    assert team.settings.manager_name == "Dana Whitfield"
    assert team.settings.timezone == "America/New_York"
    assert len({r.name for r in team.reps}) == len(team.reps)
    assert len({r.role for r in team.reps}) >= 3
    (onboarding,) = team.of(RepStatus.ONBOARDING)
    assert TODAY - dt.timedelta(days=14) <= onboarding.start_date <= TODAY + dt.timedelta(days=7)
    (departed,) = team.of(RepStatus.DEPARTED)
    assert departed.departed_on is not None and departed.departed_on < TODAY
    active = team.of(RepStatus.ACTIVE)
    period_start = TODAY - dt.timedelta(days=round(2 * 365.25))
    assert sum(r.start_date < period_start for r in active) > len(active) / 2


def test_ids_are_unique(team: Team) -> None:
    records: list[object] = [
        *team.reps,
        *team.agreements,
        *team.sessions,
        *team.commitments,
        *team.invocations,
        *team.reviews,
        *team.onboarding,
    ]
    ids = [r.id for r in records]  # type: ignore[attr-defined]
    assert len(ids) == len(set(ids))


def test_every_time_carries_the_managers_offset(team: Team) -> None:
    offsets = {dt.timedelta(hours=-5), dt.timedelta(hours=-4)}
    moments = [s.started_at for s in team.sessions] + [c.created_at for c in team.commitments]
    moments += [r.created_at for r in team.reps] + [i.invoked_at for i in team.invocations]
    assert {m.utcoffset() for m in moments} == offsets


def test_agreements_are_agreed_versioned_and_complete(team: Team) -> None:
    by_rep: dict[str, list[Agreement]] = defaultdict(list)
    for a in team.agreements:
        by_rep[a.rep_id].append(a)
        assert a.state is AgreementState.AGREED and a.agreed_on is not None
        assert 3 <= len(a.consequence_steps) <= 5
        assert a.quota_lines and a.activity and a.conduct and a.job_loss and a.work_schedule
        assert a.manager_commitments and a.rep_requests and a.open_door and a.rep_hours
        assert len(a.comm_rules) == 3
    (onboarding,) = team.of(RepStatus.ONBOARDING)
    assert onboarding.id not in by_rep
    assert set(by_rep) == {r.id for r in team.reps if r.status is not RepStatus.ONBOARDING}
    for versions in by_rep.values():
        versions.sort(key=lambda a: a.version)
        assert [a.version for a in versions] == list(range(1, len(versions) + 1))
        dates = [a.agreed_on for a in versions]
        assert dates == sorted(dates) and len(set(dates)) == len(dates)
    assert max(map(len, by_rep.values())) >= 8  # one version a quarter over two years


def test_sessions_follow_the_scripts(team: Team) -> None:
    kinds = Counter(s.kind for s in team.sessions)
    assert kinds[SessionKind.REGULAR] > 0.8 * len(team.sessions)
    assert kinds[SessionKind.QUARTERLY_REVIEW] > 0
    assert kinds[SessionKind.ACCOUNTABILITY] == len(team.invocations)
    agreements = {a.id: a for a in team.agreements}
    first_kind: dict[str, SessionKind] = {}
    for s in sorted(team.sessions, key=lambda s: s.started_at):
        first_kind.setdefault(s.rep_id, s.kind)
        assert s.closed and s.ended_at is not None and s.ended_at > s.started_at
        agreement = agreements[s.agreement_id or ""]
        assert agreement.rep_id == s.rep_id and agreement.version == s.agreement_version
        if s.kind is SessionKind.REGULAR:
            assert [step.title for step in s.steps] == REGULAR_TITLES
            line_ids = {q.id for q in agreement.quota_lines}
            assert s.numbers and {n.quota_line_id for n in s.numbers} <= line_ids
    assert set(first_kind.values()) <= {SessionKind.EXPECTATIONS, SessionKind.NEW_LEADER_RESET}


def test_notes_are_realistic_and_need_escaping(team: Team) -> None:
    sizes = sorted(sum(len(step.notes) for step in s.steps) for s in team.sessions)
    assert 200 <= sizes[len(sizes) // 2] <= 1000
    text = "\n".join(step.notes for s in team.sessions for step in s.steps)
    for needle in ("**", "|", "[", "`", "\n- "):
        assert needle in text
    with_private = sum(bool(s.private_notes) for s in team.sessions)
    assert 0.03 * len(team.sessions) < with_private < 0.3 * len(team.sessions)


def test_departed_rep_has_no_session_after_leaving(team: Team) -> None:
    (departed,) = team.of(RepStatus.DEPARTED)
    assert departed.departed_on is not None
    mine = [s for s in team.sessions if s.rep_id == departed.id]
    assert mine
    assert all(s.started_at.date() < departed.departed_on for s in mine)
    assert not any(
        c.state is CommitmentState.OPEN for c in team.commitments if c.rep_id == departed.id
    )
    assert not any(
        r.state is ReviewState.SCHEDULED for r in team.reviews if r.rep_id == departed.id
    )


def test_onboarding_rep_has_a_two_week_plan(team: Team) -> None:
    (onboarding,) = team.of(RepStatus.ONBOARDING)
    assert not [s for s in team.sessions if s.rep_id == onboarding.id]
    items = [o for o in team.onboarding if o.rep_id == onboarding.id]
    assert len(items) == len(team.onboarding) >= 20
    (talk,) = [o for o in items if o.is_expectations_conversation]
    assert talk.ends_at - talk.starts_at == dt.timedelta(hours=2)
    assert talk.starts_at.date() >= TODAY  # so there is no agreement yet
    assert all(o.done == (o.starts_at.date() < TODAY) for o in items)


def test_commitments_for_both_sides_in_every_state(team: Team) -> None:
    c = team.commitments
    assert {x.owner for x in c} == {Owner.REP, Owner.MANAGER}
    states = Counter(x.state for x in c)
    assert states[CommitmentState.DONE] > 0.7 * len(c)
    assert states[CommitmentState.OPEN] > 0 and states[CommitmentState.DROPPED] > 0
    assert all(x.drop_reason for x in c if x.state is CommitmentState.DROPPED)
    assert all(x.closed_at is not None for x in c if x.state is not CommitmentState.OPEN)
    assert {x.carried for x in c} >= {0, 1, 2} and max(x.carried for x in c) <= 3
    assert any(x.state is CommitmentState.OPEN and x.due and x.due < TODAY for x in c)
    sessions = {s.id for s in team.sessions}
    assert all(x.session_id in sessions for x in c)


def test_invocations_quote_the_agreement(team: Team) -> None:
    assert len(team.invocations) >= 2  # a first step, then the next one up the ladder
    agreements = {a.id: a for a in team.agreements}
    sessions = {s.id: s for s in team.sessions}
    for inv in team.invocations:
        agreement = agreements[inv.agreement_id]
        assert agreement.rep_id == inv.rep_id and agreement.version == inv.agreement_version
        step = agreement.consequence_steps[inv.step_index]
        assert (step.id, step.text) == (inv.step_id, inv.step_text)
        assert inv.reason and inv.evidence and inv.self_check
        session = sessions[inv.session_id or ""]
        assert session.kind is SessionKind.ACCOUNTABILITY and session.rep_id == inv.rep_id
        assert any(inv.step_text in step.notes for step in session.steps)


def test_reviews_next_per_rep_one_team_one_overdue(team: Team) -> None:
    scheduled = [r for r in team.reviews if r.state is ReviewState.SCHEDULED]
    team_reviews = [r for r in scheduled if r.scope is ReviewScope.TEAM]
    assert len(team_reviews) == 1 and team_reviews[0].rep_id is None
    with_agreement = {a.rep_id for a in team.agreements}
    current = {r.id for r in team.reps if r.is_current and r.id in with_agreement}
    per_rep = Counter(r.rep_id for r in scheduled if r.scope is ReviewScope.REP)
    assert set(per_rep) == current and set(per_rep.values()) == {1}
    overdue = [r for r in scheduled if r.due < TODAY]
    assert len(overdue) == 1 and overdue[0].scope is ReviewScope.REP
    done = [r for r in team.reviews if r.state is ReviewState.DONE and r.scope is ReviewScope.REP]
    sessions = {s.id: s for s in team.sessions}
    for r in done:
        session = sessions[r.session_id or ""]
        assert session.kind is SessionKind.QUARTERLY_REVIEW
        assert session.started_at.date() == r.held_on


# --- the file --------------------------------------------------------------------------------


def test_stock_tinydb_reads_the_file(team: Team) -> None:
    db = TinyDB(team.path, access_mode="r")
    try:
        sessions = [t for t in db.tables() if t.split("~")[0] == Session.TABLE]
        assert sum(len(db.table(t)) for t in sessions) == team.summary.sessions
        assert len(db.table(Rep.TABLE)) == team.summary.reps
        assert db.table(TeamSettings.TABLE).all()[0]["manager_name"] == "Dana Whitfield"
    finally:
        db.close()


def test_the_generator_imports_no_textual() -> None:
    code = (
        "import sys, oneonone.demo; "
        "sys.exit(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_the_team_agreement_has_two_agreed_versions_to_compare(team: Team) -> None:
    from oneonone.core import team_agreement as rules

    v1, v2 = rules.versions(team.team_agreements)
    held = sorted(
        r.held_on for r in team.reviews if r.scope is ReviewScope.TEAM and r.held_on is not None
    )
    assert (v1.agreed_on, v2.agreed_on) == tuple(held[-2:])
    assert v1.is_agreed and v2.is_agreed and v1.manager_name == team.settings.manager_name
    changed = {part.title for part in rules.diff(v1, v2)}
    assert changed == {
        "How we sell with integrity",
        "How we treat the leaderboard",
        "How we reach each other",
        "Helping each other",
    }
    scheduled = [r.due for r in team.reviews if r.scope is ReviewScope.TEAM and r.held_on is None]
    assert v1.next_review == v2.agreed_on and v2.next_review == min(scheduled)


def test_the_demo_team_has_talking_points_one_carried_twice(team: Team) -> None:
    from oneonone.core.model import PointState, TalkingPoint

    with Store.open(team.path, read_only=True) as store:
        points = store.all(TalkingPoint)
    current = {r.id for r in team.reps if r.is_current}
    assert points and all(p.rep_id in current for p in points)
    assert any(p.state is PointState.CARRIED and p.carried == 2 for p in points)
    assert any(p.private for p in points) and any(p.state is PointState.DISCUSSED for p in points)
