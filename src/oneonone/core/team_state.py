"""``TeamState``: the team as the running app shows it, in one object that no screen owns.

The App owns one (``services.team``); home, the roster and the palette read it, and only the
team service (``oneonone.services.team``) changes it, then tells them to show it again. It
holds two readings of the team, each as fresh as the screen that shows it needs:

- the roster's: reps, agreements, scheduled reviews, settings and template, with every record
  this run saves applied as it is saved (``apply``);
- home's: the agenda's input and the invocations, as last read from the store (at start, and
  in a worker after each save: ``agenda_read``), with each rep's latest closed one-on-ones
  (read once after the first frame, ``sessions_read``, then kept up as one-on-ones are saved):
  the accountability signal's numbers evidence.

A reload of the file (another program changed it) replaces both (``load``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import pendulum

from oneonone.core import schedule
from oneonone.core.agenda import AgendaInput, latest_closed
from oneonone.core.dates import today_in
from oneonone.core.model import (
    Agreement,
    AgreementTemplate,
    Invocation,
    Rep,
    Review,
    Session,
    TeamSettings,
)
from oneonone.core.team import TeamSnapshot


class TeamState:
    """The current team: ``load`` it from a snapshot, ``apply`` saved records, ``agenda_read``
    what home shows; read it anywhere."""

    def __init__(self) -> None:
        self.reps: dict[str, Rep] = {}
        self.agreements: dict[str, Agreement] = {}
        #: Each rep's next review as scheduled, and the reviews saved since (moved, held).
        self.reviews: dict[str, Review] = {}
        self.settings = TeamSettings()
        self.template = AgreementTemplate()
        #: What home's agenda is built from, as last read from the store.
        self.agenda = AgendaInput(
            reps=[],
            settings=TeamSettings(),
            agreements=[],
            reviews=[],
            commitments=[],
            onboarding=[],
        )
        #: Every invocation of a consequence, as last read (home's title counts them).
        self.invocations: list[Invocation] = []
        #: Each current rep's latest closed one-on-ones with numbers (the signal's numbers
        #: evidence): None until read, in a worker after the first frame.
        self.recent_sessions: dict[str, list[Session]] | None = None
        #: True once a snapshot was loaded: until then nothing can be saved from the roster.
        self.loaded = False

    # -- changed by the team service only --------------------------------------------------------

    def load(self, team: TeamSnapshot, invocations: Iterable[Invocation] = ()) -> None:
        """Everything from ``team`` as just read from the store (start, or the file reloaded)."""
        self.reps = {r.id: r for r in team.reps}
        self.agreements = {a.id: a for a in team.agreements}
        self.reviews = {r.id: r for r in team.agenda.reviews}
        self.settings = team.settings
        self.template = team.template or AgreementTemplate()
        self.agenda = self._with_recent(team.agenda)
        self.invocations = list(invocations)
        self.loaded = True

    def apply(self, records: Iterable[object]) -> bool:
        """Records saved from any screen, applied to the roster's reading of the team. Only
        reps, agreements, reviews, the settings and the template count: True if one of them
        was among ``records`` (other records, the notes of a one-on-one saved every two
        seconds while typing, change nothing here). Applying the same records twice is
        harmless."""
        changed = False
        for record in records:
            if isinstance(record, Rep):
                self.reps[record.id] = record
            elif isinstance(record, Agreement):
                self.agreements[record.id] = record
            elif isinstance(record, Review):  # moved, held, scheduled: the next review's date
                self.reviews[record.id] = record
            elif isinstance(record, TeamSettings):
                self.settings = record
            elif isinstance(record, AgreementTemplate):
                self.template = record
            elif isinstance(record, Session):
                self._session_saved(record)
                continue
            else:
                continue
            changed = True
        return changed

    def agenda_read(self, agenda: AgendaInput, invocations: Iterable[Invocation]) -> None:
        """Home's reading of the team, read again after a save."""
        self.agenda = self._with_recent(agenda)
        self.invocations = list(invocations)

    def _with_recent(self, agenda: AgendaInput) -> AgendaInput:
        """``agenda`` with the latest one-on-ones held here (the same object if it has them)."""
        if agenda.recent_sessions is self.recent_sessions:
            return agenda
        return replace(agenda, recent_sessions=self.recent_sessions)

    def sessions_read(self, recent: dict[str, list[Session]]) -> None:
        """The reps' latest closed one-on-ones, read after the first frame: home's agenda
        weighs their numbers from now on."""
        self.recent_sessions = recent
        self.agenda = replace(self.agenda, recent_sessions=recent)

    def _session_saved(self, session: Session) -> None:
        """A one-on-one saved: kept among its rep's latest if it is closed and has numbers."""
        if self.recent_sessions is None:
            return
        held = self.recent_sessions.get(session.rep_id, [])
        if not (session.closed and session.numbers) and all(s.id != session.id for s in held):
            return  # the notes of an open one-on-one, saved as they are typed: nothing here
        mine = [s for s in held if s.id != session.id]
        # a new dict: a worker laying out the agenda may hold the old one
        self.recent_sessions = {
            **self.recent_sessions,
            session.rep_id: latest_closed([*mine, session]),
        }
        self.agenda = replace(self.agenda, recent_sessions=self.recent_sessions)

    # -- read by anyone ----------------------------------------------------------------------------

    @property
    def today(self) -> pendulum.Date:
        """Today where the manager is (the settings' timezone)."""
        return today_in(self.settings.timezone)

    def next_review(self, rep: Rep) -> pendulum.Date | None:
        """The rep's next review, as home, the agenda and the exports give it."""
        mine = [a for a in self.agreements.values() if a.rep_id == rep.id and a.is_agreed]
        review = schedule.next_review(
            rep, self.reviews.values(), settings=self.settings, agreements=mine, today=self.today
        )
        return review.due if review is not None else None

    def current_reps(self) -> list[Rep]:
        """The reps still on the team (not departed), by name."""
        current = (r for r in self.reps.values() if r.is_current)
        return sorted(current, key=lambda r: r.name.casefold())
