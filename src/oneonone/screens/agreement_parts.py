"""One form per part of the agreement (or of the team template)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.widgets import Label, Static

from oneonone.core import agreements as rules
from oneonone.core.model import Agreement, AgreementTemplate, CommRule, Urgency
from oneonone.core.roster import check_text
from oneonone.screens.form import FormScreen
from oneonone.screens.line_forms import QuotaLineForm, StepForm, TextLineForm
from oneonone.widgets.field import Field
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.line_list import LineList
from oneonone.widgets.text import plain

Doc = TypeVar("Doc", Agreement, AgreementTemplate)

PART_TITLES = {
    1: "What I expect from you",
    2: "What you can expect from me",
    3: "What else you asked of me",
    4: "How we reach each other",
    5: "If I don't hold up my end",
}
PART_FIELDS = {
    1: ("quota_lines", "activity", "conduct", "work_schedule", "job_loss"),
    2: ("manager_commitments",),
    3: ("rep_requests",),
    4: ("comm_rules", "open_door", "rep_hours"),
    5: ("consequence_steps",),
}
TEMPLATE_PARTS = (1, 2, 4)
COMM_ATTRS = (
    ("manager_channel", "Reach me (manager) by"),
    ("manager_response", "I answer within"),
    ("rep_channel", "I reach you (rep) by"),
    ("rep_response", "You answer within"),
)
SINGLE_LINES = {
    "work_schedule": "The agreed work schedule",
    "job_loss": "What would cost you the job, in plain words",
    "open_door": "My open-door rules",
    "rep_hours": "Your working hours",
}


def text_editor(title: str, hint: str = "") -> Any:
    return lambda value: TextLineForm(title, value, hint=hint)


class PartScreen(FormScreen[Doc]):
    """Edit part ``part`` (1–5) of an agreement draft or of the team template."""

    def __init__(self, doc: Doc, part: int, *, heading: str) -> None:
        super().__init__(classes="dialog-screen")
        self.doc: Doc = doc
        self.part = part
        self.heading = heading
        self.is_template = isinstance(doc, AgreementTemplate)

    def compose(self) -> ComposeResult:
        d = self.doc
        with VerticalScroll(classes="dialog form part-form"):
            yield Static(
                plain(f"{self.part}. {PART_TITLES[self.part]} · {self.heading}", "bold"),
                classes="dialog-title",
            )
            if self.part == 1:
                yield LineList(
                    "Quota (number, unit, period)",
                    name="quota_lines",
                    items=d.quota_lines,
                    render=rules.quota_text,
                    editor=QuotaLineForm,
                )
                yield LineList(
                    "Activity",
                    name="activity",
                    items=d.activity,
                    render=str,
                    editor=text_editor("Activity", "Discovery calls every morning"),
                )
                yield LineList(
                    "Conduct and integrity",
                    name="conduct",
                    items=d.conduct,
                    render=str,
                    editor=text_editor("Conduct and integrity"),
                )
                yield self._single("work_schedule")
                yield self._single("job_loss")
            elif self.part == 2:
                yield LineList(
                    "What you can expect from me",
                    name="manager_commitments",
                    items=d.manager_commitments,
                    render=str,
                    editor=text_editor("What you can expect from me"),
                )
            elif self.part == 3 and isinstance(d, Agreement):
                yield Static(
                    "\"What else do you need that I didn't mention? What else are you "
                    'expecting from me?"',
                    classes="dialog-body",
                )
                yield LineList(
                    "What else you asked of me",
                    name="rep_requests",
                    items=d.rep_requests,
                    render=str,
                    editor=text_editor("What else you asked of me"),
                )
            elif self.part == 4:
                yield from self._comm_grid()
                yield self._single("open_door")
                if isinstance(d, Agreement):
                    yield self._single("rep_hours")
            elif self.part == 5 and isinstance(d, Agreement):
                yield Static(
                    "\"What do you want me to do if you don't hold up your end of the "
                    "bargain?\" In the rep's own words, first step first.",
                    classes="dialog-body",
                )
                yield LineList(
                    "Consequence steps",
                    name="consequence_steps",
                    items=d.consequence_steps,
                    render=lambda s: s.text,
                    editor=StepForm,
                    numbered=True,
                    empty="No steps yet: press a to add the rep's first step.",
                )
            yield Static("ctrl+s save the part · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def _single(self, name: str) -> Field:
        return Field(
            SINGLE_LINES[name], name=name, value=getattr(self.doc, name), max_length=rules.MAX_LINE
        )

    def _rules(self) -> list[CommRule]:
        have = {r.urgency: r for r in self.doc.comm_rules}
        return [have.get(u, CommRule(urgency=u)) for u in Urgency]

    def _comm_grid(self) -> ComposeResult:
        for i, rule in enumerate(self._rules()):
            yield Label(plain(rule.urgency.value.capitalize(), "bold"), classes="comm-urgency")
            with Grid(classes="comm-grid"):
                for attr, label in COMM_ATTRS:
                    yield Field(
                        label, name=f"comm{i}_{attr}", value=getattr(rule, attr), max_length=200
                    )

    # -- values -----------------------------------------------------------------------------------

    def collect(self) -> Doc:
        updates: dict[str, Any] = {}
        for lines in self.query(LineList):
            updates[lines.field_name] = list(lines.items)
        values = self.current_values()
        for name in SINGLE_LINES:
            if name in values:
                updates[name] = values[name].strip()
        if self.part == 4:
            new_rules = []
            for i, rule in enumerate(self._rules()):
                fields = {attr: values[f"comm{i}_{attr}"].strip() for attr, _ in COMM_ATTRS}
                new_rules.append(CommRule(urgency=rule.urgency, **fields))
            updates["comm_rules"] = new_rules
        collected: Doc = replace(self.doc, **updates)
        return collected

    def has_unsaved_changes(self) -> bool:
        return bool(self.collect() != self.doc)

    def build(self) -> Doc:
        values = self.current_values()
        for name, label in SINGLE_LINES.items():
            if name in values:
                check_text(name, label, values[name], rules.MAX_LINE, required=False)
        for key, value in values.items():
            if key.startswith("comm"):
                check_text(key, "This", value, 200, required=False)
        doc = self.collect()
        mine = PART_FIELDS[self.part]
        for problem in rules.problems(doc):
            if problem.field in mine:
                raise problem
        return doc
