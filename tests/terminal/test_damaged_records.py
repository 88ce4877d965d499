"""A damaged record in a real terminal (issue 16): one flipped bit in the settings' timezone
used to stop the app at every start; now it opens, names the damage, and Settings fixes it."""

from __future__ import annotations

import json
from pathlib import Path

from oneonone.core.store import Store
from tests.terminal.conftest import OpenApp


def test_a_flipped_bit_in_the_timezone_is_named_and_fixed_in_settings(
    open_app: OpenApp, demo_db: Path
) -> None:
    raw = demo_db.read_bytes()
    zone = json.loads(raw)["settings"]["1"]["timezone"]
    flipped = zone[:-1] + chr(ord(zone[-1]) ^ 1)
    demo_db.write_bytes(
        raw.replace(f'"timezone": "{zone}"'.encode(), f'"timezone": "{flipped}"'.encode())
    )
    term = open_app(demo_db)
    term.wait(r"is damaged", timeout=10)
    assert "settings" in term.text
    term.press("r")
    term.wait(r"to filter by name, role or status")  # the title may be cut: a long path
    term.press("s")
    term.wait(r"Your timezone")
    assert "UTC" in term.text  # the default, meanwhile
    term.press("tab", "ctrl+u")  # the timezone field, emptied
    term.type(zone)
    term.wait(f"▊  {zone}", what="the timezone typed")
    term.press("ctrl+s")  # saving replaces the damaged value
    term.wait(lambda t: "Your timezone" not in t.text, what="Settings closed")
    term.wait(lambda t: flipped.encode() not in demo_db.read_bytes(), what="the save")
    with Store.open(demo_db, read_only=True) as store:
        assert store.settings().timezone == zone
        assert store.damaged == []
