"""The hostile-input sweep, through the screens (Pilot): rep names, roles, agreement lines,
quota numbers, notes, commitments, dates and search queries holding Markdown, Textual/Rich
markup, terminal escape sequences, control characters, right-to-left text, emoji, combining
marks and 100 KB pastes. Each is either taken, saved exactly and shown as typed, or refused
with a message on its field while everything typed stays in the form. Nothing crashes, and
no control character reaches the terminal: the screen is read back as the terminal would get
it. Then the data file is deleted, made unwritable, replaced by another program and the disk
fills up while the app runs: a message each time, and nothing already saved is lost.

Pilot examples cost about a second each: a few per property here; the many examples run on
the core and the command line (tests/cli/test_hostile_cli.py).
"""

from __future__ import annotations

import errno
import json
import os
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pendulum
import pytest
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st
from textual import events
from textual.widgets import Input, Markdown, OptionList, Static, TextArea

from oneonone.core import sessions
from oneonone.core.agreements import AgreementError, parse_number, quota_text
from oneonone.core.dates import DateInputError, parse_user_date
from oneonone.core.errors import FieldError
from oneonone.core.export.escape import folded
from oneonone.core.export.sessions import sessions_markdown
from oneonone.core.model import (
    Agreement,
    AgreementState,
    Commitment,
    ConsequenceStep,
    Period,
    QuotaLine,
    Rep,
    Session,
    SessionKind,
    StepNote,
    TeamSettings,
)
from oneonone.core.roster import RepDraft, RosterError, build_rep, check_text
from oneonone.core.store import Store, files
from oneonone.palette import RepCommands
from oneonone.screens.agreement import AgreementScreen
from oneonone.screens.agreement_parts import PartScreen
from oneonone.screens.confirm import ConfirmScreen
from oneonone.screens.date_form import DateFormScreen
from oneonone.screens.export_sessions import SessionsExportForm
from oneonone.screens.history import HistoryScreen, SessionViewScreen
from oneonone.screens.line_forms import QuotaLineForm, TextLineForm
from oneonone.screens.rep_form import RepFormScreen
from oneonone.screens.roster import RosterScreen
from oneonone.screens.search import HitTable, SearchScreen
from oneonone.screens.session import SessionScreen
from oneonone.screens.session_dialogs import CommitmentForm, KindScreen, NumbersForm
from oneonone.widgets.rep_table import RepTable
from oneonone.widgets.text import one_line, visible
from tests.export.mdblocks import blocks
from tests.export.strategies import DATES, HOSTILE, HOSTILE_LINE, NUMBERS, TEXTS

from .conftest import NOW, SIZE, make_app, on_screen, settle, until
from .test_agreement import doc_text

pytestmark = pytest.mark.usefixtures("frozen")

TODAY = NOW.date()
#: A Pilot example costs a second: a few each, and a failure is reported as found (shrinking it
#: would replay the app hundreds of times).
UI = settings(
    max_examples=5,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
#: The flows that go through several dialogs per example.
LONG = settings(UI, max_examples=3)
SETTINGS = TeamSettings(manager_name="Dana", timezone="Europe/Paris")
TYPED = st.one_of(HOSTILE, HOSTILE_LINE)


# --- helpers ----------------------------------------------------------------------------------


@contextmanager
def new_store(*records: object) -> Iterator[Store]:
    """A store on a fresh file (hypothesis runs a test body many times: one file each)."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "team" / "oneonone.json")
        try:
            if records:
                store.put_many(records)
            yield store
        finally:
            store.close()


def on_disk(store: Store) -> Store:
    return Store.open(store.path, allow_read_only=True)


def terminal_lines(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The current screen as the terminal receives it, one string per line."""
    update = app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens, simplify=True
    )
    return ["".join(strip.text for strip in line) for line in update.strips]


def assert_terminal_safe(app) -> None:  # type: ignore[no-untyped-def]
    """No control character (nor lone surrogate) is sent to the terminal: whatever the user
    typed, it can only be shown, never move the cursor, recolour, retitle or clear."""
    for y, line in enumerate(terminal_lines(app)):
        bad = [c for c in line if unicodedata.category(c) in ("Cc", "Cs")]
        assert not bad, f"line {y} sends {bad!r} to the terminal: {line!r}"


def field_error(app, field: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(f"#field-{field} .field-error", Static).render())


def input_value(app, field: str) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one(f"#input-{field}", Input).value


async def fill(app, pilot, values: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    for name, value in values.items():
        await until(lambda n=name: app.screen.query_one(f"#input-{n}", Input), name)
        app.screen.query_one(f"#input-{name}", Input).value = value
    await pilot.pause()


async def refused_then_discard(app, pilot, exc: FieldError, values: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    """The form stays, the message is on the field at fault, what was typed is all there;
    then Escape and "discard" leave it (Escape alone, when nothing was typed: an empty line
    refused as required leaves nothing to lose, so there is no question)."""
    form = app.screen
    assert field_error(app, exc.field) == str(exc)
    for name, value in values.items():
        assert input_value(app, name) == value
    assert_terminal_safe(app)
    typed = form.has_unsaved_changes()
    await pilot.press("escape")
    if typed:
        await on_screen(app, ConfirmScreen)
        await pilot.press("y")
    await until(lambda: app.screen is not form, "form closed")


def option_texts(app, selector: str) -> list[str]:  # type: ignore[no-untyped-def]
    listing = app.screen.query_one(selector, OptionList)
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


async def paste(app, pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """What the terminal sends for a paste (bracketed paste), to the focused widget."""
    app.focused.post_message(events.Paste(text))
    await pilot.pause()


def messages(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in app._notifications]


# --- rep names and roles ----------------------------------------------------------------------


@UI
@given(name=TYPED, role=TYPED)
async def test_a_rep_is_shown_as_typed_or_refused_on_its_field(name: str, role: str) -> None:
    """The name is pasted (a paste into a one-line field keeps its first line), the role set.
    Names are stripped; control characters are refused with a message on the field."""
    pasted = (name.splitlines() or [""])[0]
    try:
        expected: Rep | None = build_rep(RepDraft(pasted, role, "2024-01-08"), today=TODAY, team=[])
        problem: RosterError | None = None
    except RosterError as exc:
        expected, problem = None, exc
    with new_store(SETTINGS) as store:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app)
            await pilot.press("a")
            await on_screen(app, RepFormScreen)
            await pilot.press(*"Ki", "backspace", "backspace")  # typing reaches the name
            await paste(app, pilot, name)
            await fill(app, pilot, {"role": role, "start_date": "2024-01-08"})
            assert input_value(app, "name") == pasted
            assert_terminal_safe(app)
            await pilot.press("ctrl+s")
            await pilot.pause()
            if problem is not None:
                await refused_then_discard(app, pilot, problem, {"name": pasted, "role": role})
                assert store.all(Rep) == []
                return
            assert expected is not None
            await on_screen(app, RosterScreen)
            await settle(app)
            table = app.screen.query_one(RepTable)
            row = table.get_row_at(0)
            assert row[0].plain == one_line(expected.name, 40)
            assert row[1].plain == one_line(expected.role, 30)
            assert visible(f"Added {expected.name}.") in messages(app)
            hits = [h async for h in RepCommands(app.screen).search("start")]
            starts = [h for h in hits if h.text and h.text.startswith("Start 1:1")]
            assert [h.text for h in starts] == [f"Start 1:1 with {expected.name}"]
            assert starts[0].match_display.plain == visible(starts[0].text)
            assert_terminal_safe(app)
        with on_disk(store) as disk:
            (saved,) = disk.all(Rep)
        assert (saved.name, saved.role) == (pasted.strip(), role.strip())


# --- agreement lines and quota numbers --------------------------------------------------------


@LONG
@given(label=TYPED, number=st.sampled_from(NUMBERS), line=TYPED)
@example(label="é[@click=app.quit]quit[/]\u200b[b]_", number="1e3", line="")
async def test_agreement_lines_and_numbers_are_kept_exactly_or_refused(
    label: str, number: str, line: str
) -> None:
    rep = Rep(name="Sam [b]Ortiz", start_date=pendulum.Date(2025, 1, 6))
    quota = {"label": label, "number": number, "unit": "USD"}
    try:
        expected_quota: QuotaLine | None = QuotaLine(
            check_text("label", "What", label, 200, required=True),
            parse_number(number),
            "USD",
            Period.QUARTER,
        )
        quota_problem: FieldError | None = None
    except (RosterError, AgreementError) as exc:
        expected_quota, quota_problem = None, exc
    try:
        expected_line: str | None = check_text("text", "The line", line, 2000, required=True)
        line_problem: FieldError | None = None
    except RosterError as exc:
        expected_line, line_problem = None, exc
    with new_store(SETTINGS, rep) as store:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app)
            await pilot.press("enter")
            await on_screen(app, AgreementScreen)
            await until(lambda: app.screen.loaded, "agreement loaded")
            await pilot.press("1")
            await on_screen(app, PartScreen)
            await pilot.press("a")
            await on_screen(app, QuotaLineForm)
            await fill(app, pilot, quota)
            await pilot.press("ctrl+s")
            await pilot.pause()
            if quota_problem is not None:
                await refused_then_discard(app, pilot, quota_problem, quota)
            await on_screen(app, PartScreen)
            app.screen.query_one("#lines-activity").focus()
            await pilot.press("a")
            await on_screen(app, TextLineForm)
            await fill(app, pilot, {"text": line})
            await pilot.press("enter")
            await pilot.pause()
            if line_problem is not None:
                await refused_then_discard(app, pilot, line_problem, {"text": line})
            await on_screen(app, PartScreen)
            quotas = [expected_quota] if expected_quota else []
            activity = [expected_line] if expected_line else []
            if quotas:
                assert option_texts(app, "#lines-quota_lines") == [
                    visible(f"• {quota_text(quotas[0])}")
                ]
            if activity:
                assert option_texts(app, "#lines-activity") == [visible(f"• {expected_line}")]
            assert_terminal_safe(app)
            await pilot.press("ctrl+s")
            await on_screen(app, AgreementScreen)
            await settle(app)
            shown = " ".join(doc_text(app.screen, width=10_000).split())
            assert "Agreement: Sam [b]Ortiz" in shown  # as typed: no markup, no escapes
            for kept in [*(q.label for q in quotas), *activity]:
                assert " ".join(visible(folded(kept)).split()) in shown
            assert_terminal_safe(app)
        with on_disk(store) as disk:
            (saved,) = disk.all(Agreement)
        assert [(q.label, q.number) for q in saved.quota_lines] == [
            (q.label, q.number) for q in quotas
        ]
        assert saved.activity == activity


# --- a one-on-one: notes, commitments, numbers ------------------------------------------------


@LONG
@given(
    notes=st.one_of(HOSTILE, TEXTS),
    label=HOSTILE_LINE,
    text=TYPED,
    due=st.sampled_from(DATES),
    actual=st.sampled_from(NUMBERS),
)
# over ten times the quota line (asked about, then kept): the example that stopped this test
@example(
    notes="\n👩b~\r\n) / ",
    label="- [link=https://e.x]y[/link]",
    text="\\[b]́[red]*x*",
    due="10000-01-01",
    actual="999,999,999,999,999.9",
)
async def test_a_one_on_one_keeps_notes_exactly_and_commitments_and_numbers_or_says_why(
    notes: str, label: str, text: str, due: str, actual: str
) -> None:
    """The quota line's name (shown as a field label in the numbers form) is hostile too."""
    rep = Rep(name="[b]Sam\u202e", start_date=pendulum.Date(2025, 1, 6))
    line = QuotaLine(label.strip() or "x", 120000.0, "USD", Period.QUARTER)
    agreement = Agreement(
        rep_id=rep.id,
        state=AgreementState.AGREED,
        agreed_on=pendulum.Date(2026, 10, 1),
        next_review=pendulum.Date(2027, 1, 1),
        quota_lines=[line],
        consequence_steps=[ConsequenceStep(f"Lunch {label}".strip())],
    )
    try:
        made: Commitment | None = sessions.new_commitment(
            rep.id, sessions.Owner.REP, text, due, TODAY, None
        )
        made_problem: FieldError | None = None
    except FieldError as exc:
        made, made_problem = None, exc
    try:
        number: float | None = parse_number(actual, "actual") if actual.strip() else None
        number_problem: FieldError | None = None
    except FieldError as exc:
        number, number_problem = None, FieldError("actual_0", str(exc))
    with new_store(SETTINGS, rep, agreement) as store:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app)
            await pilot.press("n")
            await on_screen(app, KindScreen)
            await pilot.press("enter")
            await on_screen(app, SessionScreen)
            screen = app.screen
            await pilot.press(*"ok")  # typing reaches the notes
            area = screen.query_one("#notes", TextArea)
            area.text = notes  # a paste, set at once
            # The text area keeps every line as typed; it writes all line breaks (CRLF, FF,
            # U+2028...) as one kind, its document's: the notes are what it shows.
            assert area.text.splitlines() == notes.splitlines()
            await until(lambda: screen.session.steps[0].notes == area.text, "notes kept")
            shown = area.text
            assert_terminal_safe(app)
            # a commitment: a hostile text and due date
            await pilot.press("ctrl+r")
            await on_screen(app, CommitmentForm)
            await fill(app, pilot, {"text": text, "due": due})
            await pilot.press("ctrl+s")
            await pilot.pause()
            if made_problem is not None:
                await refused_then_discard(app, pilot, made_problem, {"text": text, "due": due})
            await on_screen(app, SessionScreen)
            if made is not None:
                listed = option_texts(app, "#commitments")
                assert any(one_line(made.text, 40) in s for s in listed)
            # numbers: a hostile number, the quota line's own hostile name as the label
            await pilot.press("ctrl+l")
            await on_screen(app, NumbersForm)
            label_text = str(app.screen.query_one("#field-actual_0 .field-label").render())
            assert label_text == f"{quota_text(line)}: actual so far"
            await fill(app, pilot, {"actual_0": actual})
            await pilot.press("ctrl+s")
            await pilot.pause()
            if number is not None and number > sessions.OUTLIER_FACTOR * line.number:
                # over ten times the quota line: asked about once, and kept
                await on_screen(app, ConfirmScreen)
                await pilot.press("y")
            if number_problem is not None:
                await refused_then_discard(app, pilot, number_problem, {"actual_0": actual})
            await on_screen(app, SessionScreen)
            assert_terminal_safe(app)
            await pilot.press("escape")  # leave: saved, stays open
            await on_screen(app, RosterScreen)
            await settle(app)
        with on_disk(store) as disk:
            (saved,) = disk.all(Session)
            texts = [c.text for c in disk.all(Commitment)]
        assert saved.steps[0].notes == shown
        assert texts == ([made.text] if made else [])
        assert [n.actual for n in saved.numbers] == ([number] if number is not None else [])


# --- what was written, found and read again ---------------------------------------------------


@UI
@given(notes=HOSTILE, query_at=st.integers(0, 40))
async def test_search_and_history_show_notes_as_typed(notes: str, query_at: int) -> None:
    rep = Rep(name="Kim\u202e [link=x]Lee", start_date=pendulum.Date(2024, 5, 6))
    at = pendulum.datetime(2026, 11, 20, 10, tz="Europe/Paris")
    log = Session(
        rep_id=rep.id,
        kind=SessionKind.REGULAR,
        started_at=at,
        closed=True,
        steps=[StepNote("Agenda [/]", notes=notes, covered=True)],
    )
    start = min(query_at, max(len(notes) - 3, 0))
    query = notes[start : start + 3]
    with new_store(SETTINGS, rep, log) as store:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app)
            await until(lambda: app.services.search_index is not None, "search index")
            await pilot.press("ctrl+f")
            await on_screen(app, SearchScreen)
            screen = app.screen
            await paste(app, pilot, query)  # one line of it, as a paste gives
            typed = (query.splitlines() or [""])[0]
            assert screen.query_one("#query", Input).value == typed
            expected = app.services.search_index.search(typed) if typed.strip() else []
            await until(lambda: len(screen.hits) == len(expected), "hits")
            assert_terminal_safe(app)
            if not expected:
                return
            table = screen.query_one(HitTable)
            assert table.get_row_at(0)[3].plain == visible(expected[0].snippet)
            assert table.get_row_at(0)[1].plain == one_line(rep.name, 20)
            table.focus()
            await pilot.press("enter")
            await on_screen(app, SessionViewScreen)
            view = app.screen
            source = view.query_one("#view-doc", Markdown).source
            assert source == visible(view._markdown())
            assert_terminal_safe(app)


async def test_a_100_kb_paste_is_saved_and_exported_exactly(tmp_path: Path) -> None:
    paste = ("Acme **Q1** | [b]risk[/b] \x1b]0;t\x07 👩🏽‍💼 שלום e\u0301\r\n" * 2500)[:100_000]
    rep = Rep(name="Sam", start_date=pendulum.Date(2025, 1, 6))
    target = tmp_path / "out" / "sam.md"
    with new_store(SETTINGS, rep) as store:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app)
            await pilot.press("n")
            await on_screen(app, KindScreen)
            await pilot.press("enter")
            await on_screen(app, SessionScreen)
            screen = app.screen
            screen.query_one("#notes", TextArea).text = paste
            sid = screen.session.id

            def saved_notes() -> str:
                found = store.get(Session, sid)
                return found.steps[0].notes if found else ""

            await until(lambda: saved_notes() == paste, "autosave")  # the save is in a worker
            await settle(app)
            with on_disk(store) as disk:
                (saved,) = disk.all(Session)
            assert saved.steps[0].notes == paste
            assert_terminal_safe(app)
            await pilot.press("f10")  # end it, then export it from the history
            await until(lambda: app.screen.__class__.__name__ == "SummaryScreen", "summary")
            await pilot.press("enter")
            await on_screen(app, RosterScreen)
            await settle(app)
            await pilot.press("y")
            await on_screen(app, HistoryScreen)
            await pilot.press("x")
            await on_screen(app, SessionsExportForm)
            app.screen.query_one("#input-path", Input).value = str(target)
            await pilot.press("ctrl+s")
            await until(target.exists, "export")
            await app.workers.wait_for_complete()
        with on_disk(store) as disk:
            (closed,) = disk.all(Session)
    assert closed.steps[0].notes == paste
    expected = sessions_markdown(
        rep,
        [closed],
        agreements=[],
        commitments=[],
        invocations=[],
        settings=SETTINGS,
        include_private=False,
        today=TODAY,
    )
    assert target.read_text(encoding="utf-8") == expected
    found = blocks(expected)
    step = found.index(("h", 3, closed.steps[0].title))
    text = "\n".join(line.rstrip("\r") for line in paste.replace("\r\n", "\n").split("\n"))
    assert found[step + 1] == ("p", text.rstrip("\n"))


# --- dates ------------------------------------------------------------------------------------


def accepted(typed: str) -> bool:
    try:
        parse_user_date(typed, TODAY)
    except DateInputError:
        return False
    return True


async def test_every_hostile_date_is_refused_on_its_field_or_taken() -> None:
    """The start date of a new rep, then the day an agreement is agreed (its review is worked
    out a quarter later): the dates the issue names, in one form each, the accepted one last."""
    rep = Rep(name="Sam", start_date=pendulum.Date(2025, 1, 6))
    draft = Agreement(rep_id=rep.id, consequence_steps=[ConsequenceStep("Lunch.")])
    tries = [d for d in DATES if not accepted(d)] + ["2999-12-31"]
    with new_store(SETTINGS, rep, draft) as store:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app)
            await pilot.press("a")
            await on_screen(app, RepFormScreen)
            await fill(app, pilot, {"name": "Kim"})
            for typed in tries:
                await fill(app, pilot, {"start_date": typed})
                await pilot.press("ctrl+s")
                await pilot.pause()
                try:
                    parse_user_date(typed, TODAY)
                except DateInputError as exc:
                    assert field_error(app, "start_date") == f"Start date: {exc}"
                    assert input_value(app, "start_date") == typed
                    assert_terminal_safe(app)
            await until(lambda: not isinstance(app.screen, RepFormScreen), "rep saved")
            if isinstance(app.screen, ConfirmScreen):  # a rep starting later: a plan is offered
                await pilot.press("escape")
            await on_screen(app, RosterScreen)
            await settle(app)
            app.screen.query_one(RepTable).move_cursor(row=1)  # Sam, after Kim
            await pilot.press("enter")
            await on_screen(app, AgreementScreen)
            await until(lambda: app.screen.loaded, "agreement loaded")
            await pilot.press("g")
            await on_screen(app, DateFormScreen)
            # a real date still to come is refused too: an agreement is dated the day agreed
            for typed in [*tries, "2026-10-30"]:
                await fill(app, pilot, {"agreed_on": typed})
                await pilot.press("enter")
                await pilot.pause()
                try:
                    parse_user_date(typed, TODAY)
                except DateInputError as exc:
                    assert field_error(app, "agreed_on") == str(exc)
                else:
                    if typed == "2999-12-31":
                        assert "is after today" in field_error(app, "agreed_on")
            await on_screen(app, AgreementScreen)
            await settle(app)
        with on_disk(store) as disk:
            kim = next(r for r in disk.all(Rep) if r.name == "Kim")
            (agreed,) = disk.all(Agreement)
    assert kim.start_date == pendulum.Date(2999, 12, 31)
    assert agreed.state is AgreementState.AGREED
    assert (agreed.agreed_on, agreed.next_review) == (
        pendulum.Date(2026, 10, 30),
        pendulum.Date(2027, 1, 30),
    )


# --- the data file under attack while the app runs --------------------------------------------


def team_of(*names: str) -> list[object]:
    return [SETTINGS, *(Rep(name=n, start_date=pendulum.Date(2024, 1, 8)) for n in names)]


async def add_rep(app, pilot, name: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("a")
    await on_screen(app, RepFormScreen)
    await fill(app, pilot, {"name": name, "start_date": "2024-01-08"})
    await pilot.press("ctrl+s")
    await on_screen(app, RosterScreen)
    await settle(app)


def names_in(path: Path) -> set[str]:
    data = json.loads(path.read_text())
    return {doc["name"] for doc in data.get("reps", {}).values()}


def quick(store: Store):  # type: ignore[no-untyped-def]
    app = make_app(store)
    app.services.disk.every_seconds = 0.05  # the file is looked at every 50 ms instead of 2 s
    return app


async def test_the_data_file_deleted_is_said_and_written_back() -> None:
    with new_store(*team_of("Ann", "Bo")) as store:
        app = quick(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app)
            store.path.unlink()
            await until(lambda: any("was deleted" in m for m in messages(app)), "the message")
            assert store.has_unsaved  # quitting now would ask first
            await pilot.press("ctrl+s")
            await settle(app)
            assert names_in(store.path) == {"Ann", "Bo"}
            store.path.unlink()  # and again, found by a save this time
            await add_rep(app, pilot, "Cy")
            assert sum("was deleted" in m for m in messages(app)) == 2
            assert names_in(store.path) == {"Ann", "Bo", "Cy"}
            assert not store.has_unsaved


@pytest.mark.parametrize(
    ("err", "words"),
    [
        (errno.EACCES, "permission denied"),
        (errno.EROFS, "the file system is read-only"),
        (errno.ENOSPC, "the disk is full"),
    ],
)
async def test_an_unwritable_file_or_a_full_disk_is_said_and_nothing_is_lost(
    monkeypatch: pytest.MonkeyPatch, err: int, words: str
) -> None:
    """chmod 0400 does not stop root (the tests' user): the failure is injected where the
    write fails (the replace of a read-only file or folder; the write itself on a full disk)."""
    with new_store(*team_of("Ann")) as store:
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app)
            before = store.path.read_bytes()  # the reviews scheduled at start are saved
            fails = "write" if err == errno.ENOSPC else "replace"
            real = getattr(os, fails)

            def failing(*args: object) -> object:
                if fails == "write" and not os.readlink(f"/proc/self/fd/{args[0]}").startswith(
                    str(store.path.parent)
                ):
                    return real(*args)
                raise OSError(err, os.strerror(err))

            monkeypatch.setattr(files.os, fails, failing)
            await add_rep(app, pilot, "Bo")
            error = next(m for m in messages(app) if m.startswith("Not saved"))
            assert words in error and "Press ctrl+s to try again" in error
            assert store.path.read_bytes() == before  # the file is as it was
            assert [r.plain for r in app.screen.query_one(RepTable).get_column("name")] == [
                "Ann",
                "Bo",
            ]  # still on screen
            await pilot.press("ctrl+q")  # quitting asks first
            await on_screen(app, ConfirmScreen)
            await pilot.press("escape")
            monkeypatch.setattr(files.os, fails, real)
            await pilot.press("ctrl+s")
            await settle(app)
            assert "Saved." in messages(app)
        assert names_in(store.path) == {"Ann", "Bo"}


async def test_a_file_replaced_by_another_program_is_reloaded_and_said() -> None:
    """Nothing unsaved here: theirs is the file now; the roster shows it, and the next save
    adds to it."""
    with new_store(*team_of("Ann")) as store:
        app = quick(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app)
            theirs = json.loads(store.path.read_text())
            theirs["reps"]["99"] = {
                **next(iter(theirs["reps"].values())),
                "name": "Zoe",
                "id": "rep-zoe",
            }
            replacement = store.path.with_name("theirs.json")
            replacement.write_text(json.dumps(theirs))
            os.replace(replacement, store.path)
            await until(lambda: any("changed by another program" in m for m in messages(app)))
            team = app.services.team
            await until(lambda: "Zoe" in [r.name for r in team.reps.values()], "reload")
            await settle(app)
            await add_rep(app, pilot, "Bo")
        assert names_in(store.path) == {"Ann", "Zoe", "Bo"}


async def test_a_file_replaced_while_a_change_is_unsaved_keeps_both(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A save failed (disk full), then another program wrote the file: the retry saves what is
    here, and keeps theirs as a backup that the message names."""
    with new_store(*team_of("Ann")) as store:
        app = quick(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app)
            real = os.replace
            monkeypatch.setattr(
                files.os,
                "replace",
                lambda *a: (_ for _ in ()).throw(OSError(errno.ENOSPC, "No space left on device")),
            )
            await add_rep(app, pilot, "Bo")
            assert store.has_unsaved
            monkeypatch.setattr(files.os, "replace", real)
            theirs = json.loads(store.path.read_text())
            theirs["reps"]["1"]["name"] = "Ann (edited elsewhere)"
            store.path.write_text(json.dumps(theirs))
            await pilot.press("ctrl+s")
            await settle(app)
            notice = next(m for m in messages(app) if m.startswith("Saved over"))
            kept = Path(notice.rsplit(" kept as ", 1)[1].rstrip("."))
            assert kept.parent == store.path.parent / "backups"
            assert names_in(kept) == {"Ann (edited elsewhere)"}
            assert not store.has_unsaved
        assert names_in(store.path) == {"Ann", "Bo"}


async def test_a_file_replaced_by_an_unreadable_one_loses_nothing() -> None:
    with new_store(*team_of("Ann")) as store:
        app = quick(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(app)
            store.path.write_text('{"reps": {"1": ')  # half a file, as a crashed editor leaves
            await until(lambda: any("cannot read" in m for m in messages(app)), "the message")
            assert [r.name for r in app.services.team.reps.values()] == ["Ann"]
            await add_rep(app, pilot, "Bo")
            notice = next(m for m in messages(app) if m.startswith("Saved over"))
            kept = Path(notice.rsplit(" kept as ", 1)[1].rstrip("."))
            assert kept.read_text() == '{"reps": {"1": '
        assert names_in(store.path) == {"Ann", "Bo"}
