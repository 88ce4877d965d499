"""The exported agreement: the five parts always there, every piece of text exactly as stored."""

from __future__ import annotations

from typing import Any

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st

from oneonone.core.agreements import format_number
from oneonone.core.export.agreement import (
    COMM_HEADER,
    PART_TITLES,
    QUOTA_HEADER,
    SIGN_HEADER,
    STEPS_INTRO,
    agreement_markdown,
)
from oneonone.core.export.escape import folded
from oneonone.core.model import (
    Agreement,
    AgreementState,
    CommRule,
    ConsequenceStep,
    Period,
    QuotaLine,
    Rep,
    RepStatus,
    TeamSettings,
    Urgency,
)
from tests.export.mdblocks import front_matter
from tests.export.mdparse import EM, Block
from tests.export.mdparse import blocks as body_blocks
from tests.export.strategies import SHORT, TEXTS

NONE_YET = EM + "(none written yet)" + EM
NO_NAME = EM + "(no name set)" + EM
START = pendulum.Date(2024, 1, 8)


def blank(text: str) -> bool:
    return not text.strip()


def text_or_none(text: str) -> Block:
    return ("p", NONE_YET if blank(text) else folded(text))


def bullets_or_none(items: list[str]) -> Block:
    return ("ul", [folded(i) for i in items]) if items else ("p", NONE_YET)


def reach(channel: str, response: str) -> str:
    return ", ".join(folded(p) for p in (channel, response) if not blank(p)) or "—"


def expected_blocks(a: Agreement, rep: Rep, team: TeamSettings) -> list[Block]:
    """The document's structure, written out from the model independently of the exporter."""
    name = NO_NAME if blank(rep.name) else folded(rep.name)
    intro = f"started {START.isoformat()}"
    intro = f"{folded(rep.role)} · {intro}" if not blank(rep.role) else "S" + intro[1:]
    if rep.departed_on:
        intro += f" · left {rep.departed_on.isoformat()}"
    out: list[Block] = [("h", 1, f"Agreement: {name}"), ("p", intro)]

    out.append(("h", 2, PART_TITLES[0]))
    out.append(("h", 3, "Quota"))
    if a.quota_lines:
        rows = [
            [folded(q.label), format_number(q.number), folded(q.unit), q.period.value]
            for q in a.quota_lines
        ]
        out.append(("table", list(QUOTA_HEADER), rows))
    else:
        out.append(("p", NONE_YET))
    out += [("h", 3, "Activity"), bullets_or_none(a.activity)]
    out += [("h", 3, "Conduct and integrity"), bullets_or_none(a.conduct)]
    out += [("h", 3, "Work schedule"), text_or_none(a.work_schedule)]
    out += [("h", 3, "What would cost you the job"), text_or_none(a.job_loss)]

    out += [("h", 2, PART_TITLES[1]), bullets_or_none(a.manager_commitments)]
    out += [("h", 2, PART_TITLES[2]), bullets_or_none(a.rep_requests)]

    out.append(("h", 2, PART_TITLES[3]))
    rules = [
        r
        for r in a.comm_rules
        if not all(
            blank(p) for p in (r.manager_channel, r.manager_response, r.rep_channel, r.rep_response)
        )
    ]
    if rules:
        rows = [
            [
                r.urgency.value,
                reach(r.manager_channel, r.manager_response),
                reach(r.rep_channel, r.rep_response),
            ]
            for r in rules
        ]
        out.append(("table", list(COMM_HEADER), rows))
    else:
        out.append(("p", NONE_YET))
    out += [("h", 3, "Open door"), text_or_none(a.open_door)]
    out += [("h", 3, "Your working hours"), text_or_none(a.rep_hours)]

    out.append(("h", 2, PART_TITLES[4]))
    if a.consequence_steps:
        out += [("p", STEPS_INTRO), ("ol", [folded(s.text) for s in a.consequence_steps])]
    else:
        out.append(("p", NONE_YET))

    out.append(("hr",))
    if a.is_agreed:
        assert a.agreed_on and a.next_review
        status = (
            f"Agreed on {a.agreed_on.isoformat()} · version {a.version} · "
            f"next review due {a.next_review.isoformat()}"
        )
    else:
        status = f"Draft · version {a.version} · not agreed yet"
    out.append(("p", status))
    # who agreed it (an agreed version) or who manages now (a draft); else the other name
    first, second = (a.manager_name, team.manager_name)
    if not a.is_agreed:
        first, second = second, first
    manager = second if blank(first) else first
    out.append(("p", "Manager: " + (NO_NAME if blank(manager) else folded(manager))))
    if a.is_agreed:
        first_name = folded(rep.name.split()[0]) if rep.name.split() else "the rep"
        if a.acknowledged_on is None:
            out.append(("p", f"Not acknowledged by {first_name} yet."))
        else:
            out.append(
                (
                    "p",
                    f"Acknowledged by {first_name} on {a.acknowledged_on.isoformat()}, "
                    f"{folded(a.acknowledged_how)}.",
                )
            )
    signers = [
        [who, folded(name) if name.strip() else ""]
        for who, name in (("Rep", rep.name), ("Manager", manager))
    ]
    out.append(("table", list(SIGN_HEADER), [[*row, "", ""] for row in signers]))
    return out


def split(markdown: str) -> tuple[dict[str, Any], str]:
    """The front matter (read as YAML-safe ``key: JSON`` lines) and the Markdown after it."""
    assert markdown.startswith("---\n"), markdown[:40]
    head, sep, rest = markdown[4:].partition("\n---\n\n")
    assert sep
    return front_matter(head), rest


def blocks(markdown: str) -> list[Block]:
    """The document's blocks after its front matter."""
    return body_blocks(split(markdown)[1])


# --- strategies -----------------------------------------------------------------------------

numbers = st.one_of(
    st.integers(min_value=0, max_value=10**12).map(float),
    st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False),
)
quota_lines = st.builds(
    QuotaLine, label=SHORT, number=numbers, unit=SHORT, period=st.sampled_from(Period)
)
comm_rules = st.builds(
    CommRule,
    urgency=st.sampled_from(Urgency),
    manager_channel=SHORT,
    manager_response=SHORT,
    rep_channel=SHORT,
    rep_response=SHORT,
)
items = st.lists(SHORT, max_size=3)


@st.composite
def documents(draw: st.DrawFn) -> tuple[Agreement, Rep, TeamSettings]:
    rep = Rep(name=draw(TEXTS), start_date=START, role=draw(SHORT))
    if draw(st.booleans()):
        rep.status, rep.departed_on = RepStatus.DEPARTED, pendulum.Date(2025, 2, 28)
    agreed = draw(st.booleans())
    a = Agreement(
        rep_id=rep.id,
        version=draw(st.integers(1, 12)),
        state=AgreementState.AGREED if agreed else AgreementState.DRAFT,
        agreed_on=pendulum.Date(2024, 4, 2) if agreed else None,
        next_review=pendulum.Date(2024, 7, 2) if agreed else None,
        manager_name=draw(SHORT),
        quota_lines=draw(st.lists(quota_lines, max_size=4)),
        activity=draw(items),
        conduct=draw(items),
        work_schedule=draw(SHORT),
        job_loss=draw(TEXTS),
        manager_commitments=draw(items),
        rep_requests=draw(items),
        comm_rules=draw(st.lists(comm_rules, max_size=4)),
        open_door=draw(SHORT),
        rep_hours=draw(SHORT),
        consequence_steps=[ConsequenceStep(t) for t in draw(st.lists(TEXTS, max_size=4))],
    )
    return a, rep, TeamSettings(manager_name=draw(SHORT))


# --- tests ----------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(documents())
def test_every_text_reads_back_exactly_and_the_structure_holds(
    doc: tuple[Agreement, Rep, TeamSettings],
) -> None:
    a, rep, team = doc
    markdown = agreement_markdown(a, rep, team)
    got = blocks(markdown)
    assert got == expected_blocks(a, rep, team)
    front = split(markdown)[0]
    assert front["rep"] == folded_yaml(rep.name)
    assert front["version"] == a.version
    assert front["state"] == ("agreed" if a.is_agreed else "draft")
    assert front["tags"] == ["agreement", "one-on-ones"]
    assert [b[2] for b in got if b[0] == "h" and b[1] == 2] == list(PART_TITLES)
    tables = [b for b in got if b[0] == "table"]
    if a.quota_lines:
        assert len(tables[0][2]) == len(a.quota_lines)
    ordered = [b[1] for b in got if b[0] == "ol"]
    assert ordered == (
        [[folded(s.text) for s in a.consequence_steps]] if a.consequence_steps else []
    )
    markdown.encode("utf-8")  # always writable


def folded_yaml(text: str) -> str:
    """What a YAML reader gets back from a typed name: NUL and lone surrogates as U+FFFD."""
    return "".join("\ufffd" if c == "\x00" or 0xD800 <= ord(c) < 0xE000 else c for c in text)


def full_agreement(rep: Rep, **changes: Any) -> Agreement:
    a = Agreement(
        rep_id=rep.id,
        version=2,
        state=AgreementState.AGREED,
        agreed_on=pendulum.Date(2024, 4, 2),
        next_review=pendulum.Date(2024, 7, 2),
        manager_name="Dana Reyes",
        quota_lines=[
            QuotaLine("New ARR", 120000.0, "USD", Period.QUARTER),
            QuotaLine("Demos | booked", 12.5, "meetings", Period.WEEK),
        ],
        activity=["40 calls a day", "# not a heading"],
        conduct=["No side deals"],
        work_schedule="Mon-Fri, core hours 10-4",
        job_loss="Lying about pipeline.\nSide deals.",
        manager_commitments=["Weekly 1:1, never cancelled"],
        rep_requests=["Ride-alongs on big deals"],
        comm_rules=[
            CommRule(Urgency.URGENT, "text", "1 hour", "call", ""),
            CommRule(Urgency.WITHIN_24H),
            CommRule(Urgency.ROUTINE, "Slack", "", "", "same day"),
        ],
        open_door="Any time after 2pm",
        rep_hours="8-5, Fridays off at 3",
        consequence_steps=[
            ConsequenceStep("A gentle reminder"),
            ConsequenceStep("Take me out to lunch; clearly something is going on"),
        ],
    )
    for k, v in changes.items():
        setattr(a, k, v)
    return a


GOLDEN = """\
---
title: "Agreement: Alex Moreno"
rep: "Alex Moreno"
role: "Account Executive"
manager: "Dana Reyes"
version: 2
state: "agreed"
agreed_on: 2024-04-02
next_review: 2024-07-02
acknowledged_on: 2024-04-03
acknowledged_how: "by e-mail"
tags: ["agreement", "one-on-ones"]
aliases: ["Alex Moreno agreement v2"]
---

# Agreement: Alex Moreno

Account Executive · started 2024-01-08

## 1. What I expect from you

### Quota

| What | Number | Unit | Period |
| --- | ---: | --- | --- |
| New ARR | 120,000 | USD | quarter |
| Demos \\| booked | 12.5 | meetings | week |

### Activity

- 40 calls a day
- \\# not a heading

### Conduct and integrity

- No side deals

### Work schedule

Mon-Fri, core hours 10-4

### What would cost you the job

Lying about pipeline. Side deals.

## 2. What you can expect from me

- Weekly 1:1, never cancelled

## 3. What else you asked of me

- Ride-alongs on big deals

## 4. How we reach each other

| Urgency | Reach me (manager) | I reach you (rep) |
| --- | --- | --- |
| urgent | text, 1 hour | call |
| routine | Slack | same day |

### Open door

Any time after 2pm

### Your working hours

8-5, Fridays off at 3

## 5. If I don't hold up my end

In your own words, what you want me to do:

1. A gentle reminder
2. Take me out to lunch; clearly something is going on

---

Agreed on 2024-04-02 · version 2 · next review due 2024-07-02

This replaces version 1, agreed on 2024-01-10.

Manager: Dana Reyes

Acknowledged by Alex on 2024-04-03, by e-mail.

|  | Name | Signature | Date |
| --- | --- | --- | --- |
| Rep | Alex Moreno |   |   |
| Manager | Dana Reyes |   |   |
"""


def test_a_full_agreement_reads_like_this() -> None:
    rep = Rep(name="Alex Moreno", start_date=START, role="Account Executive")
    v1 = full_agreement(rep, version=1, agreed_on=pendulum.Date(2024, 1, 10))
    v2 = full_agreement(
        rep, acknowledged_on=pendulum.Date(2024, 4, 3), acknowledged_how="by e-mail"
    )
    got = agreement_markdown(v2, rep, TeamSettings(manager_name="Sam New"), all_versions=[v1, v2])
    assert got == GOLDEN


def test_an_empty_draft_still_has_every_part() -> None:
    rep = Rep(name="Jo", start_date=START)
    draft = Agreement(rep_id=rep.id, version=1, comm_rules=[CommRule(u) for u in Urgency])
    markdown = agreement_markdown(draft, rep, TeamSettings(manager_name="Dana"))
    got = blocks(markdown)
    assert got == expected_blocks(draft, rep, TeamSettings(manager_name="Dana"))
    assert [b[2] for b in got if b[0] == "h" and b[1] == 2] == list(PART_TITLES)
    assert sum(b == ("p", NONE_YET) for b in got) == 11  # every part and sub-part says so
    assert ("p", "Draft · version 1 · not agreed yet") in got
    assert ("p", "Started 2024-01-08") in got
    assert ("p", "Manager: Dana") in got


def test_an_older_version_names_the_one_that_replaces_it() -> None:
    rep = Rep(name="Alex", start_date=START)
    v1 = full_agreement(rep, version=1, agreed_on=pendulum.Date(2024, 1, 10))
    v2 = full_agreement(rep)
    got = blocks(agreement_markdown(v1, rep, TeamSettings(), all_versions=[v1, v2]))
    assert ("p", "Version 2, agreed on 2024-04-02, replaces this one.") in got


def test_inherited_and_departed_are_said() -> None:
    rep = Rep(
        name="Alex",
        start_date=START,
        role="SDR",
        status=RepStatus.DEPARTED,
        departed_on=pendulum.Date(2025, 1, 31),
    )
    a = full_agreement(rep, inherited=True, manager_name="Old Boss")
    got = blocks(agreement_markdown(a, rep, TeamSettings(manager_name="New Boss")))
    assert ("p", "SDR · started 2024-01-08 · left 2025-01-31") in got
    assert got[-4][1].endswith("· agreed under a previous manager")
    assert got[-3] == ("p", "Manager: Old Boss")  # who agreed it, not who manages now
    assert got[-1][2][1][:2] == ["Manager", "Old Boss"]  # and signs it


def test_a_hostile_rep_name_is_only_a_title() -> None:
    rep = Rep(name="# x\n---\n<script>alert(1)</script> | [b]y[/b]", start_date=START)
    got = blocks(agreement_markdown(full_agreement(rep), rep, TeamSettings()))
    assert got[0] == ("h", 1, "Agreement: # x --- <script>alert(1)</script> | [b]y[/b]")
    assert sum(1 for b in got if b[0] == "h" and b[1] == 1) == 1
