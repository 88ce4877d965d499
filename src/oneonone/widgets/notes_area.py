"""The notes area. Keys that act on the session (next step, switch notes, a commitment...) are
run here, in the order they were typed: a binding elsewhere would run only after the event
bubbled up, and text typed just before the key could land in the next step's notes."""

from __future__ import annotations

from collections.abc import Mapping

from textual import events
from textual.widgets import TextArea


class NotesArea(TextArea):
    def __init__(self, *, keys: Mapping[str, str], id: str | None = None) -> None:
        super().__init__("", id=id, soft_wrap=True, tab_behavior="focus")
        self._keys = dict(keys)  # key -> action name on the screen

    async def _on_key(self, event: events.Key) -> None:
        action = self._keys.get(event.key)
        if action is None:
            await super()._on_key(event)
            return
        event.stop()
        event.prevent_default()
        await self.screen.run_action(action)
