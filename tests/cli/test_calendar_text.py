"""`oneonone calendar` with names no calendar line can hold raw: a newline in the manager's
name, a lone surrogate or control characters in a rep's. The .ics is written, every content line
is whole (CR LF only at its end, RFC 5545), and the text parses back with its line breaks."""

from __future__ import annotations

import re
from pathlib import Path

import icalendar
import pytest

from oneonone.core.export.ics import ics_text
from tests.cli.terminal_paths import NOW, hostile_team, run
from tests.core.cadence_support import frozen


def unescape(text: str) -> str:
    """RFC 5545 TEXT read back: ``\\n`` a line break, ``\\;`` ``\\,`` ``\\\\`` themselves."""
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] in "nN" else m[1], text)


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Dana\r\nRuiz\rQ\nZ", "Dana\nRuiz\nQ\nZ"),
        ("Dana\ud800\x1b]0;x\x07;,\t\\Ruiz", "Dana\ufffd\u241b]0;x\u2407;,\t\\Ruiz"),
    ],
)
def test_the_calendar_holds_any_name(tmp_path: Path, name: str, shown: str) -> None:
    db = hostile_team(tmp_path, name)
    target = tmp_path / "team.ics"
    with frozen(NOW):
        result = run(["calendar", "--out", str(target), "--db", str(db)])
    assert (result.code, result.crash, result.err) == (0, None, b"")
    data = target.read_bytes()
    for line in data.split(b"\r\n")[:-1]:
        assert b"\r" not in line and b"\n" not in line and b"\x1b" not in line, line
    cal = icalendar.Calendar.from_ical(data)
    calname = unescape(str(cal["X-WR-CALNAME"]))  # an X- property is read back escaped
    assert calname == f"oneonone: {shown}'s team"
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert f"Quarterly review with {shown}" in summaries  # Ann's, her name as typed
    assert f"Expectations conversation with {shown}2 (new-leader reset, due)" in summaries
    assert any(s.startswith(f"3{shown} onboarding: ") for s in summaries)  # Nia's plan


def test_ics_text_escapes_only_what_the_format_needs() -> None:
    assert ics_text("Kim Lee; a, b").to_ical() == b"Kim Lee\\; a\\, b"
    assert ics_text("a\r\nb\nc\rd").to_ical() == b"a\\nb\\nc\\nd"
    assert ics_text("\x00\x7f\ud800é\u202e").to_ical() == "\u2400\u2421\ufffdé\u202e".encode()
