"""Pilot tests of the agreement flows: template, every part, reorder, versions, diff, export."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pendulum
import pytest
from textual.widgets import Input, Markdown, Static

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
        assert "No agreement yet" in screen.query_one(Markdown).source
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
    assert text.startswith("# Agreement: Sam Ortiz")
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
