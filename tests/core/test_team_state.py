"""``TeamState``: the team as the app shows it, one object no screen owns (no Textual here)."""

from __future__ import annotations

from pathlib import Path

import pendulum

from oneonone.core.agenda import AgendaInput
from oneonone.core.model import (
    Agreement,
    AgreementTemplate,
    Invocation,
    Rep,
    RepStatus,
    Review,
    ReviewScope,
    Session,
    SessionKind,
    TeamSettings,
)
from oneonone.core.store import Store
from oneonone.core.team import TeamSnapshot, load_team
from oneonone.core.team_state import TeamState

D = pendulum.Date
START = D(2025, 1, 6)


def snapshot(reps: list[Rep], settings: TeamSettings | None = None) -> TeamSnapshot:
    settings = settings or TeamSettings(manager_name="Dana", timezone="Europe/Paris")
    agenda = AgendaInput(reps, settings, [], [], [], [])
    return TeamSnapshot(reps, settings, [], None, agenda)


def test_a_new_state_is_empty_and_not_loaded() -> None:
    team = TeamState()
    assert not team.loaded
    assert team.reps == {} and team.agenda.reps == [] and team.invocations == []
    assert team.template == AgreementTemplate()


def test_load_holds_what_the_store_holds(tmp_path: Path) -> None:
    ann = Rep(name="Ann", start_date=START)
    settings = TeamSettings(manager_name="Dana", timezone="Europe/Paris")
    with Store.open(tmp_path / "team.json") as store:
        store.put_many([settings, ann])
        read = load_team(store)
    team = TeamState()
    team.load(read, [])
    assert team.loaded
    assert team.reps == {ann.id: ann}
    assert team.settings == settings
    assert team.template == AgreementTemplate()  # none saved yet: the default one
    assert team.agenda is read.agenda


def test_apply_takes_the_roster_kinds_and_says_so() -> None:
    ann = Rep(name="Ann", start_date=START)
    team = TeamState()
    team.load(snapshot([ann]))
    renamed = Rep(name="Ann Lee", start_date=START, id=ann.id)
    review = Review(scope=ReviewScope.REP, due=D(2025, 4, 1), rep_id=ann.id)
    agreement = Agreement(rep_id=ann.id)
    settings = TeamSettings(manager_name="Maya", timezone="Europe/Paris")
    template = AgreementTemplate(work_schedule="Mon-Fri, 8-5")
    assert team.apply([renamed, review, agreement, settings, template])
    assert team.reps[ann.id].name == "Ann Lee"
    assert team.reviews[review.id] == review
    assert team.agreements[agreement.id] == agreement
    assert team.settings == settings and team.template == template
    assert team.apply([renamed])  # twice: the same, and harmless
    assert list(team.reps) == [ann.id]


def test_apply_ignores_what_the_roster_does_not_show() -> None:
    """A one-on-one's notes, saved every two seconds while typing, change nothing here; nor
    does home's reading of the team change before the agenda is read again."""
    ann = Rep(name="Ann", start_date=START)
    team = TeamState()
    team.load(snapshot([ann]))
    agenda = team.agenda
    assert not team.apply([Session(rep_id=ann.id, kind=SessionKind.REGULAR)])
    assert not team.apply([])
    assert team.apply([Rep(name="Bo", start_date=START)])
    assert team.agenda is agenda and [r.name for r in team.agenda.reps] == ["Ann"]


def test_agenda_read_replaces_home_reading_only() -> None:
    ann = Rep(name="Ann", start_date=START)
    team = TeamState()
    team.load(snapshot([ann]))
    bo = Rep(name="Bo", start_date=START)
    fresh = snapshot([ann, bo]).agenda
    invoked = Invocation(ann.id, "a1", 1, "s1", 0, "A warning.", "Missed quota.")
    team.agenda_read(fresh, [invoked])
    assert team.agenda is fresh and team.invocations == [invoked]
    assert list(team.reps) == [ann.id]  # the roster's reading is changed by ``apply``


def test_current_reps_leave_out_the_departed_and_are_by_name() -> None:
    reps = [
        Rep(name="cy", start_date=START),
        Rep(name="Ann", start_date=START),
        Rep(name="Bo", start_date=START, status=RepStatus.DEPARTED, departed_on=D(2025, 3, 1)),
    ]
    team = TeamState()
    team.load(snapshot(reps))
    assert [r.name for r in team.current_reps()] == ["Ann", "cy"]


def test_next_review_is_the_scheduled_one() -> None:
    ann = Rep(name="Ann", start_date=START)
    team = TeamState()
    team.load(snapshot([ann]))
    moved = Review(scope=ReviewScope.REP, due=D(2027, 1, 1), rep_id=ann.id)
    team.apply([moved])
    assert team.next_review(ann) == D(2027, 1, 1)
    gone = Rep(
        name="Ann", start_date=START, status=RepStatus.DEPARTED, departed_on=START, id=ann.id
    )
    assert team.next_review(gone) is None
