"""Talking points: the rules (noting, pending, discussed, carried, ending a one-on-one) and the
store's inbox, which lets another program add one while a copy holds the file."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from oneonone.core import codec
from oneonone.core.model import (
    Owner,
    PointState,
    Rep,
    RepStatus,
    Session,
    SessionKind,
    StepNote,
    TalkingPoint,
)
from oneonone.core.store import Store, inbox
from oneonone.core.talking_points import (
    PointError,
    agenda_step,
    carry_unmarked,
    for_session,
    mark_carried,
    mark_discussed,
    note_point,
    pending_for,
    point_line,
    read_capture,
    summary_lines,
)

NOW = pendulum.datetime(2026, 12, 4, 9, 0, tz="UTC")
DANA = Rep(name="Dana Whitfield", start_date=pendulum.date(2025, 1, 6))
GONE = Rep(
    name="Marcus O'Neil",
    start_date=pendulum.date(2024, 1, 8),
    status=RepStatus.DEPARTED,
    departed_on=pendulum.date(2026, 12, 4),
)
TEAM = [DANA, GONE]


def regular(rep: Rep) -> Session:
    titles = ["Open commitments", "Numbers against quota", "Your agenda", "My agenda", "New"]
    return Session(
        rep_id=rep.id,
        kind=SessionKind.REGULAR,
        started_at=NOW,
        steps=[StepNote(title=t) for t in titles],
    )


def test_noting_cleans_the_text_and_refuses_what_it_cannot_keep() -> None:
    point = note_point(TEAM, DANA.id, "  ask about\tthe Acme\x1b[2J MSA\n ", now=NOW)
    assert point.text == "ask about the Acme [2J MSA"
    assert (point.state, point.carried, point.private, point.raised_by) == (
        PointState.OPEN,
        0,
        False,
        Owner.MANAGER,
    )
    with pytest.raises(PointError, match="needs some text"):
        note_point(TEAM, DANA.id, " \n\x07 ", now=NOW)
    with pytest.raises(PointError, match="No such rep"):
        note_point(TEAM, "nobody", "x", now=NOW)
    # departed the very day: no next one-on-one to raise it at
    with pytest.raises(PointError, match="has left the team"):
        note_point(TEAM, GONE.id, "exit interview", now=NOW)
    with pytest.raises(PointError, match="too long"):
        note_point(TEAM, DANA.id, "x" * 501, now=NOW)
    assert len(note_point(TEAM, DANA.id, "x" * 500, now=NOW).text) == 500


def test_pending_discussed_carried_and_ending_a_one_on_one() -> None:
    older = note_point(TEAM, DANA.id, "older", now=NOW.subtract(days=30))
    newer = note_point(TEAM, DANA.id, "newer", now=NOW, raised_by=Owner.REP, private=True)
    carried = mark_carried(newer, session_id="s0")
    assert carried.carried == 1 and carried.state is PointState.CARRIED
    assert [p.text for p in pending_for(DANA.id, [older, carried])] == ["newer", "older"]

    session = regular(DANA)
    done = mark_discussed(older, "  they signed  ", session_id=session.id, now=NOW)
    assert (done.state, done.note, done.session_id) == (
        PointState.DISCUSSED,
        "they signed",
        session.id,
    )
    with pytest.raises(PointError, match="discussed already"):
        mark_carried(done, session_id=session.id)
    # carried twice in the same one-on-one counts once
    again = mark_carried(mark_carried(carried, session_id=session.id), session_id=session.id)
    assert again.carried == 2
    assert point_line(again, DANA.name) == "Dana: newer (private, carried ×2)"
    shown = for_session(DANA.id, [done, again], session.id)
    assert [p.text for p in shown] == ["newer", "older"]

    fresh = note_point(TEAM, DANA.id, "left unmarked", now=NOW.subtract(seconds=1))
    during = note_point(TEAM, DANA.id, "noted during it, for next time", now=NOW)
    automatic = carry_unmarked([done, again, fresh, during], session)
    assert [(p.text, p.carried) for p in automatic] == [("left unmarked", 1)]
    assert summary_lines([done, again, fresh], automatic, session.id) == [
        "Talking points discussed: 1",
        "Talking points carried to next time: 1",
        "Talking points not marked, carried to next time automatically: 1",
    ]


def test_the_capture_line_names_the_rep_before_a_colon() -> None:
    dan = Rep(name="Dan Brooks", start_date=pendulum.date(2025, 1, 6))
    team = [DANA, dan, GONE]
    found = read_capture("da: ask about the Acme MSA", team)
    assert (found.rep, found.text, found.others, found.problem) == (
        dan,
        "ask about the Acme MSA",
        (DANA,),
        "",
    )  # the first match is taken, the others said
    assert read_capture("whit: x", team).rep == DANA  # the start of any word
    assert read_capture("marcus: x", team).problem == "No rep on the team matches 'marcus'."
    assert read_capture("Q3: numbers", team, DANA) == read_capture("Q3: numbers", [], DANA)
    assert read_capture("Q3: numbers", team, DANA).text == "Q3: numbers"
    assert read_capture("dana:", team).problem == "Now the talking point, after the colon."
    assert read_capture("no name", team).problem.startswith("Start with the start of a rep")
    # a mistyped name never sends the point (shared) to the rep on the screen
    mistyped = read_capture("danna: his pricing mistake", team, dan)
    assert mistyped.rep is None and mistyped.problem.startswith("No rep on the team matches")
    assert "start the line with ': ' to note it all for Dan Brooks" in mistyped.problem
    whole = read_capture(": Budget: ask for more", team, dan)
    assert (whole.rep, whole.text) == (dan, "Budget: ask for more")


def test_the_agenda_steps() -> None:
    session = regular(DANA)
    assert agenda_step(session, Owner.MANAGER) == 3
    assert agenda_step(session, Owner.REP) == 2
    other = Session(rep_id=DANA.id, kind=SessionKind.ACCOUNTABILITY, steps=[StepNote("A")])
    assert agenda_step(other, Owner.REP) == agenda_step(other, Owner.MANAGER) == 0


def test_a_point_left_in_the_inbox_lands_at_the_open_stores_next_save(tmp_path: Path) -> None:
    path = tmp_path / "team.json"
    with Store.open(path) as store:
        store.put(DANA)
        point = note_point([DANA], DANA.id, "ask about the Acme MSA", now=NOW)
        inbox.append(path, TalkingPoint.TABLE, codec.encode(point))
        assert store.changed_on_disk()  # the app's disk watch looks, within seconds
        store.put(DANA)  # the app's next save
        assert [p.text for p in store.all(TalkingPoint)] == ["ask about the Acme MSA"]
        assert not inbox.waiting(path)
        assert store.take_notices() == ["Added from the command line: 1 talking point."]
    with Store.open(path, read_only=True) as again:
        assert [p.id for p in again.all(TalkingPoint)] == [point.id]
        inbox.append(path, TalkingPoint.TABLE, codec.encode(point))
        assert again.take_inbox() == 0 and inbox.waiting(path)  # a reader leaves it be


def test_the_inbox_is_taken_in_by_the_disk_watch_and_at_open(tmp_path: Path) -> None:
    path = tmp_path / "team.json"
    with Store.open(path) as store:
        store.put(DANA)
        inbox.append(
            path, "talking_points", codec.encode(note_point([DANA], DANA.id, "a", now=NOW))
        )
        notices = store.check_disk()
        assert notices == ["Added from the command line: 1 talking point."]
        assert len(store.all(TalkingPoint)) == 1
    # nobody had the file open: the next copy to open it takes it in; a damaged line is kept
    inbox.append(path, "talking_points", codec.encode(note_point([DANA], DANA.id, "b", now=NOW)))
    with inbox.inbox_path(path).open("a") as f:
        f.write('{"table": "talking_points", "doc": {"rep_id"\n')
    with Store.open(path) as store:
        assert sorted(p.text for p in store.all(TalkingPoint)) == ["a", "b"]
        notices = store.take_notices()
        assert any("could not be read" in n and "inbox-damaged" in n for n in notices)
    assert not inbox.inbox_path(path).exists()


def test_search_finds_shared_points_and_never_private_ones() -> None:
    from oneonone.core.search import KIND_POINT, SearchIndex

    shared = note_point(TEAM, DANA.id, "ask about the Acme MSA", now=NOW)
    private = note_point(TEAM, DANA.id, "Acme worries me", now=NOW, private=True)
    index = SearchIndex.from_records([shared, private], include_private=True)
    hits = index.search("acme")
    assert [(h.kind, h.record_id, h.where) for h in hits] == [
        (KIND_POINT, shared.id, "Talking point")
    ]
    index.update(mark_discussed(shared, "signed by Friday", session_id="s1", now=NOW))
    assert [h.where for h in index.search("friday")] == ["Discussed: note"]
    index.update(private)
    assert index.search("worries") == []


def test_the_exports_show_the_points_raised_private_ones_only_to_the_manager() -> None:
    from oneonone.core.export.session_page import session_markdown
    from oneonone.core.export.sessions import SessionsExport
    from oneonone.core.model import TeamSettings

    session = regular(DANA)
    shared = mark_discussed(
        note_point(TEAM, DANA.id, "ask about the # Acme MSA", now=NOW, raised_by=Owner.REP),
        "signed | Friday",
        session_id=session.id,
        now=NOW,
    )
    secret = mark_carried(
        mark_carried(
            note_point(TEAM, DANA.id, "her manner", now=NOW, private=True), session_id="s0"
        ),
        session_id=session.id,
    )
    elsewhere = note_point(TEAM, DANA.id, "not raised yet", now=NOW)
    settings = TeamSettings(manager_name="Sam", timezone="Europe/Paris")

    def page(show_private: bool) -> str:
        return session_markdown(
            session,
            rep=DANA,
            settings=settings,
            commitments=[],
            invocations=[],
            show_private=show_private,
            talking_points=[shared, secret, elsewhere],
        )

    hidden = page(False)
    assert "## Talking points" in hidden
    assert (
        "- **Discussed:** ask about the # Acme MSA (raised by Dana Whitfield): signed | Friday"
        in hidden
    )
    assert "her manner" not in hidden and "1 private talking point hidden: press p" in hidden
    assert "- **Carried to next time:** her manner (private, carried ×2)" in page(True)
    assert "not raised yet" not in page(True)

    def export(include_private: bool) -> str:
        done = SessionsExport(
            sessions=[session],
            agreements=[],
            commitments=[],
            invocations=[],
            settings=settings,
            include_private=include_private,
            talking_points=[shared, secret, elsewhere],
        )
        return done.rep_markdown(DANA)

    assert "Talking points" in export(False) and "her manner" not in export(False)
    assert "her manner (private, carried ×2)" in export(True)


def _append_points(path: str, rep_id: str, writer: int, count: int) -> None:
    for n in range(count):
        point = TalkingPoint(rep_id=rep_id, text=f"writer {writer} point {n}", created_at=NOW)
        inbox.append(Path(path), TalkingPoint.TABLE, codec.encode(point))


@pytest.mark.slow
def test_points_added_by_many_commands_while_the_app_saves_are_never_lost(tmp_path: Path) -> None:
    """``ONEONONE_INBOX_WRITERS`` processes (default 2; 8 by hand) each add
    ``ONEONONE_INBOX_POINTS`` points (default 5; 200 by hand) to the inbox while the copy
    holding the file saves and looks at the disk in a loop: every point lands, once."""
    import multiprocessing
    import os

    writers = int(os.environ.get("ONEONONE_INBOX_WRITERS", "2"))
    count = int(os.environ.get("ONEONONE_INBOX_POINTS", "5"))
    path = tmp_path / "team.json"
    context = multiprocessing.get_context("fork")
    with Store.open(path) as store:
        store.put(DANA)
        procs = [
            context.Process(target=_append_points, args=(str(path), DANA.id, w, count))
            for w in range(writers)
        ]
        for p in procs:
            p.start()
        while any(p.is_alive() for p in procs):
            store.put(DANA)  # a save
            store.check_disk()  # the disk watch
        for p in procs:
            p.join()
            assert p.exitcode == 0
        store.put(DANA)
    with Store.open(path, read_only=True) as again:
        texts = [p.text for p in again.all(TalkingPoint)]
    assert len(texts) == len(set(texts)) == writers * count
