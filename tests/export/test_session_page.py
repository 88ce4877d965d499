"""One session as the history screen's page (core/export/session_page.py): user text is
escaped the export's way, and notes split only at the note field's own line breaks."""

from __future__ import annotations

import pendulum
from markdown_it import MarkdownIt

from oneonone.core.export.session_page import NOTHING, session_markdown, text_block, when
from oneonone.core.export.sessions import paragraphs
from oneonone.core.model import Rep, Session, SessionKind, StepNote, TeamSettings


def test_notes_are_literal_paragraphs_like_the_exports() -> None:
    text = "# not a heading\r\nline two\n\n\n* not a bullet"
    assert text_block(text) == "\n\n".join(paragraphs(text))
    assert text_block("  \n ") == NOTHING


def test_only_the_note_fields_breaks_split_a_line() -> None:
    assert (
        text_block("one\x0btwo\u2028three")
        == paragraphs("one\x0btwo\u2028three", lines=lambda t: [t])[0]
    )
    assert paragraphs("one\u2028two") == ["one\\\ntwo"]  # the export splits there


def test_the_page_keeps_user_text_out_of_its_structure() -> None:
    rep = Rep(name="Sam ## Ito", start_date=pendulum.Date(2024, 1, 8))
    started = pendulum.datetime(2026, 11, 20, 14, 0, tz="UTC")
    session = Session(
        rep_id=rep.id,
        kind=SessionKind.REGULAR,
        started_at=started,
        steps=[StepNote(title="# Wins", notes="- [x] fake", covered=True)],
        notes="## Injected",
        closed=True,
    )
    page = session_markdown(
        session,
        rep=rep,
        settings=TeamSettings(timezone="Europe/Paris"),
        commitments=[],
        invocations=[],
        show_private=False,
    )
    tokens = MarkdownIt("commonmark").parse(page)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == "Regular with Sam ## Ito"
    assert not any("Injected" in h or "fake" in h for h in headings)
    # "- [x] fake" stays a bullet the manager typed, never a task item or a heading
    items = [tokens[i + 2].content for i, t in enumerate(tokens) if t.type == "list_item_open"]
    assert items == ["\\[x] fake"]
    assert when(started, "Europe/Paris") == "Fri 2026-11-20 15:00"
