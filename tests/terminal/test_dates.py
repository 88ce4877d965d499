"""One date for one thing: a rep's next review, and a new hire's plan, read where a person
reads them (the roster, home, ``oneonone agenda``, the ``.ics``, the agreement export)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import icalendar

from tests.terminal.conftest import LAUNCH, NOW, ROOT, OpenApp
from tests.terminal.term import Terminal

HOME = r"Today, Friday 27 November 2026"
ROSTER = r"to filter by name, role or status"
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def cli(*args: str) -> str:
    """``oneonone ARGS`` at NOW, as a person runs it; its standard output."""
    done = subprocess.run(
        [sys.executable, str(LAUNCH), NOW.isoformat(), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=True,
    )
    return done.stdout


def line_with(term: Terminal, text: str) -> str:
    """The one line of the screen that holds ``text``."""
    found = [line for line in term.lines if text in line]
    assert len(found) == 1, (text, "\n".join(term.lines))
    return found[0]


def test_next_review_is_one_date_everywhere(open_app: OpenApp, demo_db: Path) -> None:
    """Maya's review was moved from 2026-10-14 to 2026-10-21: the roster said the agreement's
    own date (10-14) while home and the agenda said the review's (10-21)."""
    name = "Maya Fitzgerald"
    term = open_app(demo_db)
    term.wait(HOME)
    # the agenda's row (the line under the agenda repeats the highlighted title whole)
    (home,) = [
        ln for ln in term.lines if f"Quarterly review with {name}" in ln and "  Review  " in ln
    ]
    home_date = DATE.findall(home)[0]  # the Date column, before the title's "moved from"
    term.press("r")
    term.wait(ROSTER)
    term.settle()  # the whole roster drawn, not only its top
    # the row of the table, its Agreement column: "v2 · review overdue DATE"
    rows = [ln for ln in term.lines if name in ln and "review" in ln]
    assert len(rows) == 1, term.text
    shown = re.search(r"review(?: overdue)? (\d{4}-\d{2}-\d{2})", rows[0])
    assert shown is not None, rows[0]
    assert shown.group(1) == home_date == "2026-10-21"
    title = f"Quarterly review with {name}"
    agenda = [ln for ln in cli("agenda", "--db", str(demo_db)).splitlines() if title in ln]
    assert len(agenda) == 1 and agenda[0].startswith(home_date), agenda
    export = cli("export", "agreement", name, "--db", str(demo_db))
    assert f"next review due {home_date}" in export
    # a review still to come is in the .ics too, on the roster's date
    anya = [ln for ln in term.lines if "Anya Lachance" in ln and "review" in ln]
    assert len(anya) == 1 and "review 2027-01-14" in anya[0], anya
    events = icalendar.Calendar.from_ical(cli("calendar", "--db", str(demo_db))).walk("VEVENT")
    days = [
        e.decoded("dtstart")
        for e in events
        if str(e.get("summary")) == "Quarterly review with Anya Lachance"
    ]
    assert [d.isoformat() for d in days] == ["2027-01-14"]
    assert "next review due 2027-01-14" in cli("export", "agreement", "Anya", "--db", str(demo_db))


def test_new_hire_plan_is_on_home_and_agenda_before_its_day(
    open_app: OpenApp, demo_db: Path
) -> None:
    """Tomás starts Monday Nov 30; his plan has the two-hour expectations conversation on
    Tue 8 Dec at 10:00. Home said "no agreement" on 2026-12-14 and nothing of the plan before
    its first day."""
    name = "Tomás Carter"
    term = open_app(demo_db)
    term.wait(HOME)
    no_agreement = line_with(term, "No agreement")
    assert name in no_agreement and "expectations conversation, 10:00" in no_agreement
    assert "2026-12-08" in no_agreement and "in 11 days" in no_agreement, no_agreement
    first_day = line_with(term, f"{name} onboarding")
    assert "2026-11-30" in first_day and "in 3 days" in first_day, first_day
    # the plan says the same day and time
    term.press("r")
    term.wait(ROSTER)
    term.press("j", "j", "j", "j", "o")  # Tomás is the last current rep
    term.wait(f"Two-week plan for {name}")
    term.wait("Expectations conversation")
    star = [ln for ln in term.lines if "★" in ln and "Expectations conversation" in ln]
    assert len(star) == 1 and "Tue 8 Dec" in star[0] and "10:00" in star[0], term.text
    # `oneonone agenda --days N`: there from the day the horizon reaches it
    for days, shown in ((10, False), (11, True), (14, True)):
        out = cli("agenda", "--days", str(days), "--db", str(demo_db))
        lines = [ln for ln in out.splitlines() if "no agreement" in ln and name in ln]
        assert bool(lines) == shown, (days, out)
        assert all(ln.startswith("2026-12-08") and "10:00" in ln for ln in lines)
    out = cli("agenda", "--days", "3", "--db", str(demo_db))
    assert any(
        ln.startswith("2026-11-30") and f"{name} onboarding" in ln for ln in out.splitlines()
    )


def test_a_draft_waiting_to_be_agreed_is_on_home(open_app: OpenApp, demo_db: Path) -> None:
    """Bianca's v4 is written but not agreed: home said nothing of it. It says so now, and
    Enter on the line opens her agreement."""
    from oneonone.core.model import Agreement, Rep
    from oneonone.core.store import Store

    with Store.open(demo_db) as store:
        bianca = next(r for r in store.all(Rep) if r.name == "Bianca Greene")
        store.put(Agreement(rep_id=bianca.id, version=4, manager_name="Dana Whitfield"))
    term = open_app(demo_db)
    term.wait(HOME)
    line = line_with(term, "a draft of v4 waits to be agreed")
    assert "Bianca Greene" in line and "Draft" in line and "today" in line, line
    rows = [ln for ln in term.lines if DATE.search(ln)]  # the agenda's rows, top to bottom
    term.press(*["j"] * rows.index(line), "enter")
    term.wait("Agreement with Bianca Greene")
    term.wait("v4 · draft")
