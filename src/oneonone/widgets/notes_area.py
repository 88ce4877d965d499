"""The notes area. Keys that act on the session (next step, switch notes, a commitment...) are
run here, in the order they were typed: a binding elsewhere would run only after the event
bubbled up, and text typed just before the key could land in the next step's notes.

For the same reason, an edit reaches the session at once (``on_edit``, called inside the edit),
not through a ``Changed`` message: that message would be handled only after keys already
queued behind the edit (a burst of typing, a paste, then ctrl+n), and would climb four widgets
on every key. Nothing listens for ``SelectionChanged`` either: it is not posted."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widgets import TextArea

from oneonone.widgets.text import visible


class NotesArea(TextArea):
    """A one-on-one's notes: control characters shown, its own keys sent to the screen, each edit
    told."""

    _on_edit: Callable[[str], None] | None = None  # also while TextArea.__init__ runs

    def __init__(
        self,
        *,
        keys: Mapping[str, str],
        on_edit: Callable[[str], None] | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__("", id=id, soft_wrap=True, tab_behavior="focus")
        self._keys = dict(keys)  # key -> action name on the screen
        self._on_edit = on_edit

    def get_line(self, line_index: int) -> Text:
        """The line as shown: control characters made visible, one for one (the document,
        and so the saved notes, keep them as typed)."""
        return Text(visible(self.document.get_line(line_index)), end="", no_wrap=True)

    def post_message(self, message: Message) -> bool:
        """A change of the text goes to ``on_edit`` now, unless prevented (``with
        area.prevent(TextArea.Changed)``, as when the screen loads other notes)."""
        if self._on_edit is not None and isinstance(message, TextArea.Changed):
            if not self.check_message_enabled(message):
                return False
            self._on_edit(self.text)
            return True
        if isinstance(message, TextArea.SelectionChanged):
            return False
        return super().post_message(message)

    async def _on_key(self, event: events.Key) -> None:
        if self.screen.focused is not self:
            # Sent here before a key just before it moved the focus (F2, keys sent together):
            # not typed here (no default handling), it bubbles on to the screen and the app,
            # where it works as it does where the focus is now.
            event.prevent_default()
            return
        action = self._keys.get(event.key)
        if action is None:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        await self.screen.run_action(action)
