"""A one-date dialog: move a review, hold it, take over a team."""

from __future__ import annotations

from collections.abc import Callable

import pendulum
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from oneonone.core.dates import DateInputError, parse_user_date
from oneonone.core.errors import FieldError
from oneonone.screens.form import FormScreen
from oneonone.widgets.field import Field
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.text import plain

DATE_HINT = "2027-01-15, today, tomorrow, +7d, +2w, fri, next monday"


class DateFormScreen(FormScreen[pendulum.Date]):
    """Ask for one date. ``check`` may refuse it with a FieldError (shown under the field)."""

    def __init__(
        self,
        title: str,
        label: str,
        *,
        today: pendulum.Date,
        value: pendulum.Date | None = None,
        body: str = "",
        check: Callable[[pendulum.Date], object] | None = None,
        field: str = "date",
        hint: str = DATE_HINT,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.field = field
        self._hint = hint
        self._title = title
        self._label = label
        self.today = today
        self._value = (value or today).isoformat()
        self._body = body
        self._check = check

    def initial_values(self) -> dict[str, str]:
        """The date the form starts with."""
        return {self.field: self._value}

    def compose(self) -> ComposeResult:
        """The title, any explanation, the date field and the form's keys."""
        with Vertical(classes="dialog form"):
            yield Static(plain(self._title, "bold"), classes="dialog-title")
            if self._body:
                yield Static(plain(self._body), classes="dialog-body")
            yield Field(self._label, name=self.field, value=self._value, hint=self._hint)
            yield Static("Enter / ctrl+s confirm · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def build(self) -> pendulum.Date:
        """The date typed, read as ``parse_user_date`` reads it and checked; a ``FieldError`` if
        wrong."""
        try:
            day = parse_user_date(self.current_values()[self.field], self.today)
        except DateInputError as exc:
            raise FieldError(self.field, str(exc)) from None
        if self._check is not None:
            try:
                self._check(day)
            except FieldError as exc:
                raise FieldError(self.field, str(exc)) from None
        return day
