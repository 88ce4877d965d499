"""Search across reps: every note, commitment, invocation and agreement line, found while typing.

``SearchIndex.build(store)`` reads the stored documents once, undecoded (``Store.documents``:
decoding 25,000 sessions into dataclasses costs seconds; reading their text does not), and
keeps one entry per piece of text: its casefolded form and a small reference (kind, rep,
record, moment, where in the record). Entries are kept newest first, so ``search`` is one
pass of ``in`` over the casefolded texts that stops at ``limit`` hits; only the hits are then
turned into snippets. ``update(record)`` after a save (and ``remove(record_id)`` after a
delete) keeps the index current without a rebuild.

What is searched, and what ``SearchHit.where`` says:

- session notes (``kind`` "session note"): each step's notes (where: the step's title), the
  free notes ("Notes"), the addenda ("Addendum <date>"), and the private notes ("Private
  notes") only when the index is built with ``include_private=True``;
- commitments ("commitment"): the text ("Rep's commitment" / "Your commitment") and the reason
  it was dropped ("Dropped: reason");
- invocations ("invocation"): the step in the rep's words ("Step N, in the rep's words"), the
  reason, each piece of evidence, the out-of-order reason and the withdrawal reason;
- agreements ("agreement"), every version, drafts too: every line of every part ("v3 ·
  Activity"), as ``agreements.part_lines`` writes them.

A piece of text gives at most one hit (its first match). Matching is case-insensitive
(``str.casefold``: "STRASSE" finds "Straße") substring matching. ``when`` is the date in the
manager's timezone: the session's start, the commitment's creation, the invocation, the
agreement's agreed date (a draft's creation).
"""

from __future__ import annotations

import bisect
import datetime as _dt
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

import pendulum

from oneonone.core import codec
from oneonone.core.agreements import PARTS
from oneonone.core.export.escape import LINE_BREAKS
from oneonone.core.model import Agreement, Commitment, Invocation, Session
from oneonone.core.store import DamagedTable, Store

KIND_NOTE = "session note"
KIND_COMMITMENT = "commitment"
KIND_INVOCATION = "invocation"
KIND_AGREEMENT = "agreement"
KINDS = (KIND_NOTE, KIND_COMMITMENT, KIND_INVOCATION, KIND_AGREEMENT)

SNIPPET = 80
ELLIPSIS = "…"
DEFAULT_LIMIT = 200

_ONE_LINE = {ord(c): " " for c in LINE_BREAKS + "\t"}
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)


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


class _Ref(NamedTuple):
    kind: str
    rep_id: str
    record_id: str
    moment: _dt.datetime | _dt.date
    where: str
    text: str


Key = tuple[float, str, int]


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


class SearchIndex:
    """Casefolded texts of every searchable record, newest first. Thread-safe: ``search``
    may run in a worker while ``update`` is called after a save."""

    def __init__(self, *, timezone: str = "UTC", include_private: bool = False) -> None:
        try:
            self.tz = pendulum.timezone(timezone)
        except Exception:  # a damaged settings record: UTC dates rather than no search
            self.tz = pendulum.timezone("UTC")
        self.include_private = include_private
        self._keys: list[Key] = []
        self._folded: list[str] = []
        self._refs: list[_Ref] = []
        self._by_record: dict[str, list[Key]] = {}
        self._lock = threading.Lock()
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
            }
        )
        return index

    @classmethod
    def from_records(
        cls,
        records: Iterable[Session | Commitment | Invocation | Agreement],
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
        groups: list[tuple[float, str, list[_Ref]]] = []
        for kind, found in docs.items():
            for doc in found:
                made = self._entries(kind, doc)
                if made is not None:
                    groups.append(made)
        groups.sort(key=lambda g: (g[0], g[1]))
        keys, folded, refs = self._keys, self._folded, self._refs
        for sort_key, record_id, entries in groups:
            group_keys = [(sort_key, record_id, n) for n in range(len(entries))]
            self._by_record[record_id] = group_keys
            keys += group_keys
            refs += entries
            folded += [e.text.casefold() for e in entries]

    def _entries(self, kind: str, doc: Mapping[str, Any]) -> tuple[float, str, list[_Ref]] | None:
        """(sort key, record id, entries) for one stored document; None if it has no id."""
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
                    label = f"Addendum {self._date(at).isoformat()}" if at else "Addendum"
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
        else:
            raise ValueError(f"unknown kind {kind!r}")
        if moment is None:
            moment = _EPOCH
        refs = [
            _Ref(kind, rep_id, record_id, moment, where, t)
            for where, t in texts
            if t and not t.isspace()
        ]
        return (-self._timestamp(moment), record_id, refs)

    def _timestamp(self, moment: _dt.datetime | _dt.date) -> float:
        if isinstance(moment, _dt.datetime):
            return moment.timestamp()
        # a date (an agreement's agreed date): its noon where the manager is
        noon = _dt.datetime(moment.year, moment.month, moment.day, 12, tzinfo=self.tz)
        return noon.timestamp()

    def _date(self, moment: _dt.datetime | _dt.date) -> pendulum.Date:
        if isinstance(moment, _dt.datetime):
            moment = moment.astimezone(self.tz).date()
        return pendulum.Date(moment.year, moment.month, moment.day)

    # -- keeping it current --------------------------------------------------------------------

    def update(self, record: object) -> None:
        """Index ``record`` (a session, commitment, invocation or agreement) again after a
        save, replacing what the index held for it; other records are ignored."""
        kind = _kind_of(record)
        if kind is None:
            return
        made = self._entries(kind, codec.encode(record))
        if made is None:
            return
        sort_key, record_id, entries = made
        with self._lock:
            self._remove(record_id)
            group_keys = [(sort_key, record_id, n) for n in range(len(entries))]
            self._by_record[record_id] = group_keys
            at = bisect.bisect_left(self._keys, group_keys[0]) if group_keys else 0
            self._keys[at:at] = group_keys
            self._refs[at:at] = entries
            self._folded[at:at] = [e.text.casefold() for e in entries]

    def remove(self, record_id: str) -> None:
        """Forget a deleted record."""
        with self._lock:
            self._remove(record_id)

    def _remove(self, record_id: str) -> None:
        old = self._by_record.pop(record_id, None)
        if not old:
            return
        at = bisect.bisect_left(self._keys, old[0])
        assert self._keys[at : at + len(old)] == old, "search index out of order"
        del self._keys[at : at + len(old)]
        del self._refs[at : at + len(old)]
        del self._folded[at : at + len(old)]

    def __len__(self) -> int:
        """How many pieces of text are indexed."""
        return len(self._folded)

    # -- searching -----------------------------------------------------------------------------

    def search(self, query: str, *, limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
        """Case-insensitive substring search, newest first, at most ``limit`` hits. A query
        of nothing but spaces finds nothing."""
        if not query.strip() or limit <= 0:
            return []
        needle = query.casefold()
        with self._lock:
            found: list[tuple[str, _Ref]] = []
            for text, ref in zip(self._folded, self._refs, strict=True):
                if needle in text:
                    found.append((text, ref))
                    if len(found) >= limit:
                        break
        return [self._hit(text, ref, needle) for text, ref in found]

    def _hit(self, folded: str, ref: _Ref, needle: str) -> SearchHit:
        at = folded.find(needle)
        start, end = original_span(ref.text, folded, at, at + len(needle))
        shown, s, e = snippet(ref.text, start, end)
        return SearchHit(
            kind=ref.kind,
            rep_id=ref.rep_id,
            record_id=ref.record_id,
            when=self._date(ref.moment),
            where=ref.where,
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
    return None


__all__ = [
    "KINDS",
    "KIND_AGREEMENT",
    "KIND_COMMITMENT",
    "KIND_INVOCATION",
    "KIND_NOTE",
    "SearchHit",
    "SearchIndex",
    "original_span",
    "snippet",
]
