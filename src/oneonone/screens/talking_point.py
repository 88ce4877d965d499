"""Noting a talking point from anywhere in the app (F3): one line, ``name: text``.

The start of a rep's name, a colon, the point; Enter notes it for the first rep the name
matches (the line under the field says who, as it is typed). Without a name it is for the rep
the screen shows (the highlighted rep, the one-on-one's), named in the title. F4 makes it
private (yours only: never searched, never in the rep's export); F5 says the rep raised it (it
shows at their own agenda step). The form builds the record; the services save it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pendulum
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from oneonone import actions
from oneonone.core.errors import FieldError
from oneonone.core.model import Owner, PointState, Rep, TalkingPoint
from oneonone.core.talking_points import (
    MAX_NOTE,
    MAX_POINT,
    PointError,
    carried_here,
    mark_carried,
    mark_discussed,
    note_point,
    point_line,
    read_capture,
)
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
        # the rep is said under the field, as typed (the title said the screen's rep while
        # "ros: ..." was for another)
        with Vertical(classes="dialog form"):
            yield Static(plain("Talking point for next time", "bold"), classes="dialog-title")
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


class PointNoteForm(FormScreen[str]):
    """What was said about a talking point, when it is marked discussed (may be left empty)."""

    def __init__(self, point: TalkingPoint) -> None:
        super().__init__(classes="dialog-screen")
        self.point = point

    def compose(self) -> ComposeResult:
        """The point, the note's field and the form's keys."""
        with Vertical(classes="dialog form"):
            yield Static(plain("Discussed", "bold"), classes="dialog-title")
            yield Static(plain(self.point.text), classes="dialog-body")
            yield Field("What was said (may be left empty)", name="note", max_length=MAX_NOTE)
            yield Static("Enter / ctrl+s keep · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def build(self) -> str:
        """The note typed (stripped)."""
        note = self.current_values()["note"].strip()
        if len(note) > MAX_NOTE:
            raise FieldError("note", f"The note is too long (at most {MAX_NOTE} characters).")
        return note


class PointsScreen(ModalScreen[None]):
    """The one-on-one's talking points: each marked discussed (with what was said) or carried
    to the next one-on-one. Each change is handed to ``changed`` (the session saves it)."""

    USER_ACTIONS = actions.POINTS_LIST_ACTIONS
    BINDINGS = actions.bindings(actions.POINTS_LIST_ACTIONS)

    def __init__(
        self,
        points: Sequence[TalkingPoint],
        *,
        rep_name: str,
        session_id: str,
        changed: Callable[[TalkingPoint], None],
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.points = list(points)
        self.rep_name = rep_name
        self.session_id = session_id
        self._changed = changed

    def compose(self) -> ComposeResult:
        """The points, as a list, and the keys."""
        with Vertical(classes="dialog wide"):
            yield Static(plain(f"Talking points · {self.rep_name}", "bold"), classes="dialog-title")
            yield OptionList(id="points")
            yield Static(
                "d / Enter discussed · c carry to next time · Esc back", classes="dialog-hint"
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        """The points listed, the first highlighted."""
        self._show()
        self.query_one(OptionList).focus()

    def _show(self) -> None:
        listing = self.query_one(OptionList)
        at = listing.highlighted or 0
        listing.clear_options()
        for p in self.points:
            listing.add_option(Option(point_text(p, self.rep_name, self.session_id), id=p.id))
        if self.points:
            listing.highlighted = min(at, len(self.points) - 1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Discussed and carry only on a point still to mark."""
        if action in ("discussed", "carry"):
            point = self._highlighted()
            return True if point is not None and point.is_pending else None
        return True

    def _highlighted(self) -> TalkingPoint | None:
        index = self.query_one(OptionList).highlighted
        return self.points[index] if index is not None and index < len(self.points) else None

    def _replace(self, changed: TalkingPoint) -> None:
        self.points = [changed if p.id == changed.id else p for p in self.points]
        self._changed(changed)
        self._show()
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a point: discussed."""
        event.stop()
        self.action_discussed()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """The keys follow the point under the cursor."""
        self.refresh_bindings()

    def action_discussed(self) -> None:
        """The point discussed, with what was said (asked first)."""
        point = self._highlighted()
        if point is None or not point.is_pending:
            return

        def noted(note: str | None) -> None:
            if note is not None:
                now = pendulum.now("UTC")
                self._replace(mark_discussed(point, note, session_id=self.session_id, now=now))

        self.app.push_screen(PointNoteForm(point), noted)

    def action_carry(self) -> None:
        """The point carried to the next one-on-one."""
        point = self._highlighted()
        if point is not None and point.is_pending:
            self._replace(mark_carried(point, session_id=self.session_id))

    def action_close(self) -> None:
        """Back to the one-on-one."""
        self.dismiss(None)

    def action_cursor_down(self) -> None:
        """The next point."""
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        """The previous point."""
        self.query_one(OptionList).action_cursor_up()


def point_text(point: TalkingPoint, rep_name: str, session_id: str) -> Text:
    """A point as the one-on-one lists it: a mark (✓ discussed here, → carried here), who
    raised it, the text, private and "carried ×N", and the note typed when discussed."""
    if point.state is PointState.DISCUSSED:
        mark, style = "✓ ", "dim"
    elif carried_here(point, session_id):
        mark, style = "→ ", "dim"
    else:
        mark, style = "• ", ""
    text = Text(mark + visible(point_line(point, rep_name), one_line=True), style=style)
    if point.note:
        text.append(f" — {visible(point.note, one_line=True)}", style="italic")
    return text
