"""Dialogs of the session: the kind to start, a new commitment, numbers, the closing summary."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pendulum
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from oneonone import actions
from oneonone.core import sessions
from oneonone.core.agreements import format_number, quota_text
from oneonone.core.model import (
    Commitment,
    ImportedNumber,
    Owner,
    QuotaLine,
    Session,
    SessionKind,
)
from oneonone.screens.form import FormScreen
from oneonone.widgets.field import Field, FormField
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.text import plain

KIND_TITLES = {
    SessionKind.REGULAR: "Regular one-on-one",
    SessionKind.EXPECTATIONS: "Expectations conversation (about two hours)",
    SessionKind.QUARTERLY_REVIEW: "Quarterly expectations review",
    SessionKind.ACCOUNTABILITY: "Accountability conversation",
    SessionKind.NEW_LEADER_RESET: "New-leader reset: this is now my team",
}


class KindScreen(ModalScreen[SessionKind | None]):
    """Which conversation to hold; the sensible default is highlighted."""

    USER_ACTIONS = actions.KIND_ACTIONS
    BINDINGS = actions.bindings(actions.KIND_ACTIONS)

    def __init__(self, rep_name: str, default: SessionKind) -> None:
        super().__init__(classes="dialog-screen")
        self.rep_name = rep_name
        self.default = default

    def compose(self) -> ComposeResult:
        """The title and the kinds of one-on-one to choose from."""
        kinds = list(SessionKind)
        with Vertical(classes="dialog"):
            yield Static(
                plain(f"Start a one-on-one with {self.rep_name}", "bold"), classes="dialog-title"
            )
            yield OptionList(
                *[
                    Option(
                        KIND_TITLES[k] + ("  (suggested)" if k is self.default else ""), id=k.value
                    )
                    for k in kinds
                ],
                id="kinds",
            )
            yield Static("Enter start · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        """The default kind highlighted."""
        kinds = self.query_one("#kinds", OptionList)
        kinds.highlighted = list(SessionKind).index(self.default)
        kinds.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """The kind chosen."""
        event.stop()
        self.dismiss(SessionKind(event.option.id or SessionKind.REGULAR.value))

    def action_cancel(self) -> None:
        """Closed with no kind chosen."""
        self.dismiss(None)


class CommitmentForm(FormScreen[Commitment]):
    """A new commitment, the rep's or the manager's: what, and by when."""

    def __init__(
        self,
        owner: Owner,
        *,
        rep_id: str,
        rep_name: str,
        session_id: str | None,
        today: pendulum.Date,
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.owner = owner
        self.rep_id = rep_id
        self.rep_name = rep_name
        self.session_id = session_id
        self.today = today

    def compose(self) -> ComposeResult:
        """The title (who commits), the text and due date fields, and the form's keys."""
        who = (
            "I (the manager) commit to"
            if self.owner is Owner.MANAGER
            else (f"{self.rep_name} commits to")
        )
        with Vertical(classes="dialog form"):
            yield Static(plain(who, "bold"), classes="dialog-title")
            yield Field("What", name="text", max_length=sessions.MAX_TEXT)
            yield Field("By (optional)", name="due", hint="2027-01-15, +7d, fri, next monday")
            yield Static("Enter / ctrl+s keep · Esc cancel", classes="dialog-hint")
        yield KeyFooter()

    def build(self) -> Commitment:
        """The commitment typed, checked (``sessions.new_commitment``)."""
        v = self.current_values()
        return sessions.new_commitment(
            self.rep_id,
            self.owner,
            v["text"],
            v["due"],
            self.today,
            self.session_id,
            now=pendulum.now("UTC"),
        )


class NumbersForm(FormScreen[Session]):
    """The rep's actuals against each quota line of the agreement, for the period. A line the
    one-on-one has no number for yet starts from the number imported from the CRM for its
    period (``imported``, by quota line id), marked so; kept, it is the one-on-one's number."""

    def __init__(
        self,
        session: Session,
        quota_lines: Sequence[QuotaLine],
        imported: Mapping[str, ImportedNumber] | None = None,
        timezone: str = "UTC",
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.session = session
        self.timezone = timezone  # where the manager is: the day an import is said to be from
        self.quota_lines = list(quota_lines)
        typed = {n.quota_line_id for n in session.numbers}
        #: the imports offered: for the lines without a number in this one-on-one yet
        self.imported = {k: v for k, v in (imported or {}).items() if k not in typed}

    def _current(self, line: QuotaLine) -> str:
        entry = next((n for n in self.session.numbers if n.quota_line_id == line.id), None)
        if entry is None and line.id in self.imported:
            return format_number(self.imported[line.id].value)
        return format_number(entry.actual) if entry else ""

    def _hint(self, line: QuotaLine) -> str:
        item = self.imported.get(line.id)
        if item is None:
            return ""
        source = f" from {item.source}" if item.source else ""
        when = item.imported_at.in_timezone(self.timezone).date().isoformat()
        return f"Imported{source} on {when}: keep it, or correct it."

    def initial_values(self) -> dict[str, str]:
        """Each quota line's number as it stands in this one-on-one."""
        return {f"actual_{i}": self._current(q) for i, q in enumerate(self.quota_lines)}

    def compose(self) -> ComposeResult:
        """The title, one field per quota line with its target, and the form's keys."""
        with Vertical(classes="dialog form"):
            yield Static(plain("Numbers against quota", "bold"), classes="dialog-title")
            if not self.quota_lines:
                yield Static("The agreement has no quota lines yet.", classes="dialog-body")
            for i, line in enumerate(self.quota_lines):
                mark = " (imported)" if line.id in self.imported else ""
                yield Field(
                    f"{quota_text(line)}: actual so far{mark}",
                    name=f"actual_{i}",
                    value=self._current(line),
                    placeholder="e.g. 84,000",
                    hint=self._hint(line),
                )
            yield Static(
                "Empty means not discussed · ctrl+s keep · Esc cancel", classes="dialog-hint"
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        """The first number's field has the cursor: what is typed at once lands there."""
        fields = list(self.query(Field))
        if fields:
            fields[0].focus_input()

    def action_submit(self) -> None:
        """Kept at once, unless a number is an outlier (over ten times its target): that is
        asked about first, and a no goes back to the field to correct it."""
        from oneonone.core.errors import FieldError
        from oneonone.screens.confirm import ConfirmScreen

        try:
            updated = self.build()
        except FieldError:
            super().action_submit()  # shows the message under the field
            return
        odd = sessions.new_outliers(self.session, updated)
        if not odd:
            self.dismiss(updated)
            return
        lines = [
            f"{n.label}: {format_number(n.actual)} is over {sessions.OUTLIER_FACTOR}× the "
            f"target of {format_number(n.target)}."
            for n in odd
        ]

        def answered(keep: bool | None) -> None:
            if keep:
                self.dismiss(updated)
                return
            index = next(i for i, q in enumerate(self.quota_lines) if q.id == odd[0].quota_line_id)
            found = list(self.query(f"#field-actual_{index}").results(FormField))
            if found:
                found[0].focus_input()

        self.app.push_screen(
            ConfirmScreen(
                "Is this number right?", "\n".join(lines), yes="Keep it", no="Correct it"
            ),
            answered,
        )

    def build(self) -> Session:
        """The one-on-one with the numbers typed, checked; a ``FieldError`` on the first wrong
        one."""
        from oneonone.core.errors import FieldError

        session = self.session
        values = self.current_values()
        for i, line in enumerate(self.quota_lines):
            try:
                session = sessions.set_number(session, line, values[f"actual_{i}"])
            except FieldError as exc:
                raise FieldError(f"actual_{i}", str(exc)) from None
        return session


class SummaryScreen(ModalScreen[bool]):
    """The session in a few lines; confirming closes it for good."""

    USER_ACTIONS = actions.SUMMARY_ACTIONS
    BINDINGS = actions.bindings(actions.SUMMARY_ACTIONS)

    def __init__(self, rep_name: str, lines: Sequence[str]) -> None:
        super().__init__(classes="dialog-screen")
        self.rep_name = rep_name
        self.lines = list(lines)
        #: True when closed with ``x``: the one-on-one is exported once it is closed
        self.export_too = False

    def compose(self) -> ComposeResult:
        """The summary, scrolling, the question and the keys."""
        # it scrolls (up, down, page keys): every commitment is read back, even at 80×24
        with VerticalScroll(classes="dialog", id="summary-scroll"):
            yield Static(
                plain(f"End the one-on-one with {self.rep_name}", "bold"), classes="dialog-title"
            )
            yield Static(plain("\n".join(self.lines)), classes="dialog-body", id="summary")
            yield Static(
                "Closing makes the record read-only, so it can be trusted later; a dated "
                "addendum can still be added from the rep's history. x closes it and exports "
                "it to Markdown at once.",
                classes="dialog-hint",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        """The summary focused, for the arrows to scroll it."""
        self.query_one("#summary-scroll", VerticalScroll).focus()

    def action_close_it(self) -> None:
        """Answered: close the one-on-one."""
        self.dismiss(True)

    def action_close_and_export(self) -> None:
        """Answered: close the one-on-one, and export it at once."""
        self.export_too = True
        self.dismiss(True)

    def action_keep_open(self) -> None:
        """Answered: keep it open."""
        self.dismiss(False)
