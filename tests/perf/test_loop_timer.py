"""The App's own timers are event-loop callbacks armed on demand (oneonone/perf/loop_timer.py)."""

from __future__ import annotations

import asyncio

from oneonone.perf.loop_timer import LoopTimer


async def test_a_loop_timer_fires_once_per_arming_and_hands_errors_over() -> None:
    fired: list[int] = []
    errors: list[Exception] = []
    done = asyncio.Event()

    def callback() -> None:
        fired.append(1)
        done.set()
        if len(fired) == 2:
            raise RuntimeError("boom")

    timer = LoopTimer(callback, errors.append)
    timer.arm(0.01)
    timer.arm(0.01)  # armed already: still one call
    assert timer.armed
    await done.wait()
    assert fired == [1] and not timer.armed
    done.clear()
    timer.arm(0)
    await done.wait()
    assert fired == [1, 1] and [str(e) for e in errors] == ["boom"]
    timer.arm(0)
    timer.cancel()
    await asyncio.sleep(0.02)
    assert fired == [1, 1] and not timer.armed
