"""One form per part of the agreement (or of the team template), built from the parts'
declaration (``core.agreement_parts``)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.widgets import Label, Static

from oneonone.core import agreements as rules
from oneonone.core.agreement_parts import (
    AGREEMENT_PARTS,
    TEMPLATE_PARTS,
    LineKind,
    PartField,
    all_fields,
)
from oneonone.core.agreement_parts import part as agreement_part
from oneonone.core.model import Agreement, AgreementTemplate, CommRule, Urgency
from oneonone.core.roster import check_text
from oneonone.screens.form import FormScreen
from oneonone.screens.line_forms import QuotaLineForm, StepForm, TextLineForm
from oneonone.widgets.field import Field
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.line_list import LineList
from oneonone.widgets.text import plain

Doc = TypeVar("Doc", Agreement, AgreementTemplate)

PART_TITLES = {p.number: p.title for p in AGREEMENT_PARTS}
PART_FIELDS = {p.number: p.field_names() for p in AGREEMENT_PARTS}
COMM_ATTRS = (
    ("manager_channel", "Reach me (manager) by"),
    ("manager_response", "I answer within"),
    ("rep_channel", "I reach you (rep) by"),
    ("rep_response", "You answer within"),
)
SINGLE_LINES = {f.name: f.label for f in all_fields() if f.kind is LineKind.TEXT}
NO_STEPS = "No steps yet: press a to add the rep's first step."


def text_editor(title: str, hint: str = "") -> Any:
    """A form for one line of text, titled ``title``, as a line list's editor."""
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
        """The part's fields: its single lines and its lists, as the part declares them."""
        part = agreement_part(self.part)
        with VerticalScroll(classes="dialog form part-form"):
            yield Static(plain(f"{part.heading} · {self.heading}", "bold"), classes="dialog-title")
            if not self.is_template or part.in_template:
                if part.prompt:
                    yield Static(part.prompt, classes="dialog-body")
                for f in part.fields:
                    if not (self.is_template and f.agreement_only):
                        yield from self._editor(f)
            yield Static("ctrl+s save the part · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def _editor(self, f: PartField) -> ComposeResult:
        """What edits field ``f``: a list of lines, a line of text, or the grid of ways to
        reach each other."""
        items = getattr(self.doc, f.name, ())
        if f.kind is LineKind.QUOTA:
            yield LineList(
                f.label, name=f.name, items=items, render=rules.quota_text, editor=QuotaLineForm
            )
        elif f.kind is LineKind.BULLETS:
            yield LineList(
                f.label, name=f.name, items=items, render=str, editor=text_editor(f.label, f.hint)
            )
        elif f.kind is LineKind.STEPS:
            yield LineList(
                f.label,
                name=f.name,
                items=items,
                render=lambda s: s.text,
                editor=StepForm,
                numbered=True,
                empty=NO_STEPS,
            )
        elif f.kind is LineKind.CHANNELS:
            yield from self._comm_grid()
        else:
            yield self._single(f.name)

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
        """The draft (or template) with the part's fields as they are now."""
        updates: dict[str, Any] = {}
        for lines in self.query(LineList):
            updates[lines.field_name] = list(lines.items)
        values = self.current_values()
        for name in SINGLE_LINES:
            if name in values:
                updates[name] = values[name].strip()
        if "comm_rules" in PART_FIELDS[self.part]:
            new_rules = []
            for i, rule in enumerate(self._rules()):
                fields = {attr: values[f"comm{i}_{attr}"].strip() for attr, _ in COMM_ATTRS}
                new_rules.append(CommRule(urgency=rule.urgency, **fields))
            updates["comm_rules"] = new_rules
        collected: Doc = replace(self.doc, **updates)
        return collected

    def has_unsaved_changes(self) -> bool:
        """Whether the part differs from what it was when opened."""
        return bool(self.collect() != self.doc)

    def build(self) -> Doc:
        """The draft (or template) with the part as typed, checked; a ``FieldError`` if a line is
        wrong."""
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


__all__ = ["PART_FIELDS", "PART_TITLES", "SINGLE_LINES", "TEMPLATE_PARTS", "PartScreen"]
