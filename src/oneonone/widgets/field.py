"""Form parts that show their own error line: a labelled input (Field), or a list (LineList)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from oneonone.widgets.text import VisibleText, plain


class TextInput(Input):
    """An Input that shows control characters (pasted, say) instead of sending them to the
    terminal; its value stays exactly what was typed, for the form to accept or refuse."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.highlighter = VisibleText(self)


class FormField(Vertical):
    DEFAULT_CSS = """
    FormField { height: auto; margin-bottom: 1; }
    FormField > .field-label { color: $text-muted; }
    FormField > .field-hint { color: $text-muted; text-style: italic; }
    FormField > .field-error { color: $error; display: none; }
    FormField.-invalid > .field-error { display: block; }
    FormField.-invalid > Input { border: tall $error; }
    """

    def show_error(self, message: str | None) -> None:
        self.set_class(bool(message), "-invalid")
        self.query_one(".field-error", Static).update(plain(message or ""))

    def focus_input(self) -> None:
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return


class Field(FormField):
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
        yield Label(self._label, classes="field-label", markup=False)  # may name a quota line
        yield TextInput(
            self._value,
            placeholder=self._placeholder,
            id=f"input-{self.field_name}",
            max_length=self._max_length,
        )
        if self._hint:
            yield Static(self._hint, classes="field-hint", markup=False)
        yield Static("", classes="field-error", markup=False)

    @property
    def value(self) -> str:
        return self.query_one(Input).value
