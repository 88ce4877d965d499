"""When typed notes are written (core/autosave.py): after a pause, or at the latest ~2 s after
the first key not yet written, however fast and long the typing."""

from __future__ import annotations

from oneonone.core.autosave import CHECK_SECONDS, LATEST_SECONDS, QUIET_SECONDS, Autosave


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def saves_while_typing(keys_per_second: float, seconds: float) -> list[float]:
    """When the screen's check (every CHECK_SECONDS) finds a save due, while keys come in."""
    clock = Clock()
    saves = Autosave(clock)
    at: list[float] = []
    next_key, next_check = 0.0, CHECK_SECONDS
    while clock.now < seconds:
        clock.now = min(next_key, next_check)
        if clock.now == next_key:
            saves.edited()
            next_key += 1 / keys_per_second
        if clock.now == next_check:
            if saves.due():
                saves.saved()
                at.append(clock.now)
            next_check += CHECK_SECONDS
    return at


def test_nothing_is_due_before_a_change_and_a_pause_makes_it_due() -> None:
    clock = Clock()
    saves = Autosave(clock)
    clock.now = 50
    assert not saves.due() and not saves.pending
    saves.edited()
    assert saves.pending and not saves.due()
    clock.now += QUIET_SECONDS
    assert saves.due()
    saves.saved()
    assert not saves.pending and not saves.due()


def test_a_typist_who_never_pauses_loses_at_most_two_seconds() -> None:
    at = saves_while_typing(keys_per_second=8, seconds=20)
    gaps = [b - a for a, b in zip([0.0, *at], at, strict=False)]
    assert max(gaps) <= 2.0 and LATEST_SECONDS + CHECK_SECONDS <= 2.0
    assert len(at) <= 20 / LATEST_SECONDS + 1  # and the file is not rewritten every second


def test_each_pause_is_saved_within_a_second() -> None:
    clock = Clock()
    saves = Autosave(clock)
    for burst in range(3):
        clock.now = burst * 10.0
        saves.edited()
        clock.now += 0.1
        saves.edited()
        checks = 0
        while not saves.due():
            clock.now += CHECK_SECONDS
            checks += 1
        assert checks * CHECK_SECONDS <= 1.0
        saves.saved()
