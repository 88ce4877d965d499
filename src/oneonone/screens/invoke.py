"""Invoke a consequence: the rep's own words, the evidence, the reason, and the manager's own part.

DOMAIN.md, habits 2, 3 and 8: the manager does not improvise. The dialog quotes the step the rep
wrote on the agreement (the next one on their ladder, unless another is picked with a reason),
says which version of the agreement it rests on, offers the evidence on record, and asks the
self-check before anything is recorded. It dismisses with the ``Invocation`` (to be saved by
the caller) or None; it never writes to disk.
"""

from __future__ import annotations

from collections.abc import Sequence

import pendulum
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import (
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    SelectionList,
    Static,
)
from textual.widgets.selection_list import Selection

from oneonone import actions
from oneonone.core import sessions
from oneonone.core.errors import FieldError
from oneonone.core.model import Agreement, Invocation
from oneonone.screens.form import FormScreen
from oneonone.widgets.field import Field, FormField, TextInput
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.text import one_line, plain

FRAMING = (
    "We had this conversation and this is what we discussed. This is what you told me to do "
    "if you weren't holding yourself accountable."
)
LEADER_WARNING = "A rep's failure is also the leader's: fix your side first?"


class YesNo(RadioSet):
    """One self-check question's answer: unanswered until yes or no is picked (y / n)."""

    USER_ACTIONS = actions.YES_NO_ACTIONS
    BINDINGS = actions.bindings(actions.YES_NO_ACTIONS)

    def __init__(self, key: str) -> None:
        super().__init__(
            RadioButton("yes", id=f"{key}-yes"),
            RadioButton("no", id=f"{key}-no"),
            id=f"check-{key}",
            compact=True,
        )
        self.key = key
        self._answer: bool | None = None

    @property
    def answer(self) -> bool | None:
        """Yes (True), no (False), or not answered (None)."""
        return self._answer

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """The answer chosen (the screen then shows the warning, if any)."""
        self._answer = event.index == 0  # then on to the screen, which shows the warning

    def action_answer(self, yes: bool) -> None:
        """y or n: answer, and go on to the next question."""
        index = 0 if yes else 1
        self._answer = yes
        self.query(RadioButton)[index].value = True
        self._selected = index
        questions = list(self.screen.query(YesNo))
        after = questions.index(self) + 1
        if after < len(questions):
            questions[after].focus()


class SelfCheck(FormField):
    """The three questions about the manager's own part, each answered yes or no."""

    def __init__(self, slips: Sequence[str]) -> None:
        super().__init__(id="field-self_check", classes="form-field")
        self.slips = list(slips)

    def compose(self) -> ComposeResult:
        """The label and one yes/no question per part of the manager's own."""
        yield Label("Before you invoke it, your own part (y / n):", classes="field-label")
        for key, question in sessions.SELF_CHECK_QUESTIONS:
            with Horizontal(classes="self-check-row"):
                yield Static(question, classes="self-check-question", markup=False)
                yield YesNo(key)
        if self.slips:
            yield Static(
                plain("Your own slips with this rep: " + "; ".join(self.slips)),
                classes="self-check-slips",
            )
        yield Static("", id="self-check-warning")
        yield Static("", classes="field-error", markup=False)

    @property
    def answers(self) -> dict[str, bool]:
        """The answers given, by question key."""
        found: dict[str, bool] = {}
        for each in self.query(YesNo):
            if each.answer is not None:
                found[each.key] = each.answer
        return found

    def focus_input(self) -> None:
        """The first unanswered question focused (the first question if all are answered)."""
        unanswered = [w for w in self.query(YesNo) if w.answer is None]
        (unanswered or list(self.query(YesNo)))[0].focus()


class InvokeScreen(FormScreen[Invocation]):
    """Dismisses with the new ``Invocation`` (not saved: the caller posts ``SaveRequested``),
    or None when cancelled."""

    USER_ACTIONS = actions.INVOKE_FORM_ACTIONS
    BINDINGS = actions.bindings(actions.INVOKE_FORM_ACTIONS)

    DEFAULT_CSS = """
    InvokeScreen .invoke-dialog {
        width: 108; max-width: 98%; height: auto; max-height: 100%;
        border: thick $primary; background: $panel; padding: 0 2;
    }
    InvokeScreen .invoke-dialog > .dialog-title { margin: 1 0; }
    InvokeScreen .framing { color: $text-muted; text-style: italic; }
    InvokeScreen #quote { margin: 1 0 0 2; }
    InvokeScreen #quote-source { margin: 0 0 1 2; color: $text-muted; }
    InvokeScreen #ladder { margin-bottom: 1; }
    InvokeScreen #field-out_of_order_reason .step-row > Input { width: 1fr; }
    InvokeScreen #field-step { margin-bottom: 1; }
    InvokeScreen .step-row { height: 1; }
    InvokeScreen .step-row > Label { width: 16; color: $text-muted; }
    InvokeScreen .step-row > Select { width: 1fr; }
    InvokeScreen #evidence { height: auto; max-height: 7; }
    InvokeScreen .no-evidence { color: $text-muted; text-style: italic; }
    InvokeScreen .self-check-row { height: 1; }
    InvokeScreen .self-check-question { width: 40; }
    InvokeScreen YesNo { layout: horizontal; width: auto; height: 1; background: transparent; }
    InvokeScreen YesNo > RadioButton { width: auto; margin-right: 2; }
    InvokeScreen .self-check-slips { color: $text-muted; }
    InvokeScreen #self-check-warning { color: $warning; text-style: bold; display: none; }
    InvokeScreen #self-check-warning.-shown { display: block; }
    """

    def __init__(
        self,
        agreement: Agreement,
        invocations: list[Invocation],
        *,
        rep_name: str,
        evidence: list[str],
        session_id: str | None,
        now: pendulum.DateTime,
        manager_slips: Sequence[str] = (),
        picked: Sequence[str] = (),
    ) -> None:
        super().__init__(classes="dialog-screen")
        #: the evidence picked at first (home's accountability signal named it)
        self.picked = set(picked)
        self.agreement = agreement
        self.invocations = list(invocations)
        self.rep_name = rep_name
        self.evidence = list(evidence)
        self.session_id = session_id
        self.now = now
        self.manager_slips = list(manager_slips)
        self.invoked = sessions.invoked_steps(self.invocations, agreement)
        following = sessions.next_step(agreement, self.invocations)
        self.next_index: int | None = following[0] if following else None
        self.ready = False

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """The steps to choose from, the evidence, the reason, the self-check and the form's
        keys."""
        steps = self.agreement.consequence_steps
        with VerticalScroll(classes="invoke-dialog"):
            yield Static(
                plain(f"Invoke a consequence · {self.rep_name}", "bold"), classes="dialog-title"
            )
            yield Static(plain(f"“{FRAMING}”"), classes="framing")
            quote, source = self._quote(self.next_index)
            yield Static(quote, id="quote")
            yield Static(source, id="quote-source")
            yield Static(self._ladder(), id="ladder")
            with FormField(id="field-step", classes="form-field"):
                with Horizontal(classes="step-row"):
                    yield Label("Step to invoke", classes="field-label")
                    yield Select(
                        [(self._option(i), i) for i in range(len(steps))],
                        value=self.next_index if self.next_index is not None else Select.NULL,
                        allow_blank=self.next_index is None,
                        prompt="Pick a step",
                        compact=True,
                        id="step",
                    )
                yield Static("", classes="field-error", markup=False)
            with FormField(id="field-out_of_order_reason", classes="form-field") as out_of_order:
                with Horizontal(classes="step-row"):
                    yield Label("Why this step?", classes="field-label")
                    yield TextInput(
                        placeholder="Required: it is not the next step on the ladder",
                        id="input-out_of_order_reason",
                        limit=sessions.MAX_TEXT,
                        compact=True,
                    )
                yield Static("", classes="field-error", markup=False)
            out_of_order.display = bool(steps) and self.next_index is None
            with FormField(id="field-evidence", classes="form-field"):
                if self.evidence:
                    yield Label(
                        "Evidence on record (space to pick; none is required)",
                        classes="field-label",
                    )
                    yield SelectionList[int](
                        *[
                            Selection(plain(e), i, e in self.picked)
                            for i, e in enumerate(self.evidence)
                        ],
                        id="evidence",
                    )
                else:
                    yield Static(
                        "No missed or carried commitments and no numbers below quota on record: "
                        "say what happened in the reason.",
                        classes="no-evidence",
                    )
                yield Static("", classes="field-error", markup=False)
            yield Field(
                "Reason (what happened, in a sentence)", name="reason", max_length=sessions.MAX_TEXT
            )
            yield SelfCheck(self.manager_slips)
            yield Static(
                "ctrl+s invoke · Tab next field · space picks evidence · y / n answers "
                "· Esc cancel",
                classes="dialog-hint",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        """The step shown; the evidence focused if there is any, else the reason."""
        self._show_step()
        if self.evidence:
            self.query_one("#evidence").focus()
        else:
            self.query_one("#input-reason", Input).focus()
        self.ready = True

    def _option(self, index: int) -> Text:
        step = self.agreement.consequence_steps[index]
        text = f"{index + 1}. {one_line(step.text, 64)}"
        if step.id in self.invoked:
            text += " (invoked)"
        elif index == self.next_index:
            text += " (next)"
        return plain(text)

    def _day(self, moment: pendulum.DateTime) -> str:
        return moment.in_timezone(self.now.tz or "UTC").date().isoformat()

    def _ladder(self) -> Text:
        text = Text()
        steps = self.agreement.consequence_steps
        for i, step in enumerate(steps):
            done = self.invoked.get(step.id)
            if done is not None:
                mark, style = "✓", "dim"
                after = f"  · invoked {self._day(done.invoked_at)}"
            elif i == self.next_index:
                mark, style, after = "▸", "bold", "  · next"
            else:
                mark, style, after = " ", "", ""
            text.append(f" {mark} {i + 1}. ", style=style)
            text.append(one_line(step.text, 72), style=style)
            text.append(after + "\n", style="dim")
        text.rstrip()
        return text

    @property
    def chosen_index(self) -> int | None:
        """The index of the step chosen, or None."""
        value = self.query_one("#step", Select).value
        return value if isinstance(value, int) else None

    def _quote(self, index: int | None) -> tuple[Text, Text]:
        """The quoted words of step ``index`` and where they come from."""
        steps = self.agreement.consequence_steps
        when = self.agreement.agreed_on.isoformat() if self.agreement.agreed_on else "not agreed"
        where = f"from agreement v{self.agreement.version} agreed on {when}"
        if not steps:
            return (
                plain(f"v{self.agreement.version} has no consequence steps.", "bold"),
                plain("Agree the rep's ladder first (the agreement, part 5)."),
            )
        if index is None:
            return (
                plain(f"Every step of {self.rep_name}'s ladder has been invoked already.", "bold"),
                plain(f"To invoke a step again, pick it below and say why · {where}"),
            )
        line = f"Step {index + 1} of {len(steps)} · {where}"
        if index != self.next_index:
            line += (
                " · every step is invoked already"
                if self.next_index is None
                else f" · not the next step (step {self.next_index + 1} is)"
            )
        return plain(f"“{steps[index].text}”", "bold"), plain(line)

    def _show_step(self) -> None:
        """The quoted words and the out-of-order field follow the step picked."""
        index = self.chosen_index
        quote, source = self._quote(index)
        self.query_one("#quote", Static).update(quote)
        self.query_one("#quote-source", Static).update(source)
        out_of_order = index is None or index != self.next_index
        self.query_one("#field-out_of_order_reason").display = (
            bool(self.agreement.consequence_steps) and out_of_order
        )

    # -- events ---------------------------------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        """The chosen step shown (and whether it skips steps)."""
        event.stop()
        self._show_step()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """The warning shown while a self-check question is answered no."""
        event.stop()
        gaps = sessions.self_check_gaps(self.query_one(SelfCheck).answers)
        warning = self.query_one("#self-check-warning", Static)
        warning.set_class(bool(gaps), "-shown")
        if gaps:
            warning.update(
                plain(
                    f"⚠ {LEADER_WARNING} You answered no to: {' '.join(gaps)} "
                    "You can still invoke it."
                )
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: from the reason to the unanswered self-check, or the form submitted; elsewhere the
        next field."""
        event.stop()
        event.prevent_default()  # FormScreen's handler would submit as well
        if event.input.id == "input-reason":
            check = self.query_one(SelfCheck)
            if sessions.missing_self_checks(check.answers):
                check.focus_input()
            else:
                self.action_submit()
        else:
            self.focus_next()

    # -- the form -------------------------------------------------------------------------------

    def current_values(self) -> dict[str, str]:
        """The fields' values, the reason for skipping steps with them."""
        values = super().current_values()
        values["out_of_order_reason"] = self.query_one("#input-out_of_order_reason", Input).value
        return values

    def has_unsaved_changes(self) -> bool:
        """Whether anything was typed, chosen or answered."""
        return (
            super().has_unsaved_changes()
            or bool(self._picked_evidence())
            or bool(self.query_one(SelfCheck).answers)
            or self.chosen_index != self.next_index
        )

    def _picked_evidence(self) -> list[str]:
        found = list(self.query("#evidence").results(SelectionList))
        if not found:
            return []
        picked = set(found[0].selected)
        return [e for i, e in enumerate(self.evidence) if i in picked]

    def build(self) -> Invocation:
        """The invocation as filled in, checked; a ``FieldError`` on the first thing wrong."""
        index = self.chosen_index
        if index is None:
            raise FieldError("step", "Pick the step to invoke.")
        values = self.current_values()
        try:
            return sessions.invoke(
                self.agreement,
                index,
                invocations=self.invocations,
                reason=values["reason"],
                evidence=self._picked_evidence(),
                self_check=self.query_one(SelfCheck).answers,
                session_id=self.session_id,
                now=self.now,
                out_of_order_reason=values["out_of_order_reason"],
            )
        except FieldError:
            raise
        except ValueError as exc:  # misuse, not the manager's input: say so, keep the dialog
            raise FieldError("invoke", str(exc)) from None
