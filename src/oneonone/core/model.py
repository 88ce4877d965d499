"""The domain of oneonone: everything the accountability method holds (see DOMAIN.md).

Every stored record has a stable UUID ``id`` (never a TinyDB doc_id) and names its table in
``TABLE``. Dates are ``pendulum.Date``; moments are ``pendulum.DateTime`` with an offset.
These types carry data and small derived facts; rules that span records live in the rule
modules (``roster``, and later agreements, schedule, sessions).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import ClassVar

import pendulum


def new_id() -> str:
    """A new random id (a UUID4 string)."""
    return str(uuid.uuid4())


def utc_now() -> pendulum.DateTime:
    """Now, in UTC."""
    return pendulum.now("UTC")


# --- enumerations ---------------------------------------------------------------------------


class RepStatus(StrEnum):
    """Where a rep is: onboarding, active, or departed."""

    ONBOARDING = "onboarding"
    ACTIVE = "active"
    DEPARTED = "departed"


class Period(StrEnum):
    """The period a quota line counts over."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class Urgency(StrEnum):
    """How urgent a message is, for the communication rules."""

    URGENT = "urgent"
    WITHIN_24H = "within 24 hours"
    ROUTINE = "routine"


class AgreementState(StrEnum):
    """Whether an agreement version is a draft or agreed (then never changed)."""

    DRAFT = "draft"
    AGREED = "agreed"


class Owner(StrEnum):
    """Who made a commitment: the rep or the manager."""

    REP = "rep"
    MANAGER = "manager"


class CommitmentState(StrEnum):
    """Where a commitment is: open, done or dropped."""

    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class SessionKind(StrEnum):
    """The kind of a one-on-one, each with its script."""

    EXPECTATIONS = "expectations"
    REGULAR = "regular"
    QUARTERLY_REVIEW = "quarterly review"
    ACCOUNTABILITY = "accountability"
    NEW_LEADER_RESET = "new-leader reset"


class ReviewScope(StrEnum):
    """Whether a quarterly review is a rep's or the team's."""

    REP = "rep"
    TEAM = "team"


class ReviewState(StrEnum):
    """Where a quarterly review is: scheduled, done or cancelled."""

    SCHEDULED = "scheduled"
    DONE = "done"
    CANCELLED = "cancelled"


class ReviewAnchor(StrEnum):
    """What quarterly reviews are counted from: calendar quarters or each rep's start date."""

    CALENDAR = "calendar"
    START_DATE = "start date"


# --- team -----------------------------------------------------------------------------------


@dataclass
class TeamSettings:
    """The manager's own settings; one record per data file."""

    TABLE: ClassVar[str] = "settings"
    id: str = "team"
    manager_name: str = ""
    timezone: str = "UTC"
    takeover_date: pendulum.Date | None = None
    review_anchor: ReviewAnchor = ReviewAnchor.CALENDAR
    work_days: list[int] = field(default_factory=lambda: [0, 1, 2, 3, 4])  # Monday = 0
    work_start: str = "09:00"
    work_end: str = "17:00"
    # the accountability signal's thresholds (``signal.SignalRules``)
    signal_missed: int = 2  # commitments past their date and not done
    signal_carried: int = 3  # times one commitment was carried
    signal_below: int = 3  # one-on-ones in a row below a quota line

    @property
    def is_set_up(self) -> bool:
        """Whether the manager has given their name."""
        return bool(self.manager_name.strip())

    def problems(self) -> dict[str, str]:
        """What is wrong with each field the app cannot work with (a damaged file: a hand
        edit, a flipped bit), field name -> why; empty when the settings are sound."""
        from oneonone.core.dates import is_valid_timezone

        found: dict[str, str] = {}
        if not is_valid_timezone(self.timezone):
            found["timezone"] = f"{self.timezone!r} is not a timezone"
        for name in ("work_start", "work_end"):
            text = getattr(self, name)
            m = _HHMM.fullmatch(text.strip())
            if m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59:
                found[name] = f"{text!r} is not a time of day"
        if not self.work_days or any(not 0 <= d <= 6 for d in self.work_days):
            found["work_days"] = f"{self.work_days!r} are not days of the week"
        return found


_HHMM = re.compile(r"(\d{1,2}):(\d{2})")


@dataclass
class Rep:
    """A rep on the team (or who left it)."""

    TABLE: ClassVar[str] = "reps"
    name: str
    start_date: pendulum.Date
    role: str = ""
    status: RepStatus = RepStatus.ACTIVE
    departed_on: pendulum.Date | None = None
    id: str = field(default_factory=new_id)
    created_at: pendulum.DateTime = field(default_factory=utc_now)
    updated_at: pendulum.DateTime = field(default_factory=utc_now)

    @property
    def is_current(self) -> bool:
        """Whether the rep is still on the team (not departed)."""
        return self.status is not RepStatus.DEPARTED


# --- agreements -----------------------------------------------------------------------------


@dataclass
class QuotaLine:
    """ "New ARR — 120,000 USD per quarter"."""

    label: str
    number: float
    unit: str
    period: Period
    id: str = field(default_factory=new_id)


@dataclass
class CommRule:
    """How each side wants to be reached at one level of urgency."""

    urgency: Urgency
    manager_channel: str = ""
    manager_response: str = ""
    rep_channel: str = ""
    rep_response: str = ""


@dataclass
class ConsequenceStep:
    """One milestone on the rep's own ladder, in the rep's own words."""

    text: str
    id: str = field(default_factory=new_id)


@dataclass
class Agreement:
    """One version of a rep's written two-way agreement. Once agreed, it is never changed:
    a change makes a new version."""

    TABLE: ClassVar[str] = "agreements"
    rep_id: str
    version: int = 1
    state: AgreementState = AgreementState.DRAFT
    agreed_on: pendulum.Date | None = None
    manager_name: str = ""
    # 1. What I expect from you
    quota_lines: list[QuotaLine] = field(default_factory=list)
    activity: list[str] = field(default_factory=list)
    conduct: list[str] = field(default_factory=list)
    work_schedule: str = ""
    job_loss: str = ""
    # 2. What you can expect from me
    manager_commitments: list[str] = field(default_factory=list)
    # 3. What else you asked of me
    rep_requests: list[str] = field(default_factory=list)
    # 4. How we reach each other
    comm_rules: list[CommRule] = field(default_factory=list)
    open_door: str = ""
    rep_hours: str = ""
    # 5. If I don't hold up my end
    consequence_steps: list[ConsequenceStep] = field(default_factory=list)
    # set by a new-leader reset: agreed under a previous manager
    inherited: bool = False
    # set when a later version is agreed: kept with the rep's history, off the start-up path
    superseded: bool = False
    next_review: pendulum.Date | None = None
    # the rep's acknowledgement of an agreed version: when, and how ("in person", "by e-mail")
    acknowledged_on: pendulum.Date | None = None
    acknowledged_how: str = ""
    id: str = field(default_factory=new_id)
    created_at: pendulum.DateTime = field(default_factory=utc_now)

    @property
    def is_agreed(self) -> bool:
        """Whether this version is agreed."""
        return self.state is AgreementState.AGREED


@dataclass
class AgreementTemplate:
    """The manager's standard expectations and commitments; a new agreement starts from it, so
    each rep's agreement only records what differs. The rep's own parts (their requests, their
    working hours, their consequence steps) are never templated."""

    TABLE: ClassVar[str] = "templates"
    id: str = "team"
    quota_lines: list[QuotaLine] = field(default_factory=list)
    activity: list[str] = field(default_factory=list)
    conduct: list[str] = field(default_factory=list)
    work_schedule: str = ""
    job_loss: str = ""
    manager_commitments: list[str] = field(default_factory=list)
    comm_rules: list[CommRule] = field(default_factory=list)
    open_door: str = ""


@dataclass
class Invocation:
    """The record that a consequence step was invoked, quoting the agreement it rests on."""

    TABLE: ClassVar[str] = "invocations"
    rep_id: str
    agreement_id: str
    agreement_version: int
    step_id: str
    step_index: int
    step_text: str
    reason: str
    invoked_at: pendulum.DateTime = field(default_factory=utc_now)
    session_id: str | None = None
    evidence: list[str] = field(default_factory=list)
    self_check: dict[str, bool] = field(default_factory=dict)
    out_of_order_reason: str = ""
    withdrawn_at: pendulum.DateTime | None = None
    withdrawn_reason: str = ""
    id: str = field(default_factory=new_id)

    @property
    def is_withdrawn(self) -> bool:
        """Whether the invocation was withdrawn."""
        return self.withdrawn_at is not None


@dataclass
class Snooze:
    """The manager set a rep's accountability signal aside, with a reason (kept on record and
    shown in the rep's history): the evidence shown then (``evidence``) is answered, and the
    signal comes back only with new evidence, as after an invoked step."""

    TABLE: ClassVar[str] = "snoozes"
    rep_id: str
    reason: str
    at: pendulum.DateTime = field(default_factory=utc_now)
    evidence: list[str] = field(default_factory=list)
    id: str = field(default_factory=new_id)


# --- commitments and sessions ---------------------------------------------------------------


@dataclass
class CommitmentChange:
    """One change to a commitment after it was made, kept on it so the record shows what was
    put right: ``what`` changed (``text``, ``due``, ``state`` or ``carried``), ``before`` and
    ``after`` as text (a due date in ISO form, "" for none), ``at`` when, in which one-on-one
    (``session_id``, None outside one), and a ``note`` (a drop's reason, "undone")."""

    what: str
    before: str
    after: str
    at: pendulum.DateTime
    session_id: str | None = None
    note: str = ""


@dataclass
class Commitment:
    """Something one side said they would do by a date; carried until done or dropped.
    ``changes`` records every correction and state change after it was made, oldest first."""

    TABLE: ClassVar[str] = "commitments"
    rep_id: str
    owner: Owner
    text: str
    due: pendulum.Date | None = None
    state: CommitmentState = CommitmentState.OPEN
    carried: int = 0
    session_id: str | None = None
    created_at: pendulum.DateTime = field(default_factory=utc_now)
    closed_at: pendulum.DateTime | None = None
    drop_reason: str = ""
    id: str = field(default_factory=new_id)
    changes: list[CommitmentChange] = field(default_factory=list)


@dataclass
class StepNote:
    """One step of the conversation script, with what was said at it."""

    title: str
    prompt: str = ""
    notes: str = ""
    covered: bool = False


@dataclass
class NumberEntry:
    """The rep's actual against one quota line, for the period."""

    quota_line_id: str
    label: str
    actual: float
    target: float
    unit: str
    period: Period


@dataclass
class Addendum:
    """A line added to a closed one-on-one, with when it was added."""

    at: pendulum.DateTime
    text: str


@dataclass
class Session:
    """One one-on-one."""

    TABLE: ClassVar[str] = "sessions"
    rep_id: str
    kind: SessionKind
    started_at: pendulum.DateTime = field(default_factory=utc_now)
    ended_at: pendulum.DateTime | None = None
    script_name: str = ""
    steps: list[StepNote] = field(default_factory=list)
    current_step: int = 0
    notes: str = ""
    private_notes: str = ""
    numbers: list[NumberEntry] = field(default_factory=list)
    agreement_id: str | None = None
    agreement_version: int | None = None
    closed: bool = False
    addenda: list[Addendum] = field(default_factory=list)
    id: str = field(default_factory=new_id)


# --- cadence --------------------------------------------------------------------------------


@dataclass
class Review:
    """A scheduled quarterly expectations conversation, for one rep or the whole team."""

    TABLE: ClassVar[str] = "reviews"
    scope: ReviewScope
    due: pendulum.Date
    rep_id: str | None = None
    state: ReviewState = ReviewState.SCHEDULED
    moved_from: pendulum.Date | None = None
    held_on: pendulum.Date | None = None
    session_id: str | None = None
    id: str = field(default_factory=new_id)
    # how many times it was moved: a calendar's SEQUENCE, which may only rise (RFC 5545)
    moves: int = 0


@dataclass
class OnboardingItem:
    """One slot of a new rep's two-week plan."""

    TABLE: ClassVar[str] = "onboarding"
    rep_id: str
    title: str
    starts_at: pendulum.DateTime
    ends_at: pendulum.DateTime
    is_expectations_conversation: bool = False
    done: bool = False
    done_at: pendulum.DateTime | None = None
    id: str = field(default_factory=new_id)


@dataclass
class PlanTemplateItem:
    """One slot of the two-week plan template: on working day ``day`` (1..10) at ``start``
    ("HH:MM", the manager's timezone), for ``minutes``."""

    day: int
    start: str
    minutes: int
    title: str
    is_expectations_conversation: bool = False


@dataclass
class OnboardingTemplate:
    """The manager's two-week plan that a new rep's onboarding items are generated from."""

    TABLE: ClassVar[str] = "onboarding_template"
    id: str = "team"
    items: list[PlanTemplateItem] = field(default_factory=list)


RECORD_TYPES: tuple[type, ...] = (
    TeamSettings,
    Rep,
    Agreement,
    AgreementTemplate,
    Invocation,
    Commitment,
    Session,
    Review,
    OnboardingItem,
    OnboardingTemplate,
)


# --- candidates (DOMAIN.md habit 10: accountability starts at the interview) ---------------


class CandidateState(StrEnum):
    """Where a candidate is: still interviewing, hired (then a rep), or not hired (kept)."""

    INTERVIEWING = "interviewing"
    HIRED = "hired"
    NOT_HIRED = "not hired"


@dataclass
class InterviewQuestion:
    """A behavioural question asked at an interview, with the candidate's answer."""

    question: str
    answer: str = ""


@dataclass
class Interview:
    """One interview: when, who held it, the expectations discussed (quota lines with their
    numbers, activity, conduct, what would cost the job) and the behavioural questions asked."""

    held_on: pendulum.Date
    interviewers: str = ""
    quota_lines: list[QuotaLine] = field(default_factory=list)
    activity: list[str] = field(default_factory=list)
    conduct: list[str] = field(default_factory=list)
    job_loss: str = ""
    questions: list[InterviewQuestion] = field(default_factory=list)
    notes: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class Candidate:
    """A person interviewing for the team (never in the roster nor the agenda): hired, they
    become a rep (``rep_id``); not hired, they are kept, marked, with the date and reason."""

    TABLE: ClassVar[str] = "candidates"
    name: str
    role: str = ""
    state: CandidateState = CandidateState.INTERVIEWING
    decided_on: pendulum.Date | None = None
    reason: str = ""
    interviews: list[Interview] = field(default_factory=list)
    rep_id: str | None = None
    id: str = field(default_factory=new_id)
    created_at: pendulum.DateTime = field(default_factory=utc_now)
    updated_at: pendulum.DateTime = field(default_factory=utc_now)


RECORD_TYPES = (*RECORD_TYPES, Candidate)


# --- numbers from the CRM -------------------------------------------------------------------


@dataclass
class ImportedNumber:
    """A rep's number for one quota line and period, read from a CRM report (``oneonone numbers
    import``). The one-on-one held in that period offers it, prefilled and marked imported, in
    its numbers form; kept there, it becomes the one-on-one's number like one typed. Importing
    the same rep, line and period again replaces it (one record each)."""

    TABLE: ClassVar[str] = "imported_numbers"
    rep_id: str
    quota_line_id: str
    label: str
    period: Period
    period_start: pendulum.Date
    value: float
    source: str = ""
    imported_at: pendulum.DateTime = field(default_factory=utc_now)
    id: str = field(default_factory=new_id)


RECORD_TYPES = (*RECORD_TYPES, ImportedNumber)


# --- the team's own agreement (appended: DOMAIN.md "team agreement") --------------------------


@dataclass
class TeamPart:
    """A part the manager added to the team agreement beyond the standard five: its title and
    its lines."""

    title: str
    lines: list[str] = field(default_factory=list)


@dataclass
class TeamAgreement:
    """One version of the team's own written expectations, agreed at the quarterly team
    review, in addition to each rep's agreement. Once agreed it is never changed: a change
    makes a new version. (Separate from ``AgreementTemplate``, which new rep agreements start
    from.) The parts are lines of free text each (``core.team_agreement.TEAM_PARTS``)."""

    TABLE: ClassVar[str] = "team_agreements"
    version: int = 1
    state: AgreementState = AgreementState.DRAFT
    agreed_on: pendulum.Date | None = None
    manager_name: str = ""
    integrity: list[str] = field(default_factory=list)
    side_deals: list[str] = field(default_factory=list)
    leaderboard: list[str] = field(default_factory=list)
    reaching: list[str] = field(default_factory=list)
    work_schedule: list[str] = field(default_factory=list)
    extra_parts: list[TeamPart] = field(default_factory=list)
    next_review: pendulum.Date | None = None
    id: str = field(default_factory=new_id)
    created_at: pendulum.DateTime = field(default_factory=utc_now)

    @property
    def is_agreed(self) -> bool:
        """Whether this version is agreed."""
        return self.state is AgreementState.AGREED


RECORD_TYPES = (*RECORD_TYPES, TeamAgreement)
# --- talking points (issue 18) --------------------------------------------------------------


class PointState(StrEnum):
    """Where a talking point is: open (not raised yet), discussed, or carried to next time."""

    OPEN = "open"
    DISCUSSED = "discussed"
    CARRIED = "carried"


@dataclass
class TalkingPoint:
    """Something to raise at the next one-on-one with a rep ("next time"), noted between
    meetings by the manager (or raised by the rep: ``raised_by``). ``private`` ones are the
    manager's own: never searched, never in the rep's export. ``session_id`` is the one-on-one
    it was last discussed or carried in, ``note`` what was typed when it was discussed, and
    ``carried`` how many times it was carried to the next one."""

    TABLE: ClassVar[str] = "talking_points"
    rep_id: str
    text: str
    private: bool = False
    raised_by: Owner = Owner.MANAGER
    created_at: pendulum.DateTime = field(default_factory=utc_now)
    state: PointState = PointState.OPEN
    session_id: str | None = None
    note: str = ""
    carried: int = 0
    closed_at: pendulum.DateTime | None = None
    id: str = field(default_factory=new_id)

    @property
    def is_pending(self) -> bool:
        """Whether it waits for the next one-on-one (open, or carried to it)."""
        return self.state is not PointState.DISCUSSED


RECORD_TYPES = (*RECORD_TYPES, TalkingPoint)
