"""Noting a talking point from anywhere in the app (F3): one line, ``name: text``.

The start of a rep's name, a colon, the point; Enter notes it for the first rep the name
matches (the line under the field says who, as it is typed). Without a name it is for the rep
the screen shows (the highlighted rep, the one-on-one's), named in the title. F4 makes it
private (yours only: never searched, never in the rep's export); F5 says the rep raised it (it
shows at their own agenda step). The form builds the record; the services save it."""

from __future__ import annotations

from collections.abc import Sequence

import pendulum
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from oneonone import actions
from oneonone.core.errors import FieldError
from oneonone.core.model import Owner, Rep, TalkingPoint
from oneonone.core.talking_points import MAX_POINT, PointError, note_point, read_capture
from oneonone.screens.form import FormScreen
from oneonone.widgets.field import Field
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.text import plain, visible

FIELD = "point"


class TalkingPointForm(FormScreen[TalkingPoint]):
    """One line for a talking point: ``name: text`` (or the text alone, for ``default``)."""

    USER_ACTIONS = actions.TALKING_POINT_FORM_ACTIONS  # type: ignore[assignment]  # two more
    BINDINGS = actions.bindings(actions.TALKING_POINT_FORM_ACTIONS)

    def __init__(
        self, reps: Sequence[Rep], *, now: pendulum.DateTime, default: Rep | None = None
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.reps = [r for r in reps if r.is_current]
        self.default = default if default is not None and default.is_current else None
        self.now = now
        self.private = False
        self.from_rep = False

    def compose(self) -> ComposeResult:
        """The title, the line, who it is for as typed, and the keys."""
        for_whom = f" for {self.default.name}" if self.default else ""
        with Vertical(classes="dialog form"):
            yield Static(plain(f"Talking point{for_whom}", "bold"), classes="dialog-title")
            yield Field(
                "name: what to raise next time",
                name=FIELD,
                placeholder="pri: ask about the Acme MSA",
                max_length=MAX_POINT,
            )
            yield Static("", id="point-preview", classes="dialog-body")
            yield Static(
                "Enter note it · F4 private · F5 the rep raised it · Esc cancel",
                classes="dialog-hint",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        """The field focused (the form's), who it is for shown."""
        super().on_mount()
        self._preview()

    def on_input_changed(self, event: Input.Changed) -> None:
        """Who the point is for, as the name is typed."""
        self._preview()

    def _preview(self) -> None:
        line = self.current_values().get(FIELD, "")
        found = read_capture(line, self.reps, self.default)
        text = Text()
        if found.rep is None:
            text.append(found.problem, style="dim")
        else:
            text.append("For ")
            text.append(visible(found.rep.name, one_line=True), style="bold")
            if found.others:
                names = ", ".join(r.name for r in found.others[:3])
                text.append(f" (also matches {visible(names, one_line=True)})", style="dim")
        shared = "private: yours only" if self.private else "shared with the rep"
        raised = " · the rep raised it" if self.from_rep else ""
        text.append(f"\n{shared}{raised}", style="italic")
        self.query_one("#point-preview", Static).update(text)

    def action_toggle_private(self) -> None:
        """F4: private to you, or shared with the rep."""
        self.private = not self.private
        self._preview()

    def action_toggle_from_rep(self) -> None:
        """F5: raised by the rep (their agenda step), or by you."""
        self.from_rep = not self.from_rep
        self._preview()

    def build(self) -> TalkingPoint:
        """The point the line says, for the rep it names; a ``FieldError`` if it cannot be."""
        found = read_capture(self.current_values().get(FIELD, ""), self.reps, self.default)
        if found.rep is None or found.problem:
            raise FieldError(FIELD, found.problem)
        try:
            return note_point(
                self.reps,
                found.rep.id,
                found.text,
                now=self.now,
                private=self.private,
                raised_by=Owner.REP if self.from_rep else Owner.MANAGER,
            )
        except PointError as exc:
            raise FieldError(FIELD, str(exc)) from None
