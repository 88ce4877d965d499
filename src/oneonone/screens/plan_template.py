"""The two-week plan template every new rep's plan is made from, edited line by line."""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Checkbox, Static

from oneonone.core import onboarding
from oneonone.core.errors import FieldError
from oneonone.core.model import OnboardingTemplate, PlanTemplateItem, TeamSettings
from oneonone.screens.form import FormScreen
from oneonone.widgets.field import Field
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.line_list import LineList
from oneonone.widgets.text import plain


def item_text(item: PlanTemplateItem) -> str:
    """A template item in one line: day, start, length, title, and a star for the expectations
    conversation."""
    star = " ★ expectations conversation" if item.is_expectations_conversation else ""
    return f"Day {item.day} · {item.start} · {item.minutes} min · {item.title}{star}"


class PlanItemForm(FormScreen[PlanTemplateItem]):
    """One item of the two-week plan template: day, start, length and title."""

    def __init__(self, item: PlanTemplateItem | None, settings: TeamSettings) -> None:
        super().__init__(classes="dialog-screen")
        self.item = item
        self.settings = settings

    def initial_values(self) -> dict[str, str]:
        """The item's fields as they were."""
        i = self.item
        return {
            "day": str(i.day) if i else "1",
            "start": i.start if i else self.settings.work_start,
            "minutes": str(i.minutes) if i else "60",
            "title": i.title if i else "",
        }

    def compose(self) -> ComposeResult:
        """The title, the item's fields and the form's keys."""
        v = self.initial_values()
        with Vertical(classes="dialog form"):
            yield Static(plain("Plan item", "bold"), classes="dialog-title")
            yield Field("Working day (1–10)", name="day", value=v["day"])
            yield Field("Starts at (HH:MM, your timezone)", name="start", value=v["start"])
            yield Field("Minutes", name="minutes", value=v["minutes"])
            yield Field("What", name="title", value=v["title"], max_length=200)
            yield Checkbox(
                "This is the expectations conversation",
                value=bool(self.item and self.item.is_expectations_conversation),
                id="expectations",
            )
            yield Static("ctrl+s keep · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def build(self) -> PlanTemplateItem:
        """The item typed, checked (``onboarding.build_item``)."""
        v = self.current_values()
        return onboarding.build_item(
            v["day"],
            v["start"],
            v["minutes"],
            v["title"],
            is_expectations_conversation=self.query_one("#expectations", Checkbox).value,
            settings=self.settings,
        )


class PlanTemplateScreen(FormScreen[OnboardingTemplate]):
    """The team's two-week plan template: its items, added, edited, removed."""

    def __init__(self, template: OnboardingTemplate, settings: TeamSettings) -> None:
        super().__init__(classes="dialog-screen")
        self.template = template
        self.settings = settings

    def compose(self) -> ComposeResult:
        """The title, the items and the form's keys."""
        with VerticalScroll(classes="dialog form part-form"):
            yield Static(plain("Two-week plan template", "bold"), classes="dialog-title")
            yield Static(
                "Every new rep's plan is made from this: working days 1–10, your working hours "
                f"({self.settings.work_start}–{self.settings.work_end}), with the two-hour "
                "expectations conversation in week one.",
                classes="dialog-body",
            )
            yield LineList(
                "Items",
                name="items",
                items=self.template.items,
                render=item_text,
                editor=lambda item: PlanItemForm(item, self.settings),
            )
            yield Static("ctrl+s save the template · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def collect(self) -> OnboardingTemplate:
        """The template with its items as they are now, in day and time order."""
        items = sorted(self.query_one(LineList).items, key=lambda i: (i.day, i.start))
        return replace(self.template, items=items)

    def has_unsaved_changes(self) -> bool:
        """Whether the items changed since the form opened."""
        return self.collect() != self.template

    def build(self) -> OnboardingTemplate:
        """The template as edited, checked; a ``FieldError`` with its first problem."""
        template = self.collect()
        problems = onboarding.template_problems(template, self.settings)
        if problems:
            raise FieldError("items", str(problems[0]))
        return template
