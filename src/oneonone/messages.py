"""Messages that go up from screens to the App."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from textual.message import Message


class SaveRequested(Message):
    """Records changed on a screen: the App saves them off the UI thread and tells the screens
    that hold copies. ``saved_message`` is shown once saved."""

    def __init__(
        self,
        records: Sequence[object],
        saved_message: str = "",
        *,
        refresh_home: bool = True,
        journal: bool = False,
        then: Callable[[], object] | None = None,
    ) -> None:
        super().__init__()
        #: called on the UI thread once the records are saved (not when the save failed)
        self.then = then
        self.records = list(records)
        self.saved_message = saved_message
        self.refresh_home = refresh_home  # False for autosaves: home needs no reload per keystroke
        # True for autosaves of typed notes: a line of the store's journal, not the whole file
        self.journal = journal
