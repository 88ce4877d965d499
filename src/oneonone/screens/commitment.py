"""One commitment: mark it done, carry it to a new date, drop it with a reason, correct its text
and date while it is open, or undo a done, dropped or carried set by mistake in this one-on-one.
Every change is kept on the commitment (``changes``) and shown here and in the history."""

from __future__ import annotations

import pendulum
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from oneonone import actions
from oneonone.core import sessions
from oneonone.core.model import Commitment, CommitmentChange, CommitmentState, Owner
from oneonone.screens.date_form import DATE_HINT, DateFormScreen
from oneonone.screens.form import FormScreen
from oneonone.screens.line_forms import TextLineForm
from oneonone.widgets.field import Field
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.text import plain

#: How many of the latest changes the dialog shows (the history shows them all).
SHOWN_CHANGES = 4


class CommitmentScreen(ModalScreen[Commitment | None]):
    """Dismisses with the changed commitment (to save), or None.

    ``session_id`` is the one-on-one it is opened from (None from home or search): a done,
    dropped or carried set in that one-on-one can be undone there."""

    USER_ACTIONS = actions.COMMITMENT_ACTIONS
    BINDINGS = actions.bindings(actions.COMMITMENT_ACTIONS)

    def __init__(
        self,
        commitment: Commitment,
        *,
        rep_name: str,
        today: pendulum.Date,
        session_id: str | None = None,
        timezone: str = "UTC",
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.commitment = commitment
        self.rep_name = rep_name
        self.today = today
        self.session_id = session_id
        self.timezone = timezone

    def compose(self) -> ComposeResult:
        """The commitment's text, whose it is, its dates, its history and its keys."""
        c = self.commitment
        whose = "Yours (the manager's)" if c.owner is Owner.MANAGER else f"{self.rep_name}'s"
        with Vertical(classes="dialog"):
            yield Static(plain(f"{whose} commitment", "bold"), classes="dialog-title")
            yield Static(plain(c.text), classes="dialog-body")
            yield Static(
                plain(
                    sessions.commitment_text(c, self.today).split(":", 1)[0] + " · " + self._facts()
                ),
                classes="dialog-hint",
            )
            if c.changes:
                shown = c.changes[-SHOWN_CHANGES:]
                lines = [sessions.change_text(ch, self.timezone) for ch in shown]
                if len(c.changes) > len(shown):
                    lines.insert(0, f"… {len(c.changes) - len(shown)} earlier changes")
                yield Static(
                    plain("Changes:\n" + "\n".join(lines)), classes="dialog-hint", id="changes"
                )
            yield Static(plain(self._keys_hint()), classes="dialog-hint")
        yield KeyFooter()

    def _keys_hint(self) -> str:
        keys = []
        if self.commitment.state is CommitmentState.OPEN:
            keys += [
                "d done",
                "c not done: carry to a new date",
                "x drop (with a reason)",
                "e edit the text or date",
            ]
        undoing = sessions.undoable(self.commitment, self.session_id)
        if undoing is not None:
            keys.append(f"u undo ({_undo_label(undoing)})")
        keys.append("Esc close")
        return " · ".join(keys)

    def _facts(self) -> str:
        c = self.commitment
        parts = [f"due {c.due}" if c.due else "no due date"]
        if c.carried:
            parts.append(f"carried ×{c.carried}")
        if c.state is not CommitmentState.OPEN:
            parts.append(c.state.value)
        return ", ".join(parts)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Done, carry, drop and edit only while the commitment is open; Undo where it can."""
        # "writable": the commitment is open (a closed one's record only changes by Undo)
        writable = self.commitment.state is CommitmentState.OPEN
        if actions.blocked(self.USER_ACTIONS, action, writable=writable):
            return None
        if action == "undo":  # shown only when there is something to undo
            return sessions.undoable(self.commitment, self.session_id) is not None
        return True

    def action_close(self) -> None:
        """Closed, nothing changed."""
        self.dismiss(None)

    def action_done(self) -> None:
        """Closed with the commitment marked done."""
        self.dismiss(
            sessions.mark_done(self.commitment, pendulum.now("UTC"), session_id=self.session_id)
        )

    def action_carry(self) -> None:
        """Carried over to a new due date, asked for."""

        def chosen(day: pendulum.Date | None) -> None:
            if day is not None:
                self.dismiss(
                    sessions.carry(
                        self.commitment, day, at=pendulum.now("UTC"), session_id=self.session_id
                    )
                )

        self.app.push_screen(
            DateFormScreen(
                "Carry it to a new date",
                "New due date",
                today=self.today,
                value=self.today.add(weeks=1),
            ),
            chosen,
        )

    def action_drop(self) -> None:
        """Dropped, with the reason asked for."""

        def chosen(reason: str | None) -> None:
            if reason is not None:
                self.dismiss(
                    sessions.drop(
                        self.commitment, reason, pendulum.now("UTC"), session_id=self.session_id
                    )
                )

        self.app.push_screen(
            TextLineForm("Why is it dropped?", "", hint="It stays on record with the reason."),
            chosen,
        )

    def action_edit(self) -> None:
        """Its text and due date edited in a form."""

        def edited(changed: Commitment | None) -> None:
            if changed is not None and changed is not self.commitment:
                self.dismiss(changed)

        self.app.push_screen(
            CommitmentEditForm(self.commitment, today=self.today, session_id=self.session_id),
            edited,
        )

    def action_undo(self) -> None:
        """What this one-on-one did to the commitment, undone."""
        if sessions.undoable(self.commitment, self.session_id) is None:
            return
        self.dismiss(sessions.undo(self.commitment, self.session_id, pendulum.now("UTC")))


def _undo_label(change: CommitmentChange) -> str:
    return "carry" if change.what == sessions.CHANGE_CARRIED else change.after


def saved_message(changed: Commitment) -> str:
    """What to say once ``changed`` is saved, from its latest change."""
    if not changed.changes:
        return f"Commitment {changed.state.value}."
    last = changed.changes[-1]
    latest = [ch for ch in changed.changes if ch.at == last.at]
    if last.note == sessions.UNDONE:
        return (
            "Undone: the commitment is open again."
            if any(ch.what == sessions.CHANGE_STATE for ch in latest)
            else "Undone: the carry is taken back."
        )
    if any(ch.what == sessions.CHANGE_STATE for ch in latest):
        return f"Commitment {changed.state.value}."
    if any(ch.what == sessions.CHANGE_CARRIED for ch in latest):
        return "Commitment carried" + (f" to {changed.due}." if changed.due else ".")
    return "Commitment corrected."


class CommitmentEditForm(FormScreen[Commitment]):
    """Correct an open commitment's text and due date; dismisses with the corrected record (the
    same record when nothing changed), each change recorded on it."""

    def __init__(
        self, commitment: Commitment, *, today: pendulum.Date, session_id: str | None = None
    ) -> None:
        super().__init__(classes="dialog-screen")
        self.commitment = commitment
        self.today = today
        self.session_id = session_id

    def initial_values(self) -> dict[str, str]:
        """The commitment's text and due date."""
        c = self.commitment
        return {"text": c.text, "due": c.due.isoformat() if c.due else ""}

    def compose(self) -> ComposeResult:
        """The title, the text and due date fields, the form's keys."""
        start = self.initial_values()
        with Vertical(classes="dialog form"):
            yield Static(plain("Correct the commitment", "bold"), classes="dialog-title")
            yield Field("What", name="text", value=start["text"], max_length=sessions.MAX_TEXT)
            yield Field(
                "By (optional)", name="due", value=start["due"], hint=DATE_HINT + "; empty: no date"
            )
            yield Static(
                "The change is kept on record · ctrl+s keep · Esc cancel", classes="dialog-hint"
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        """The first field focused."""
        self.query_one(Field).focus_input()

    def build(self) -> Commitment:
        """The commitment with the text and due date typed, checked; the change recorded."""
        v = self.current_values()
        now = pendulum.now("UTC")
        return sessions.edit_commitment(
            self.commitment, v["text"], v["due"], self.today, now, session_id=self.session_id
        )
