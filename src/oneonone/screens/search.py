"""Search every note, commitment, invocation and agreement, across reps, as you type."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Header, Input, Static

from oneonone import actions
from oneonone.core.model import Rep
from oneonone.core.search import KIND_CANDIDATE, SearchHit, SearchIndex
from oneonone.ports import services
from oneonone.widgets.field import TextInput
from oneonone.widgets.footer import KeyFooter
from oneonone.widgets.text import one_line, plain, visible

LIMIT = 200


class HitTable(DataTable[Text]):
    """The search's hits, one line a row."""

    BINDINGS = actions.bindings(actions.LIST_MOVES)


class SearchScreen(Screen[None]):
    """Results appear while typing; the search itself runs in a worker, so typing never waits.
    Enter in the box opens the first hit (once its results are in, if they are not yet); in
    the list, the highlighted one. A hit opens on top of this screen: Esc comes back to the
    results, and ``ctrl+f`` there comes back too (``search_again``), never a second search."""

    USER_ACTIONS = actions.SEARCH_ACTIONS
    BINDINGS = actions.bindings(actions.SEARCH_ACTIONS)

    def __init__(self, index: SearchIndex | None, reps: dict[str, Rep]) -> None:
        super().__init__()
        self.index = index
        self.reps = reps
        self.hits: list[SearchHit] = []
        self._shown: str | None = None  # the query whose results are in the list
        self._open_first = False  # Enter came before the results: open the first once in

    def compose(self) -> ComposeResult:
        """The header, the search box, the status line, the hits and the footer."""
        yield Header()
        yield TextInput(
            placeholder="Search notes, commitments, invocations, agreements", id="query"
        )
        yield Static("", id="search-status")
        yield HitTable(id="hits", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        """The hits' columns set up; the box focused."""
        table = self.query_one(HitTable)
        for label in ("Date", "Rep", "Where", "Found"):
            table.add_column(plain(label))
        self.query_one("#query", Input).focus()
        self._status(
            "Type a word: every rep's notes, commitments, invocations and agreements."
            if self.index is not None
            else "Preparing the search…"
        )

    def index_ready(self, index: SearchIndex) -> None:
        """Search is built: what is typed already is searched."""
        self.index = index
        query = self.query_one("#query", Input).value
        if query.strip():
            self.run_search(query)
        else:
            self._status("Type a word: every rep's notes, commitments, invocations and agreements.")

    def _status(self, text: str) -> None:
        self.query_one("#search-status", Static).update(plain(text, "dim"))

    def on_input_changed(self, event: Input.Changed) -> None:
        """What is typed searched as it is typed."""
        self._open_first = False
        if self.index is not None:
            self.run_search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the box: the first hit, now or as soon as the search has run."""
        event.stop()
        if not event.value.strip():
            return
        if self._shown == event.value:
            self._open_first_hit()
        else:
            self._open_first = True

    def _open_first_hit(self) -> None:
        if not self.hits:
            return
        table = self.query_one(HitTable)
        table.move_cursor(row=0)
        table.focus()  # back from the hit, the list is where the next one is chosen
        services(self).open_hit(self.hits[0])

    def search_again(self) -> None:
        """``ctrl+f`` from a hit opened here: this screen again, its box ready for a new query
        (the text selected: typing replaces it)."""
        box = self.query_one("#query", Input)
        box.focus()
        box.select_all()

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        """``query`` searched in a worker, then the hits shown."""
        index = self.index
        if index is None:
            return
        hits = index.search(query, limit=LIMIT) if query.strip() else []
        self.app.call_from_thread(self.show, query, hits)

    def show(self, query: str, hits: list[SearchHit]) -> None:
        """The hits of ``query`` shown, unless typing moved on."""
        if query != self.query_one("#query", Input).value:
            return  # typing moved on
        self.hits = hits
        self._shown = query
        table = self.query_one(HitTable)
        table.clear()
        for hit in hits:
            rep = self.reps.get(hit.rep_id)
            who, where = _who_where(hit, rep)
            found = Text(no_wrap=True, overflow="ellipsis")
            snippet = visible(hit.snippet)  # notes may hold control characters: shown, not run
            found.append(snippet[: hit.start])
            found.append(snippet[hit.start : hit.end], style="bold reverse")
            found.append(snippet[hit.end :])
            table.add_row(
                plain(hit.when.isoformat(), "dim"),
                plain(one_line(who, 20)),
                plain(one_line(where, 28), "dim"),
                found,
            )
        if not query.strip():
            self._status("Type a word: every rep's notes, commitments, invocations and agreements.")
        elif not hits:
            self._status(f"Nothing found for {query.strip()!r}.")
        else:
            more = f" (the first {LIMIT})" if len(hits) >= LIMIT else ""
            self._status(f"{len(hits)} found{more}, best first · Enter opens one")
        if self._open_first:
            self._open_first = False
            self._open_first_hit()

    def action_to_results(self) -> None:
        """The hits focused, if there are any."""
        if self.hits:
            self.query_one(HitTable).focus()

    def action_back(self) -> None:
        """Back to the screen before."""
        self.app.pop_screen()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a hit opens it."""
        event.stop()
        self.action_open_hit()

    def action_open_hit(self) -> None:
        """The hit under the cursor opened where it is (in the box: to the hits first)."""
        table = self.query_one(HitTable)
        if self.focused is not table or not self.hits:
            self.action_to_results()
            return
        hit = self.hits[min(table.cursor_row, len(self.hits) - 1)]
        services(self).open_hit(hit)


def _who_where(hit: SearchHit, rep: Rep | None) -> tuple[str, str]:
    """The name and place columns of a hit: a candidate's name is the first part of its place
    ("Ann Lee · interview 2026-11-20 · Answer"); a rep not found is "?"."""
    if hit.kind == KIND_CANDIDATE:
        name, _, place = hit.where.partition(" · ")
        return name, place
    return (rep.name if rep else "?"), hit.where
