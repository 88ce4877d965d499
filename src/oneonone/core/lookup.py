"""Finding a rep from what a manager types on the command line: forgiving, never guessing.

Tried in order, each step only if the one before found nobody: the exact name (ignoring case
and extra spaces), the exact name ignoring accents too, the start of the full name, the start
of any word of the name, and finally the start of the rep's id (at least 8 characters, for two
reps with the same name). One match wins; several matches are an error that names them all.
Departed reps can be found like current ones.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

from oneonone.core.model import Rep

MIN_ID_PREFIX = 8
MAX_LISTED = 40


class RepLookupError(ValueError):
    """``str(error)`` says what was not found or what was ambiguous, and what to do."""


def _casefold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _plain(text: str) -> str:
    """Case-, space- and accent-insensitive form: "José  Núñez" -> "jose nunez"."""
    decomposed = unicodedata.normalize("NFKD", _casefold(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def label(rep: Rep, *, with_id: bool = False) -> str:
    """The rep's name as the command line shows it, "(departed)" added, and the id's start with
    ``with_id``."""
    text = rep.name if rep.is_current else f"{rep.name} (departed)"
    return f"{text} [{rep.id[:MIN_ID_PREFIX]}]" if with_id else text


def _listing(reps: Sequence[Rep], *, with_ids: bool = False) -> str:
    ordered = sorted(reps, key=lambda r: (not r.is_current, _plain(r.name), r.id))
    names = [label(r, with_id=with_ids) for r in ordered[:MAX_LISTED]]
    if len(ordered) > MAX_LISTED:
        names.append(f"and {len(ordered) - MAX_LISTED} more")
    return ", ".join(names)


def _tiers(query: str) -> list[Callable[[Rep], bool]]:
    exact, plain = _casefold(query), _plain(query)
    return [
        lambda r: _casefold(r.name) == exact,
        lambda r: _plain(r.name) == plain,
        lambda r: _plain(r.name).startswith(plain),
        lambda r: any(w.startswith(plain) for w in _plain(r.name).split()),
        lambda r: len(query.strip()) >= MIN_ID_PREFIX and r.id.startswith(query.strip().lower()),
    ]


def name_rank(rep: Rep, query: str) -> int | None:
    """How well ``query`` names ``rep``, as ``find_rep`` tries it: 0 the exact name, 1 the
    exact name but for accents, 2 the start of the name, 3 the start of a word of it; None
    when it does not name them (the id tier is left out: for lists typed into)."""
    if not query.strip():
        return None
    for rank, matches_tier in enumerate(_tiers(query)[:4]):
        if matches_tier(rep):
            return rank
    return None


def find_rep(reps: Sequence[Rep], query: str) -> Rep:
    """The one rep ``query`` names; raises ``RepLookupError`` if none or several."""
    shown = " ".join(query.split())
    if not shown:
        raise RepLookupError("Give a rep's name (or the start of it).")
    for matches_tier in _tiers(query):
        found = [r for r in reps if matches_tier(r)]
        if len(found) == 1:
            return found[0]
        if found:
            same_name = len({_casefold(r.name) for r in found}) == 1
            if same_name:
                raise RepLookupError(
                    f"'{shown}' matches several reps with the same name: "
                    f"{_listing(found, with_ids=True)}. Give the id in brackets instead."
                )
            raise RepLookupError(
                f"'{shown}' matches several reps: {_listing(found)}. Type more of the name."
            )
    if not reps:
        raise RepLookupError(f"No rep matches '{shown}'. There are no reps yet.")
    raise RepLookupError(f"No rep matches '{shown}'. Reps: {_listing(reps)}")


__all__ = ["RepLookupError", "find_rep", "label", "name_rank"]
