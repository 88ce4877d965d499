"""Records can be put right, visibly: an open commitment's text and date are corrected, and a
done, dropped or carried set by mistake is undone in the same one-on-one; every change is kept
on the commitment (what, from, to, when) and old files without it still read."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from oneonone.core import codec
from oneonone.core.errors import FieldError
from oneonone.core.model import Commitment, CommitmentState, Owner
from oneonone.core.sessions import (
    carry,
    change_text,
    drop,
    edit_commitment,
    mark_done,
    new_commitment,
    reopen,
    undo,
    undoable,
)
from oneonone.core.store import Store

D = pendulum.Date
NOW = pendulum.datetime(2026, 11, 27, 9, 0, tz="UTC")
LATER = NOW.add(minutes=5)
TODAY = D(2026, 11, 27)
HERE = "session-here"


def made() -> Commitment:
    return new_commitment("rep-ann", Owner.REP, "Call Acme", "2026-11-20", TODAY, "older")


def test_text_and_date_are_corrected_and_each_change_is_recorded() -> None:
    c = made()
    fixed = edit_commitment(c, " Call Acme's CFO ", "+7d", TODAY, NOW, session_id=HERE)
    assert (fixed.text, fixed.due) == ("Call Acme's CFO", D(2026, 12, 4))
    assert [(ch.what, ch.before, ch.after, ch.at, ch.session_id) for ch in fixed.changes] == [
        ("text", "Call Acme", "Call Acme's CFO", NOW, HERE),
        ("due", "2026-11-20", "2026-12-04", NOW, HERE),
    ]
    assert (c.text, c.changes) == ("Call Acme", [])  # the original is untouched
    cleared = edit_commitment(fixed, "Call Acme's CFO", "  ", TODAY, LATER)
    assert cleared.due is None
    assert cleared.changes[-1].what == "due" and cleared.changes[-1].after == ""
    assert edit_commitment(cleared, "Call Acme's CFO", "", TODAY, LATER) is cleared  # no change


@pytest.mark.parametrize(
    ("text", "due", "field", "says"),
    [
        ("   ", "", "text", "The commitment cannot be empty."),
        ("x" * 2001, "", "text", "too long"),
        ("Call", "2027-13-45", "due", "not a real date"),
        ("Call", "soonish", "due", "not a date I can read"),
    ],
)
def test_a_bad_correction_is_refused_with_a_clear_message(
    text: str, due: str, field: str, says: str
) -> None:
    with pytest.raises(FieldError) as caught:
        edit_commitment(made(), text, due, TODAY, NOW)
    assert caught.value.field == field
    assert says in str(caught.value)


def test_only_an_open_commitment_is_corrected() -> None:
    with pytest.raises(ValueError, match="already done"):
        edit_commitment(mark_done(made(), NOW), "Call", "", TODAY, NOW)


@pytest.mark.parametrize("close", ["done", "dropped"])
def test_done_or_dropped_by_mistake_is_undone_in_the_same_one_on_one(close: str) -> None:
    c = carry(made(), D(2026, 11, 27), at=NOW, session_id="older")
    closed = (
        mark_done(c, NOW, session_id=HERE)
        if close == "done"
        else drop(c, "No longer needed", NOW, session_id=HERE)
    )
    assert undoable(closed, "another one") is None
    assert undoable(closed, None) is None
    back = undo(closed, HERE, LATER)
    assert (back.state, back.closed_at, back.drop_reason, back.carried, back.due) == (
        CommitmentState.OPEN,
        None,
        "",
        1,
        D(2026, 11, 27),
    )
    last = back.changes[-1]
    assert (last.what, last.before, last.after, last.at, last.note) == (
        "state",
        close,
        "open",
        LATER,
        "undone",
    )
    assert undoable(back, HERE) is None  # undone once; nothing left to undo
    with pytest.raises(ValueError, match="Nothing to undo"):
        undo(back, HERE, LATER)


def test_a_carry_by_mistake_is_undone_count_and_date_restored() -> None:
    c = made()
    carried = carry(c, D(2026, 12, 4), at=NOW, session_id=HERE)
    assert (carried.carried, carried.due) == (1, D(2026, 12, 4))
    assert [(ch.what, ch.before, ch.after) for ch in carried.changes] == [
        ("carried", "0", "1"),
        ("due", "2026-11-20", "2026-12-04"),
    ]
    back = undo(carried, HERE, LATER)
    assert (back.state, back.carried, back.due) == (CommitmentState.OPEN, 0, D(2026, 11, 20))
    assert [(ch.what, ch.before, ch.after, ch.note) for ch in back.changes[2:]] == [
        ("carried", "1", "0", "undone"),
        ("due", "2026-12-04", "2026-11-20", "undone"),
    ]


def test_a_state_set_in_an_earlier_one_on_one_is_not_undone_here() -> None:
    done = mark_done(made(), NOW, session_id="older")
    assert undoable(done, HERE) is None
    assert undoable(mark_done(made(), NOW), HERE) is None  # from home: no one-on-one


def test_reopen_records_the_change_when_given_a_time() -> None:
    done = mark_done(made(), NOW)
    assert reopen(done).changes == done.changes  # as before: no time, nothing recorded
    assert reopen(done, LATER).changes[-1].after == "open"


def test_changes_read_back() -> None:
    c = edit_commitment(made(), "Call Acme's CFO", "2026-12-04", TODAY, NOW)
    c = drop(c, "Deal lost", LATER)
    lines = [change_text(ch, "Europe/Paris") for ch in c.changes]
    assert lines == [
        "2026-11-27 10:00 text “Call Acme” → “Call Acme's CFO”",
        "2026-11-27 10:00 due 2026-11-20 → 2026-12-04",
        "2026-11-27 10:05 open → dropped (Deal lost)",
    ]


def test_an_old_file_without_changes_reads_and_the_changes_survive_a_round_trip(
    tmp_path: Path,
) -> None:
    old = codec.encode(made())
    del old["changes"]
    assert codec.decode(Commitment, old).changes == []
    c = undo(carry(made(), D(2026, 12, 4), at=NOW, session_id=HERE), HERE, LATER)
    with Store.open(tmp_path / "data.json") as store:
        store.put(c)
    with Store.open(tmp_path / "data.json") as store:
        (back,) = store.all(Commitment)
    assert back.changes == c.changes


def test_the_history_and_the_export_show_each_change_under_its_commitment() -> None:
    from oneonone.core.export.session_page import session_markdown
    from oneonone.core.export.sessions import SessionsExport
    from oneonone.core.model import Rep, Session, SessionKind, TeamSettings

    rep = Rep(name="Ann Lee", start_date=D(2024, 1, 15), id="rep-ann")
    settings = TeamSettings(manager_name="Dana", timezone="Europe/Paris")
    session = Session(rep_id=rep.id, kind=SessionKind.REGULAR, started_at=NOW, id=HERE)
    c = new_commitment(rep.id, Owner.REP, "Call Acme", "", TODAY, HERE)
    c = undo(mark_done(c, NOW, session_id=HERE), HERE, LATER)
    page = session_markdown(
        session, rep=rep, settings=settings, commitments=[c], invocations=[], show_private=False
    )
    shown = page.replace("\\", "")  # the Markdown escapes, as the viewer renders them
    assert "  - 2026-11-27 10:00 open → done\n  - 2026-11-27 10:05 done → open (undone)" in shown
    export = SessionsExport(
        sessions=[session],
        agreements=[],
        commitments=[c],
        invocations=[],
        settings=settings,
        include_private=False,
    )
    assert "  - 2026-11-27 10:05 done → open (undone)" in export.rep_markdown(rep).replace("\\", "")
