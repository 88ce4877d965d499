"""Small modal forms that edit one line of an agreement."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Select, Static

from oneonone.core.agreements import MAX_LINE, format_number, parse_number
from oneonone.core.model import ConsequenceStep, Period, QuotaLine
from oneonone.core.roster import check_text
from oneonone.screens.form import FormScreen
from oneonone.widgets.field import Field
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.text import plain


class TextLineForm(FormScreen[str]):
    """One line of text, for a line list (an expectation, a promise, a rule...)."""

    def __init__(self, title: str, value: str | None, *, hint: str = "") -> None:
        super().__init__(classes="dialog-screen")
        self._title = title
        self._value = value or ""
        self._hint = hint

    def initial_values(self) -> dict[str, str]:
        """The line as it was."""
        return {"text": self._value}

    def compose(self) -> ComposeResult:
        """The title, any hint, the line's field and the form's keys."""
        with Vertical(classes="dialog form"):
            yield Static(plain(self._title, "bold"), classes="dialog-title")
            yield Field(
                "Text", name="text", value=self._value, hint=self._hint, max_length=MAX_LINE
            )
            yield Static("Enter / ctrl+s keep · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def build(self) -> str:
        """The line typed, checked (not empty, not too long, no control characters)."""
        return check_text(
            "text", "The line", self.current_values()["text"], MAX_LINE, required=True
        )


class StepForm(FormScreen[ConsequenceStep]):
    """A consequence step, in the rep's own words. Editing keeps the step's id."""

    def __init__(self, step: ConsequenceStep | None) -> None:
        super().__init__(classes="dialog-screen")
        self.step = step

    def initial_values(self) -> dict[str, str]:
        """The step's words as they were."""
        return {"text": self.step.text if self.step else ""}

    def compose(self) -> ComposeResult:
        """The title, the rep's-own-words reminder, the step's field and the form's keys."""
        with Vertical(classes="dialog form"):
            yield Static(
                plain("Consequence step, in the rep's words", "bold"), classes="dialog-title"
            )
            yield Field(
                "What do you want me to do if you don't hold up your end?",
                name="text",
                value=self.initial_values()["text"],
                hint='From "a gentle reminder" to the last step, stated plainly.',
                max_length=MAX_LINE,
            )
            yield Static("Enter / ctrl+s keep · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def build(self) -> ConsequenceStep:
        """The step typed, checked; the same id when it was edited."""
        text = check_text(
            "text", "The step", self.current_values()["text"], MAX_LINE, required=True
        )
        return ConsequenceStep(text=text) if self.step is None else replace(self.step, text=text)


class QuotaLineForm(FormScreen[QuotaLine]):
    """A quota line: what, how many, the unit and the period."""

    def __init__(self, line: QuotaLine | None) -> None:
        super().__init__(classes="dialog-screen")
        self.line = line

    def initial_values(self) -> dict[str, str]:
        """The line's fields as they were."""
        q = self.line
        return {
            "label": q.label if q else "",
            "number": format_number(q.number) if q else "",
            "unit": q.unit if q else "",
            "period": (q.period if q else Period.QUARTER).value,
        }

    def compose(self) -> ComposeResult:
        """The title, the fields of the line and the form's keys."""
        start = self.initial_values()
        with Vertical(classes="dialog form"):
            yield Static(plain("Quota line", "bold"), classes="dialog-title")
            yield Field(
                "What", name="label", value=start["label"], placeholder="New ARR", max_length=200
            )
            yield Field("Number", name="number", value=start["number"], placeholder="120,000")
            yield Field(
                "Unit",
                name="unit",
                value=start["unit"],
                placeholder="USD, calls, demos",
                max_length=60,
            )
            yield Label("Per", classes="field-label")
            yield Select(
                [(p.value, p.value) for p in Period],
                value=start["period"],
                allow_blank=False,
                id="period",
            )
            yield Static("ctrl+s keep · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def current_values(self) -> dict[str, str]:
        """The fields' values, the period chosen with them."""
        values = super().current_values()
        values["period"] = str(self.query_one("#period", Select).value)
        return values

    def build(self) -> QuotaLine:
        """The quota line typed, checked; the same id when it was edited."""
        v = self.current_values()
        label = check_text("label", "What", v["label"], 200, required=True)
        number = parse_number(v["number"])
        unit = check_text("unit", "The unit", v["unit"], 60, required=True)
        period = Period(v["period"])
        if self.line is None:
            return QuotaLine(label=label, number=number, unit=unit, period=period)
        return replace(self.line, label=label, number=number, unit=unit, period=period)
