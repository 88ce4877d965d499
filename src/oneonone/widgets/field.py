"""Form parts that show their own error line: a labelled input (Field), or a list (LineList)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from oneonone.widgets.text import VisibleText, plain


def too_long(length: int, limit: int) -> str:
    """What a field says when its text is longer than it may be."""
    return (
        f"Too long: {length:,} characters, at most {limit:,}. Nothing was cut: shorten it to save."
    )


class TextInput(Input):
    """An Input that shows control characters (pasted, say) instead of sending them to the
    terminal; its value stays exactly what was typed, for the form to accept or refuse.

    ``limit`` is the most characters the value may have. Unlike Input's ``max_length``, which
    drops what is typed or pasted past it without a word, the text is kept whole and the
    field it is in (a ``FormField``) says it is too long; the form refuses to save it."""

    def __init__(self, *args: object, limit: int = 0, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.highlighter = VisibleText(self)
        self.limit = limit


class FormField(Vertical):
    """A part of a form with its own error line under it."""

    DEFAULT_CSS = """
    FormField { height: auto; margin-bottom: 1; }
    FormField > .field-label { color: $text-muted; }
    FormField > .field-hint { color: $text-muted; text-style: italic; }
    FormField > .field-error { color: $error; display: none; }
    FormField.-invalid > .field-error { display: block; }
    FormField.-invalid > Input { border: tall $error; }
    """

    #: The error shown under the field, if any.
    error = ""

    def show_error(self, message: str | None) -> None:
        """Show ``message`` under the field (None clears it)."""
        self.error = message or ""
        self.set_class(bool(message), "-invalid")
        self.query_one(".field-error", Static).update(plain(message or ""))

    def on_input_changed(self, event: Input.Changed) -> None:
        """Say at once when the text is longer than its field's limit (the form checks the
        stripped text, and so does this)."""
        field = event.input
        if not isinstance(field, TextInput) or not field.limit:
            return
        length = len(event.value.strip())
        if length > field.limit:
            self.show_error(too_long(length, field.limit))
        elif "too long" in self.error.lower():  # said live, or by the form when saving
            self.show_error(None)

    def focus_input(self) -> None:
        """Focus the field's first focusable widget."""
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return


class Field(FormField):
    """A labelled one-line text field; ``max_length`` is the most characters it may hold
    (longer text is kept whole and the field says it is too long)."""

    def __init__(
        self,
        label: str,
        *,
        name: str,
        value: str = "",
        placeholder: str = "",
        hint: str = "",
        max_length: int = 0,
    ) -> None:
        super().__init__(id=f"field-{name}", classes="form-field")
        self.field_name = name
        self._label = label
        self._value = value
        self._placeholder = placeholder
        self._hint = hint
        self._max_length = max_length

    def compose(self) -> ComposeResult:
        """The label, the input and the line for its error."""
        yield Label(self._label, classes="field-label", markup=False)  # may name a quota line
        yield TextInput(
            self._value,
            placeholder=self._placeholder,
            id=f"input-{self.field_name}",
            limit=self._max_length,
        )
        if self._hint:
            yield Static(self._hint, classes="field-hint", markup=False)
        yield Static("", classes="field-error", markup=False)

    @property
    def value(self) -> str:
        """What is typed in the field."""
        return self.query_one(Input).value
