"""The collector paused where a large build makes no cycles (oneonone/perf/collector.py), and
the core's builders free of any collector policy."""

from __future__ import annotations

import gc
from pathlib import Path

from oneonone.perf import collector


def test_the_collector_is_paused_inside_and_left_as_it_was_after() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():  # nested (a reload's build while another runs)
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()  # off before: still off
    finally:
        gc.enable()


def test_the_core_sets_no_collector_policy() -> None:
    core = Path(collector.__file__).parents[1] / "core"
    users = [p.name for p in core.rglob("*.py") if "import gc" in p.read_text(encoding="utf-8")]
    assert users == []
