"""Search: every note, commitment, invocation and agreement line, by words typed (prefixes,
case and accents folded), best first (bm25, then newest), with a snippet."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oneonone.core import search as search_module
from oneonone.core.model import (
    Addendum,
    Agreement,
    AgreementState,
    Commitment,
    CommitmentState,
    ConsequenceStep,
    Invocation,
    Owner,
    Period,
    QuotaLine,
    Rep,
    Session,
    SessionKind,
    StepNote,
    TeamSettings,
)
from oneonone.core.search import (
    KIND_AGREEMENT,
    KIND_COMMITMENT,
    KIND_INVOCATION,
    KIND_NOTE,
    SearchHit,
    SearchIndex,
    marked_span,
    match_query,
    original_span,
    snippet,
)
from oneonone.core.store import Store
from tests.export.strategies import TEXTS

REP = "rep-1"
DAY = pendulum.datetime(2026, 3, 2, 15, 0, tz="UTC")


def records() -> list[object]:
    s1 = Session(
        rep_id=REP,
        kind=SessionKind.REGULAR,
        started_at=DAY,
        steps=[
            StepNote("Open commitments", notes="Acme deal slipped\nCall ACME back"),
            StepNote(""),
        ],
        notes="Free notes about the pipeline",
        private_notes="Private: thinks about leaving",
        addenda=[Addendum(DAY.add(days=2), "Acme signed after all")],
        id="s1",
    )
    s2 = Session(
        rep_id="rep-2",
        kind=SessionKind.REGULAR,
        started_at=DAY.add(days=7),
        steps=[StepNote("Your agenda", notes="Wants the Straße account")],
        id="s2",
    )
    agreement = Agreement(
        rep_id=REP,
        version=2,
        state=AgreementState.AGREED,
        agreed_on=pendulum.Date(2026, 1, 5),
        quota_lines=[QuotaLine("New ARR", 120_000, "USD", Period.QUARTER)],
        activity=["40 calls a day to Acme-sized accounts"],
        consequence_steps=[ConsequenceStep("Take me out to lunch")],
        id="a2",
    )
    draft = Agreement(rep_id=REP, version=3, rep_requests=["A lunch budget"], id="a3")
    draft.created_at = DAY.add(days=20)
    commitment = Commitment(
        REP,
        Owner.MANAGER,
        "Send Acme the deck",
        state=CommitmentState.DROPPED,
        drop_reason="Acme went quiet",
        session_id="s1",
        created_at=DAY.add(minutes=30),
        id="c1",
    )
    invocation = Invocation(
        rep_id=REP,
        agreement_id="a2",
        agreement_version=2,
        step_id=agreement.consequence_steps[0].id,
        step_index=0,
        step_text="Take me out to lunch",
        reason="Missed the Acme follow-up three times",
        invoked_at=DAY.add(days=10),
        session_id=None,
        evidence=["Acme follow-up: carried twice"],
        withdrawn_at=DAY.add(days=11),
        withdrawn_reason="Acme was on holiday",
        id="i1",
    )
    return [s1, s2, agreement, draft, commitment, invocation]


@pytest.fixture
def index() -> SearchIndex:
    return SearchIndex.from_records(records())  # type: ignore[arg-type]


def where(hits: list[SearchHit]) -> list[tuple[str, str, str]]:
    return [(h.kind, h.record_id, h.where) for h in hits]


def test_every_kind_is_searched(index: SearchIndex) -> None:
    hits = index.search("acme")
    assert sorted(where(hits)) == sorted(
        [
            (KIND_INVOCATION, "i1", "Reason"),
            (KIND_INVOCATION, "i1", "Evidence"),
            (KIND_INVOCATION, "i1", "Withdrawn: reason"),
            (KIND_COMMITMENT, "c1", "Your commitment"),
            (KIND_COMMITMENT, "c1", "Dropped: reason"),
            (KIND_NOTE, "s1", "Open commitments"),
            (KIND_NOTE, "s1", "Addendum 2026-03-04"),
            (KIND_AGREEMENT, "a2", "v2 · Activity"),
        ]
    )
    assert {h.rep_id for h in hits} == {REP}
    when = {h.record_id: h.when for h in hits}
    assert when == {
        "i1": pendulum.Date(2026, 3, 12),
        "c1": pendulum.Date(2026, 3, 2),
        "s1": pendulum.Date(2026, 3, 2),
        "a2": pendulum.Date(2026, 1, 5),
    }
    # best first: the note with "Acme" twice in five words leads
    assert (hits[0].record_id, hits[0].where) == ("s1", "Open commitments")


def test_ranked_best_first_then_newest() -> None:
    def said(text: str, days: int, id: str) -> Commitment:
        return Commitment(REP, Owner.REP, text, created_at=DAY.add(days=days), id=id)

    index = SearchIndex.from_records(
        [
            said("Acme and then some other words about the quarter", 9, "long"),
            said("Acme renewal, Acme upsell", 1, "twice"),
            said("Acme renewal", 2, "short-old"),
            said("Acme renewal", 5, "short-new"),
        ]
    )
    assert [h.record_id for h in index.search("acme")] == [
        "twice",  # the word twice
        "short-new",  # shorter than "long"; equal to "short-old", and newer
        "short-old",
        "long",
    ]


def test_only_the_newest_matches_are_ranked(monkeypatch: pytest.MonkeyPatch) -> None:
    """bm25 ranks the newest ``RANKED`` matches (a common word matches tens of thousands):
    an older, better one beyond them is not among the hits."""
    monkeypatch.setattr(search_module, "RANKED", 2)
    index = SearchIndex.from_records(
        [
            Commitment(REP, Owner.REP, "Acme Acme", created_at=DAY, id="old-best"),
            Commitment(REP, Owner.REP, "Acme one", created_at=DAY.add(days=1), id="b"),
            Commitment(REP, Owner.REP, "Acme two", created_at=DAY.add(days=2), id="c"),
        ]
    )
    assert [h.record_id for h in index.search("acme", limit=2)] == ["c", "b"]
    monkeypatch.setattr(search_module, "RANKED", 1000)
    assert [h.record_id for h in index.search("acme", limit=2)] == ["old-best", "c"]


def test_agreements_every_part_and_drafts(index: SearchIndex) -> None:
    assert where(index.search("lunch")) == [
        (KIND_AGREEMENT, "a3", "v3 · What else you asked of me"),
        (KIND_INVOCATION, "i1", "Step 1, in the rep's words"),
        (KIND_AGREEMENT, "a2", "v2 · If I don't hold up my end"),
    ]
    hit = index.search("120,000")[0]
    assert (hit.where, hit.snippet) == ("v2 · Quota", "New ARR — 120,000 USD per quarter")
    assert hit.when == pendulum.Date(2026, 1, 5)


def test_private_notes_only_when_asked() -> None:
    assert SearchIndex.from_records(records()).search("leaving") == []  # type: ignore[arg-type]
    private = SearchIndex.from_records(records(), include_private=True)  # type: ignore[arg-type]
    assert where(private.search("LEAVING")) == [(KIND_NOTE, "s1", "Private notes")]


def test_case_insensitive_with_the_match_marked(index: SearchIndex) -> None:
    hit = next(h for h in index.search("call acme") if h.record_id == "s1")
    assert hit.snippet == "Acme deal slipped Call ACME back"  # one line
    assert hit.snippet[hit.start : hit.end] == "Call ACME"  # the words together, not "Acme"
    strasse = index.search("STRAßE")[0]
    assert strasse.snippet[strasse.start : strasse.end] == "Straße"
    assert strasse.rep_id == "rep-2"
    # The tokenizer folds case and accents, not spellings: "ß" is not "ss" (it was, with
    # the casefolded substring search before FTS5).
    assert index.search("STRASSE") == []


def test_accents_are_folded_both_ways() -> None:
    index = SearchIndex.from_records(
        [
            Commitment(REP, Owner.REP, "Call José at Ünited", id="accent"),
            Commitment(REP, Owner.REP, "Call Jose at Zoë", id="plain"),
        ]
    )
    assert {h.record_id for h in index.search("jose")} == {"accent", "plain"}
    assert {h.record_id for h in index.search("JOSÉ")} == {"accent", "plain"}
    united = index.search("unit")[0]
    assert united.snippet[united.start : united.end] == "Ünited"
    assert [h.record_id for h in index.search("zoe")] == ["plain"]


def test_prefixes_as_you_type_not_substrings(index: SearchIndex) -> None:
    """Each word typed begins a word of the text (as you type: "acm" finds "Acme"); a piece
    from inside a word finds nothing (the substring search before FTS5 found it)."""
    typed = [len(index.search(q)) for q in ("a", "ac", "acm", "acme")]
    assert typed[-1] == 8 and typed == sorted(typed, reverse=True)
    hit = next(h for h in index.search("acm") if h.where == "Dropped: reason")
    assert hit.snippet[hit.start : hit.end] == "Acme"  # the whole word marked
    assert index.search("cme") == []
    # every word must be there, in any order
    assert where(index.search("back call")) == [(KIND_NOTE, "s1", "Open commitments")]
    assert index.search("acme zzz") == []


def test_query_syntax_is_taken_literally(index: SearchIndex) -> None:
    assert match_query('acme" OR x*') == '"acme"""* "OR"* "x*"*'
    for query in ['"', "acme*", "acme:", "-acme", "^acme", "(acme)", "NEAR(acme deal)", "a AND"]:
        assert isinstance(index.search(query), list), query
    assert [h.record_id for h in index.search("(acme)")] == [
        h.record_id for h in index.search("acme")
    ]
    assert index.search("acme NOT") == []  # "NOT" is a word to find, not an operator
    assert index.search("acme-sized")[0].where == "v2 · Activity"  # a phrase


def test_nothing_for_blank_queries_and_the_limit(index: SearchIndex) -> None:
    assert index.search("") == [] and index.search("   ") == []
    assert index.search('- * : ( ) "') == []  # no letter or digit: nothing
    assert index.search("acme", limit=0) == []
    assert len(index.search("a", limit=3)) == 3
    assert index.search("no such words") == []


def test_dates_are_the_managers() -> None:
    late = Session(
        rep_id=REP,
        kind=SessionKind.REGULAR,
        started_at=pendulum.datetime(2026, 3, 3, 3, 30, tz="UTC"),
        notes="late call",
    )
    index = SearchIndex.from_records([late], timezone="America/New_York")
    assert index.search("late")[0].when == pendulum.Date(2026, 3, 2)


def test_update_and_remove(index: SearchIndex) -> None:
    s1, s2 = records()[:2]
    assert isinstance(s1, Session) and isinstance(s2, Session)
    s1.steps[0].notes = "Globex now"
    index.update(s1)
    assert [h.where for h in index.search("acme") if h.record_id == "s1"] == ["Addendum 2026-03-04"]
    assert where(index.search("globex")) == [(KIND_NOTE, "s1", "Open commitments")]

    newest = Commitment(REP, Owner.REP, "Call Globex", created_at=DAY.add(days=30), id="c9")
    index.update(newest)
    assert [h.record_id for h in index.search("globex")] == ["c9", "s1"]
    moved = Commitment(REP, Owner.REP, "Call Globex", created_at=DAY.subtract(days=30), id="c9")
    index.update(moved)  # a new date: it moves in the order
    assert [h.record_id for h in index.search("globex")] == ["s1", "c9"]

    size = len(index)
    index.update(Rep(name="Acme", start_date=pendulum.Date(2024, 1, 1)))  # not searched
    assert len(index) == size
    index.remove("c9")
    index.remove("unknown")
    assert [h.record_id for h in index.search("globex")] == ["s1"]
    index.update(Commitment(REP, Owner.REP, "   ", id="blank"))  # nothing to index
    assert len(index) == size - 1


def test_build_reads_the_store(tmp_path: Path) -> None:
    path = tmp_path / "oneonone.json"
    with Store.open(path) as store:
        store.put_many([TeamSettings(manager_name="Dana", timezone="UTC"), *records()])
        documents = store.documents(Session)
        assert sorted(d["id"] for d in documents) == ["s1", "s2"]
        assert list(store.documents(Rep)) == []
        built = SearchIndex.build(store)
        private = SearchIndex.build(store, include_private=True)
    expected = SearchIndex.from_records(records())  # type: ignore[arg-type]
    assert built.search("a", limit=500) == expected.search("a", limit=500)
    assert len(private) == len(built) + 1


def test_damaged_documents_are_skipped_not_fatal(tmp_path: Path) -> None:
    index = SearchIndex(timezone="Not/AZone")
    index._load(
        {
            KIND_NOTE: [
                {
                    "id": "x",
                    "started_at": "yesterday",
                    "steps": ["?", {"notes": 5}],
                    "notes": "odd",
                },
                {"notes": "no id"},
            ],
            KIND_AGREEMENT: [{"id": "a", "activity": "not a list"}],
        }
    )
    assert where(index.search("odd")) == [(KIND_NOTE, "x", "Notes")]


def test_snippets_are_cut_at_words_around_the_hit() -> None:
    text = " ".join(f"word{n}" for n in range(60)) + " Acme " + " ".join("x" * 5 for _ in range(40))
    at = text.index("Acme")
    shown, start, end = snippet(text, at, at + 4)
    assert shown[start:end] == "Acme"
    assert shown.startswith("…word") and shown.endswith("…")
    assert 70 <= len(shown) <= 84
    whole, s, e = snippet("short Acme", 6, 10)
    assert (whole, s, e) == ("short Acme", 6, 10)


WORDLY = st.text(alphabet=st.sampled_from(list("abcxyzéèçñöüßøåABCÉÑÖÜ019 ,.-'\n\t")), max_size=200)


@settings(max_examples=100, deadline=None)
@given(WORDLY, st.data())
def test_any_word_any_prefix_is_found_and_marked(text: str, data: st.DataObject) -> None:
    words = [m.group() for m in search_module._WORD.finditer(text)]
    index = SearchIndex.from_records([Commitment(REP, Owner.REP, text, id="c")])
    if not words:
        assert index.search(text) == []
        return
    word = data.draw(st.sampled_from(words))
    typed = word[: data.draw(st.integers(1, len(word)))]
    upper = "".join(c.upper() if len(c.upper()) == 1 else c for c in typed)  # "ß" is not "SS"
    for query in (typed, upper, search_module._fold(typed)):
        hits = index.search(query)
        assert len(hits) == 1, query
        hit = hits[0]
        assert 0 <= hit.start < hit.end <= len(hit.snippet)
        marked = search_module._fold(hit.snippet[hit.start : hit.end])
        assert marked.startswith(search_module._fold(typed))


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_hostile_queries_never_raise(query: str) -> None:
    index = SearchIndex.from_records(
        [Commitment(REP, Owner.REP, 'Acme (deal) NEAR* "quoted" a:b -x ^y', id="c")]
    )
    hits = index.search(query)
    assert len(hits) <= 1
    if hits:
        assert 0 <= hits[0].start <= hits[0].end <= len(hits[0].snippet)
    assert marked_span(query, query)[1] <= len(query)


ONE_LINE = {ord(c): " " for c in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029\t"}


@given(st.text(min_size=1, max_size=50), st.data())
def test_original_span_covers_the_folded_match(text: str, data: st.DataObject) -> None:
    folded = text.casefold()
    i = data.draw(st.integers(0, len(folded) - 1)) if folded else 0
    j = data.draw(st.integers(i + 1, len(folded))) if folded else 0
    start, end = original_span(text, folded, i, j)
    assert folded[i:j] in text[start:end].casefold()
