"""An editable list of lines inside a form: add, edit, remove, move up and down by key.

The list holds items of any type; a ``render`` function turns one into its line, and an
``editor`` function returns the modal form that edits one (``None`` for a new item).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from textual.app import ComposeResult
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from oneonone import actions
from oneonone.widgets.field import FormField
from oneonone.widgets.text import plain

T = TypeVar("T")


class _Lines(OptionList):
    USER_ACTIONS = actions.LINE_LIST_ACTIONS
    BINDINGS = actions.bindings(actions.LINE_LIST_ACTIONS)

    def action_add(self) -> None:
        self._owner.add()

    def action_edit(self) -> None:
        self._owner.edit()

    def action_remove(self) -> None:
        self._owner.remove_line()

    def action_move(self, step: int) -> None:
        self._owner.move(step)

    @property
    def _owner(self) -> LineList[Any]:
        parent = self.parent
        assert isinstance(parent, LineList)
        return parent


class LineList(FormField, Generic[T]):
    """A form field that is a list of lines (quota lines, rules...): add, edit, remove, move."""

    DEFAULT_CSS = """
    LineList > _Lines {
        height: auto; max-height: 12; min-height: 3; border: round $surface-lighten-2;
    }
    LineList > _Lines:focus { border: round $accent; }
    LineList > .line-hint { color: $text-muted; text-style: italic; }
    """

    class Changed(Message):
        """The list's lines changed."""

        def __init__(self, line_list: LineList[Any]) -> None:
            super().__init__()
            self.line_list = line_list

    def __init__(
        self,
        label: str,
        *,
        name: str,
        items: Sequence[T],
        render: Callable[[T], str],
        editor: Callable[[T | None], ModalScreen[T | None]],
        empty: str = "Nothing yet: press a to add a line.",
        numbered: bool = False,
    ) -> None:
        super().__init__(id=f"field-{name}", classes="form-field")
        self.field_name = name
        self.items: list[T] = list(items)
        self._label = label
        self._line_text = render
        self._editor = editor
        self._empty = empty
        self._numbered = numbered

    def compose(self) -> ComposeResult:
        """The label, the lines and the hint of their keys."""
        yield Label(self._label, classes="field-label")
        yield _Lines(id=f"lines-{self.field_name}")
        yield Static(
            "a add · Enter/e edit · x remove · shift+↑/↓ move", classes="line-hint", markup=False
        )
        yield Static("", classes="field-error", markup=False)

    def on_mount(self) -> None:
        """The lines shown."""
        self._refill()

    @property
    def lines(self) -> _Lines:
        """The option list of the lines."""
        return self.query_one(_Lines)

    def _refill(self, highlight: int | None = None) -> None:
        lines = self.lines
        keep = lines.highlighted if highlight is None else highlight
        lines.clear_options()
        if not self.items:
            lines.add_option(Option(plain(self._empty, "dim italic"), id="empty", disabled=True))
            return
        for i, item in enumerate(self.items):
            text = self._line_text(item)
            lines.add_option(Option(plain(f"{i + 1}. {text}" if self._numbered else f"• {text}")))
        lines.highlighted = max(0, min(keep or 0, len(self.items) - 1))

    def _changed(self, highlight: int | None = None) -> None:
        self._refill(highlight)
        self.show_error(None)
        self.post_message(self.Changed(self))

    @property
    def current(self) -> int | None:
        """The index of the highlighted line, or None if there is none."""
        index = self.lines.highlighted
        return index if self.items and index is not None else None

    def add(self) -> None:
        """A new line, asked for in its dialog, after the highlighted one."""

        def done(item: T | None) -> None:
            if item is not None:
                at = len(self.items) if self.current is None else self.current + 1
                self.items.insert(at, item)
                self._changed(at)

        self.app.push_screen(self._editor(None), done)

    def edit(self) -> None:
        """The highlighted line, edited in its dialog (a new one if there is none)."""
        index = self.current
        if index is None:
            self.add()
            return

        def done(item: T | None) -> None:
            if item is not None:
                self.items[index] = item
                self._changed(index)

        self.app.push_screen(self._editor(self.items[index]), done)

    def remove_line(self) -> None:
        """The highlighted line removed."""
        index = self.current
        if index is not None:
            del self.items[index]
            self._changed(min(index, len(self.items) - 1))

    def move(self, step: int) -> None:
        """The highlighted line moved ``step`` places up (negative) or down."""
        index = self.current
        if index is None:
            return
        target = index + step
        if 0 <= target < len(self.items):
            self.items[index], self.items[target] = self.items[target], self.items[index]
            self._changed(target)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a line edits it."""
        event.stop()
        self.edit()
