"""Pilot tests of the candidates: added, interviewed, hired (a rep whose first draft holds what
was said at interview) or not hired (kept, never in the roster nor the agenda)."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from textual.widgets import Input, Static, TextArea

from oneonone.core import candidates as rules
from oneonone.core.model import Agreement, AgreementState, Candidate, CandidateState, Rep
from oneonone.core.store import Store
from oneonone.screens.agreement import AgreementScreen
from oneonone.screens.candidates import (
    CandidateFormScreen,
    CandidatesScreen,
    CandidateTable,
    HireFormScreen,
    InterviewFormScreen,
    NotHiredFormScreen,
)
from oneonone.screens.confirm import ConfirmScreen
from oneonone.screens.dashboard import AgendaTable, DashboardScreen
from oneonone.screens.roster import RosterScreen
from oneonone.widgets.rep_table import RepTable

from .conftest import SIZE, make_app, on_screen, settle, team, until

pytestmark = pytest.mark.usefixtures("frozen")


def on_disk(path: Path) -> Store:
    """A read-only view of what is on disk (the app's store holds the lock)."""
    return Store.open(path, allow_read_only=True)


def rows(app) -> list[str]:  # type: ignore[no-untyped-def]
    table = app.screen.query_one(CandidateTable)
    return [" ".join(c.plain for c in table.get_row_at(i)) for i in range(table.row_count)]


async def fill(app, field: str, value: str) -> None:  # type: ignore[no-untyped-def]
    await until(lambda: app.screen.query(f"#input-{field}"), f"field {field}")
    box = app.screen.query_one(f"#input-{field}")
    if isinstance(box, TextArea):
        box.text = value
    else:
        assert isinstance(box, Input)
        box.value = value


def error_of(app, field: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(f"#field-{field} .field-error", Static).render())


async def test_add_interview_and_hire_opens_the_draft_filled_from_the_interview(
    store: Store, data_file: Path
) -> None:
    team(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("c")  # from the roster
        await on_screen(app, CandidatesScreen)
        assert "No candidates yet. Press a" in str(
            app.screen.query_one("#candidates-empty").render()
        )
        await pilot.press("a")
        await on_screen(app, CandidateFormScreen)
        await pilot.press("ctrl+s")  # nothing typed: refused on the field, the form stays
        await pilot.pause()
        assert error_of(app, "name") == "Name cannot be empty."
        await pilot.press(*"Chris [b]Park")  # typing reaches the name field; markup stays text
        await fill(app, "role", "AE")
        await pilot.press("ctrl+s")
        await on_screen(app, CandidatesScreen)
        await until(lambda: rows(app), "the new candidate")
        assert rows(app) == ["Chris [b]Park AE none yet interviewing"]

        await pilot.press("i")
        await on_screen(app, InterviewFormScreen)
        await fill(app, "held_on", "yesterday")
        await fill(app, "quota", "New ARR: 1,00 USD per quarter")
        await fill(app, "conduct", "No side deals")
        await fill(app, "job_loss", "Lying to a customer")
        await fill(app, "questions", "Q: A quota you missed?\nA: Owned it.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "is not a number" in error_of(app, "quota")  # refused, nothing lost
        assert app.screen.query_one("#input-conduct", TextArea).text == "No side deals"
        await fill(app, "quota", "New ARR: 100,000 USD per quarter")
        await pilot.press("ctrl+s")
        await on_screen(app, CandidatesScreen)
        await until(lambda: "2026-11-26" in rows(app)[0], "the interview's date")
        detail = str(app.screen.query_one("#candidate-text", Static).render())
        assert "Q: A quota you missed?" in detail and "A: Owned it." in detail

        await pilot.press("H")
        await on_screen(app, HireFormScreen)
        await fill(app, "start_date", "today")
        await pilot.press("ctrl+s")
        await on_screen(app, ConfirmScreen)  # the plan offered, as for any new rep
        await pilot.press("escape")  # not now
        await on_screen(app, AgreementScreen)
        screen = app.screen
        assert isinstance(screen, AgreementScreen)
        (draft,) = screen.agreements
        assert draft.state is AgreementState.DRAFT
        assert [(q.label, q.number) for q in draft.quota_lines] == [("New ARR", 100_000)]
        assert (draft.conduct, draft.job_loss) == (["No side deals"], "Lying to a customer")
        await settle(app)
        await pilot.press("escape")
        await on_screen(app, CandidatesScreen)
        assert rows(app)[0].endswith("hired 2026-11-27")
    with on_disk(data_file) as disk:
        (chris,) = disk.all(Candidate)
        rep = disk.get(Rep, chris.rep_id or "")
        agreements = disk.where(Agreement, rep_id=chris.rep_id)
    assert chris.state is CandidateState.HIRED
    assert rep is not None and rep.name == "Chris [b]Park"
    assert [a.id for a in agreements] == [draft.id]


async def test_not_hired_is_kept_and_never_in_the_roster_nor_the_agenda(
    store: Store, data_file: Path
) -> None:
    team(store)
    marco = rules.add_interview(
        rules.build_candidate("Marco Bell", "SDR", others=[]),
        rules.build_interview(
            rules.InterviewDraft("2026-11-20", notes="Blamed marketing"),
            today=pendulum.date(2026, 11, 27),
        ),
    )
    store.put(marco)
    app = make_app(store, home=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await on_screen(app, DashboardScreen)
        await pilot.press("c")  # from home
        await on_screen(app, CandidatesScreen)
        await until(lambda: rows(app), "the candidates")
        await pilot.press("d")
        await on_screen(app, NotHiredFormScreen)
        await pilot.press("ctrl+s")  # no reason: refused
        await pilot.pause()
        assert error_of(app, "reason") == "Reason cannot be empty."
        await fill(app, "reason", "Would not own a missed target")
        await pilot.press("ctrl+s")
        await on_screen(app, CandidatesScreen)
        await settle(app)
        assert rows(app) == ["Marco Bell SDR 2026-11-20 not hired 2026-11-27"]
        detail = str(app.screen.query_one("#candidate-text", Static).render())
        assert "Not hired: Would not own a missed target" in detail
        for key in ("i", "H", "d"):  # decided: no interview, hire nor second refusal
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, CandidatesScreen), key
        await pilot.press("E")  # the interview can still be put right, from what it holds
        await on_screen(app, InterviewFormScreen)
        notes = app.screen.query_one("#input-notes", TextArea)
        assert notes.text == "Blamed marketing"
        await fill(app, "notes", "Blamed marketing and the product")
        await pilot.press("ctrl+s")
        await on_screen(app, CandidatesScreen)
        detail = str(app.screen.query_one("#candidate-text", Static).render())
        assert "Blamed marketing and the product" in detail
        await pilot.press("escape")
        await on_screen(app, DashboardScreen)
        agenda = app.screen.query_one(AgendaTable)
        shown = " ".join(
            str(cell) for i in range(agenda.row_count) for cell in agenda.get_row_at(i)
        )
        assert "Marco" not in shown
        await pilot.press("r")
        await on_screen(app, RosterScreen)
        app.screen.action_toggle_departed()  # departed reps too: still not there
        table = app.screen.query_one(RepTable)
        names = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
        assert "Jordan Lee" in names and "Marco Bell" not in names
    with on_disk(data_file) as disk:
        (kept,) = disk.all(Candidate)
        assert disk.all(Rep) and all(r.name != "Marco Bell" for r in disk.all(Rep))
    assert (kept.state, kept.reason) == (CandidateState.NOT_HIRED, "Would not own a missed target")
    assert [i.id for i in kept.interviews] == [i.id for i in marco.interviews]
    assert kept.interviews[0].notes == "Blamed marketing and the product"


def test_a_candidate_search_hit_names_the_candidate_in_the_name_column() -> None:
    from oneonone.core.search import SearchIndex
    from oneonone.screens.search import _who_where

    marco = rules.add_interview(
        rules.build_candidate("Marco Bell", "SDR", others=[]),
        rules.build_interview(
            rules.InterviewDraft("2026-11-20", notes="Blamed marketing"),
            today=pendulum.date(2026, 11, 27),
        ),
    )
    (hit,) = SearchIndex.from_records([marco]).search("blamed")
    assert _who_where(hit, None) == ("Marco Bell", "interview 2026-11-20 · Notes")
