"""Command palette entries that name a rep: "Start 1:1 with Sam Ortiz", fuzzy on the name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from oneonone.core.lookup import name_rank
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


#: A rep named by the query: their entries score about this, above any fuzzy match (Textual's
#: scores grow with the letters matched, 9 or 12 for a short query): the App's own commands'
#: too, so "ros" is Rosa's one-on-one, not the Roster, and "qu" Quinn's, never Quit. The
#: fuzzy matches of every other rep entry are weighed down by ``FUZZY_WEIGHT``.
NAMED = 1_000_000.0
FUZZY_WEIGHT = 0.8
#: Among a named rep's entries: starting a one-on-one first, then the agreement, the history.
_ORDER = {"Start": 0.0, "Agreement": 0.05, "History": 0.1}


class RepCommands(Provider):
    """Three entries per current rep: start a one-on-one, the agreement, the history."""

    def _reps(self) -> list[Rep]:
        return services(self.app).team.current_reps()

    def _commands(self) -> list[tuple[str, str, object, Rep]]:
        app = services(self.app)
        found: list[tuple[str, str, object, Rep]] = []
        for rep in self._reps():
            found += [
                (
                    f"Start 1:1 with {rep.name}",
                    "Choose the kind, then the script guides you",
                    partial(app.start_session, rep),
                    rep,
                ),
                (
                    f"Agreement of {rep.name}",
                    "Open the rep's written two-way agreement",
                    partial(app.open_agreement, rep),
                    rep,
                ),
                (
                    f"History of {rep.name}",
                    "The rep's one-on-ones and invocations",
                    partial(app.open_history, rep),
                    rep,
                ),
            ]
        return found

    async def discover(self) -> Hits:
        """Shown before anything is typed: "Start 1:1 with" each current rep."""
        for title, help_text, callback, _ in self._commands():
            if title.startswith("Start 1:1"):
                yield DiscoveryHit(Content(visible(title)), callback, text=title, help=help_text)  # type: ignore[arg-type]

    async def search(self, query: str) -> Hits:
        """Each rep entry that matches ``query``, its matched letters highlighted. A query that
        names a rep (the start of their name or of a word of it, accents and case ignored, as
        the command line finds reps) puts that rep's entries first, "Start 1:1" at the top:
        ctrl+p, a name's start and Enter start a one-on-one from any screen."""
        matcher = self.matcher(query)
        for title, help_text, callback, rep in self._commands():
            score = matcher.match(title) * FUZZY_WEIGHT
            rank = name_rank(rep, query)
            if rank is not None:
                score = max(score, NAMED - rank * 0.01 - _ORDER[title.split(" ", 1)[0]])
            if score > 0:
                # plain text: a rep named "[b]Sam" is shown as typed, never as markup
                shown = highlighted(matcher, title)
                yield Hit(score, shown, callback, text=title, help=help_text)  # type: ignore[arg-type]
