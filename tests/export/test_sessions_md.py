"""Exported session logs: the structure holds and every piece of text reads back exactly.

The expected document is written out from the model here, independently of the exporter,
and compared block by block with what markdown-it (CommonMark, tables on, HTML off) parses
from the export, for hypothesis-generated hostile names, notes, numbers and commitments.
"""

from __future__ import annotations

import math
import re
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneonone.core.agreements import format_number
from oneonone.core.export.escape import REPLACEMENT, folded
from oneonone.core.export.frontmatter import yaml_string
from oneonone.core.export.sessions import (
    NUMBERS_HEADER,
    SessionsExport,
    combined_markdown,
    paragraphs,
    sessions_markdown,
)
from oneonone.core.model import (
    Addendum,
    Agreement,
    AgreementState,
    Commitment,
    CommitmentState,
    ConsequenceStep,
    Invocation,
    NumberEntry,
    Owner,
    Period,
    Rep,
    RepStatus,
    Session,
    SessionKind,
    StepNote,
    TeamSettings,
)
from oneonone.core.scripts import DEFAULT_TITLES
from oneonone.core.sessions import SELF_CHECK_QUESTIONS
from tests.export.mdblocks import Block, blocks, front_matter
from tests.export.mdparse import EM
from tests.export.strategies import SHORT, TEXTS

START = pendulum.Date(2024, 1, 8)
TODAY = pendulum.Date(2026, 6, 1)
BASE = pendulum.datetime(2026, 3, 2, 9, 0, tz="UTC")


def em(text: str) -> str:
    return EM + text + EM


def clean(text: str) -> str:
    """What survives any export: NUL and lone surrogates become U+FFFD."""
    return "".join(REPLACEMENT if c == "\x00" or 0xD800 <= ord(c) < 0xE000 else c for c in text)


def notes(text: str, lead: str = "") -> list[Block]:
    """Paragraphs: runs of lines with something besides whitespace, lines kept exactly; lines
    typed as bullets are the items of a list (lists separated only by blank lines are one)."""
    found: list[Block] = []
    lines: list[str] = []
    for line in [*text.splitlines(), ""]:
        bullet = re.match(r"[ \t]*[-*+][ \t]+(?=\S)", line)
        if (bullet or not line.strip()) and lines:
            found.append(("p", "\n".join(lines)))
            lines = []
        if bullet:
            item = folded(line[bullet.end() :])
            if found and found[-1][0] == "ul":
                found[-1] = ("ul", [*found[-1][1], item])
            else:
                found.append(("ul", [item]))
        elif line.strip():
            lines.append(folded(line))
    if lead:
        if found and found[0][0] == "p":
            found[0] = ("p", lead + found[0][1])
        else:
            found.insert(0, ("p", lead.rstrip()))
    return found


def clock(moment: pendulum.DateTime) -> str:
    return moment.format("HH:mm")


def percent(n: NumberEntry) -> str:
    if n.target == 0:
        return "—"
    ratio = n.actual / n.target
    if not math.isfinite(ratio * 100):
        return "—"
    whole = round(ratio * 100)
    return f"{99 if ratio < 1 and whole >= 100 else whole}%"


def first_name(rep: Rep) -> str:
    return folded(rep.name.split()[0]) if rep.name.split() else "Rep"


def commitment_item(c: Commitment, owner: str) -> str:
    facts = []
    if c.due:
        facts.append(f"due {c.due.isoformat()}")
    if c.carried:
        facts.append(f"carried ×{c.carried}")
    if c.state is CommitmentState.DONE:
        facts.append(f"done {c.closed_at.date().isoformat()}" if c.closed_at else "done")
    elif c.state is CommitmentState.DROPPED:
        facts.append(f"dropped {c.closed_at.date().isoformat()}" if c.closed_at else "dropped")
    elif c.due and c.due < TODAY:
        facts.append("missed")
    box = {CommitmentState.OPEN: "[ ] ", CommitmentState.DONE: "[x] "}.get(c.state, "")
    who = "You" if c.owner is Owner.MANAGER else owner
    what = folded(c.text) if c.text.strip() else em("(no text)")
    text = f"{box}{who}: {what}" + (f" ({', '.join(facts)})" if facts else "")
    if c.state is CommitmentState.DROPPED and c.drop_reason.strip():
        text += f" — {folded(c.drop_reason)}"
    return text


def invocation_blocks(i: Invocation, owner: str) -> list[Block]:
    at = i.invoked_at
    out: list[Block] = [
        ("quote", [("p", f'"{folded(i.step_text)}"')]),
        (
            "p",
            f"Step {i.step_index + 1} of agreement v{i.agreement_version}, in {owner}'s own "
            f"words; invoked {at.date().isoformat()} {clock(at)}.",
        ),
    ]
    out += notes(i.reason, "Reason: ")
    evidence = [folded(e) for e in i.evidence if e.strip()]
    if evidence:
        out += [("p", "Evidence:"), ("ul", evidence)]
    if i.out_of_order_reason.strip():
        out += notes(i.out_of_order_reason, "Not the next step, because: ")
    if i.self_check:
        gaps = [q for key, q in SELF_CHECK_QUESTIONS if i.self_check.get(key) is False]
        out.append(
            ("p", "Self-check: answered no to: " + " ".join(gaps))
            if gaps
            else ("p", "Self-check: answered yes to every question.")
        )
    if i.withdrawn_at is not None:
        out += notes(i.withdrawn_reason, f"Withdrawn {i.withdrawn_at.date().isoformat()}: ")
    return out


def expected_blocks(
    rep: Rep,
    sessions: list[Session],
    commitments: list[Commitment],
    invocations: list[Invocation],
    *,
    include_private: bool,
    level: int = 1,
) -> list[Block]:
    """The rep's part of the document, in UTC, from the model."""
    ordered = sorted(sessions, key=lambda s: s.started_at)
    owner = first_name(rep)
    name = folded(rep.name) if rep.name.strip() else em("(no name set)")
    intro = f"{folded(rep.role)} · started {START}" if rep.role.strip() else f"Started {START}"
    facts = [intro, f"{len(ordered)} session{'s' if len(ordered) != 1 else ''}"]
    if ordered:
        facts.append(f"{ordered[0].started_at.date()} to {ordered[-1].started_at.date()}")
        if ordered[-1].agreement_version is not None:
            facts.append(f"agreement v{ordered[-1].agreement_version} at the latest session")
    out: list[Block] = [
        ("h", level, f"One-on-ones: {name}" if level == 1 else name),
        ("p", " · ".join(facts) + " · times in UTC"),
    ]
    if not ordered:
        out.append(("p", em("(no sessions in this period)")))
    h = level + 1
    for s in ordered:
        out.append(("h", h, f"{s.started_at.date().isoformat()} · {DEFAULT_TITLES[s.kind]}"))
        meta = clock(s.started_at)
        if s.ended_at is not None:
            meta += "–" + clock(s.ended_at)
        if not s.closed:
            meta += " · not ended"
        if s.agreement_version is not None:
            meta += f" · agreement v{s.agreement_version}"
        out.append(("p", meta))
        for step in s.steps:
            out.append(
                ("h", h + 1, folded(step.title) if step.title.strip() else em("(untitled step)"))
            )
            out += notes(step.notes) or [
                ("p", em("(no notes)" if step.covered else "(not covered)"))
            ]
        if s.notes.strip():
            out += [("h", h + 1, "Notes"), *notes(s.notes)]
        if include_private and s.private_notes.strip():
            out += [("h", h + 1, "Private notes"), *notes(s.private_notes)]
        if s.numbers:
            rows = [
                [
                    folded(n.label),
                    format_number(n.actual),
                    format_number(n.target),
                    folded(n.unit),
                    n.period.value,
                    percent(n),
                ]
                for n in s.numbers
            ]
            out += [("h", h + 1, "Numbers"), ("table", list(NUMBERS_HEADER), rows)]
        made = [c for c in commitments if c.session_id == s.id]
        if made:
            out += [("h", h + 1, "Commitments"), ("ul", [commitment_item(c, owner) for c in made])]
        invoked = [i for i in invocations if i.session_id == s.id]
        if invoked:
            out.append(("h", h + 1, "Invocations"))
            for i in invoked:
                out += invocation_blocks(i, owner)
        if s.addenda:
            out.append(("h", h + 1, "Addenda"))
            for a in s.addenda:
                out += notes(a.text, f"Added {a.at.date().isoformat()} {clock(a.at)}: ")
    loose_c = [c for c in commitments if c.session_id is None]
    loose_i = [i for i in invocations if i.session_id is None]
    if loose_c or loose_i:
        out.append(("h", h, "Outside sessions"))
        if loose_c:
            out += [
                ("h", h + 1, "Commitments"),
                ("ul", [commitment_item(c, owner) for c in loose_c]),
            ]
        if loose_i:
            out.append(("h", h + 1, "Invocations"))
            for i in loose_i:
                out += invocation_blocks(i, owner)
    return out


# --- strategies -----------------------------------------------------------------------------

FLOATS = st.one_of(
    st.floats(min_value=0, max_value=1e12),
    st.sampled_from([0.0, 1e-05, 0.5, 120_000.0, 1e15, 1e300, 1e-300]),
    st.floats(),
)


@st.composite
def number_entries(draw: st.DrawFn) -> NumberEntry:
    return NumberEntry(
        quota_line_id="q",
        label=draw(SHORT),
        actual=draw(FLOATS),
        target=draw(FLOATS),
        unit=draw(SHORT),
        period=draw(st.sampled_from(Period)),
    )


@st.composite
def commitments_for(draw: st.DrawFn, rep: Rep, session_id: str | None, at: Any) -> Commitment:
    state = draw(st.sampled_from(CommitmentState))
    closed = state is not CommitmentState.OPEN
    return Commitment(
        rep_id=rep.id,
        owner=draw(st.sampled_from(Owner)),
        text=draw(TEXTS),
        due=draw(st.none() | st.sampled_from([TODAY.subtract(days=3), TODAY, TODAY.add(days=9)])),
        state=state,
        carried=draw(st.integers(0, 3)),
        session_id=session_id,
        created_at=at,
        closed_at=at.add(days=2) if closed and draw(st.booleans()) else None,
        drop_reason=draw(SHORT) if state is CommitmentState.DROPPED else "",
    )


@st.composite
def invocations_for(draw: st.DrawFn, rep: Rep, session_id: str | None, at: Any) -> Invocation:
    withdrawn = draw(st.booleans())
    return Invocation(
        rep_id=rep.id,
        agreement_id="a",
        agreement_version=draw(st.integers(1, 30)),
        step_id="s",
        step_index=draw(st.integers(0, 4)),
        step_text=draw(TEXTS),
        reason=draw(TEXTS),
        invoked_at=at,
        session_id=session_id,
        evidence=draw(st.lists(SHORT, max_size=3)),
        out_of_order_reason=draw(st.just("") | TEXTS),
        self_check=draw(
            st.just({})
            | st.fixed_dictionaries({key: st.booleans() for key, _ in SELF_CHECK_QUESTIONS})
        ),
        withdrawn_at=at.add(days=1, hours=2) if withdrawn else None,
        withdrawn_reason=draw(TEXTS) if withdrawn else "",
    )


@st.composite
def rep_logs(
    draw: st.DrawFn,
) -> tuple[Rep, list[Session], list[Commitment], list[Invocation]]:
    rep = Rep(name=draw(st.one_of(SHORT, TEXTS)), start_date=START, role=draw(SHORT))
    sessions: list[Session] = []
    commitments: list[Commitment] = []
    invocations: list[Invocation] = []
    for k in range(draw(st.integers(0, 2))):
        started = BASE.add(days=7 * k, minutes=draw(st.integers(0, 600)))
        closed = draw(st.booleans())
        s = Session(
            rep_id=rep.id,
            kind=draw(st.sampled_from(SessionKind)),
            started_at=started,
            ended_at=started.add(minutes=45) if closed else None,
            steps=draw(
                st.lists(
                    st.builds(StepNote, title=SHORT, notes=TEXTS, covered=st.booleans()),
                    max_size=3,
                )
            ),
            notes=draw(TEXTS),
            private_notes=draw(TEXTS),
            numbers=draw(st.lists(number_entries(), max_size=2)),
            agreement_version=draw(st.none() | st.integers(1, 40)),
            closed=closed,
            addenda=[
                Addendum(started.add(days=1, minutes=n), text)
                for n, text in enumerate(draw(st.lists(TEXTS, max_size=2)))
            ],
        )
        sessions.append(s)
        for n in range(draw(st.integers(0, 3))):
            commitments.append(draw(commitments_for(rep, s.id, started.add(minutes=n))))
        for n in range(draw(st.integers(0, 1))):
            invocations.append(draw(invocations_for(rep, s.id, started.add(minutes=n))))
    loose_at = BASE.add(days=30)
    for n in range(draw(st.integers(0, 1))):
        commitments.append(draw(commitments_for(rep, None, loose_at.add(minutes=n))))
    for n in range(draw(st.integers(0, 1))):
        invocations.append(draw(invocations_for(rep, None, loose_at.add(minutes=n))))
    return rep, sessions, commitments, invocations


TEAM = TeamSettings(manager_name="Dana Reyes", timezone="UTC")


def export(
    rep: Rep,
    sessions: list[Session],
    commitments: list[Commitment],
    invocations: list[Invocation],
    include_private: bool,
) -> str:
    return sessions_markdown(
        rep,
        sessions,
        agreements=[],
        commitments=commitments,
        invocations=invocations,
        settings=TEAM,
        include_private=include_private,
        today=TODAY,
    )


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rep_logs(), st.booleans())
def test_the_structure_holds_and_the_text_comes_back(
    log: tuple[Rep, list[Session], list[Commitment], list[Invocation]], include_private: bool
) -> None:
    rep, sessions, commitments, invocations = log
    markdown = export(rep, sessions, commitments, invocations, include_private)
    found = blocks(markdown)
    front = found.pop(0)
    assert front[0] == "front"
    ordered = sorted(sessions, key=lambda s: s.started_at)
    assert front[1] == {
        "title": clean("One-on-ones: " + rep.name),
        "rep": clean(rep.name),
        "role": clean(rep.role),
        "manager": "Dana Reyes",
        "from": ordered[0].started_at.date().isoformat() if ordered else None,
        "to": ordered[-1].started_at.date().isoformat() if ordered else None,
        "sessions": len(sessions),
        "agreement_version": ordered[-1].agreement_version if ordered else None,
        "timezone": "UTC",
        "private_notes": include_private,
        "generated": TODAY.isoformat(),
        "tags": ["one-on-ones"],
        "aliases": [clean(rep.name + " one-on-ones")],
    }
    expected = expected_blocks(
        rep, sessions, commitments, invocations, include_private=include_private
    )
    assert found == expected


@settings(max_examples=150, deadline=None)
@given(TEXTS, st.booleans())
def test_notes_read_back_line_by_line(text: str, with_lead: bool) -> None:
    lead = "Reason: " if with_lead else ""
    assert blocks("\n\n".join(paragraphs(text, lead))) == notes(text, lead)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_yaml_strings_are_json_and_yaml_safe(text: str) -> None:
    line = f"rep: {yaml_string(text)}"
    assert "\n" not in line and "\r" not in line
    assert front_matter(line) == {"rep": clean(text)}


# --- examples -------------------------------------------------------------------------------


def sample() -> tuple[Rep, list[Session], list[Commitment], list[Invocation], list[Agreement]]:
    rep = Rep(name="Sam Ito", start_date=START, role="AE")
    agreement = Agreement(
        rep_id=rep.id,
        version=3,
        state=AgreementState.AGREED,
        agreed_on=pendulum.Date(2026, 1, 5),
        consequence_steps=[ConsequenceStep("A gentle reminder"), ConsequenceStep("Lunch")],
    )
    first = Session(
        rep_id=rep.id,
        kind=SessionKind.REGULAR,
        started_at=pendulum.datetime(2026, 3, 3, 3, 30, tz="UTC"),  # March 2 in New York
        ended_at=pendulum.datetime(2026, 3, 3, 4, 15, tz="UTC"),
        steps=[
            StepNote("Open commitments", notes="# not a heading\n- a list", covered=True),
            StepNote("Numbers", covered=False),
        ],
        notes="Free **notes**",
        private_notes="SECRET: thinks about leaving",
        numbers=[NumberEntry("q", "New ARR", 80_000.0, 120_000.0, "USD", Period.QUARTER)],
        closed=True,
        addenda=[Addendum(pendulum.datetime(2026, 3, 4, 15, tz="UTC"), "Called back")],
    )
    second = Session(
        rep_id=rep.id,
        kind=SessionKind.ACCOUNTABILITY,
        started_at=pendulum.datetime(2026, 3, 10, 14, tz="UTC"),
        closed=False,
    )
    other = Session(rep_id="someone-else", kind=SessionKind.REGULAR, started_at=first.started_at)
    commitments = [
        Commitment(
            rep.id,
            Owner.REP,
            "Call Acme | today",
            due=pendulum.Date(2026, 12, 4),
            session_id=first.id,
            created_at=first.started_at,
        ),
        Commitment(
            rep.id,
            Owner.MANAGER,
            "Send the deck",
            state=CommitmentState.DONE,
            session_id=first.id,
            created_at=first.started_at.add(minutes=1),
            closed_at=pendulum.datetime(2026, 3, 5, 12, tz="UTC"),
        ),
    ]
    invocations = [
        Invocation(
            rep_id=rep.id,
            agreement_id=agreement.id,
            agreement_version=3,
            step_id=agreement.consequence_steps[1].id,
            step_index=1,
            step_text="Take me out to lunch",
            reason="Missed three calls",
            invoked_at=pendulum.datetime(2026, 3, 10, 14, 20, tz="UTC"),
            session_id=second.id,
            evidence=["Call Acme: carried twice"],
        )
    ]
    return rep, [second, first, other], commitments, invocations, [agreement]


def test_a_readable_document_in_the_managers_timezone() -> None:
    rep, sessions, commitments, invocations, agreements = sample()
    team = TeamSettings(manager_name="Dana Reyes", timezone="America/New_York")
    markdown = sessions_markdown(
        rep,
        sessions,
        agreements=agreements,
        commitments=commitments,
        invocations=invocations,
        settings=team,
        today=TODAY,
    )
    assert markdown == (
        "---\n"
        'title: "One-on-ones: Sam Ito"\n'
        'rep: "Sam Ito"\n'
        'role: "AE"\n'
        'manager: "Dana Reyes"\n'
        "from: 2026-03-02\n"
        "to: 2026-03-10\n"
        "sessions: 2\n"
        "agreement_version: 3\n"  # from the agreement agreed before the latest session
        'tags: ["one-on-ones"]\n'
        'aliases: ["Sam Ito one-on-ones"]\n'
        'timezone: "America/New_York"\n'
        "private_notes: false\n"
        "generated: 2026-06-01\n"
        "---\n\n"
        "# One-on-ones: Sam Ito\n\n"
        "AE · started 2024-01-08 · 2 sessions · 2026-03-02 to 2026-03-10 · agreement v3 at the "
        "latest session · times in America/New_York\n\n"
        "## 2026-03-02 · Regular one-on-one\n\n"
        "22:30–23:15\n\n"
        "### Open commitments\n\n"
        "\\# not a heading\n\n- a list\n\n"
        "### Numbers\n\n"
        "*(not covered)*\n\n"
        "### Notes\n\n"
        "Free \\*\\*notes\\*\\*\n\n"
        "### Numbers\n\n"
        "| Quota line | Actual | Target | Unit | Period | Attainment |\n"
        "| --- | ---: | ---: | --- | --- | ---: |\n"
        "| New ARR | 80,000 | 120,000 | USD | quarter | 67% |\n\n"
        "### Commitments\n\n"
        "- [ ] Sam: Call Acme | today (due 2026-12-04)\n"
        "- [x] You: Send the deck (done 2026-03-05)\n\n"
        "### Addenda\n\n"
        "Added 2026-03-04 10:00: Called back\n\n"
        "## 2026-03-10 · Accountability conversation\n\n"
        "10:00 · not ended\n\n"
        "### Invocations\n\n"
        '> "Take me out to lunch"\n\n'
        "Step 2 of agreement v3, in Sam's own words; invoked 2026-03-10 10:20.\n\n"
        "Reason: Missed three calls\n\n"
        "Evidence:\n\n"
        "- Call Acme: carried twice\n"
    )
    assert "SECRET" not in markdown
    found = blocks(markdown)
    assert [b[2] for b in found if b[0] == "h" and b[1] == 2] == [
        "2026-03-02 · Regular one-on-one",
        "2026-03-10 · Accountability conversation",
    ]


def test_private_notes_only_when_asked() -> None:
    rep, sessions, commitments, invocations, agreements = sample()
    markdown = sessions_markdown(
        rep,
        sessions,
        agreements=agreements,
        commitments=commitments,
        invocations=invocations,
        settings=TEAM,
        include_private=True,
        today=TODAY,
    )
    assert "### Private notes\n\nSECRET: thinks about leaving\n" in markdown
    assert "private_notes: true\n" in markdown


def test_a_date_range_and_a_rep_without_sessions() -> None:
    rep, sessions, commitments, invocations, agreements = sample()
    kwargs: dict[str, Any] = {
        "agreements": agreements,
        "commitments": commitments,
        "invocations": invocations,
        "settings": TEAM,
        "today": TODAY,
    }
    march_10 = pendulum.Date(2026, 3, 10)
    later = sessions_markdown(rep, sessions, since=march_10, **kwargs)
    assert "from: 2026-03-10\nto: 2026-03-10\nsessions: 1\n" in later
    assert "Regular one-on-one" not in later
    assert "today (due" not in later  # a commitment made in a session outside the range
    none = sessions_markdown(rep, sessions, until=pendulum.Date(2026, 1, 1), **kwargs)
    found = blocks(none)
    assert found[3:] == [("p", em("(no sessions in this period)"))]
    assert found[0][1]["sessions"] == 0


def test_departed_rep_and_blank_names() -> None:
    rep = Rep(
        name="   ",
        start_date=START,
        status=RepStatus.DEPARTED,
        departed_on=pendulum.Date(2025, 6, 30),
    )
    s = Session(rep_id=rep.id, kind=SessionKind.REGULAR, started_at=BASE, steps=[StepNote("")])
    c = Commitment(rep.id, Owner.REP, "x", session_id=s.id, created_at=BASE)
    found = blocks(
        sessions_markdown(
            rep, [s], agreements=[], commitments=[c], invocations=[], settings=TEAM, today=TODAY
        )
    )
    assert found[1] == ("h", 1, "One-on-ones: " + em("(no name set)"))
    assert found[2][1].startswith("Started 2024-01-08 · left 2025-06-30 · 1 session · ")
    assert ("h", 3, em("(untitled step)")) in found
    assert ("ul", ["[ ] Rep: x"]) in found


def test_combined_document_nests_each_rep() -> None:
    rep, sessions, commitments, invocations, agreements = sample()
    jo = Rep(name="Jo [b]Park", start_date=START)
    jo_session = Session(rep_id=jo.id, kind=SessionKind.EXPECTATIONS, started_at=BASE)
    progress: list[tuple[int, int]] = []
    markdown = combined_markdown(
        [jo, rep],
        [*sessions, jo_session],
        agreements=agreements,
        commitments=commitments,
        invocations=invocations,
        settings=TEAM,
        today=TODAY,
        progress=lambda done, total: progress.append((done, total)),
    )
    assert progress == [(1, 2), (2, 2)]
    found = blocks(markdown)
    assert found[0][1]["reps"] == 2
    assert found[0][1]["sessions"] == 3
    assert found[0][1]["from"] == "2026-03-02"
    assert found[1] == ("h", 1, "One-on-ones: team")
    assert found[2] == ("p", "Manager: Dana Reyes · 2 reps · 3 sessions · times in UTC")
    assert [b[2] for b in found if b[0] == "h" and b[1] == 2] == ["Jo [b]Park", "Sam Ito"]
    mine = expected_blocks(
        rep, sessions[:2], commitments, invocations, include_private=False, level=2
    )
    at = found.index(("h", 2, "Sam Ito"))
    # Sam's agreement v3 is found for the intro in the real export; the model-side
    # expectation reads it off the latest session (none there), so compare from the sessions.
    assert found[at + 2 :] == mine[2:]


def test_one_reps_260_sessions_export_whole() -> None:
    rep = Rep(name="Sam Ito", start_date=START)
    sessions = []
    commitments = []
    for k in range(260):
        s = Session(
            rep_id=rep.id,
            kind=SessionKind.REGULAR,
            started_at=BASE.subtract(weeks=k),
            ended_at=BASE.subtract(weeks=k).add(minutes=40),
            steps=[
                StepNote(f"Step {n}", notes="Talked about Acme, *pipeline* | 3x " * 6)
                for n in range(5)
            ],
            notes="Solid week.\nNumbers on pace.",
            numbers=[NumberEntry("q", "New ARR", 80_000.0, 120_000.0, "USD", Period.QUARTER)],
            closed=True,
        )
        sessions.append(s)
        commitments += [Commitment(rep.id, Owner.REP, f"Do {n}", session_id=s.id) for n in range(2)]
    # its speed is measured in bench/export_search.py (one rep's export <= 0.3 s)
    markdown = SessionsExport(
        sessions=sessions,
        agreements=[],
        commitments=commitments,
        invocations=[],
        settings=TEAM,
        today=TODAY,
    ).rep_markdown(rep)
    assert markdown.count("\n## ") == 260
    assert markdown.count("\n- [ ] Sam: Do ") == 520


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("one", ["one"]),
        ("a\nb", ["a\\\nb"]),
        ("a\r\n\r\n\n b \n", ["a", "&#32;b&#32;"]),
        ("  \n\t\na\u2028b", ["a\\\nb"]),
        ("ends with \\", ["ends with \\\\"]),
    ],
)
def test_paragraphs(text: str, expected: list[str]) -> None:
    assert paragraphs(text) == expected


def test_one_chosen_session() -> None:
    rep, sessions, commitments, invocations, agreements = sample()
    loose = Commitment(rep.id, Owner.REP, "Made in the hallway", created_at=BASE.add(days=3))
    second = sessions[0]
    kwargs: dict[str, Any] = {
        "agreements": agreements,
        "commitments": [*commitments, loose],
        "invocations": invocations,
        "settings": TEAM,
        "today": TODAY,
    }
    whole = sessions_markdown(rep, sessions, **kwargs)
    assert "## Outside sessions" in whole and "Made in the hallway" in whole
    one = sessions_markdown(rep, [second], outside_sessions=False, **kwargs)
    assert [b[2] for b in blocks(one) if b[0] == "h" and b[1] == 2] == [
        "2026-03-10 · Accountability conversation"
    ]
    assert "Call Acme | today" not in one  # made in the other session
    assert "hallway" not in one


def test_a_session_says_which_earlier_commitments_it_reviewed() -> None:
    from oneonone.core import sessions as rules

    rep = Rep(name="Sam Ito", start_date=START)
    first, second = (
        Session(
            rep_id=rep.id,
            kind=SessionKind.REGULAR,
            started_at=BASE.add(weeks=k),
            ended_at=BASE.add(weeks=k, minutes=30),
            closed=True,
        )
        for k in (0, 1)
    )
    made = [
        Commitment(rep.id, Owner.REP, text, session_id=first.id, created_at=BASE.add(minutes=n))
        for n, text in enumerate(["Call Acme", "Send the deck", "Book the demo", "Left alone"])
    ]
    at = second.started_at.add(minutes=5)
    done = rules.mark_done(made[0], at, session_id=second.id)
    dropped = rules.drop(made[1], "Deal lost", at, session_id=second.id)
    carried = rules.carry(made[2], pendulum.Date(2026, 12, 4), at=at, session_id=second.id)
    undone = rules.undo(rules.mark_done(made[3], at, session_id=second.id), second.id, at)
    everything = [done, dropped, carried, undone]

    reviewed = rules.reviewed_in(everything)
    assert list(reviewed) == [second.id]  # nothing is "reviewed" where it was made
    assert [(r.commitment.text, r.outcome, r.due, r.note) for r in reviewed[second.id]] == [
        ("Call Acme", "done", "", ""),
        ("Send the deck", "dropped", "", "Deal lost"),
        ("Book the demo", "carried", "2026-12-04", ""),
    ]
    markdown = SessionsExport(
        sessions=[first, second],
        agreements=[],
        commitments=everything,
        invocations=[],
        settings=TEAM,
        today=TODAY,
    ).rep_markdown(rep)
    assert (
        "### Earlier commitments reviewed\n\n"
        "- Sam: Call Acme (done)\n"
        "- Sam: Send the deck (dropped) — Deal lost\n"
        "- Sam: Book the demo (carried to 2026-12-04)\n"
    ) in markdown
    # made in the first: only the open ones are to-do boxes, a dropped one is no task
    items = [line for line in markdown.splitlines() if line.startswith("- ")]
    assert "- Sam: Send the deck (dropped " in "\n".join(items)
    assert not any(line.startswith("- [ ] Sam: Send the deck") for line in items)
    assert any(line.startswith("- [x] Sam: Call Acme") for line in items)
    assert any(line.startswith("- [ ] Sam: Book the demo") for line in items)


def test_the_last_steps_mirror_is_in_the_export() -> None:
    rep = Rep(name="Sam Ito", start_date=START)
    answers = {
        "set_expectation": True,
        "coached": True,
        "kept_my_commitments": True,
        "hired_well": True,
        "asked_right": False,
        "my_fault": False,
    }
    last = Invocation(
        rep.id,
        "a",
        2,
        "s",
        3,
        "Let me go",
        "Falsified the forecast",
        invoked_at=BASE,
        self_check=answers,
    )
    markdown = SessionsExport(
        sessions=[], agreements=[], commitments=[], invocations=[last], settings=TEAM, today=TODAY
    ).rep_markdown(rep)
    assert "Self-check: answered yes to every question.\n" in markdown
    assert (
        "Before the last step: Did I hire well? yes · Did I ask the right questions? no · "
        "Is this my fault? no\n"
    ) in markdown
