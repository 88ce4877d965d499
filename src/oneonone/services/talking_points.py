"""Talking points between one-on-ones (issue 18): F3 from any screen opens the one-line form,
for the rep the screen shows (the highlighted rep, the one-on-one's) unless a name is typed;
the point is saved in a worker like every record, and a one-on-one open for that rep shows it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pendulum

from oneonone.core.model import Rep, TalkingPoint
from oneonone.core.text import visible

if TYPE_CHECKING:
    from oneonone.services.hub import AppServices


class TalkingPoints:
    """``capture``: the form, then the point saved."""

    def __init__(self, hub: AppServices) -> None:
        self.hub = hub

    def rep_in_view(self) -> Rep | None:
        """The rep the screen in front is about: a one-on-one's, a history's or an agreement's
        rep, or the one highlighted on the roster or home; None for the others."""
        screen = self.hub.app.screen
        reps = self.hub.team.reps
        rep = getattr(screen, "rep", None)
        if isinstance(rep, Rep):
            return reps.get(rep.id, rep)
        selected = getattr(screen, "selected", None)
        if isinstance(selected, Rep):
            return selected
        rep_id = getattr(selected, "rep_id", None)
        return reps.get(rep_id) if isinstance(rep_id, str) else None

    def capture(self) -> None:
        """The talking-point form; the point saved when it is noted."""
        from oneonone.screens.talking_point import TalkingPointForm

        hub = self.hub
        if hub.store.read_only:
            hub.show_error("Not noted: this copy is read-only (the file is in use elsewhere).")
            return
        reps = list(hub.team.reps.values())

        def noted(point: TalkingPoint | None) -> None:
            if point is not None:
                self.noted(point)

        form = TalkingPointForm(reps, now=pendulum.now("UTC"), default=self.rep_in_view())
        hub.app.push_screen(form, noted)

    def noted(self, point: TalkingPoint) -> None:
        """A point noted: saved (in a worker), and shown by a one-on-one open for its rep."""
        hub = self.hub
        rep = hub.team.reps.get(point.rep_id)
        name = visible(rep.name, one_line=True) if rep else "the rep"
        hub.saving.persist([point], f"Talking point noted for {name}.", refresh_home=False)
        for screen in hub.app.screen_stack:
            shown = getattr(screen, "talking_point_noted", None)
            if callable(shown):
                shown(point)
