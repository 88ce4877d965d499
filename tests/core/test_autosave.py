"""When typed notes are written (core/autosave.py): after a pause, or at the latest ~2 s after
the first key not yet written, however fast and long the typing."""

from __future__ import annotations

from oneonone.core.autosave import LATEST_SECONDS, QUIET_SECONDS, Autosave


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def saves_while_typing(keys_per_second: float, seconds: float) -> tuple[list[float], int]:
    """When saves come while keys come in, with a timer as the session screen sets it (for
    ``wait`` when a change comes and none is set; again when it fires too early); and how
    many times the timer fired."""
    clock = Clock()
    saves = Autosave(clock)
    at: list[float] = []
    fired = 0
    next_key, timer = 0.0, None
    while clock.now < seconds:
        clock.now = min(next_key, timer if timer is not None else next_key)
        if timer is not None and clock.now == timer:
            fired += 1
            timer = None
            if saves.due():
                saves.saved()
                at.append(clock.now)
            else:
                timer = clock.now + (saves.wait() or 0.0)
        if clock.now == next_key:
            saves.edited()
            if timer is None:
                timer = clock.now + (saves.wait() or 0.0)
            next_key += 1 / keys_per_second
    return at, fired


def test_nothing_is_due_before_a_change_and_a_pause_makes_it_due() -> None:
    clock = Clock()
    saves = Autosave(clock)
    clock.now = 50
    assert not saves.due() and not saves.pending and saves.wait() is None
    saves.edited()
    assert saves.pending and not saves.due() and saves.wait() == QUIET_SECONDS
    clock.now += QUIET_SECONDS
    assert saves.due() and saves.wait() == 0
    saves.saved()
    assert not saves.pending and not saves.due()


def test_a_typist_who_never_pauses_loses_at_most_two_seconds() -> None:
    at, fired = saves_while_typing(keys_per_second=8, seconds=20)
    gaps = [b - a for a, b in zip([0.0, *at], at, strict=False)]
    assert max(gaps) <= LATEST_SECONDS <= 2.0
    assert len(at) <= 20 / LATEST_SECONDS + 1  # the file is not rewritten every second
    assert fired <= 3 * len(at) + 1  # and no timer ticking in between for nothing


def test_a_pause_is_saved_a_second_after_the_last_key() -> None:
    clock = Clock()
    saves = Autosave(clock)
    for burst in range(3):
        clock.now = burst * 10.0
        saves.edited()
        clock.now += 0.3
        saves.edited()
        wait = saves.wait()
        assert wait == QUIET_SECONDS
        clock.now += wait
        assert saves.due()
        saves.saved()
