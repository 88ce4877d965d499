"""A CRM report imported from the command line while the app is open (issue 19) is handed to
it, and is in the next one-on-one: ctrl+l shows the imported number, marked, as a person sees
it."""

from __future__ import annotations

from pathlib import Path

import pendulum

from oneonone.cli import main
from tests.terminal.conftest import NOW, OpenApp
from tests.terminal.test_records_right import HOME, SESSION, calm, glance, in_dialog


def test_after_an_import_while_the_app_is_open_ctrl_l_shows_the_imported_number(
    open_app: OpenApp, demo_db: Path, tmp_path: Path
) -> None:
    report = tmp_path / "hubspot-deals.csv"
    report.write_text(
        "Record ID,Deal Name,Close Date,Deal owner,Amount\r\n"
        '1,Acme,2026-11-03 14:22,Maya Fitzgerald,"$61,500.00"\r\n'
    )
    term = open_app(demo_db)
    term.wait(HOME)
    with pendulum.travel_to(NOW, freeze=True):  # while the app has the file open
        args = ["numbers", "import", str(report), "--map", "New ARR=Amount", "--apply"]
        assert main([*args, "--db", str(demo_db)]) == 0
    term.wait(r"Added from the command line: 1 imported\s+number", timeout=6)
    term.press("n")
    term.wait(r"Start a one-on-one with Maya Fitzgerald")
    term.press("enter")
    term.wait(SESSION)
    calm(term)
    term.press("ctrl+l")
    term.wait(in_dialog("(imported)"), timeout=3, what="the number marked imported")
    term.wait(in_dialog("61,500"), timeout=3, what="the imported number")
    term.wait(in_dialog("Imported from hubspot-deals.csv"), timeout=3, what="its source")
    term.press("ctrl+s")  # kept as it is: the one-on-one's number
    shown = "• New ARR: 61,500 of 110,000 (56%)"
    term.wait(lambda t: shown in glance(t), timeout=3, what=shown)
