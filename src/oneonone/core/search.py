"""Search across reps: every note, commitment, invocation and agreement line, found while typing.

The engine is SQLite's FTS5 (in the standard library's ``sqlite3``), in a database held in
memory: one row per piece of text with a small reference (kind, rep, record, moment, where in
the record). ``SearchIndex.build(store)`` reads the stored documents once, undecoded
(``Store.documents``: decoding 25,000 sessions into dataclasses costs seconds; reading their
text does not). ``update(record)`` after a save (and ``remove(record_id)`` after a delete)
keeps the index current without a rebuild.

What is searched, and what ``SearchHit.where`` says:

- session notes (``kind`` "session note"): each step's notes (where: the step's title), the
  free notes ("Notes"), the addenda ("Addendum <date>"), and the private notes ("Private
  notes") only when the index is built with ``include_private=True`` (otherwise they are
  never in the index);
- commitments ("commitment"): the text ("Rep's commitment" / "Your commitment") and the reason
  it was dropped ("Dropped: reason");
- invocations ("invocation"): the step in the rep's words ("Step N, in the rep's words"), the
  reason, each piece of evidence, the out-of-order reason and the withdrawal reason;
- agreements ("agreement"), every version, drafts too: every line of every part ("v3 ·
  Activity"), as ``agreements.part_lines`` writes them;
- candidates ("candidate", rep id "" until hired): the name, the reason not hired and each
  interview's expectations, questions, answers and notes ("Ann Lee · interview 2026-11-20 ·
  Answer"), as ``candidates.search_texts`` reads them;
- talking points ("talking point"), shared ones only (a private one is never in the index,
  whatever ``include_private``): the text ("Talking point") and the note typed when it was
  discussed ("Discussed: note").

Matching is by words, as you type: each word of the query (split at spaces) must begin a
word of the text ("acm" finds "Acme"; "cme" does not), case and accents folded (tokenizer
``unicode61 remove_diacritics 2``: "jose" finds "José" and "josé" finds "Jose"; "ß" is not
"ss"). A query word with punctuation inside is a phrase ("acme-sized" finds "Acme sized").
What is typed is never read as FTS5 query syntax. A piece of text gives at most one hit;
hits come best first (bm25: a text with the words more often, or a shorter one, first), the
newest first among equals. ``when`` is the date in the manager's timezone: the session's
start, the commitment's creation, the invocation, the agreement's agreed date (a draft's
creation).
"""

from __future__ import annotations

import datetime as _dt
import functools
import itertools
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pendulum

from oneonone.core import codec
from oneonone.core.agreements import PARTS
from oneonone.core.candidates import search_texts as candidate_texts
from oneonone.core.export.escape import LINE_BREAKS
from oneonone.core.model import (
    Agreement,
    Candidate,
    Commitment,
    Invocation,
    Session,
    TalkingPoint,
)
from oneonone.core.store import DamagedTable, Store, StoreError

KIND_NOTE = "session note"
KIND_COMMITMENT = "commitment"
KIND_INVOCATION = "invocation"
KIND_AGREEMENT = "agreement"
KIND_CANDIDATE = "candidate"  # a candidate's interviews (``candidates.search_texts``)
KIND_POINT = "talking point"
KINDS = (
    KIND_NOTE,
    KIND_COMMITMENT,
    KIND_INVOCATION,
    KIND_AGREEMENT,
    KIND_CANDIDATE,
    KIND_POINT,
)

SNIPPET = 80
ELLIPSIS = "…"
DEFAULT_LIMIT = 200

_ONE_LINE = {ord(c): " " for c in LINE_BREAKS + "\t"}
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)


class SearchUnavailable(StoreError):
    """The index could not be built: SQLite failed (its temporary file, while the texts are
    sorted, could not be written, say: the disk is full)."""

    def __init__(self, exc: sqlite3.Error) -> None:
        super().__init__(
            f"The search index could not be built: SQLite says {str(exc) or type(exc).__name__}."
            " Is the temporary folder full or not writable?"
        )


@dataclass(frozen=True)
class SearchHit:
    """One match. ``snippet`` is about 80 characters of the text around the match, on one
    line (breaks and tabs shown as spaces, "…" where it was cut); ``snippet[start:end]`` is
    the matched text, for highlighting."""

    kind: str
    rep_id: str
    record_id: str
    when: pendulum.Date
    where: str
    snippet: str
    start: int
    end: int


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _moment(value: Any) -> _dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = _dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=_dt.UTC)


def _day(value: Any) -> _dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def original_span(text: str, folded: str, start: int, end: int) -> tuple[int, int]:
    """Where ``folded[start:end]`` (``folded`` being ``text.casefold()``) is in ``text``.
    Casefolding never shortens a character, so equal lengths mean one to one."""
    if len(folded) == len(text):
        return start, end
    pos = 0
    begin = None
    for i, ch in enumerate(text):
        nxt = pos + len(ch.casefold())
        if begin is None and nxt > start:
            begin = i
        if nxt >= end:
            return (i if begin is None else begin), i + 1
        pos = nxt
    return (len(text) if begin is None else begin), len(text)


def snippet(text: str, start: int, end: int, width: int = SNIPPET) -> tuple[str, int, int]:
    """About ``width`` characters of ``text`` around ``text[start:end]``, on one line (line
    breaks and tabs as spaces), cut at a space where one is near, with "…" where cut. Returns
    (snippet, start, end): where the match is in the snippet."""
    line = text.translate(_ONE_LINE)
    size = len(line)
    if size <= width:
        return line, start, end
    room = max(0, width - (end - start))
    left = max(0, start - room // 2)
    right = min(size, max(end, left + width))
    left = max(0, min(left, right - width, start))
    if left > 0:
        space = line.find(" ", left, min(start, left + 12))
        if space != -1:
            left = space + 1
    if right < size:
        space = line.rfind(" ", max(end, right - 12), right)
        if space != -1:
            right = space
    piece = line[left:right]
    lead = min(len(piece) - len(piece.lstrip(" ")), start - left) if left > 0 else 0
    trail = min(len(piece) - len(piece.rstrip(" ")), right - end) if right < size else 0
    head = ELLIPSIS if left > 0 else ""
    tail = ELLIPSIS if right < size else ""
    shown = head + line[left + lead : right - trail] + tail
    at = start - left - lead + len(head)
    return shown, at, at + (end - start)


#: pieces of text one record may have in the index (a row id is ``record number << 16 | n``)
_PIECE_BITS = 16
_MAX_PIECES = 1 << _PIECE_BITS
_BATCH = 2000  # records inserted at a time while building
#: where the build sorts the texts: "" is a private temporary file SQLite deletes on close
#: (its pages held in a small cache): in memory, the sort held ~54 MB more at 25,000 sessions
#: while the index was built, a memory the process kept after; CPU about the same (5.0 s and
#: 5.2 s in memory and on disk, on a loaded 2-core machine)
_STAGING = ""

_SCHEMA = """
CREATE TABLE record (
    id INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    rep_id TEXT NOT NULL,
    moment REAL NOT NULL,
    pieces INTEGER NOT NULL
);
CREATE VIRTUAL TABLE piece USING fts5(
    text, place UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
);
"""

#: how many of the newest matching texts bm25 ranks: ranking costs a few microseconds a text,
#: and a common word (or the first letter typed) matches tens of thousands
RANKED = 1000

# Row ids grow with the records' moments (the build numbers them oldest first; a record
# saved later gets the next number, a record saved again keeps its own), so the newest
# matches are the highest row ids, which FTS5 walks backwards without reading the others.
# The text itself is read for the hits kept only.
_SEARCH = """
SELECT p.text, p.place, top.moment, top.record_id, top.kind, top.rep_id
FROM (
    SELECT newest.hit, newest.score, r.moment, r.record_id, r.kind, r.rep_id
    FROM (
        SELECT rowid AS hit, bm25(piece) AS score FROM piece
        WHERE piece MATCH ? ORDER BY rowid DESC LIMIT ?
    ) AS newest
    JOIN record AS r ON r.id = newest.hit >> 16
    ORDER BY newest.score, r.moment DESC LIMIT ?
) AS top
JOIN piece AS p ON p.rowid = top.hit
ORDER BY top.score, top.moment DESC
"""

_Entries = tuple[str, str, str, float, list[tuple[str, str]]]  # record, kind, rep, moment, texts


#: a word, near enough to the tokenizer's idea of one to mark it: letters and digits
_WORD = re.compile(r"[^\W_]+")


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """``ch`` as the tokenizer compares it (accent dropped, lower case), if that is one
    character; ``ch`` otherwise."""
    base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    folded = base.lower()
    return folded if len(folded) == 1 else ch


def _fold(text: str) -> str:
    """``text`` with accents dropped and in lower case, character for character (same
    length, so a position in one is the same position in the other)."""
    if text.isascii():
        return text.lower()
    return "".join(map(_fold_char, text))


def _sendable(text: str) -> str:
    """``text`` as SQLite can take it: a lone surrogate (JSON may hold one) as "�"."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join("\ufffd" if "\ud800" <= c <= "\udfff" else c for c in text)
    return text


def match_query(query: str) -> str:
    """The FTS5 query for what was typed: each space-separated word a quoted prefix term
    (``"acme"*``; a word with punctuation inside is a phrase), all of them required. Quotes
    are doubled, so nothing typed is read as query syntax (``*``, ``:``, ``-``, ``^``,
    parentheses, NEAR, AND, OR, NOT are words or separators; a NUL separates words). Words
    without a letter or digit are left out: "" when nothing is left."""
    terms = []
    # FTS5 reads the query as a C string: a NUL would end it inside a quoted word
    for word in _sendable(query).replace("\x00", " ").split():
        if any(ch.isalnum() for ch in word):
            terms.append('"' + word.replace('"', '""') + '"*')
    return " ".join(terms)


def marked_span(text: str, query: str) -> tuple[int, int]:
    """Where to mark ``query``'s match in ``text``: the longest run of neighbouring words of
    ``text`` (on one line) that each begin with a different word of the query (the first
    such run), from the start of its first word to the end of its last. (0, 0) when no word
    matches."""
    return _Marker(query).span(text)


class _Marker:
    """Finds the words of ``text`` a query matched, for ``marked_span``."""

    def __init__(self, query: str) -> None:
        terms = {_fold(m.group()) for m in _WORD.finditer(query)}
        self.terms = len(terms)
        alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<![^\W_])({alternatives})[^\W_]*") if terms else None

    def span(self, text: str) -> tuple[int, int]:
        """(start, end) of the run of matched words to mark in ``text``."""
        if self.pattern is None:
            return 0, 0
        folded = _fold(text)
        best = (0, 0, 0)  # (words in the run, start, end)
        run, used, start, end = 0, set[str](), 0, 0
        for found in self.pattern.finditer(folded):
            term = found.group(1)
            gap = folded[end : found.start()]
            if run and (term in used or _WORD.search(gap) or any(c in LINE_BREAKS for c in gap)):
                run, used = 0, set()
            if not run:
                start = found.start()
            run += 1
            used.add(term)
            end = found.end()
            if run > best[0]:
                best = (run, start, end)
                if run >= self.terms:
                    break
        return best[1], best[2]


class SearchIndex:
    """Every searchable piece of text in an in-memory SQLite FTS5 table. Thread-safe: built
    in a worker, then ``search`` and ``update`` may come from any thread (one lock)."""

    def __init__(self, *, timezone: str = "UTC", include_private: bool = False) -> None:
        try:
            self.tz = pendulum.timezone(timezone)
        except Exception:  # a damaged settings record: UTC dates rather than no search
            self.tz = pendulum.timezone("UTC")
        self.include_private = include_private
        self._db = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()
        self._size = 0
        self._next = 1  # the next record number
        #: parts of the file the build could not read (see ``Store.documents``)
        self.damaged: list[DamagedTable] = []

    # -- building ------------------------------------------------------------------------------

    @classmethod
    def build(cls, store: Store, *, include_private: bool = False) -> SearchIndex:
        """An index of everything in ``store`` (read from its undecoded documents). A part of
        the file that cannot be read is left out and named in ``damaged``."""
        index = cls(timezone=store.settings().timezone, include_private=include_private)
        damaged = index.damaged
        index._load(
            {
                KIND_NOTE: store.documents(Session, damaged=damaged),
                KIND_COMMITMENT: store.documents(Commitment, damaged=damaged),
                KIND_INVOCATION: store.documents(Invocation, damaged=damaged),
                KIND_AGREEMENT: store.documents(Agreement, damaged=damaged),
                KIND_CANDIDATE: store.documents(Candidate, damaged=damaged),
                KIND_POINT: store.documents(TalkingPoint, damaged=damaged),
            }
        )
        return index

    @classmethod
    def from_records(
        cls,
        records: Iterable[Session | Commitment | Invocation | Agreement | Candidate | TalkingPoint],
        *,
        timezone: str = "UTC",
        include_private: bool = False,
    ) -> SearchIndex:
        """An index of domain records (tests, or a caller that has them decoded already)."""
        index = cls(timezone=timezone, include_private=include_private)
        docs: dict[str, list[Mapping[str, Any]]] = {kind: [] for kind in KINDS}
        for record in records:
            kind = _kind_of(record)
            if kind is not None:
                docs[kind].append(codec.encode(record))
        index._load(docs)
        return index

    def _load(self, docs: Mapping[str, Iterable[Mapping[str, Any]]]) -> None:
        """Index the documents, oldest first (row ids grow with time: see ``_SEARCH``). They
        come a rep at a time, so they are sorted first, in a second database in a temporary
        file (``_STAGING``) rather than in Python objects (as Python objects, the texts of
        25,000 sessions held ~60 MB more at the peak) or in memory (~54 MB), one document at
        a time, so that the store can let go of each part of the file once read."""
        try:
            staging = sqlite3.connect(_STAGING, isolation_level=None)
        except sqlite3.Error as exc:
            raise SearchUnavailable(exc) from exc
        try:
            staging.execute(
                "CREATE TABLE staged (record INTEGER, moment REAL, record_id TEXT, kind TEXT,"
                " rep_id TEXT, place TEXT, text TEXT)"
            )
            staging.execute("BEGIN")
            number = 0
            for kind, found in docs.items():
                for doc in found:
                    made = self._entries(kind, doc)
                    if made is None:
                        continue
                    number += 1
                    record_id, kind_, rep_id, moment, texts = made
                    staging.executemany(
                        "INSERT INTO staged VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [(number, moment, record_id, kind_, rep_id, w, t) for w, t in texts]
                        or [(number, moment, record_id, kind_, rep_id, None, None)],
                    )
            staging.execute("COMMIT")
            rows = staging.execute("SELECT * FROM staged ORDER BY moment, record, rowid")
            batch: list[_Entries] = []
            for _, group in itertools.groupby(rows, key=lambda row: row[0]):
                pieces = list(group)
                _, moment, record_id, kind_, rep_id, _, _ = pieces[0]
                texts = [(w, t) for *_, w, t in pieces if t is not None]
                batch.append((record_id, kind_, rep_id, moment, texts))
                if len(batch) >= _BATCH:
                    self._store(batch)
                    batch = []
            self._store(batch)
        except sqlite3.Error as exc:  # say, no room left for the temporary file
            raise SearchUnavailable(exc) from exc
        finally:
            staging.close()

    def _store(self, batch: list[_Entries]) -> None:
        """Index a batch of records, each replacing what the index held for it."""
        if not batch:
            return
        with self._lock:
            db = self._db
            db.execute("BEGIN")
            try:
                records, pieces = [], []
                for record_id, kind, rep_id, moment, texts in batch:
                    number = self._forget(record_id)
                    texts = texts[:_MAX_PIECES]
                    if not texts:
                        continue
                    if number is None:
                        number = self._next
                        self._next += 1
                    records.append((number, record_id, kind, rep_id, moment, len(texts)))
                    base = number << _PIECE_BITS
                    pieces += [(base + n, t, w) for n, (w, t) in enumerate(texts)]
                db.executemany("INSERT INTO record VALUES (?, ?, ?, ?, ?, ?)", records)
                db.executemany("INSERT INTO piece (rowid, text, place) VALUES (?, ?, ?)", pieces)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
            self._size += len(pieces)

    def _entries(self, kind: str, doc: Mapping[str, Any]) -> _Entries | None:
        """(record id, kind, rep id, moment, [(where, text)]) for one stored document; None if
        it has no id."""
        record_id = doc.get("id")
        if not isinstance(record_id, str):
            return None
        rep_id = _text(doc.get("rep_id"))
        texts: list[tuple[str, str]] = []  # (where, text)
        moment: _dt.datetime | _dt.date | None
        if kind == KIND_NOTE:
            moment = _moment(doc.get("started_at"))
            for i, step in enumerate(_list(doc.get("steps")), 1):
                if isinstance(step, dict):
                    title = _text(step.get("title")).strip() or f"Step {i}"
                    texts.append((title, _text(step.get("notes"))))
            texts.append(("Notes", _text(doc.get("notes"))))
            if self.include_private:
                texts.append(("Private notes", _text(doc.get("private_notes"))))
            for addendum in _list(doc.get("addenda")):
                if isinstance(addendum, dict):
                    at = _moment(addendum.get("at"))
                    label = (
                        f"Addendum {self._date(at.timestamp()).isoformat()}" if at else "Addendum"
                    )
                    texts.append((label, _text(addendum.get("text"))))
        elif kind == KIND_COMMITMENT:
            moment = _moment(doc.get("created_at"))
            whose = "Your commitment" if doc.get("owner") == "manager" else "Rep's commitment"
            texts.append((whose, _text(doc.get("text"))))
            texts.append(("Dropped: reason", _text(doc.get("drop_reason"))))
        elif kind == KIND_INVOCATION:
            moment = _moment(doc.get("invoked_at"))
            index = doc.get("step_index")
            step = f"Step {index + 1}" if isinstance(index, int) else "The step"
            texts.append((f"{step}, in the rep's words", _text(doc.get("step_text"))))
            texts.append(("Reason", _text(doc.get("reason"))))
            texts += [("Evidence", _text(e)) for e in _list(doc.get("evidence"))]
            texts.append(("Out of order: reason", _text(doc.get("out_of_order_reason"))))
            texts.append(("Withdrawn: reason", _text(doc.get("withdrawn_reason"))))
        elif kind == KIND_AGREEMENT:
            moment = _day(doc.get("agreed_on")) or _moment(doc.get("created_at"))
            try:
                agreement = codec.decode(Agreement, doc)
            except (codec.DecodeError, ValueError, TypeError):
                agreement = None
            if agreement is not None:
                label = f"v{agreement.version}"
                for part in PARTS:
                    texts += [(f"{label} · {part.title}", line) for line in part.lines(agreement)]
        elif kind == KIND_CANDIDATE:
            held, texts = candidate_texts(doc)
            moment = held or _moment(doc.get("created_at"))
        elif kind == KIND_POINT:
            moment = _moment(doc.get("created_at"))
            if doc.get("private") is False:  # a private point is the manager's alone: never
                texts.append(("Talking point", _text(doc.get("text"))))
                texts.append(("Discussed: note", _text(doc.get("note"))))
        else:
            raise ValueError(f"unknown kind {kind!r}")
        kept = [(where, _sendable(t)) for where, t in texts if t and not t.isspace()]
        return record_id, kind, rep_id, self._timestamp(moment or _EPOCH), kept

    def _timestamp(self, moment: _dt.datetime | _dt.date) -> float:
        if isinstance(moment, _dt.datetime):
            return moment.timestamp()
        # a date (an agreement's agreed date): its noon where the manager is
        noon = _dt.datetime(moment.year, moment.month, moment.day, 12, tzinfo=self.tz)
        return noon.timestamp()

    def _date(self, timestamp: float) -> pendulum.Date:
        moment = _dt.datetime.fromtimestamp(timestamp, self.tz)
        return pendulum.Date(moment.year, moment.month, moment.day)

    # -- keeping it current --------------------------------------------------------------------

    def update(self, record: object) -> None:
        """Index ``record`` (a session, commitment, invocation or agreement) again after a
        save, replacing what the index held for it; other records are ignored."""
        kind = _kind_of(record)
        if kind is None:
            return
        made = self._entries(kind, codec.encode(record))
        if made is not None:
            self._store([made])

    def remove(self, record_id: str) -> None:
        """Forget a deleted record."""
        with self._lock:
            self._db.execute("BEGIN")
            self._forget(record_id)
            self._db.execute("COMMIT")

    def _forget(self, record_id: str) -> int | None:
        """Delete what the index holds for ``record_id`` (the lock held, in a transaction);
        its number, to index it again in the same place."""
        row = self._db.execute(
            "SELECT id, pieces FROM record WHERE record_id = ?", (record_id,)
        ).fetchone()
        if row is None:
            return None
        number, pieces = row
        base = number << _PIECE_BITS
        self._db.execute(
            "DELETE FROM piece WHERE rowid BETWEEN ? AND ?", (base, base + _MAX_PIECES - 1)
        )
        self._db.execute("DELETE FROM record WHERE id = ?", (number,))
        self._size -= pieces
        return int(number)

    def __len__(self) -> int:
        """How many pieces of text are indexed."""
        return self._size

    # -- searching -----------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
        """The pieces of text holding every word of ``query`` (each as the beginning of a
        word, case and accents folded), best first (bm25; newest first among equals), at most
        ``limit``. A query without a letter or digit finds nothing; nothing typed raises."""
        match = match_query(query)
        if not match or limit <= 0:
            return []
        with self._lock:
            rows = self._db.execute(_SEARCH, (match, max(limit, RANKED), limit)).fetchall()
        marker = _Marker(query)
        return [self._hit(row, marker) for row in rows]

    def _hit(self, row: tuple[Any, ...], marker: _Marker) -> SearchHit:
        text, place, moment, record_id, kind, rep_id = row
        start, end = marker.span(text)
        shown, s, e = snippet(text, start, end)
        return SearchHit(
            kind=kind,
            rep_id=rep_id,
            record_id=record_id,
            when=self._date(moment),
            where=place,
            snippet=shown,
            start=s,
            end=e,
        )


def _kind_of(record: object) -> str | None:
    if isinstance(record, Session):
        return KIND_NOTE
    if isinstance(record, Commitment):
        return KIND_COMMITMENT
    if isinstance(record, Invocation):
        return KIND_INVOCATION
    if isinstance(record, Agreement):
        return KIND_AGREEMENT
    if isinstance(record, Candidate):
        return KIND_CANDIDATE
    if isinstance(record, TalkingPoint):
        return KIND_POINT
    return None


__all__ = [
    "KINDS",
    "KIND_AGREEMENT",
    "KIND_CANDIDATE",
    "KIND_COMMITMENT",
    "KIND_INVOCATION",
    "KIND_NOTE",
    "KIND_POINT",
    "SearchHit",
    "SearchIndex",
    "SearchUnavailable",
    "marked_span",
    "match_query",
    "original_span",
    "snippet",
]
