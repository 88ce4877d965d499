"""Command palette entries that name a rep: "Start 1:1 with Sam Ortiz", fuzzy on the name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from oneonone.core.model import Rep
from oneonone.ports import services
from oneonone.widgets.text import visible


def highlighted(matcher: Matcher, title: str) -> Content:
    """``title`` with the matched characters highlighted, as plain text. (``Matcher.highlight``
    reads its argument as markup, and ``escape`` cannot make every name safe for it: a rep
    named "[[b]" showed as "[\\[b]", and the offsets it highlights are those of the escaped
    text.)"""
    content = Content(visible(title))
    _, offsets = matcher.fuzzy_search.match(matcher.query, title)
    for offset in offsets:
        if not title[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class RepCommands(Provider):
    """Three entries per current rep: start a one-on-one, the agreement, the history."""

    def _reps(self) -> list[Rep]:
        return services(self.app).team.current_reps()

    def _commands(self) -> list[tuple[str, str, object]]:
        app = services(self.app)
        found: list[tuple[str, str, object]] = []
        for rep in self._reps():
            found += [
                (
                    f"Start 1:1 with {rep.name}",
                    "Choose the kind, then the script guides you",
                    partial(app.start_session, rep),
                ),
                (
                    f"Agreement of {rep.name}",
                    "Open the rep's written two-way agreement",
                    partial(app.open_agreement, rep),
                ),
                (
                    f"History of {rep.name}",
                    "The rep's one-on-ones and invocations",
                    partial(app.open_history, rep),
                ),
            ]
        return found

    async def discover(self) -> Hits:
        """Shown before anything is typed: "Start 1:1 with" each current rep."""
        for title, help_text, callback in self._commands():
            if title.startswith("Start 1:1"):
                yield DiscoveryHit(Content(visible(title)), callback, text=title, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        """Each rep entry that matches ``query``, its matched letters highlighted."""
        matcher = self.matcher(query)
        for title, help_text, callback in self._commands():
            score = matcher.match(title)
            if score > 0:
                # plain text: a rep named "[b]Sam" is shown as typed, never as markup
                shown = highlighted(matcher, title)
                yield Hit(score, shown, callback, text=title, help=help_text)  # type: ignore[arg-type]
