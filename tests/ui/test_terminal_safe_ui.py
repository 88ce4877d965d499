"""The app's choke points for user text that is not a widget's own: the title and sub-title
(the data file's path), every notification, and the lines built from a rep's name on the
roster and the history screen. Nothing a terminal would obey reaches it."""

from __future__ import annotations

import pendulum

from oneonone.core.model import Rep, Session, SessionKind, TeamSettings
from oneonone.core.store import Store
from oneonone.screens.history import HistoryScreen
from oneonone.screens.roster import RosterScreen
from tests.cli.terminal_paths import BIDI
from tests.ui.conftest import make_app, on_screen, settle
from tests.ui.test_hostile import terminal_lines

HOSTILE = "Kim \x1b]0;PWNED\x07\r\x9b2J\u202e\ud800\x00Lee"


def assert_nothing_obeyed(app) -> None:  # type: ignore[no-untyped-def]
    for y, line in enumerate(terminal_lines(app)):
        bad = [
            c
            for c in line
            if ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or 0xD800 <= ord(c) < 0xE000 or c in BIDI
        ]
        assert not bad, f"line {y} sends {bad!r} to the terminal: {line!r}"


async def test_title_notifications_and_names_are_shown_not_obeyed(store: Store) -> None:
    rep = Rep(name=HOSTILE, start_date=pendulum.Date(2024, 5, 6))
    at = pendulum.datetime(2026, 11, 20, 10, tz="Europe/Paris")
    log = Session(rep_id=rep.id, kind=SessionKind.REGULAR, started_at=at, closed=True)
    store.put_many([TeamSettings(manager_name=HOSTILE, timezone="Europe/Paris"), rep, log])
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app)
        app.title = HOSTILE
        app.sub_title = f"/tmp/{HOSTILE}/oneonone.json"
        app.notify(f"Added {HOSTILE}.", title=HOSTILE, markup=False)
        app.screen.notify(f"No open one-on-one with {HOSTILE}.", markup=False)
        await pilot.pause()
        for text in [app.title, app.sub_title] + [
            part for n in app._notifications for part in (n.message, n.title)
        ]:
            assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text, text
        assert app.title == "Kim \u241b]0;PWNED\u2407\u240d\ufffd2J\ufffd\ufffd\u2400Lee"
        await on_screen(app, RosterScreen)
        assert_nothing_obeyed(app)
        await pilot.press("y")
        await on_screen(app, HistoryScreen)
        await settle(app)
        assert_nothing_obeyed(app)
