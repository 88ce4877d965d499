"""The agreement screen's document: one version of an agreement, in ONE widget.

The screen used to show the exported Markdown in Textual's ``Markdown`` widget, which parses
the text and mounts a widget for every block, list item and table cell (about 300 for an
agreement): 370-450 ms from the key to the document, at any size of data file. Here the
document is built straight from the ``Agreement`` as one Rich renderable (headings, lines
with hanging indents, a table for the quota and one for the ways to reach each other) in one
``Static``; it is rendered once per width, and the widget is kept when another version is
chosen.

It says what the export says, in the same order, with the export's own titles, headers and
status lines. User text is never parsed: each piece goes into a ``rich.text.Text`` as typed
(no markup, no emoji codes, no Markdown), with line breaks folded into spaces as the export
folds them, and control characters shown (``visible``), never sent to the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

import pendulum
from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.errors import StyleSyntaxError
from rich.measure import Measurement
from rich.rule import Rule
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.color import Color, ColorParseError
from textual.widgets import Static

from oneonone.core.agreement_parts import AGREEMENT_PARTS, LineKind, PartField
from oneonone.core.agreements import format_number
from oneonone.core.export.agreement import (
    COMM_HEADER,
    QUOTA_HEADER,
    STEPS_INTRO,
    acknowledgement_text,
    comm_cells,
    is_blank_rule,
    manager_of,
    review_shown,
    status_line,
    versions_note,
)
from oneonone.core.export.escape import folded
from oneonone.core.model import Agreement, Rep, TeamSettings
from oneonone.widgets.text import visible

NONE_YET = "(none written yet)"
NO_NAME = "(no name set)"


def shown(text: str) -> str:
    """User text as the document shows it: one line (line breaks folded into spaces, as in
    the export), every control character visible."""
    return visible(folded(text))


class Look(NamedTuple):
    """The document's styles, from the theme: the ones the Markdown widget gave the same
    things (headings, bullets, table headers and lines)."""

    h1: Style = Style(bold=True)
    h2: Style = Style(underline=True)
    h3: Style = Style(bold=True)
    mark: Style = Style()
    table_header: Style = Style(bold=True)
    border: Style = Style(dim=True)
    rule: Style = Style(dim=True)
    key: Style = Style(bold=True, reverse=True)

    @classmethod
    def from_variables(cls, variables: dict[str, str]) -> Look:
        """The look from the theme's CSS variables (the first of each set that parses)."""

        def parse(*names: str) -> Color | None:
            for name in names:
                try:
                    return Color.parse(variables[name])
                except (KeyError, ColorParseError):
                    continue
            return None

        def color(*names: str) -> Style:
            found = parse(*names)
            return Style(color=found.rich_color) if found is not None else Style()

        def heading(level: str, default: str) -> Style:
            try:
                style = Style.parse(variables.get(f"markdown-{level}-text-style", default))
            except StyleSyntaxError:
                style = Style.parse(default)
            return color(f"markdown-{level}-color", "primary") + style

        foreground, background = parse("foreground"), parse("background")
        border = Style(dim=True)
        if foreground is not None and background is not None and not background.ansi:
            # the Markdown table's lines: "$foreground 20%"
            border = Style(color=(background + foreground.with_alpha(0.2)).rich_color)
        return cls(
            h1=heading("h1", "bold"),
            h2=heading("h2", "underline"),
            h3=heading("h3", "bold"),
            mark=color("text-primary", "primary"),
            table_header=color("primary"),
            border=border,
            rule=color("secondary"),
        )


class RenderedOnce:
    """``renderable``, rendered once for each width it is asked at. Textual renders a widget's
    Rich content twice in a row (to find its height, then to draw it), and rendering is most
    of the cost of showing the document."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._width = -1
        self._segments: list[Segment] = []

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """The renderable's segments, rendered again only when the width changed."""
        if options.max_width != self._width:
            self._segments = list(console.render(self.renderable, options))
            self._width = options.max_width
        yield from self._segments

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """The renderable's own measurement."""
        return Measurement.get(console, options, self.renderable)


def _segments(console: Console, text: Text) -> Iterable[Segment]:
    """One line of text as segments, in its own style too (``Text.render`` leaves out the
    style of a text that has no spans)."""
    segments = text.render(console)
    return Segment.apply_style(segments, console.get_style(text.style)) if text.style else segments


class Listing:
    """Lines of text, each after its mark (a bullet, a number); a long line wraps under its
    own text. (What a two-column ``Table.grid`` draws, in a fraction of the time.)"""

    def __init__(self, rows: Sequence[tuple[str, Text]], mark_style: Style) -> None:
        self.rows = rows
        self.mark_style = mark_style
        self.gutter = max((cell_len(mark) for mark, _ in rows), default=0) + 1

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Each row's mark in the gutter, its text wrapped beside it."""
        width = max(1, options.max_width - self.gutter)
        blank = Segment(" " * self.gutter)
        for mark, text in self.rows:
            for i, line in enumerate(text.wrap(console, width, overflow="fold")):
                if i == 0:
                    yield Segment(" " * (self.gutter - 1 - cell_len(mark)))
                    yield Segment(f"{mark} ", self.mark_style)
                else:
                    yield blank
                yield from _segments(console, line)
                yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """From the gutter and one character to the gutter and the longest row."""
        longest = max((cell_len(text.plain) for _, text in self.rows), default=0)
        return Measurement(self.gutter + 1, self.gutter + longest)


class _Builder:
    """Blocks one under the other, with blank lines between them as their margins ask (the
    larger of the two margins, as CSS collapses them)."""

    def __init__(self, look: Look) -> None:
        self.look = look
        self.blocks: list[RenderableType] = []
        self._below = 0

    def add(self, block: RenderableType, above: int = 0, below: int = 1) -> None:
        gap = max(above, self._below) if self.blocks else 0
        if gap:
            self.blocks.append(Text("\n" * (gap - 1)))
        self.blocks.append(block)
        self._below = below

    def group(self) -> Group:
        return Group(*self.blocks)

    # -- kinds of block -----------------------------------------------------------------------

    def h1(self, text: Text) -> None:
        text.stylize(self.look.h1)
        text.justify = "center"
        self.add(text)

    def h2(self, title: str) -> None:
        self.add(Text(title, self.look.h2, overflow="fold"), above=2)

    def h3(self, title: str) -> None:
        self.add(Text(title, self.look.h3, overflow="fold"), above=1)

    def line(self, text: str | Text) -> None:
        self.add(text if isinstance(text, Text) else Text(text, overflow="fold"))

    def none_yet(self) -> None:
        self.add(Text(NONE_YET, "italic dim"))

    def user(self, text: str) -> None:
        """A paragraph of user text, or "(none written yet)"."""
        if text.strip():
            self.line(Text(shown(text), overflow="fold"))
        else:
            self.none_yet()

    def listing(self, marks: Sequence[str], items: Sequence[str], *, typed: bool = True) -> None:
        rows = [
            (mark, Text(shown(item) if typed else item))
            for mark, item in zip(marks, items, strict=True)
        ]
        self.add(Listing(rows, self.look.mark))

    def bullets(self, items: Sequence[str]) -> None:
        if items:
            self.listing(["•"] * len(items), items)
        else:
            self.none_yet()

    def table(
        self,
        header: Sequence[str],
        rows: Iterable[Sequence[str]],
        *,
        right: Sequence[int] = (),
        lines: bool = False,
    ) -> None:
        """A table of user text; ``right`` are the columns of numbers; ``lines`` between the
        rows, for cells that wrap."""
        table = Table(
            box=box.ROUNDED,
            border_style=self.look.border,
            header_style=self.look.table_header,
            show_lines=lines,
        )
        for i, title in enumerate(header):
            table.add_column(
                Text(title), justify="right" if i in right else "left", overflow="fold"
            )
        for row in rows:
            table.add_row(*(Text(shown(cell), overflow="fold") for cell in row))
        self.add(table)


def _intro(rep: Rep) -> str:
    """Role and dates (the export's ``intro_line``, as plain text)."""
    bits = [shown(rep.role)] if rep.role.strip() else []
    bits.append(f"started {rep.start_date.isoformat()}")
    if rep.departed_on is not None:
        bits.append(f"left {rep.departed_on.isoformat()}")
    line = " · ".join(bits)
    return line if rep.role.strip() else line[0].upper() + line[1:]


def _named(prefix: str, name: str) -> Text:
    text = Text(prefix, overflow="fold")
    if name.strip():
        text.append(shown(name))
    else:
        text.append(NO_NAME, "italic")
    return text


def _field(doc: _Builder, a: Agreement, f: PartField) -> None:
    """One field of the agreement: its sub-heading if it has one, then what is written (or
    that nothing is), as ``agreement_markdown`` writes it."""
    if f.heading is not None:
        doc.h3(f.heading)
    if f.kind is LineKind.QUOTA:
        if a.quota_lines:
            quota = [
                (q.label, format_number(float(q.number)), q.unit, q.period.value)
                for q in a.quota_lines
            ]
            doc.table(QUOTA_HEADER, quota, right=(1,))
        else:
            doc.none_yet()
    elif f.kind is LineKind.CHANNELS:
        rules = [r for r in a.comm_rules if not is_blank_rule(r)]
        if rules:
            doc.table(COMM_HEADER, [comm_cells(r) for r in rules], lines=True)
        else:
            doc.none_yet()
    elif f.kind is LineKind.STEPS:
        if a.consequence_steps:
            doc.line(STEPS_INTRO)
            steps = a.consequence_steps
            doc.listing([f"{i}." for i in range(1, len(steps) + 1)], [s.text for s in steps])
        else:
            doc.none_yet()
    elif f.kind is LineKind.TEXT:
        doc.user(getattr(a, f.name))
    else:
        doc.bullets(getattr(a, f.name))


def agreement_document(
    a: Agreement,
    rep: Rep,
    settings: TeamSettings,
    *,
    all_versions: Sequence[Agreement] = (),
    look: Look | None = None,
    next_review: pendulum.Date | None = None,
    ack_key: str = "",
) -> Group:
    """One version of the agreement as the screen shows it: what ``agreement_markdown``
    writes, as one renderable (``ack_key``: the key to record an acknowledgement)."""
    doc = _Builder(look or Look())
    doc.h1(_named("Agreement: ", rep.name))
    doc.line(_intro(rep))
    for part in AGREEMENT_PARTS:
        doc.h2(part.heading)
        for f in part.fields:
            _field(doc, a, f)
    # the footer: the state, the version this one replaces (or that replaces it), the manager
    doc.add(Rule(style=doc.look.rule), above=2)
    footer = status_line(a, review_shown(a, all_versions, next_review))
    if a.inherited:
        footer += " · agreed under a previous manager"
    doc.line(footer)
    note = versions_note(a, all_versions)
    if note:
        doc.line(note)
    doc.line(_named("Manager: ", manager_of(a, settings)))
    if a.is_agreed:
        said = shown(acknowledgement_text(a, rep))
        if a.acknowledged_on is None and ack_key:
            said += f" Press {ack_key} to record it."
        doc.line(said)
    return doc.group()


def empty_document(rep: Rep, *, look: Look | None = None) -> Group:
    """What the screen shows for a rep with no agreement yet: what to do next."""
    doc = _Builder(look or Look())
    doc.h1(_named("No agreement yet with ", rep.name))
    doc.line("Hold the expectations conversation and write it down here, both ways:")
    parts = [part.title for part in AGREEMENT_PARTS]
    parts[-1] += ": the rep's own consequence steps"
    doc.listing([f"{part.number}." for part in AGREEMENT_PARTS], parts, typed=False)
    press = Text("Press ", overflow="fold")
    press.append("e", doc.look.key)
    press.append(" to start, from your team template (")
    press.append("t", doc.look.key)
    press.append(" on the roster edits it).")
    doc.line(press)
    return doc.group()


Shown = tuple[Agreement, Rep, TeamSettings, tuple[Agreement, ...], pendulum.Date | None, str]


class AgreementDocument(Static):
    """The document, in one widget: ``show`` and ``show_empty`` replace what it shows. The
    colours follow the theme: a change of theme builds the document again."""

    DEFAULT_CSS = """
    AgreementDocument { height: auto; width: 1fr; padding: 1 2; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._shown: Shown | Rep | None = None

    @property
    def showing(self) -> bool:
        """Whether it shows a document yet (an agreement or the empty state)."""
        return self._shown is not None

    def on_mount(self) -> None:
        """Built again when the theme changes (its colours are the document's)."""
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._build())

    def show(
        self,
        a: Agreement,
        rep: Rep,
        settings: TeamSettings,
        all_versions: Sequence[Agreement],
        next_review: pendulum.Date | None = None,
        ack_key: str = "",
    ) -> None:
        """Show ``a``; ``next_review`` is the rep's (``schedule.next_review``); ``ack_key``, the
        key that records the rep's acknowledgement (named while there is none)."""
        shown = (a, rep, settings, tuple(all_versions), next_review, ack_key)
        if shown != self._shown:  # a version marked, say: the same document
            self._shown = shown
            self._build()

    def show_empty(self, rep: Rep) -> None:
        """What the rep's agreement screen shows before there is any version."""
        if rep != self._shown:
            self._shown = rep
            self._build()

    def _build(self) -> None:
        if self._shown is None:
            return
        look = Look.from_variables(self.app.theme_variables or self.app.get_css_variables())
        if isinstance(self._shown, Rep):
            document = empty_document(self._shown, look=look)
        else:
            a, rep, settings, versions, due, ack_key = self._shown
            document = agreement_document(
                a, rep, settings, all_versions=versions, look=look, next_review=due, ack_key=ack_key
            )
        self.update(RenderedOnce(document))
