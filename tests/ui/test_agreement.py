"""Pilot tests of the agreement flows: template, every part, reorder, versions, diff, export."""

from __future__ import annotations

import io
import json
import stat
import threading
from pathlib import Path

import pendulum
import pytest
from rich.console import Console
from textual.containers import VerticalScroll
from textual.widgets import Input, OptionList, Static

from oneonone.core.model import (
    Agreement,
    AgreementState,
    AgreementTemplate,
    CommRule,
    ConsequenceStep,
    Period,
    QuotaLine,
    Rep,
    TeamSettings,
    Urgency,
)
from oneonone.core.store import Store
from oneonone.screens.agreement import AgreementScreen
from oneonone.screens.agreement_dialogs import (
    DiffScreen,
    ExportScreen,
    PartPickerScreen,
)
from oneonone.screens.agreement_parts import PartScreen
from oneonone.screens.confirm import ConfirmScreen
from oneonone.screens.date_form import DateFormScreen
from oneonone.screens.line_forms import QuotaLineForm, StepForm, TextLineForm
from oneonone.widgets.agreement_doc import AgreementDocument
from oneonone.widgets.line_list import LineList

from .conftest import SIZE, make_app, on_screen, settle, until

pytestmark = pytest.mark.usefixtures("frozen")


def seed(store: Store, *, agreed: bool = False, template: bool = True) -> Rep:
    rep = Rep(name="Sam Ortiz", role="AE", start_date=pendulum.date(2025, 1, 6))
    records: list[object] = [TeamSettings(manager_name="Dana", timezone="Europe/Paris"), rep]
    if template:
        records.append(
            AgreementTemplate(
                quota_lines=[QuotaLine("New ARR", 120000, "USD", Period.QUARTER)],
                manager_commitments=["A weekly one-on-one that I never cancel."],
                open_door="Door open 9–11 every day.",
            )
        )
    if agreed:
        records.append(
            Agreement(
                rep_id=rep.id,
                version=1,
                state=AgreementState.AGREED,
                agreed_on=pendulum.date(2026, 7, 1),
                next_review=pendulum.date(2026, 10, 1),
                manager_name="Dana",
                quota_lines=[QuotaLine("New ARR", 100000, "USD", Period.QUARTER)],
                manager_commitments=["Weekly one-on-one."],
                comm_rules=[CommRule(Urgency.URGENT, "text", "1 hour", "call", "2 hours")],
                consequence_steps=[
                    ConsequenceStep("A gentle reminder."),
                    ConsequenceStep("Check my pipeline with me daily."),
                    ConsequenceStep("Take me out to lunch."),
                ],
            )
        )
    store.put_many(records)
    return rep


def disk_agreements(path: Path) -> list[Agreement]:
    with Store.open(path, allow_read_only=True) as disk:
        return sorted(disk.all(Agreement), key=lambda a: a.version)


async def open_agreement(app, pilot) -> AgreementScreen:  # type: ignore[no-untyped-def]
    await settle(app)
    await pilot.press("enter")
    await on_screen(app, AgreementScreen)
    screen = app.screen
    await until(lambda: screen.loaded, "agreement loaded")
    return screen  # type: ignore[no-any-return]


def doc_text(screen, width: int = 100) -> str:  # type: ignore[no-untyped-def]
    """The document the screen shows, as plain text ``width`` columns wide."""
    console = Console(width=width, file=io.StringIO(), record=True, color_system=None)
    console.print(screen.query_one("#doc", AgreementDocument).content)
    return console.export_text()


async def add_line(app, pilot, form_cls, values: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("a")
    await on_screen(app, form_cls)
    for name, value in values.items():
        await until(lambda n=name: app.screen.query_one(f"#input-{n}", Input), name)
        app.screen.query_one(f"#input-{name}", Input).value = value
    await pilot.press("ctrl+s")
    await on_screen(app, PartScreen)


async def test_new_agreement_starts_from_the_template(store: Store, data_file: Path) -> None:
    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agreement(app, pilot)
        text = doc_text(screen)
        assert "No agreement yet with Sam Ortiz" in text
        assert "5. If I don't hold up my end: the rep's own consequence steps" in text
        await pilot.press("5")
        await on_screen(app, PartScreen)
        await add_line(app, pilot, StepForm, {"text": "A gentle [b]reminder[/b]."})
        await pilot.press("ctrl+s")
        await on_screen(app, AgreementScreen)
        await settle(app)
    (draft,) = disk_agreements(data_file)
    assert draft.version == 1 and draft.state is AgreementState.DRAFT
    assert [q.label for q in draft.quota_lines] == ["New ARR"]
    assert draft.manager_commitments == ["A weekly one-on-one that I never cancel."]
    assert draft.open_door == "Door open 9–11 every day."
    assert [s.text for s in draft.consequence_steps] == ["A gentle [b]reminder[/b]."]


async def test_edit_every_part(store: Store, data_file: Path) -> None:
    seed(store, template=False)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_agreement(app, pilot)
        # 1. expectations: a quota line (with a bad number first), activity, conduct, schedule
        await pilot.press("1")
        await on_screen(app, PartScreen)
        await pilot.press("a")
        await on_screen(app, QuotaLineForm)
        for name, value in {"label": "Demos", "number": "1e309", "unit": "demos"}.items():
            app.screen.query_one(f"#input-{name}", Input).value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#field-number .field-error", Static).render())
        assert "not a number" in error
        app.screen.query_one("#input-number", Input).value = "1,000.5"
        await pilot.press("ctrl+s")
        await on_screen(app, PartScreen)
        app.screen.query_one("#lines-activity").focus()
        await add_line(app, pilot, TextLineForm, {"text": "30 discovery calls | week"})
        app.screen.query_one("#lines-conduct").focus()
        await add_line(app, pilot, TextLineForm, {"text": "# No side deals"})
        app.screen.query_one("#input-work_schedule", Input).value = "Tue–Thu in the office"
        app.screen.query_one("#input-job_loss", Input).value = "Falsifying the forecast."
        await pilot.press("ctrl+s")
        await on_screen(app, AgreementScreen)
        # 2, 3: the manager's commitments and the rep's requests
        for key in ("2", "3"):
            await pilot.press(key)
            await on_screen(app, PartScreen)
            await add_line(app, pilot, TextLineForm, {"text": f"line of part {key}"})
            await pilot.press("ctrl+s")
            await on_screen(app, AgreementScreen)
        # 4. communication
        await pilot.press("4")
        await on_screen(app, PartScreen)
        app.screen.query_one("#input-comm0_manager_channel", Input).value = "text me"
        app.screen.query_one("#input-comm0_manager_response", Input).value = "1 hour"
        app.screen.query_one("#input-rep_hours", Input).value = "8–5, Mon–Fri"
        await pilot.press("ctrl+s")
        await on_screen(app, AgreementScreen)
        # 5. consequence steps
        await pilot.press("5")
        await on_screen(app, PartScreen)
        await add_line(app, pilot, StepForm, {"text": "A gentle reminder."})
        await pilot.press("ctrl+s")
        await on_screen(app, AgreementScreen)
        await settle(app)
    (a,) = disk_agreements(data_file)
    assert [(q.label, q.number, q.unit, q.period) for q in a.quota_lines] == [
        ("Demos", 1000.5, "demos", Period.QUARTER)
    ]
    assert a.activity == ["30 discovery calls | week"]
    assert a.conduct == ["# No side deals"]
    assert (a.work_schedule, a.job_loss) == ("Tue–Thu in the office", "Falsifying the forecast.")
    assert a.manager_commitments == ["line of part 2"]
    assert a.rep_requests == ["line of part 3"]
    urgent = next(r for r in a.comm_rules if r.urgency is Urgency.URGENT)
    assert (urgent.manager_channel, urgent.manager_response) == ("text me", "1 hour")
    assert a.rep_hours == "8–5, Mon–Fri"
    assert [s.text for s in a.consequence_steps] == ["A gentle reminder."]


async def test_reorder_steps_makes_a_new_version(store: Store, data_file: Path) -> None:
    seed(store, agreed=True)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_agreement(app, pilot)
        await pilot.press("5")
        await on_screen(app, PartScreen)
        await until(lambda: app.screen.query_one(LineList).items, "steps")
        await pilot.press("down", "down", "shift+up")  # third step up to second
        await pilot.press("ctrl+s")
        await on_screen(app, AgreementScreen)
        await settle(app)
    v1, v2 = disk_agreements(data_file)
    assert v1.state is AgreementState.AGREED  # untouched
    assert [s.text for s in v1.consequence_steps][1] == "Check my pipeline with me daily."
    assert v2.version == 2 and v2.state is AgreementState.DRAFT
    assert [s.text for s in v2.consequence_steps] == [
        "A gentle reminder.",
        "Take me out to lunch.",
        "Check my pipeline with me daily.",
    ]


async def test_agree_a_draft_and_compare_versions(store: Store, data_file: Path) -> None:
    seed(store, agreed=True)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agreement(app, pilot)
        await pilot.press("2")
        await on_screen(app, PartScreen)
        await add_line(app, pilot, TextLineForm, {"text": "Ride along on one deal a month."})
        await pilot.press("ctrl+s")
        await on_screen(app, AgreementScreen)
        await pilot.press("g")
        await on_screen(app, DateFormScreen)
        app.screen.query_one("#input-agreed_on", Input).value = "2026-02-30"
        await pilot.press("enter")
        await pilot.pause()
        assert "not a real date" in str(app.screen.query_one(".field-error", Static).render())
        app.screen.query_one("#input-agreed_on", Input).value = "today"
        await pilot.press("enter")
        await on_screen(app, AgreementScreen)
        await pilot.press("c")
        await on_screen(app, DiffScreen)
        text = str(app.screen.query_one("#diff", Static).render())
        assert "+ Ride along on one deal a month." in text
        assert "What you can expect from me" in text
        await pilot.press("escape")
        await on_screen(app, AgreementScreen)
        assert screen.selected is not None and screen.selected.version == 2
        await settle(app)
    v1, v2 = disk_agreements(data_file)
    assert v2.state is AgreementState.AGREED
    assert v2.agreed_on == pendulum.date(2026, 11, 27)
    assert v2.next_review == pendulum.date(2027, 2, 27)
    assert v1.manager_commitments == ["Weekly one-on-one."]
    # v1 is superseded: it moved to the rep's history, off the start-up path
    assert v1.superseded and not v2.superseded
    tables = json.loads(data_file.read_bytes())
    assert [d["version"] for d in tables["agreements"].values()] == [2]
    assert [d["version"] for d in tables[f"agreements~{v1.rep_id}"].values()] == [1]


async def test_agree_refused_without_consequence_steps(store: Store, data_file: Path) -> None:
    seed(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_agreement(app, pilot)
        await pilot.press("2")
        await on_screen(app, PartScreen)
        await pilot.press("ctrl+s")  # template content is a change: saves draft v1
        await on_screen(app, AgreementScreen)
        await settle(app)
        await pilot.press("g")
        await on_screen(app, DateFormScreen)
        body = " ".join(str(s.render()) for s in app.screen.query(".dialog-body"))
        assert "at least one consequence step" in body
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DateFormScreen)  # refused
        await pilot.press("escape")
        await settle(app)
    assert [a.state for a in disk_agreements(data_file)] == [AgreementState.DRAFT]


async def test_leaving_a_part_with_changes_asks_first(store: Store, data_file: Path) -> None:
    seed(store, agreed=True)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_agreement(app, pilot)
        await pilot.press("5")
        await on_screen(app, PartScreen)
        await until(lambda: app.screen.query_one(LineList).items, "steps")
        await pilot.press("x")  # remove the first step
        await pilot.press("escape")
        await on_screen(app, ConfirmScreen)
        await pilot.press("y")
        await on_screen(app, AgreementScreen)
        await settle(app)
    assert len(disk_agreements(data_file)) == 1


async def test_export_key_writes_a_private_markdown_file(store: Store, tmp_path: Path) -> None:
    seed(store, agreed=True)
    target = tmp_path / "out" / "sam.md"
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_agreement(app, pilot)
        await pilot.press("x")
        await on_screen(app, ExportScreen)
        app.screen.query_one("#input-path", Input).value = str(target)
        await pilot.press("enter")
        await until(target.exists, "export file")
        await app.workers.wait_for_complete()
    text = target.read_text()
    assert text.startswith("---\n") and "\n# Agreement: Sam Ortiz" in text
    assert "Take me out to lunch" in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


async def test_team_template_edited_from_the_roster(store: Store, data_file: Path) -> None:
    seed(store, template=False)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        await pilot.press("t")
        await on_screen(app, PartPickerScreen)
        await pilot.press("2")
        await on_screen(app, PartScreen)
        await add_line(app, pilot, TextLineForm, {"text": "Answer within a day."})
        await pilot.press("ctrl+s")
        await settle(app)
    with Store.open(data_file, allow_read_only=True) as disk:
        template = disk.get(AgreementTemplate, "team")
    assert template is not None
    assert template.manager_commitments == ["Answer within a day."]


async def test_document_shows_every_part_and_user_text_as_typed(store: Store) -> None:
    """One widget holds the whole document: the five parts with their headings and lines,
    the quota as a table with its numbers, the steps in order, the footer. Markup, Markdown
    and control characters in what was typed show literally and change no layout."""
    seed(store, agreed=True)
    (v1,) = store.all(Agreement)
    v1.activity = ["[b]bold[/b] and **x**", "# not a heading", "1. not a list | a | b"]
    v1.conduct = ["esc \x1b[2J here", "line\nbreak"]
    v1.work_schedule = "`code` <b>tag</b> :smile:"
    store.put(v1)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agreement(app, pilot)
        await settle(app)
        doc = screen.query_one("#doc", AgreementDocument)
        assert len(screen.query_one("#doc-scroll").children) == 1  # one widget, no tree
        text = doc_text(screen)
    lines = [line.strip() for line in text.splitlines()]
    for title in (
        "Agreement: Sam Ortiz",
        "1. What I expect from you",
        "Quota",
        "2. What you can expect from me",
        "3. What else you asked of me",
        "4. How we reach each other",
        "5. If I don't hold up my end",
        "Manager: Dana",
    ):
        assert title in lines, title
    assert "AE · started 2025-01-06" in lines
    assert "• [b]bold[/b] and **x**" in lines
    assert "• # not a heading" in lines
    assert "• 1. not a list | a | b" in lines
    assert "• esc ␛[2J here" in lines
    assert "• line break" in lines  # folded into one line, as in the export
    assert "`code` <b>tag</b> :smile:" in lines
    quota = next(line for line in lines if "New ARR" in line)
    assert [c.strip() for c in quota.split("│")[1:5]] == ["New ARR", "100,000", "USD", "quarter"]
    assert [line for line in lines if line[:2] in ("1.", "2.", "3.")][-3:] == [
        "1. A gentle reminder.",
        "2. Check my pipeline with me daily.",
        "3. Take me out to lunch.",
    ]
    assert "Agreed on 2026-07-01 · version 1 · next review due 2026-10-01" in lines
    assert doc.showing


async def test_long_document_scrolls_with_the_keyboard(store: Store) -> None:
    rep = seed(store, agreed=True)
    (v1,) = store.all(Agreement)
    v1.activity = [f"Activity line {n}" for n in range(60)]
    store.put(v1)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agreement(app, pilot)
        await settle(app)
        scroll = screen.query_one("#doc-scroll", VerticalScroll)
        assert scroll.max_scroll_y > 40
        scroll.focus()
        await pilot.press("pagedown")
        await pilot.pause()
        assert scroll.scroll_y > 0
        await pilot.press("end")
        await until(lambda: scroll.scroll_y == scroll.max_scroll_y, "at the end")
        assert "Manager: Dana" in "\n".join(
            "".join(s.text for s in line)
            for line in screen._compositor.render_update(
                full=True, screen_stack=[], simplify=True
            ).strips
        )
    assert rep.name == "Sam Ortiz"


async def test_versions_switch_the_same_document_widget(store: Store) -> None:
    seed(store, agreed=True)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agreement(app, pilot)
        await pilot.press("2")
        await on_screen(app, PartScreen)
        await add_line(app, pilot, TextLineForm, {"text": "Ride along once a month."})
        await pilot.press("ctrl+s")
        await on_screen(app, AgreementScreen)
        await settle(app)
        doc = screen.query_one("#doc", AgreementDocument)
        assert "Ride along once a month." in doc_text(screen)
        assert "Draft · version 2 · not agreed yet" in doc_text(screen)
        screen.query_one("#versions", OptionList).focus()
        await pilot.press("j")  # down the list: the older version
        await pilot.pause()
        assert screen.query_one("#doc", AgreementDocument) is doc
        assert "Ride along once a month." not in doc_text(screen)
        assert "Version 1" not in doc_text(screen)  # v2 is a draft: it replaces nothing yet
        assert "Agreed on 2026-07-01 · version 1" in doc_text(screen)
        await pilot.press("m")
        await pilot.pause()
        versions = screen.query_one("#versions", OptionList)
        assert str(versions.get_option_at_index(1).prompt).startswith("◆ v1")


async def test_document_follows_the_theme(store: Store) -> None:
    seed(store, agreed=True)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agreement(app, pilot)
        await settle(app)
        doc = screen.query_one("#doc", AgreementDocument)
        before = doc.content
        app.theme = "gruvbox" if app.theme != "gruvbox" else "nord"
        await pilot.pause()
        await pilot.pause()
        assert doc.content is not before


async def test_versions_read_after_the_first_frame_still_show(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The versions are read while the screen is built; when they come back only after it
    is on the screen (a slow disk), they are shown then, and the keys come alive."""
    seed(store, agreed=True)
    read = Store.where
    disk = threading.Event()

    def slow(self: Store, *args: object, **kwargs: object) -> list[object]:
        disk.wait(10)  # the disk answers only when the test says so
        return read(self, *args, **kwargs)  # type: ignore[arg-type]

    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app)
        # the screen reads the versions itself (nothing read ahead)
        app.services.loader.ahead.forget()
        monkeypatch.setattr(Store, "where", slow)
        await pilot.press("enter")
        await until(lambda: isinstance(app.screen, AgreementScreen), "the screen")
        screen = app.screen
        await until(lambda: screen.query_one("#versions").size.height, "laid out")
        assert not screen.loaded and not screen.query_one("#doc", AgreementDocument).showing
        assert screen.check_action("compare", ()) is None
        disk.set()
        await until(lambda: screen.loaded, "agreement loaded")
        assert "Agreed on 2026-07-01 · version 1" in doc_text(screen)
        assert screen.check_action("compare", ()) is True


async def test_the_reps_acknowledgement_is_recorded_shown_and_exported(
    store: Store, data_file: Path
) -> None:
    from oneonone.screens.agreement_dialogs import AcknowledgeScreen

    seed(store, agreed=True)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_agreement(app, pilot)
        assert "Not acknowledged by Sam yet. Press a to record it." in doc_text(screen)
        await pilot.press("a")
        await on_screen(app, AcknowledgeScreen)
        assert app.screen.focused is app.screen.query_one("#input-acknowledged_on", Input)
        app.screen.query_one("#input-acknowledged_on", Input).value = "2026-06-30"
        await pilot.press("ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#field-acknowledged_on .field-error", Static).render())
        assert "cannot be acknowledged before that" in error  # agreed on 2026-07-01
        app.screen.query_one("#input-acknowledged_on", Input).value = "2026-07-02"
        app.screen.query_one("#input-acknowledged_how", Input).value = "by e-mail"
        await pilot.press("ctrl+s")
        await on_screen(app, AgreementScreen)
        await until(
            lambda: "Acknowledged by Sam on 2026-07-02, by e-mail." in doc_text(screen), "shown"
        )
        await settle(app)
    (v1,) = disk_agreements(data_file)
    assert (v1.acknowledged_on, v1.acknowledged_how) == (pendulum.date(2026, 7, 2), "by e-mail")
    assert v1.agreed_on == pendulum.date(2026, 7, 1)  # the agreement itself is unchanged


def test_acknowledging_a_draft_is_refused_by_the_rules() -> None:
    from oneonone.core import agreements as rules
    from oneonone.core.errors import FieldError

    draft = Agreement(rep_id="r", version=1)
    with pytest.raises(FieldError, match="Only an agreed version"):
        rules.acknowledge(draft, pendulum.date(2026, 1, 1), "in person")
    agreed = Agreement(
        rep_id="r", version=1, state=AgreementState.AGREED, agreed_on=pendulum.date(2026, 1, 1)
    )
    with pytest.raises(FieldError, match="Say how"):
        rules.acknowledge(agreed, pendulum.date(2026, 1, 2), "  ")
    done = rules.acknowledge(agreed, pendulum.date(2026, 1, 2), "  in   person ")
    assert done.acknowledged_how == "in person" and agreed.acknowledged_on is None
    assert rules.revise(done).acknowledged_on is None  # a new version is acknowledged anew
