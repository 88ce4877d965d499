"""The team agreement as a document on screen: what ``export.team_agreement`` writes, drawn
with the rep agreement's document builder (``widgets.agreement_doc``): the same headings,
bullets, "(none written yet)", rule and footer, in the theme's colours."""

from __future__ import annotations

from collections.abc import Sequence

import pendulum
from rich.console import Group
from rich.rule import Rule
from rich.text import Text
from textual.widgets import Static

from oneonone.core.export.team_agreement import (
    INTRO,
    TITLE,
    review_of,
    team_manager,
    team_status_line,
    team_versions_note,
)
from oneonone.core.model import TeamAgreement, TeamSettings
from oneonone.core.team_agreement import TEAM_PARTS, part_lines
from oneonone.widgets.agreement_doc import Look, RenderedOnce, _Builder, _named, shown


def team_agreement_document(
    a: TeamAgreement,
    settings: TeamSettings,
    *,
    all_versions: Sequence[TeamAgreement] = (),
    next_review: pendulum.Date | None = None,
    look: Look | None = None,
) -> Group:
    """One version of the team agreement as the screen shows it (what the export writes)."""
    doc = _Builder(look or Look())
    doc.h1(Text(TITLE))
    doc.line(INTRO)
    for number, (title, lines) in enumerate(part_lines(a), 1):
        doc.h2(f"{number}. {shown(title)}")  # text, never markup
        doc.bullets(lines)
    doc.add(Rule(style=doc.look.rule), above=2)
    doc.line(team_status_line(a, review_of(a, all_versions, next_review)))
    note = team_versions_note(a, all_versions)
    if note:
        doc.line(note)
    doc.line(_named("Manager: ", team_manager(a, settings)))
    return doc.group()


def empty_team_document(key: str, *, look: Look | None = None) -> Group:
    """What the screen shows before there is any version: what to write, and the key."""
    doc = _Builder(look or Look())
    doc.h1(Text("No team agreement yet"))
    doc.line(
        "We sit down quarterly as a team: what are the expectations of the team, in "
        "addition to individual expectations? Write down what the team agrees:"
    )
    parts = [p.title for p in TEAM_PARTS]
    doc.listing([f"{i}." for i in range(1, len(parts) + 1)], parts, typed=False)
    press = Text("Press ", overflow="fold")
    press.append(key, doc.look.key)
    press.append(" to start (and add parts of your own).")
    doc.line(press)
    return doc.group()


Shown = tuple[TeamAgreement, TeamSettings, tuple[TeamAgreement, ...], pendulum.Date | None]


class TeamAgreementDocument(Static):
    """The team agreement's document, in one widget; ``show`` and ``show_empty`` replace what
    it shows; built again when the theme changes."""

    DEFAULT_CSS = """
    TeamAgreementDocument { height: auto; width: 1fr; padding: 1 2; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self._shown: Shown | str | None = None

    def on_mount(self) -> None:
        """Built again when the theme changes (its colours are the document's)."""
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._build())

    def show(
        self,
        a: TeamAgreement,
        settings: TeamSettings,
        all_versions: Sequence[TeamAgreement],
        next_review: pendulum.Date | None = None,
    ) -> None:
        """Show ``a``; ``next_review``: the team review scheduled."""
        shown = (a, settings, tuple(all_versions), next_review)
        if shown != self._shown:
            self._shown = shown
            self._build()

    def show_empty(self, key: str) -> None:
        """What shows before there is any version; ``key`` starts one."""
        if key != self._shown:
            self._shown = key
            self._build()

    def _build(self) -> None:
        if self._shown is None:
            return
        look = Look.from_variables(self.app.theme_variables or self.app.get_css_variables())
        if isinstance(self._shown, str):
            document = empty_team_document(self._shown, look=look)
        else:
            a, settings, versions, due = self._shown
            document = team_agreement_document(
                a, settings, all_versions=versions, next_review=due, look=look
            )
        self.update(RenderedOnce(document))


__all__ = ["TeamAgreementDocument", "empty_team_document", "team_agreement_document"]
