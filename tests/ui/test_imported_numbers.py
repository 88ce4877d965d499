"""Numbers imported from the CRM (issue 19) in the one-on-one: handed to the running app (even
with the one-on-one open), then ctrl+l shows them prefilled and marked imported; kept (as they
are or corrected), they are the one-on-one's numbers."""

from __future__ import annotations

import pendulum
import pytest
from textual.widgets import Input, Label, Static

from oneonone.core import codec
from oneonone.core.model import (
    Agreement,
    AgreementState,
    ImportedNumber,
    Period,
    QuotaLine,
    Rep,
    Session,
    TeamSettings,
)
from oneonone.core.store import Store, inbox
from oneonone.screens.roster import RosterScreen
from oneonone.screens.session import SessionScreen
from oneonone.screens.session_dialogs import KindScreen, NumbersForm

from .conftest import SIZE, make_app, on_screen, settle, until

pytestmark = pytest.mark.usefixtures("frozen")


def seed(store: Store) -> list[ImportedNumber]:
    """Sam, New ARR per quarter and Demos per month, with this month's Demos imported and an
    older month's; returns this quarter's New ARR import, for the inbox."""
    rep = Rep(name="[b]Sam", role="AE", start_date=pendulum.date(2025, 1, 6))
    arr = QuotaLine("New ARR", 120_000, "USD", Period.QUARTER)
    demos = QuotaLine("Demos", 12, "demos", Period.MONTH)
    agreement = Agreement(
        rep_id=rep.id,
        state=AgreementState.AGREED,
        agreed_on=pendulum.date(2026, 10, 1),
        quota_lines=[arr, demos],
    )
    at = pendulum.datetime(2026, 11, 26, 18, tz="UTC")

    def imported(line: QuotaLine, start: pendulum.Date, value: float) -> ImportedNumber:
        return ImportedNumber(
            rep_id=rep.id,
            quota_line_id=line.id,
            label=line.label,
            period=line.period,
            period_start=start,
            value=value,
            source="[red]report.csv",
            imported_at=at,
        )

    store.put_many(
        [
            TeamSettings(manager_name="Dana", timezone="Europe/Paris"),
            rep,
            agreement,
            imported(demos, pendulum.date(2026, 11, 1), 9),
            imported(demos, pendulum.date(2026, 10, 1), 99),  # last month's: not offered
        ]
    )
    # imported from the command line while the app runs: handed to it (the store's inbox)
    return [imported(arr, pendulum.date(2026, 10, 1), 84_000)]


async def test_imported_numbers_are_prefilled_marked_and_kept_when_edited(
    store: Store,
) -> None:
    handed = seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await on_screen(app, RosterScreen)
        await pilot.press("n")
        await on_screen(app, KindScreen)
        await pilot.press("enter")
        await on_screen(app, SessionScreen)
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        # imported while the one-on-one is open: the app takes it and offers it here too
        inbox.append_many(store.path, [(ImportedNumber.TABLE, codec.encode(n)) for n in handed])
        await until(lambda: len(store.all(ImportedNumber)) == 3, "the inbox taken by the app")
        await until(lambda: len(screen.imported) == 3, "the one-on-one told")
        assert not inbox.waiting(store.path)
        await pilot.press("ctrl+l")
        await on_screen(app, NumbersForm)
        form = app.screen
        arr, demos = (form.query_one(f"#input-actual_{i}", Input) for i in (0, 1))
        assert (arr.value, demos.value) == ("84,000", "9")
        labels = [str(label.render()) for label in form.query(".field-label").results(Label)]
        assert all(label.endswith("(imported)") for label in labels[:2])
        hints = [str(hint.render()) for hint in form.query(".field-hint").results(Static)]
        assert hints[0] == "Imported from [red]report.csv on 2026-11-26: keep it, or correct it."
        demos.value = "10"  # corrected; New ARR kept as imported
        await pilot.press("ctrl+s")
        await on_screen(app, SessionScreen)
        assert [(n.label, n.actual) for n in screen.session.numbers] == [
            ("New ARR", 84_000),
            ("Demos", 10),
        ]
        # now the one-on-one's numbers: shown as they are, no longer marked imported
        await pilot.press("ctrl+l")
        await on_screen(app, NumbersForm)
        form = app.screen
        assert form.query_one("#input-actual_1", Input).value == "10"
        labels = [str(label.render()) for label in form.query(".field-label").results(Label)]
        assert not any("(imported)" in label for label in labels)
        await pilot.press("escape")
        await on_screen(app, SessionScreen)
        await settle(app)
    with Store.open(store.path, allow_read_only=True) as disk:
        (session,) = disk.all(Session)
    assert [(n.label, n.actual) for n in session.numbers] == [("New ARR", 84_000), ("Demos", 10)]
