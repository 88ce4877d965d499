"""The search build sorts its texts in a temporary file, not in memory: when SQLite cannot
write it, the build says so in one sentence (a ``StoreError`` the app shows) instead of
failing with SQLite's own error."""

from __future__ import annotations

from pathlib import Path

import pendulum
import pytest

from oneonone.core import search
from oneonone.core.model import Rep, Session, SessionKind
from oneonone.core.search import SearchIndex, SearchUnavailable
from oneonone.core.store import Store, StoreError


def test_a_build_that_cannot_sort_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rep = Rep(name="Ann", start_date=pendulum.date(2024, 1, 1), id="ann")
    at = pendulum.datetime(2026, 3, 2, 9, tz="UTC")
    session = Session(rep_id="ann", kind=SessionKind.REGULAR, started_at=at, notes="Acme renewal")
    with Store.open(tmp_path / "data.json") as store:
        store.put_many([rep, session])
        assert [h.record_id for h in SearchIndex.build(store).search("acme")] == [session.id]
        monkeypatch.setattr(search, "_STAGING", str(tmp_path / "no such folder" / "sort.db"))
        with pytest.raises(SearchUnavailable) as caught:
            SearchIndex.build(store)
    assert isinstance(caught.value, StoreError)
    message = str(caught.value)
    assert message.startswith("The search index could not be built") and "\n" not in message
