"""Base for modal forms: ctrl+s saves, Escape asks before throwing away changes."""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input

from oneonone import actions
from oneonone.core.errors import FieldError
from oneonone.screens.confirm import ConfirmScreen
from oneonone.widgets.field import Field, FormField

R = TypeVar("R")


class FormScreen(ModalScreen[R | None], Generic[R]):
    """A modal form: opens with its first field focused, ctrl+s saves, Escape asks before
    throwing away changes."""

    USER_ACTIONS = actions.FORM_ACTIONS
    BINDINGS = actions.bindings(actions.FORM_ACTIONS)
    #: No automatic focus: a scrolling dialog would take it (a scroll container can be
    #: focused), and what is typed first would go nowhere. ``on_mount`` focuses the first field.
    AUTO_FOCUS = ""

    def first_focus(self) -> Widget | None:
        """What has the focus when the form opens: the first field that can take it."""
        for field in self.query(".form-field").results(FormField):
            for widget in field.query("*"):
                if widget.focusable:
                    return widget
        for widget in self.query("*"):
            if widget.focusable and type(widget) is not VerticalScroll:
                return widget
        return None

    def on_mount(self) -> None:
        """The first field focused; a scrolling dialog taken out of Tab's way."""
        # A scrolling dialog is no stop for Tab (it would take the focus and show none): it
        # scrolls to the focused field by itself.
        for box in self.query(VerticalScroll):
            if type(box) is VerticalScroll:  # not a widget made from one (a RadioSet)
                box.can_focus = False
        # Set at once (``Widget.focus`` waits for the App's queue): keys typed while the form
        # opens land in its first field.
        target = self.first_focus()
        if target is not None:
            self.set_focus(target, scroll_visible=False)

    def initial_values(self) -> dict[str, str]:
        """What the fields start with, by name (none by default)."""
        return {}

    def current_values(self) -> dict[str, str]:
        """What the fields hold now, by name."""
        return {f.field_name: f.value for f in self.query(Field)}

    def has_unsaved_changes(self) -> bool:
        """Whether any field differs from what it started with."""
        start = self.initial_values()
        return any(start.get(k, "") != v for k, v in self.current_values().items())

    def build(self) -> R:
        """Validate and return the result, or raise ``RosterError`` naming the field."""
        raise NotImplementedError

    def action_submit(self) -> None:
        """The form checked and, if right, closed with what it built; else each error shown on its
        field."""
        for each in self.query(".form-field").results(FormField):
            each.show_error(None)
        try:
            result = self.build()
        except FieldError as exc:
            found = list(self.query(f"#field-{exc.field}").results(FormField))
            if not found:
                self.notify(str(exc), severity="error", markup=False)
            else:
                found[0].show_error(str(exc))
                found[0].focus_input()
            return
        self.dismiss(result)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in a field: the next field, or the form submitted from the last one."""
        event.stop()
        inputs = list(self.query(Input))
        if event.input is inputs[-1]:
            self.action_submit()
        else:
            self.focus_next()

    def action_cancel(self) -> None:
        """Closed if nothing changed; else asked first whether to discard."""
        if not self.has_unsaved_changes():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "Discard changes?",
                "You have changes that are not saved.",
                yes="Discard",
                no="Keep editing",
                default_yes=False,  # Enter keeps the edits
            ),
            answered,
        )
