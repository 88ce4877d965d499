"""A new rep's two-week plan, day by day and hour by hour: check items off, see progress."""

from __future__ import annotations

import pendulum
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from oneonone import actions
from oneonone.core import onboarding
from oneonone.core.model import OnboardingItem, OnboardingTemplate, Rep, TeamSettings
from oneonone.core.store import Store, StoreError
from oneonone.messages import SaveRequested
from oneonone.ports import services
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.text import plain, visible


class PlanTable(DataTable[Text]):
    """The plan's items, one line a row."""

    BINDINGS = actions.bindings(actions.LIST_MOVES)


class OnboardingScreen(Screen[None]):
    """A new rep's two-week plan, day by day and hour by hour."""

    USER_ACTIONS = actions.PLAN_ACTIONS
    BINDINGS = actions.bindings(actions.PLAN_ACTIONS)

    def __init__(
        self, rep: Rep, settings: TeamSettings, store: Store, *, make: bool = False
    ) -> None:
        super().__init__()
        self.rep = rep
        self.settings = settings
        self.store = store
        self.items: list[OnboardingItem] = []
        self.loaded = False
        #: Make the plan as soon as it is known there is none ("Make the plan" when adding a rep).
        self.make = make

    def compose(self) -> ComposeResult:
        """The header, the title, the plan and the footer."""
        yield Header()
        yield Static(plain(f"Two-week plan for {self.rep.name}"), id="plan-title")
        yield PlanTable(id="plan", cursor_type="row", zebra_stripes=True)
        yield Static("", id="plan-empty", classes="empty-note")
        yield KeyFooter()

    def on_mount(self) -> None:
        """The plan's columns set up; its items read."""
        table = self.query_one(PlanTable)
        for label in ("Day", "Time", "", "What"):
            table.add_column(plain(label))
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="plan-load")
    def load(self) -> None:
        """The rep's plan items, read in a worker, then shown."""
        try:
            found = self.store.where(OnboardingItem, rep_id=self.rep.id)
        except StoreError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        self.app.call_from_thread(self.show, onboarding.rep_plan(found, self.rep.id))

    def show(self, items: list[OnboardingItem]) -> None:
        """Show ``items``, in order (the cursor kept where it was)."""
        first = not self.loaded
        self.items = items
        self.loaded = True
        table = self.query_one(PlanTable)
        keep = table.cursor_row
        table.clear()
        tz = self.settings.timezone
        for item in items:
            start = item.starts_at.in_timezone(tz)
            end = item.ends_at.in_timezone(tz)
            mark = "✓" if item.done else ("★" if item.is_expectations_conversation else "·")
            style = "dim" if item.done else ("bold" if item.is_expectations_conversation else "")
            table.add_row(
                plain(start.format("ddd D MMM"), style),
                plain(f"{start.format('HH:mm')}–{end.format('HH:mm')}", style),
                plain(mark, "green" if item.done else "yellow"),
                plain(item.title, style),
            )
        if items:
            table.move_cursor(row=min(keep, len(items) - 1))
        done, total = onboarding.plan_progress(items)
        title = Text(f"Two-week plan for {visible(self.rep.name, one_line=True)}", style="bold")
        if total:
            title.append(f" · {done} of {total} done", style="green" if done == total else "")
            title.append(
                " · ★ the expectations conversation (Enter writes the agreement)", style="dim"
            )
        self.query_one("#plan-title", Static).update(title)
        empty = self.query_one("#plan-empty", Static)
        empty.display = not items
        table.display = bool(items)
        empty.update(
            plain(
                f"{self.rep.name} has no onboarding plan. Press g to make the two-week plan from "
                "your plan template: working days, your working hours, with the two-hour "
                "expectations conversation in week one."
            )
        )
        if items:
            # A hidden table loses the focus: give it back, so j/k/space act on the plan.
            self.set_focus(table)
        self.refresh_bindings()
        if first and self.make and not items and self.check_action("generate", ()):
            self.action_generate()

    @property
    def selected(self) -> OnboardingItem | None:
        """The item under the cursor, or None."""
        table = self.query_one(PlanTable)
        if not self.items or table.cursor_row >= len(self.items):
            return None
        return self.items[table.cursor_row]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Nothing but Back until the plan is read; then the registry's rules for each action."""
        if not self.loaded and action != "back":
            return None
        # the plan is made once, for a current rep
        making = action == "generate"
        writable = not self.store.read_only and not (
            making and (self.items or not self.rep.is_current)
        )
        if actions.blocked(
            self.USER_ACTIONS, action, selected=self.selected is not None, writable=writable
        ):
            return None
        return True

    def action_back(self) -> None:
        """Back to the screen before."""
        self.app.pop_screen()

    def action_toggle_done(self) -> None:
        """The item under the cursor checked off, or not done again; saved."""
        item = self.selected
        if item is None:
            return
        if self.store.read_only:
            self.notify("Read-only: nothing can be saved here.", severity="warning")
            return
        changed = (
            onboarding.uncheck(item)
            if item.done
            else onboarding.check_off(item, pendulum.now(self.settings.timezone))
        )
        self.items = [changed if i.id == item.id else i for i in self.items]
        self.show(self.items)
        self.post_message(SaveRequested([changed], ""))

    def action_open(self) -> None:
        """The expectations conversation opens the agreement; any other item is checked off."""
        item = self.selected
        if item is not None and item.is_expectations_conversation:
            services(self).open_agreement(self.rep)
        elif item is not None:
            self.action_toggle_done()

    def action_edit_template(self) -> None:
        """The team's plan template edited in a form, then saved."""
        from oneonone.screens.plan_template import PlanTemplateScreen

        def done(template: OnboardingTemplate | None) -> None:
            if template is not None:
                self.post_message(SaveRequested([template], "Plan template saved."))

        self.app.push_screen(
            PlanTemplateScreen(onboarding.load_template(self.store), self.settings), done
        )

    def action_generate(self) -> None:
        """The rep's plan made from the team's template and saved."""
        try:
            items = onboarding.generate_plan(
                self.rep, onboarding.load_template(self.store), self.settings
            )
        except onboarding.OnboardingError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.show(items)
        self.post_message(SaveRequested(items, f"Plan made: {len(items)} items over two weeks."))
