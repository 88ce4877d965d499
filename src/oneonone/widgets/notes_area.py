"""The notes area. Keys that act on the session (next step, switch notes, a commitment...) are
run here, in the order they were typed: a binding elsewhere would run only after the event
bubbled up, and text typed just before the key could land in the next step's notes."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual import events
from textual.widgets import TextArea

from oneonone.widgets.text import visible


class NotesArea(TextArea):
    def __init__(self, *, keys: Mapping[str, str], id: str | None = None) -> None:
        super().__init__("", id=id, soft_wrap=True, tab_behavior="focus")
        self._keys = dict(keys)  # key -> action name on the screen

    def get_line(self, line_index: int) -> Text:
        """The line as shown: control characters made visible, one for one (the document,
        and so the saved notes, keep them as typed)."""
        return Text(visible(self.document.get_line(line_index)), end="", no_wrap=True)

    async def _on_key(self, event: events.Key) -> None:
        action = self._keys.get(event.key)
        if action is None:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        await self.screen.run_action(action)
