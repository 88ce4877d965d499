"""A deterministic, realistic demo team: for trying the app, screenshots and benchmarks.

``generate(store, reps=8, years=1.0, today=...)`` writes a manager's settings, a team of reps
(one onboarding, one departed), their quarterly agreement versions, about one session a week
per rep with notes, numbers and commitments for both sides, a couple of invocations, and the
quarterly reviews (one overdue). The manager took the team over ``years`` ago, so the reps who
were already there start with a new-leader reset and later hires with an expectations
conversation.

Everything comes from one ``random.Random(seed)``: no global random state and no wall clock
(``today`` is a parameter), and the UUIDs are drawn from the same generator, so two runs with
the same arguments write byte-identical files. Generation is linear in the number of
sessions: 12 reps over 5 years (about 3,000 sessions) takes a few seconds.

Some notes deliberately contain Markdown and table syntax (``**bold**``, ``|``, ``[x]``,
``# ...``, backticks, ``<...>``): whatever renders them must escape them.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pendulum

from oneonone.core.model import (
    Addendum,
    Agreement,
    AgreementState,
    CommitmentState,
    CommRule,
    ConsequenceStep,
    Invocation,
    NumberEntry,
    OnboardingItem,
    Owner,
    Period,
    QuotaLine,
    Rep,
    RepStatus,
    Review,
    ReviewScope,
    ReviewState,
    Session,
    SessionKind,
    StepNote,
    TeamSettings,
    Urgency,
)
from oneonone.core.model import Commitment as CommitmentRecord
from oneonone.core.store import Store

MANAGER_NAME = "Dana Whitfield"
MANAGER_FIRST = "Dana"
TIMEZONE = "America/New_York"
DEMO_FILE_NAME = "demo.json"

# --- conversation scripts (DOMAIN.md, "The conversation scripts this implies") --------------

Script = tuple[str, tuple[tuple[str, str], ...]]

REGULAR_SCRIPT: Script = (
    "Regular one-on-one",
    (
        ("Open commitments", "What did each of us say we'd do since last time?"),
        ("Numbers against quota", "Where are the numbers against the agreed quota?"),
        ("Rep's agenda", "What do you want to talk about?"),
        ("Manager's agenda", "What I need to raise."),
        ("New commitments", "Who does what, by when?"),
    ),
)
EXPECTATIONS_SCRIPT: Script = (
    "Expectations conversation",
    (
        ("Manager's expectations", "Quota, activity, conduct, schedule, what would cost the job."),
        ("What you can expect from me", "The manager's side of the agreement."),
        ("What else do you need?", "What else are you expecting from me?"),
        ("Communication and schedule", "How we reach each other, by urgency; working hours."),
        ("If you don't hold up your end", "What do you want me to do? In your own words."),
        ("Put it in writing", "Agree the written version."),
    ),
)
RESET_SCRIPT: Script = (
    "New-leader reset",
    (("This is now my team", "We start over, from the beginning."), *EXPECTATIONS_SCRIPT[1]),
)
QUARTERLY_SCRIPT: Script = (
    "Quarterly expectations review",
    (
        ("What changed", "Since the last version of the agreement."),
        ("Quota for the new quarter", "The numbers for the quarter ahead."),
        ("Both sides' expectations", "Still right for both of us?"),
        ("Consequence steps still right?", "Read the ladder back in the rep's words."),
        ("New version of the agreement", "Agree the new version."),
    ),
)
ACCOUNTABILITY_SCRIPT: Script = (
    "Accountability conversation",
    (
        ("The evidence", "Missed commitments, numbers."),
        ("Your own words", "Read back what the rep asked for."),
        ("The step being invoked", "Which step, from which version."),
        ("What happens next", "The plan and the next check."),
        ("My own part", "Did I set the expectation, coach, keep my commitments, hire well?"),
    ),
)
SCRIPTS: dict[SessionKind, Script] = {
    SessionKind.REGULAR: REGULAR_SCRIPT,
    SessionKind.EXPECTATIONS: EXPECTATIONS_SCRIPT,
    SessionKind.NEW_LEADER_RESET: RESET_SCRIPT,
    SessionKind.QUARTERLY_REVIEW: QUARTERLY_SCRIPT,
    SessionKind.ACCOUNTABILITY: ACCOUNTABILITY_SCRIPT,
}
DURATION_MINUTES: dict[SessionKind, tuple[int, int]] = {
    SessionKind.REGULAR: (25, 50),
    SessionKind.EXPECTATIONS: (105, 130),
    SessionKind.NEW_LEADER_RESET: (100, 125),
    SessionKind.QUARTERLY_REVIEW: (55, 85),
    SessionKind.ACCOUNTABILITY: (40, 60),
}

# --- people and places -----------------------------------------------------------------------

FIRST_NAMES = (
    "Maya", "Jordan", "Priya", "Marcus", "Elena", "Tomás", "Aisha", "Connor", "Mei", "Darnell",
    "Sofia", "Ravi", "Hannah", "Kwame", "Lucía", "Ethan", "Noor", "Brandon", "Yuki", "Olivia",
    "Mateo", "Grace", "Samir", "Chloe", "Andre", "Fatima", "Liam", "Ingrid", "Diego", "Keisha",
    "Owen", "Anya", "Malik", "Rosa", "Nathan", "Leila", "Tyler", "Amara", "Jae-won", "Bianca",
    "Felix", "Zara", "Caleb", "Imani", "Hugo", "Nadia", "Wesley", "Thu", "Rafael", "Simone",
)  # fmt: skip
LAST_NAMES = (
    "Okafor", "Chen", "Patel", "Reyes", "Novak", "Brennan", "Haddad", "Kim", "Alvarez",
    "Johansson", "Nguyen", "O'Brien", "Castillo", "Mensah", "Kowalski", "Tanaka", "Fitzgerald",
    "Adeyemi", "Rossi", "Sandoval", "Lindqvist", "Park", "Delgado", "Walsh", "Osei", "Ferreira",
    "Hoffman", "Iyer", "Carter", "Abbasi", "Moreau", "Sato", "Bianchi", "Greene", "Petrova",
    "Quinn", "Rahman", "Silva", "Thornton", "Vasquez", "Whitaker", "Yilmaz", "Zhang", "Dubois",
    "Ellison", "Guerrero", "Hale", "Jovanovic", "Lachance", "Murphy",
)  # fmt: skip
COMPANIES = (
    "Kestrel Freight", "Northwind Logistics", "Brightline Health", "Harbor & Pine Dental",
    "Summit Ridge Credit Union", "Bluefin Analytics", "Oakhurst Schools", "Meridian Title",
    "Copperleaf Hotels", "Granite State Roofing", "Lumen Biotech", "Riverbend Foods",
    "Tidewater Marine", "Alder Street Clinics", "Pioneer Valley Insurance", "Quarry Labs",
    "Sable Energy", "Evergreen Property Group", "Foxglove Retail", "Ironwood Manufacturing",
    "Juniper Legal", "Lakeside Auto Group", "Maple & Main Bakeries", "Northstar Staffing",
    "Orchard Software", "Pelican Travel", "Redwood Dental Partners", "Silverline Payments",
    "Trident Security", "Union Square Realty", "Vantage Fitness", "Willow Creek Senior Living",
)  # fmt: skip
CONTACTS = (
    "Erin", "Raj", "Monique", "Pete", "Ana", "Gustavo", "Linda", "Omar", "Beth", "Tariq",
    "Carla", "Steve", "Hye-jin", "Walt", "Ines", "Derek",
)  # fmt: skip
COMPETITORS = ("DealStack", "PipeHawk", "Clarivo", "Quotient CRM", "Salesly")
INDUSTRIES = (
    "dental", "logistics", "credit union", "hospitality", "manufacturing", "healthcare",
    "legal", "retail", "construction", "education",
)  # fmt: skip
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

ROLE_CYCLE = (
    "Account Executive", "SDR", "Senior AE", "Account Executive", "SDR", "Enterprise AE",
    "Account Manager", "Account Executive", "SDR", "Senior AE", "Account Executive", "SDR",
)  # fmt: skip

# label, base number, unit, period, kind ("count" per period, "money" or "pct" to date)
LineSpec = tuple[str, float, str, Period, str]
QUOTA_SPECS: dict[str, tuple[LineSpec, ...]] = {
    "SDR": (
        ("Qualified meetings booked", 14, "meetings", Period.WEEK, "count"),
        ("Outbound dials", 60, "dials", Period.DAY, "count"),
        ("Sourced pipeline", 300000, "USD", Period.QUARTER, "money"),
    ),
    "Account Executive": (
        ("New ARR", 120000, "USD", Period.QUARTER, "money"),
        ("Discovery calls", 12, "calls", Period.WEEK, "count"),
        ("Demos delivered", 8, "demos", Period.WEEK, "count"),
    ),
    "Senior AE": (
        ("New ARR", 210000, "USD", Period.QUARTER, "money"),
        ("Discovery calls", 10, "calls", Period.WEEK, "count"),
        ("Multi-threaded opportunities", 6, "opportunities", Period.MONTH, "count"),
    ),
    "Enterprise AE": (
        ("New ARR", 400000, "USD", Period.QUARTER, "money"),
        ("Executive meetings", 4, "meetings", Period.MONTH, "count"),
        ("Pipeline created", 1200000, "USD", Period.QUARTER, "money"),
    ),
    "Account Manager": (
        ("Expansion ARR", 80000, "USD", Period.QUARTER, "money"),
        ("Gross retention", 92, "percent", Period.QUARTER, "pct"),
        ("Customer business reviews", 6, "reviews", Period.MONTH, "count"),
    ),
}
EXTRA_LINE: LineSpec = ("Referral asks", 3, "asks", Period.WEEK, "count")

# --- the agreement, in plain words ------------------------------------------------------------

ACTIVITY = (
    "Two 90-minute prospecting blocks a day, calendar-protected.",
    "Keep pipeline at 3x quota for the next quarter.",
    "Forecast updated in the CRM by Thursday noon.",
    "Every opportunity over 25k has a mutual action plan.",
    "Follow up every demo within 24 hours, in writing.",
    "Work every inbound lead within 5 minutes during working hours.",
    "Hand off every qualified meeting with notes in the CRM.",
)
CONDUCT = (
    "No side deals: every discount and every promise goes through deal desk.",
    "Log every customer conversation in the CRM the same day.",
    "Tell me bad news early; a surprise in the forecast is the problem, not the miss.",
    "Treat SDRs, support and finance as teammates; no blame in public channels.",
    "Forecast what you believe, not what you hope.",
    "Never promise a feature that isn't on the published roadmap.",
)
WORK_SCHEDULES = (
    "Monday to Friday. Core hours 10:00-3:00 Eastern for team time; the rest you schedule "
    "around your buyers. Friday afternoons are for pipeline review.",
    "In the office Tuesday to Thursday, remote Monday and Friday. Calls with West Coast buyers "
    "can run to 7 pm; start later the next day.",
    "Forty-ish hours, your call when, as long as the activity numbers are met and you're "
    "reachable in core hours (10-3 Eastern).",
    "Monday to Friday, 8:30 to 5:00 Eastern, one hour for lunch. Month-end and quarter-end "
    "weeks can run late; take the following Friday afternoon off.",
)
JOB_LOSS = (
    "Lying about activity or CRM data; side deals with customers (discounts or promises that "
    "don't go through deal desk); or two quarters in a row below 60% of quota without keeping "
    "to the plan we agree. Any of those costs you the job.",
    "Falsifying anything (numbers, notes, expenses) costs you the job on the spot. Missing "
    "quota does not, on its own: missing it three quarters running while not doing the agreed "
    "activity does.",
    "Dishonesty with a customer or with me, or treating a teammate with contempt. And the "
    "numbers: below 50% of quota for two quarters with the agreed activity not done.",
)
MANAGER_PROMISES = (
    "A weekly one-on-one that I don't cancel twice in a row.",
    "Deal-desk and pricing answers within one business day.",
    "Coaching on one recorded call every two weeks.",
    "I fight for your territory and your leads in leadership meetings.",
    "You hear where you stand from me first, plainly, every quarter.",
    "I keep my one-on-one commitments, and you can call me on it when I don't.",
    "Air cover with other teams when a deal needs it.",
)
REP_REQUESTS = (
    "Help getting in front of VPs at enterprise accounts.",
    "Protected Friday afternoons for prospecting.",
    "Earlier notice of territory and comp-plan changes.",
    "A written path to Senior AE: what it takes, by when.",
    "Tuesday and Thursday 3:00-4:30 off for school pickup; I make it up in the evening.",
    "Tell me in private when I mess up, not in the team channel.",
    "Budget for one sales course a year.",
    "Join me on the first call with any account over 100k.",
)
OPEN_DOORS = (
    "My door is open 8-10 am every day, no appointment. After that, Slack me and I'll find "
    "you time the same day.",
    "Walk in any time the door is open; if it's closed, text me for anything that can't wait "
    "until it opens.",
    "Open door all day Monday and Friday; Tuesday to Thursday, grab me between meetings or put "
    "15 minutes on my calendar.",
)
REP_HOURS = (
    "8:00-4:30 Central, Monday to Friday; urgent deal calls until 6.",
    "9:30-6:00 Eastern; gym 12-1, back online after.",
    "7:30-4:00 Pacific so I overlap with East Coast buyers.",
    "Tue/Thu 8:00-3:00 (school pickup) and 7-9 pm; Mon/Wed/Fri 8:30-5:30 Eastern.",
    "8:30-5:00 Eastern; no calls before 9 on Mondays (team stand-up prep).",
)
COMM_CHOICES: dict[
    Urgency, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
] = {
    Urgency.URGENT: (
        ("Text or call my cell", "Call me; text if I don't pick up"),
        ("within the hour", "within 30 minutes in working hours"),
        ("Text me", "Call my cell"),
        ("within the hour", "within 2 hours"),
    ),
    Urgency.WITHIN_24H: (
        ("Email", "Email with the deal name in the subject"),
        ("same business day", "within 24 hours"),
        ("Email", "Slack DM"),
        ("within 24 hours", "by end of the next business day"),
    ),
    Urgency.ROUTINE: (
        ("Slack DM", "Slack, in #team-east"),
        ("by end of the next business day", "when I batch messages at 11 and 4"),
        ("Slack DM", "Add it to our 1:1 agenda doc"),
        ("by our next one-on-one", "within 2 business days"),
    ),
}
LADDER_FIRST = (
    "A gentle reminder. A quick Slack is enough; I usually just lost track.",
    "Just remind me, privately. A nudge usually does it.",
    "Mention it at the start of our next one-on-one, before the numbers.",
    "Text me: 'You said you'd do X.' That's all I need the first time.",
)
LADDER_MIDDLE = (
    "Call it out directly in our one-on-one and let's write a plan for the week together.",
    "Sit in on my calls for a week and tell me honestly what you see.",
    "Take me out to lunch; clearly something is going on and I need one-on-one attention.",
    "Check my activity daily for two weeks. I won't like it, but I'm asking for it.",
    "Put it in writing: a 30-day plan with a check-in every Friday.",
    "Pair me with {peer} for a week of calls so I can see what good looks like again.",
)
LADDER_LAST = (
    "If none of that works, put me on a formal performance plan, and if I miss that, let me "
    "go. Say it to me straight.",
    "After that, it's termination. I'd rather hear it from you than guess.",
    "If I still don't hold up my end, I understand I lose the job. Don't soften it.",
    "Last step: a formal warning with HR, then termination if nothing changes in 30 days.",
)

# --- what people say in one-on-ones ----------------------------------------------------------

REP_AGENDA = (
    "Wants help with pricing pushback at {co}: they are comparing us to {comp} line by line.",
    "Asked how the **Q{q} SPIFF** is calculated. I'll check with RevOps.",
    "Lead quality from the {day} webinar was poor: {n} of {n2} had no budget. Wants marketing "
    "to hear it from us, not from the forecast.",
    "Vacation [{vac}]; {peer} covers inbound while out.",
    "Stuck on legal at {co}: redlines on the liability cap | procurement wants net 60.",
    "Wants to shadow {peer} on an enterprise discovery call.",
    "Second opinion on the {co} org chart: champion is {contact}, economic buyer unknown.",
    "The CRM duplicate rule keeps merging {co} with {co2}. Ticket open since {day}.",
    "Career: asked what it takes to get to Senior AE. We'll write it down next time.",
    "Commission statement looks short by about ${amt}; asked me to chase it.",
    "Feeling stretched: {n} demos plus two RFPs this week. Wants help prioritising.",
    "Wants to try a video-first outbound sequence for {industry} accounts.",
    "Territory question: is {co} ours or the enterprise team's? [open]",
    "Nothing big this week; used the time for a deal review on {co}.",
    "# of demos is up but conversion is flat; wants to go through the talk track together.",
    "Asked whether we can get a {industry} reference customer for {co}.",
    "Proud of the {co} save: they were going to churn, now they're expanding.",
    "Raised a side-deal rumour: someone promised {co} free onboarding. Wants deal desk to "
    "handle it, not Slack.",
    "`closed-lost` reasons are a mess in the CRM; proposes a short pick-list.",
    "Wants Fridays after 2 pm blocked for prospecting <no meetings>.",
    "{contact} at {co} moved to {co2}: a warm intro into a new account.",
    "Asked for feedback on the {co} proposal before it goes out {day}.",
)
MANAGER_AGENDA = (
    "Forecast hygiene: {n} opps with close dates in the past. Fix by {day}.",
    "Feedback on the {co} demo: strong discovery, rushed the close. Ask for the next step "
    "before the call ends.",
    "Team update: the new territory map [draft] goes live next month.",
    "Reminder of the **no side deals** rule after the {co} discount thread. Everything goes "
    "through deal desk.",
    "Shared win/loss notes from {co2}: we lost on implementation time, not price.",
    "Want the {co} mutual action plan in writing before it goes into commit.",
    "Pipeline coverage for next quarter is {cov}x; we want 3x. Where does the rest come from?",
    "Call review: {day}'s call with {contact} at {co}. Great questions; talked over the "
    "objection twice.",
    "Kudos from {contact} at {co} about the onboarding handoff. Passed it on to the team.",
    "QBR prep deck due {day}: use the new template (see [QBR deck](https://wiki.example.com/qbr)).",
    "Commit | Best case | Pipeline this month: {c1}k | {c2}k | {c3}k.",
    "Hiring: asked for referrals for the open SDR seat.",
    "Checked my own side: I still owe the pricing answer for {co}. Doing it today.",
    "Heads-up: comp plan for next year is being drafted; nothing final, no rumours please.",
    "Asked to present the {co} win at Friday's team meeting (5 minutes, no slides).",
)
RECAPS = (
    "Good week; focus stays on multi-threading.",
    "Short one: {rep} was between two customer calls.",
    "Mostly deal review on {co}.",
    "Energy was low. Follow up on workload.",
    "Solid. Numbers on pace and commitments kept.",
    "Ran over by 10 minutes; worth it.",
)
PRIVATE_NOTES = (
    "Seemed tired; third late night this week. Ask about workload next time.",
    "Mentioned a recruiter reached out. Keep an eye on engagement.",
    "Tension with {peer} over the {co} split. Talk to both before it festers.",
    "Personal: a parent in hospital. Offered flexible hours; don't push on activity this week.",
    "Strong candidate for Senior AE in two quarters if forecast accuracy holds.",
    "I was late to this one again. My side of the agreement: fix it.",
    "Defensive about the numbers. Check: did I set this quota clearly enough at the review?",
    "Possible side deal with {co} (free implementation hours). Verify with deal desk first.",
)
REP_TODOS = (
    "Send the proposal to {co}",
    "Book {n} discovery calls with {industry} accounts",
    "Update close dates on stale opportunities",
    "Get {contact} at {co} to a demo",
    "Multi-thread {co}: meet the economic buyer",
    "Send the mutual action plan to {co}",
    "Clean up duplicate accounts in the CRM",
    "Shadow {peer} on a negotiation call",
    "Prep the QBR deck for {co}",
    "Follow up on the {co} redlines with legal",
    "Write up win/loss notes for {co2}",
    "Run the new outbound sequence on {n} {industry} accounts",
    "Ask {co} for a reference call",
    "Log all of {day}'s calls in the CRM [overdue habit]",
    "Draft a **one-page** business case for {co}",
)
MANAGER_TODOS = (
    "Get pricing approval for {co}",
    "Intro {rep} to our VP Sales for the {co} exec meeting",
    "Review {rep}'s call recording with {co}",
    "Answer the commission question on {co}",
    "Ride along on the {co} onsite",
    "Find out when the territory map is final",
    "Chase RevOps about the missing commission",
    "Get marketing to re-score the webinar leads",
    "Book a deal-desk slot for {co}",
    "Ask product about the {co} feature request | SSO",
)
DROP_REASONS = (
    "{co} went dark; not worth chasing this quarter.",
    "Superseded: the new pricing page answers it.",
    "Deal lost to {comp}; nothing left to send.",
    "No longer needed after the territory change.",
    "We agreed it was the wrong priority; pipeline first.",
    "Customer asked us to pause until their budget cycle.",
)
BEHIND = (
    "Behind: the offsite ate two days.",
    "Short on activity; says the {industry} list is exhausted.",
    "Below pace. Agreed to front-load next week.",
    "Light week: two days on the {co} RFP.",
)
AHEAD = (
    "**Ahead of pace.** Keep it up.",
    "Strong week; the {co} deal pulled in.",
    "On pace or better across the board.",
    "Good numbers; watch the pipeline for next quarter.",
)
QR_CHANGES = (
    "New pricing from {month}; discounts above 15% now need my sign-off.",
    "Territory grew by {n} {industry} accounts.",
    "Lost {co} to {comp}; pipeline needs rebuilding.",
    "Marketing moves to account-based campaigns: fewer but better inbound leads.",
    "New hire joins the pod; {rep} buddies them for two weeks.",
    "Deal desk now turns quotes around same day.",
)
NEXT_STEPS = (
    "We do step {k} as written, starting today. Next check at our one-on-one in a week.",
    "{rep} agreed: step {k} now, and we look at the numbers together on Friday.",
    "Plan for two weeks written down; if it holds, we stay at step {k}.",
)
DEPARTED_DROP = "Left the team before it was done."
SELF_CHECKS = (
    "I set the expectation clearly",
    "I coached on it",
    "I kept my own commitments",
    "I hired well for this role",
)
CHECK_IN = ("Daily check-in with {mgr}", 16 * 60 + 30, 30)
# the first two weeks, day by day (habit 6): title, start minute of day, length in minutes
ONBOARDING_PLAN: tuple[tuple[tuple[str, int, int], ...], ...] = (
    (
        ("Welcome, laptop and accounts", 9 * 60, 90),
        ("Meet the team", 11 * 60, 60),
        ("HR, payroll and benefits", 14 * 60, 60),
        CHECK_IN,
    ),
    (
        ("Product deep dive with an SE", 9 * 60 + 30, 120),
        ("CRM walkthrough", 13 * 60 + 30, 60),
        ("Shadow calls with {peer}", 15 * 60, 90),
    ),
    (
        ("Ideal customer profile and personas", 9 * 60 + 30, 90),
        ("Listen to five recorded calls", 13 * 60, 120),
        CHECK_IN,
    ),
    (
        ("Messaging and talk-track practice", 9 * 60 + 30, 90),
        ("Shadow calls with {peer}", 13 * 60, 120),
        CHECK_IN,
    ),
    (
        ("Pricing and deal desk", 10 * 60, 60),
        ("Competitors: DealStack and PipeHawk", 13 * 60, 60),
        ("Week-one review with {mgr}", 15 * 60 + 30, 60),
    ),
    (
        ("Territory and account review", 9 * 60 + 30, 120),
        ("Build the first prospect list", 13 * 60, 120),
        CHECK_IN,
    ),
    (
        ("Expectations conversation with {mgr}", 10 * 60, 120),
        ("Role-play discovery with {mgr}", 14 * 60, 60),
    ),
    (
        ("First outbound block", 9 * 60, 120),
        ("Shadow a demo", 13 * 60 + 30, 60),
        CHECK_IN,
    ),
    (
        ("Discovery call with {peer} listening", 10 * 60, 60),
        ("Forecasting and pipeline hygiene", 13 * 60 + 30, 60),
        CHECK_IN,
    ),
    (
        ("Two-week review and 30-day plan with {mgr}", 10 * 60, 90),
        ("Team pipeline meeting", 14 * 60, 60),
    ),
)

# --- results ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSummary:
    """How many records of each type ``generate`` wrote."""

    settings: int = 0
    reps: int = 0
    agreements: int = 0
    sessions: int = 0
    commitments: int = 0
    invocations: int = 0
    reviews: int = 0
    onboarding_items: int = 0

    @property
    def total(self) -> int:
        return (
            self.settings
            + self.reps
            + self.agreements
            + self.sessions
            + self.commitments
            + self.invocations
            + self.reviews
            + self.onboarding_items
        )


# --- the generator ---------------------------------------------------------------------------


@dataclass
class _Line:
    """A quota line of one rep and how its number is simulated."""

    spec: LineSpec
    line: QuotaLine


@dataclass
class _Changes:
    """What a quarterly review changed, in words, by the step where it is discussed."""

    quota: list[str] = field(default_factory=list)
    both: list[str] = field(default_factory=list)
    ladder: list[str] = field(default_factory=list)


@dataclass
class _Plan:
    rep: Rep
    first: str
    role: str
    book: list[str]
    slot_day: int
    slot_minute: int
    perf: float
    peer: str = ""
    takeover: bool = True
    end: pendulum.Date | None = None  # sessions strictly before this date
    # dates and kinds of the sessions held, and planned future dates (for review due dates)
    held: list[pendulum.Date] = field(default_factory=list)
    kinds: list[SessionKind] = field(default_factory=list)
    future: list[pendulum.Date] = field(default_factory=list)
    review_quarter: dict[int, pendulum.Date] = field(default_factory=dict)
    first_date: pendulum.Date | None = None
    first_minute: int = 0
    overdue_quarter: pendulum.Date | None = None
    behind_now: bool = False  # the last session carries everything due: past-due work today
    invocations: dict[int, int] = field(default_factory=dict)  # session index -> step index
    agreements: list[Agreement] = field(default_factory=list)
    lines: list[_Line] = field(default_factory=list)


def _quarter_start(d: pendulum.Date) -> pendulum.Date:
    return pendulum.Date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)


def _next_quarter(q: pendulum.Date) -> pendulum.Date:
    month = q.month + 3
    return pendulum.Date(q.year + (month > 12), (month - 1) % 12 + 1, 1)


def _is_holiday(d: pendulum.Date) -> bool:
    return (
        (d.month == 12 and d.day >= 24)
        or (d.month == 1 and d.day == 1)
        or (d.month == 7 and d.day == 4)
    )


def _weekday_on_or_after(d: pendulum.Date, weekday: int) -> pendulum.Date:
    return d + timedelta(days=(weekday - d.weekday()) % 7)


def _review_due(q: pendulum.Date) -> pendulum.Date:
    """A quarterly review is due by the end of the quarter's second week."""
    return q + timedelta(days=13)


def _first_review_quarter(first: pendulum.Date) -> pendulum.Date:
    """The quarter of the first review after an agreement made on ``first``: the next
    quarter, unless that starts within three weeks."""
    q = _next_quarter(_quarter_start(first))
    return q if (q - first).days >= 21 else _next_quarter(q)


def _money(x: float) -> str:
    return f"{x:,.0f}"


class _Generator:
    def __init__(
        self, *, reps: int, years: float, today: pendulum.Date, seed: int, per_week: float
    ) -> None:
        if reps < 1:
            raise ValueError("reps must be at least 1")
        if years <= 0:
            raise ValueError("years must be positive")
        if per_week <= 0:
            raise ValueError("sessions_per_week must be positive")
        self.rng = random.Random(seed)
        self.n_reps = reps
        self.today = pendulum.Date(today.year, today.month, today.day)
        self.tz = pendulum.timezone(TIMEZONE)
        self.per_week = per_week
        self.step_days = 7.0 / per_week
        self.window_start = self.today - timedelta(days=max(7, round(years * 365.25)))
        self.horizon = self.today + timedelta(days=200)
        self.plans: list[_Plan] = []
        self.sessions: list[Session] = []
        self.commitments: list[CommitmentRecord] = []
        self.invocations: list[Invocation] = []
        self.reviews: list[Review] = []
        self.onboarding: list[OnboardingItem] = []
        self.full_quarter: set[str] = set()  # quota lines whose running quarter is complete

    # -- small helpers --------------------------------------------------------------------

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def at(self, d: pendulum.Date, minute_of_day: int) -> pendulum.DateTime:
        hour, minute = divmod(minute_of_day, 60)
        return pendulum.datetime(d.year, d.month, d.day, hour, minute, tz=self.tz)

    def weekday_shift(self, d: pendulum.Date) -> pendulum.Date:
        """Saturday moves to Friday, Sunday to Monday."""
        wd = d.weekday()
        if wd == 5:
            return d - timedelta(days=1)
        if wd == 6:
            return d + timedelta(days=1)
        return d

    def ctx(self, plan: _Plan) -> dict[str, Any]:
        rng = self.rng
        co, co2 = rng.sample(plan.book, 2)
        n = rng.randint(3, 12)
        vac_start = rng.randint(1, 24)
        return {
            "co": co,
            "co2": co2,
            "contact": rng.choice(CONTACTS),
            "comp": rng.choice(COMPETITORS),
            "industry": rng.choice(INDUSTRIES),
            "day": rng.choice(WEEKDAYS),
            "n": n,
            "n2": n + rng.randint(2, 20),
            "amt": rng.choice((180, 420, 650, 1200, 2300)),
            "peer": plan.peer,
            "rep": plan.first,
            "mgr": MANAGER_FIRST,
            "q": rng.randint(1, 4),
            "vac": f"{rng.choice(MONTHS)[:3]} {vac_start}-{vac_start + rng.randint(2, 6)}",
            "cov": rng.choice(("1.8", "2.1", "2.4", "2.7", "3.2")),
            "c1": rng.randint(20, 90),
            "c2": rng.randint(30, 140),
            "c3": rng.randint(100, 400),
            "month": rng.choice(MONTHS),
        }

    # -- the team -------------------------------------------------------------------------

    def settings(self) -> TeamSettings:
        return TeamSettings(
            manager_name=MANAGER_NAME,
            timezone=TIMEZONE,
            takeover_date=self.window_start,
            work_start="08:30",
            work_end="17:30",
        )

    def names(self) -> list[str]:
        rng = self.rng
        firsts = list(FIRST_NAMES)
        rng.shuffle(firsts)
        lasts = list(LAST_NAMES)
        rng.shuffle(lasts)
        names: list[str] = []
        seen: set[str] = set()
        i = 0
        while len(names) < self.n_reps:
            first = firsts[i % len(firsts)]
            last = lasts[(i + i // len(lasts)) % len(lasts)]
            i += 1
            name = f"{first} {last}"
            if name not in seen:
                seen.add(name)
                names.append(name)
        return names

    def make_team(self) -> None:
        rng = self.rng
        n = self.n_reps
        n_onboarding = 1 if n >= 2 else 0
        n_departed = 1 if n >= 3 else 0
        n_active = n - n_onboarding - n_departed
        window_days = (self.today - self.window_start).days
        can_hire = window_days >= 90
        n_hired = round(n_active / 6) if n_active >= 4 and can_hire else 0
        roles = [ROLE_CYCLE[i % len(ROLE_CYCLE)] for i in range(n)]
        rng.shuffle(roles)
        # 90 minutes apart, so that even a long quarterly review ends before the next one
        slots = [(d, m) for m in (540, 630, 780, 870, 960) for d in range(5)]
        rng.shuffle(slots)
        kinds = (
            ["active"] * (n_active - n_hired)
            + ["hired"] * n_hired
            + ["departed"] * n_departed
            + ["onboarding"] * n_onboarding
        )
        for i, (name, role, kind) in enumerate(zip(self.names(), roles, kinds, strict=True)):
            slot_day, slot_minute = slots[i % len(slots)]
            if i >= len(slots):  # a very large team: some one-on-ones overlap
                slot_minute += 45 * ((i // len(slots)) % 2)
            status = RepStatus.ACTIVE
            departed_on = None
            end: pendulum.Date | None = self.today
            if kind in ("active", "departed"):
                start = self.window_start - timedelta(days=rng.randint(30, 6 * 365))
                start = _weekday_on_or_after(start, 0)
                created = self.at(self.window_start, 9 * 60 + i % 240)
            elif kind == "hired":
                lo, hi = 14, window_days - 45
                start = _weekday_on_or_after(
                    self.window_start + timedelta(days=rng.randint(lo, hi)), 0
                )
                created = self.at(start - timedelta(days=10), 10 * 60 + rng.randint(0, 300))
            else:  # onboarding: started this week or starts next Monday
                start = self.today - timedelta(days=self.today.weekday())
                if rng.random() < 0.5:
                    start = start + timedelta(days=7)
                status = RepStatus.ONBOARDING
                end = None
                created = self.at(start - timedelta(days=12), 10 * 60 + rng.randint(0, 300))
            updated = created
            if kind == "departed":
                low = min(30, window_days // 3)
                high = max(low, min(240, window_days * 2 // 3))
                departed_on = self.weekday_shift(
                    self.today - timedelta(days=rng.randint(low, high))
                )
                status = RepStatus.DEPARTED
                end = departed_on
                updated = self.at(departed_on, 17 * 60)
            rep = Rep(
                name=name,
                start_date=start,
                role=role,
                status=status,
                departed_on=departed_on,
                id=self.uid(),
                created_at=created,
                updated_at=updated,
            )
            self.plans.append(
                _Plan(
                    rep=rep,
                    first=name.split(" ")[0],
                    role=role,
                    book=rng.sample(COMPANIES, 8),
                    slot_day=slot_day,
                    slot_minute=slot_minute,
                    perf=min(1.35, max(0.7, rng.gauss(1.0, 0.12))),
                    takeover=kind != "hired",
                    end=end,
                )
            )
        for i, plan in enumerate(self.plans):
            plan.peer = self.plans[(i + 1) % len(self.plans)].first if n > 1 else MANAGER_FIRST

    # -- the calendar ---------------------------------------------------------------------

    def reset_slots(self) -> list[tuple[pendulum.Date, int]]:
        """Two-hour slots in the manager's first two weeks, for the new-leader resets."""
        days = [self.window_start + timedelta(days=i) for i in range(14)]
        days = [d for d in days if d.weekday() < 5]
        return [(d, minute) for d in days for minute in (9 * 60, 13 * 60, 15 * 60 + 30)]

    def schedule(self, plan: _Plan, reset_slot: tuple[pendulum.Date, int]) -> None:
        """Decide the dates and kinds of every session of ``plan`` (none for onboarding)."""
        if plan.end is None:
            return
        rng = self.rng
        if plan.takeover:
            # a new leader starts over with every rep in the first two weeks (habit 7)
            first, plan.first_minute = reset_slot
            first_kind = SessionKind.NEW_LEADER_RESET
        else:
            # in week one or two of the rep's start (habit 6)
            first = plan.rep.start_date + timedelta(days=rng.choice((2, 3, 4, 8, 9)))
            plan.first_minute = rng.choice((8 * 60 + 30, 13 * 60, 15 * 60 + 30))
            first_kind = SessionKind.EXPECTATIONS
        plan.first_date = first
        # weekly one-on-ones begin once the first conversations are done
        after = first + timedelta(days=4)
        if plan.takeover:
            after = max(after, self.window_start + timedelta(days=14))
        regular_from = _weekday_on_or_after(after, plan.slot_day)
        dates = [first]
        k = 0
        while True:
            d = self.weekday_shift(regular_from + timedelta(days=round(k * self.step_days)))
            k += 1
            if d > self.horizon:
                break
            if d > dates[-1] and not _is_holiday(d):
                dates.append(d)
        # the first session on or after each quarter start is that quarter's review
        reviews: dict[int, pendulum.Date] = {}
        q = _first_review_quarter(first)
        j = 1
        while j < len(dates):
            while j < len(dates) and dates[j] < q:
                j += 1
            if j < len(dates):
                reviews[j] = q
            q = _next_quarter(q)
        for j, d in enumerate(dates):
            if d >= plan.end:
                plan.future.append(d)
                continue
            forced = j == 0 or j in reviews
            if not forced and rng.random() < 0.04:
                continue  # vacation, sick day, customer emergency
            if j in reviews:
                plan.review_quarter[len(plan.held)] = reviews[j]
            plan.held.append(d)
            plan.kinds.append(
                first_kind
                if j == 0
                else SessionKind.QUARTERLY_REVIEW
                if j in reviews
                else SessionKind.REGULAR
            )

    def miss_a_review(self, plan: _Plan) -> None:
        """This rep's latest due review was not held: it stays scheduled and overdue."""
        candidates = [i for i, q in plan.review_quarter.items() if _review_due(q) < self.today]
        if not candidates:
            return
        i_miss = max(candidates)
        plan.overdue_quarter = plan.review_quarter[i_miss]
        for i in [i for i in plan.review_quarter if i >= i_miss]:
            plan.kinds[i] = SessionKind.REGULAR
            del plan.review_quarter[i]

    def pick_invocations(self) -> None:
        rng = self.rng
        candidates = [
            p for p in self.plans if p.rep.status is RepStatus.ACTIVE and len(p.held) >= 10
        ]
        if not candidates:
            return
        count = max(2, round(self.n_reps / 6))
        previous: _Plan | None = None
        for i in range(count):
            if i % 3 == 1 and previous is not None:
                (last_idx, last_step) = max(previous.invocations.items())
                idx = last_idx + rng.randint(3, 6)
                if idx < len(previous.held) and previous.kinds[idx] is SessionKind.REGULAR:
                    previous.invocations[idx] = last_step + 1
                    previous.kinds[idx] = SessionKind.ACCOUNTABILITY
                    continue
            fresh = [p for p in candidates if not p.invocations] or candidates
            plan = rng.choice(fresh)
            n = len(plan.held)
            lo = max(6, n - 40)
            options = [
                j
                for j in range(lo, n - 1)
                if plan.kinds[j] is SessionKind.REGULAR
                and all(abs(j - k) > 8 for k in plan.invocations)
            ]
            if not options:
                continue
            idx = rng.choice(options)
            plan.invocations[idx] = 0
            plan.kinds[idx] = SessionKind.ACCOUNTABILITY
            previous = plan
        for plan in candidates:  # a later invocation climbs the ladder
            for rank, idx in enumerate(sorted(plan.invocations)):
                plan.invocations[idx] = rank

    # -- agreements -----------------------------------------------------------------------

    def first_agreement(self, plan: _Plan, on: pendulum.DateTime) -> Agreement:
        rng = self.rng
        scale = rng.choice((0.9, 1.0, 1.0, 1.1, 1.2))
        for spec in QUOTA_SPECS[plan.role]:
            label, base, unit, period, kind = spec
            number = base
            if kind == "money":
                number = round(base * scale / 5000) * 5000
            elif kind == "count":
                number = max(1, round(base * scale))
            plan.lines.append(
                _Line(spec, QuotaLine(label, float(number), unit, period, self.uid()))
            )
        ladder = [rng.choice(LADDER_FIRST)]
        middle = rng.sample(LADDER_MIDDLE, rng.randint(1, 3))
        ladder += [m.format(peer=plan.peer) for m in middle]
        ladder.append(rng.choice(LADDER_LAST))
        comm = []
        for urgency, (mc, mr, rc, rr) in COMM_CHOICES.items():
            comm.append(
                CommRule(
                    urgency=urgency,
                    manager_channel=rng.choice(mc),
                    manager_response=rng.choice(mr),
                    rep_channel=rng.choice(rc),
                    rep_response=rng.choice(rr),
                )
            )
        activity_pool = ACTIVITY if plan.role == "SDR" else ACTIVITY[:5]
        return self.agreement(
            plan,
            version=1,
            on=on,
            activity=rng.sample(activity_pool, rng.randint(2, 3)),
            conduct=rng.sample(CONDUCT, 3),
            work_schedule=rng.choice(WORK_SCHEDULES),
            job_loss=rng.choice(JOB_LOSS),
            manager_commitments=rng.sample(MANAGER_PROMISES, rng.randint(3, 4)),
            rep_requests=rng.sample(REP_REQUESTS, rng.randint(1, 3)),
            comm_rules=comm,
            open_door=rng.choice(OPEN_DOORS),
            rep_hours=rng.choice(REP_HOURS),
            consequence_steps=[ConsequenceStep(text, self.uid()) for text in ladder],
        )

    def agreement(
        self, plan: _Plan, *, version: int, on: pendulum.DateTime, **parts: Any
    ) -> Agreement:
        """A version agreed at the end of the session that ended ``on``."""
        day = on.date()
        return Agreement(
            rep_id=plan.rep.id,
            version=version,
            state=AgreementState.AGREED,
            agreed_on=day,
            manager_name=MANAGER_NAME,
            quota_lines=[line.line for line in plan.lines],
            next_review=_review_due(_first_review_quarter(day)),
            id=self.uid(),
            created_at=on,
            **parts,
        )

    def next_agreement(self, plan: _Plan, on: pendulum.DateTime) -> tuple[Agreement, _Changes]:
        """The next quarter's version; returns it and what changed, in words."""
        rng = self.rng
        prev = plan.agreements[-1]
        changes = _Changes()
        for item in plan.lines:
            label, _base, unit, period, kind = item.spec
            old = item.line.number
            new: float
            if kind == "money":
                new = round(old * rng.choice((1.0, 1.0, 1.03, 1.05, 1.08, 1.1)) / 5000) * 5000
            elif kind == "count":
                new = max(1.0, old + rng.choice((0, 0, 0, 0, 1, -1)))
            else:
                new = old
            if new != old:
                item.line = QuotaLine(label, float(new), unit, period, item.line.id)
                changes.quota.append(
                    f"{label} {_money(old)} -> {_money(new)} {unit} per {period.value}."
                )
        if len(plan.lines) < 4 and plan.role != "Account Manager" and rng.random() < 0.04:
            label, base, unit, period, kind = EXTRA_LINE
            plan.lines.append(
                _Line(EXTRA_LINE, QuotaLine(label, float(base), unit, period, self.uid()))
            )
            changes.quota.append(f"New line: {label} {base} {unit} per {period.value}.")
        requests = list(prev.rep_requests)
        if rng.random() < 0.12:
            extra = [r for r in REP_REQUESTS if r not in requests]
            if extra and (len(requests) < 3 or rng.random() < 0.5):
                requests.append(rng.choice(extra))
                changes.both.append(f"{plan.first} asked: {requests[-1]}")
            elif len(requests) > 1:
                gone = requests.pop(rng.randrange(len(requests)))
                changes.both.append(f"Request settled and removed: {gone}")
        steps = list(prev.consequence_steps)
        if rng.random() < 0.06 and len(steps) >= 3:
            k = rng.randrange(1, len(steps) - 1)
            options = [m.format(peer=plan.peer) for m in LADDER_MIDDLE]
            options = [o for o in options if o not in (s.text for s in steps)]
            steps[k] = ConsequenceStep(rng.choice(options), self.uid())
            changes.ladder.append(f'{plan.first} reworded step {k + 1}: "{steps[k].text}"')
        activity = list(prev.activity)
        if rng.random() < 0.05:
            pool = [a for a in ACTIVITY if a not in activity]
            if pool:
                del activity[rng.randrange(len(activity))]
                activity.append(rng.choice(pool))
                changes.both.append(f"Activity now includes: {activity[-1]}")
        agreement = self.agreement(
            plan,
            version=prev.version + 1,
            on=on,
            activity=activity,
            conduct=prev.conduct,
            work_schedule=prev.work_schedule,
            job_loss=prev.job_loss,
            manager_commitments=prev.manager_commitments,
            rep_requests=requests,
            comm_rules=prev.comm_rules,
            open_door=prev.open_door,
            rep_hours=prev.rep_hours,
            consequence_steps=steps,
        )
        return agreement, changes

    # -- sessions -------------------------------------------------------------------------

    def run_rep(self, plan: _Plan) -> None:
        """Walk one rep's sessions in order: agreements, numbers, commitments, notes."""
        rng = self.rng
        if not plan.held:
            return
        open_items: list[CommitmentRecord] = []
        recent_misses: dict[str, str] = {}  # rep commitments carried lately, by text
        totals: dict[str, tuple[Any, float, float]] = {}  # line id -> (period key, running total)
        last_quarter_pct: dict[str, float] = {}
        agreement: Agreement | None = None
        slump = {j for i in plan.invocations for j in range(i - 4, i + 1)}
        per_quarter = 13.0 * self.per_week
        for idx, (d, kind) in enumerate(zip(plan.held, plan.kinds, strict=True)):
            ctx = self.ctx(plan)
            start_minute = plan.slot_minute + rng.choice((0, 0, 0, 0, 0, 2, 5, 5, 10))
            if idx == 0:
                start_minute = plan.first_minute
            started = self.at(d, start_minute)
            lo, hi = DURATION_MINUTES[kind]
            ended = self.at(d, start_minute + rng.randint(lo, hi))
            session_id = self.uid()
            changes = _Changes()
            if idx == 0:
                agreement = self.first_agreement(plan, ended)
                plan.agreements.append(agreement)
            elif kind is SessionKind.QUARTERLY_REVIEW:
                agreement, changes = self.next_agreement(plan, ended)
                plan.agreements[-1].superseded = True
                plan.agreements.append(agreement)
                q = plan.review_quarter[idx]
                self.reviews.append(
                    Review(
                        scope=ReviewScope.REP,
                        due=_review_due(q),
                        rep_id=plan.rep.id,
                        state=ReviewState.DONE,
                        held_on=d,
                        session_id=session_id,
                        id=self.uid(),
                    )
                )
            assert agreement is not None
            factor = plan.perf * (0.62 if idx in slump else 1.0)

            # numbers
            numbers: list[NumberEntry] = []
            if idx > 0:
                for item in plan.lines:
                    numbers.append(
                        self.number(item, d, factor, per_quarter, totals, last_quarter_pct)
                    )

            # commitments due by today get done, carried or dropped
            done: list[str] = []
            carried: list[str] = []
            dropped: list[str] = []
            still_open: list[CommitmentRecord] = []
            for c in open_items:
                if c.due is None or c.due > d:
                    still_open.append(c)
                    continue
                roll = rng.random()
                p_done, p_carry = (0.45, 0.47) if idx in slump else (0.8, 0.15)
                if c.carried >= 3:
                    p_done, p_carry = 0.6, 0.0
                elif plan.behind_now and idx == len(plan.held) - 1:
                    p_done, p_carry = 0.0, 1.0
                if roll < p_done:
                    c.state = CommitmentState.DONE
                    c.closed_at = self.at(d, start_minute + 3)
                    done.append(c.text)
                elif roll < p_done + p_carry:
                    c.carried += 1
                    carried.append(f"{c.text} ({_ordinal(c.carried)} time)")
                    still_open.append(c)
                    if c.owner is Owner.REP:
                        recent_misses[c.text] = f"{c.text}: carried {_times(c.carried)}"
                else:
                    c.state = CommitmentState.DROPPED
                    c.closed_at = self.at(d, start_minute + 4)
                    c.drop_reason = rng.choice(DROP_REASONS).format(**ctx)
                    dropped.append(f"{c.text}: {c.drop_reason}")
            open_items = still_open

            # new commitments
            new_items: list[CommitmentRecord] = []
            n_rep = rng.choices((0, 1, 2), (0.1, 0.6, 0.3))[0]
            n_mgr = 1 if rng.random() < 0.45 else 0
            if kind in (SessionKind.EXPECTATIONS, SessionKind.NEW_LEADER_RESET):
                n_mgr = 1
            for owner, count in ((Owner.REP, n_rep), (Owner.MANAGER, n_mgr)):
                pool = REP_TODOS if owner is Owner.REP else MANAGER_TODOS
                for _ in range(count):
                    text = rng.choice(pool).format(**ctx)
                    if owner is Owner.MANAGER and kind in (
                        SessionKind.EXPECTATIONS,
                        SessionKind.NEW_LEADER_RESET,
                        SessionKind.QUARTERLY_REVIEW,
                    ):
                        text = f"Send {plan.first} the written agreement v{agreement.version}"
                    due = self.weekday_shift(d + timedelta(days=rng.choice((2, 3, 3, 7, 7, 7, 14))))
                    todo = CommitmentRecord(
                        rep_id=plan.rep.id,
                        owner=owner,
                        text=text,
                        due=due,
                        session_id=session_id,
                        created_at=self.at(d, start_minute + lo),
                        id=self.uid(),
                    )
                    new_items.append(todo)
            open_items.extend(new_items)
            self.commitments.extend(new_items)

            # invocation
            invocation: Invocation | None = None
            if idx in plan.invocations:
                invocation = self.invoke(
                    plan,
                    agreement,
                    plan.invocations[idx],
                    session_id,
                    started,
                    numbers,
                    recent_misses,
                )
            for key in list(recent_misses)[:-4]:
                del recent_misses[key]

            steps = self.steps(
                plan,
                kind,
                agreement,
                ctx,
                numbers,
                done,
                carried,
                dropped,
                new_items,
                changes,
                invocation,
                last_quarter_pct,
            )
            addenda: list[Addendum] = []
            if rng.random() < 0.02:
                addenda.append(
                    Addendum(
                        at=self.at(d + timedelta(days=rng.randint(1, 3)), 16 * 60),
                        text=f"Follow-up: {ctx['co']} signed the order form.",
                    )
                )
            self.sessions.append(
                Session(
                    rep_id=plan.rep.id,
                    kind=kind,
                    started_at=started,
                    ended_at=ended,
                    script_name=SCRIPTS[kind][0],
                    steps=steps,
                    current_step=len(steps) - 1,
                    notes=rng.choice(RECAPS).format(**ctx) if rng.random() < 0.3 else "",
                    private_notes=(
                        rng.choice(PRIVATE_NOTES).format(**ctx) if rng.random() < 0.12 else ""
                    ),
                    numbers=numbers,
                    agreement_id=agreement.id,
                    agreement_version=agreement.version,
                    closed=True,
                    addenda=addenda,
                    id=session_id,
                )
            )

        if plan.rep.status is RepStatus.DEPARTED and plan.rep.departed_on is not None:
            for c in open_items:
                c.state = CommitmentState.DROPPED
                c.closed_at = self.at(plan.rep.departed_on, 17 * 60)
                c.drop_reason = DEPARTED_DROP

    def number(
        self,
        item: _Line,
        d: pendulum.Date,
        factor: float,
        per_quarter: float,
        totals: dict[str, tuple[Any, float, float]],
        last_quarter_pct: dict[str, float],
    ) -> NumberEntry:
        rng = self.rng
        label, _base, unit, period, kind = item.spec
        target = item.line.number
        line_id = item.line.id
        if kind == "money":
            key: Any = _quarter_start(d)
            prev_key, total, prev_target = totals.get(line_id, (None, 0.0, target))
            if prev_key != key:
                if prev_key is not None and line_id in self.full_quarter:
                    last_quarter_pct[label] = 100.0 * total / prev_target
                elif prev_key is not None:
                    self.full_quarter.add(line_id)  # the first quarter seen was only partly seen
                total = 0.0
            if rng.random() < 0.35:
                deal = target * factor / (per_quarter * 0.35) * rng.uniform(0.4, 1.6)
                total += round(deal / 500) * 500
            totals[line_id] = (key, total, target)
            actual = total
        elif kind == "pct":
            actual = round(min(100.0, target + rng.gauss((factor - 1.0) * 20, 2.0)), 1)
        elif period is Period.MONTH:
            key = (d.year, d.month)
            prev_key, total, _ = totals.get(line_id, (key, 0.0, target))
            if prev_key != key:
                total = 0.0
            total += target / 4.33 / self.per_week * factor * rng.gauss(1.0, 0.3)
            totals[line_id] = (key, max(0.0, total), target)
            actual = float(round(max(0.0, total)))
        else:
            actual = float(max(0, round(target * factor * rng.gauss(1.0, 0.18))))
        return NumberEntry(
            quota_line_id=line_id,
            label=label,
            actual=float(actual),
            target=target,
            unit=unit,
            period=period,
        )

    def invoke(
        self,
        plan: _Plan,
        agreement: Agreement,
        step_index: int,
        session_id: str,
        started: pendulum.DateTime,
        numbers: list[NumberEntry],
        misses: dict[str, str],
    ) -> Invocation:
        rng = self.rng
        step_index = min(step_index, len(agreement.consequence_steps) - 1)
        step = agreement.consequence_steps[step_index]
        evidence = list(misses.values())[-3:]
        below = [
            f"{n.label}: {_money(n.actual)} of {_money(n.target)} {n.unit} per {n.period.value}"
            for n in numbers
            if n.actual < 0.8 * n.target and n.period in (Period.DAY, Period.WEEK)
        ]
        evidence += below[:2]
        if not evidence:
            evidence.append("Forecast missed by a third last month, with no heads-up beforehand.")
        reason = (
            f"{plan.first} is not keeping the agreement: "
            + (
                "commitments carried week after week"
                if misses
                else "activity below the agreed numbers"
            )
            + ". This is the step they asked for."
        )
        self_check = {name: True for name in SELF_CHECKS}
        if rng.random() < 0.3:
            self_check["I kept my own commitments"] = False
        invocation = Invocation(
            rep_id=plan.rep.id,
            agreement_id=agreement.id,
            agreement_version=agreement.version,
            step_id=step.id,
            step_index=step_index,
            step_text=step.text,
            reason=reason,
            invoked_at=started.add(minutes=20),
            session_id=session_id,
            evidence=evidence,
            self_check=self_check,
            id=self.uid(),
        )
        self.invocations.append(invocation)
        return invocation

    def steps(
        self,
        plan: _Plan,
        kind: SessionKind,
        agreement: Agreement,
        ctx: dict[str, Any],
        numbers: list[NumberEntry],
        done: list[str],
        carried: list[str],
        dropped: list[str],
        new_items: list[CommitmentRecord],
        changes: _Changes,
        invocation: Invocation | None,
        last_quarter_pct: dict[str, float],
    ) -> list[StepNote]:
        rng = self.rng
        texts: list[str]
        if kind is SessionKind.REGULAR:
            agenda = ""
            if rng.random() < 0.9:
                agenda = rng.choice(MANAGER_AGENDA).format(**ctx)
            texts = [
                self.open_text(done, carried, dropped),
                self.numbers_text(numbers, ctx),
                " ".join(rng.sample(REP_AGENDA, rng.choice((1, 1, 2)))).format(**ctx),
                agenda,
                self.new_text(new_items),
            ]
        elif kind in (SessionKind.EXPECTATIONS, SessionKind.NEW_LEADER_RESET):
            lines = "; ".join(
                f"{q.label} {_money(q.number)} {q.unit} per {q.period.value}"
                for q in agreement.quota_lines
            )
            ladder = " ".join(
                f"{i + 1}. {s.text}" for i, s in enumerate(agreement.consequence_steps)
            )
            texts = [
                f"Quota: {lines}. Activity: {' '.join(agreement.activity)} "
                f"What would cost the job, in plain words: {agreement.job_loss}",
                " ".join(agreement.manager_commitments),
                f"{plan.first} asked for: {' '.join(agreement.rep_requests)}",
                f"Urgent: {agreement.comm_rules[0].rep_channel.lower()}; otherwise email or "
                f"Slack. Hours: {agreement.rep_hours}",
                f"In {plan.first}'s words: {ladder}",
                f"Agreement v{agreement.version} written up and agreed.\n"
                + self.new_text(new_items),
            ]
            if kind is SessionKind.NEW_LEADER_RESET:
                texts.insert(
                    0,
                    f"Told {plan.first} plainly: this is now my team and we start over from the "
                    "beginning. Whatever was agreed with the previous manager, we write our own.",
                )
        elif kind is SessionKind.QUARTERLY_REVIEW:
            pct = [f"{label} closed at {p:.0f}% of quota" for label, p in last_quarter_pct.items()]
            what = rng.choice(QR_CHANGES).format(**ctx)
            texts = [
                ("Last quarter: " + "; ".join(pct) + ". " if pct else "") + what,
                " ".join(changes.quota) or "Quota unchanged for the new quarter.",
                " ".join(changes.both) or "Both sides: kept as written.",
                " ".join(changes.ladder) or f"{plan.first} kept the ladder as written.",
                f"v{agreement.version} agreed; next review by {agreement.next_review}.\n"
                + self.new_text(new_items),
            ]
        else:  # accountability
            assert invocation is not None
            k = invocation.step_index + 1
            mine = (
                "Checked my side: expectation set, coached, commitments kept."
                if all(invocation.self_check.values())
                else "Checked my side: I dropped one of my own commitments too; I said so."
            )
            texts = [
                "\n".join(f"- {e}" for e in invocation.evidence),
                f"Read back from agreement v{invocation.agreement_version}: "
                f'"{invocation.step_text}"',
                f"Step {k} of {len(agreement.consequence_steps)}: {invocation.step_text}",
                rng.choice(NEXT_STEPS).format(k=k, rep=plan.first)
                + "\n"
                + self.new_text(new_items),
                mine,
            ]
        titles = SCRIPTS[kind][1]
        return [
            StepNote(title=title, prompt=prompt, notes=text, covered=bool(text))
            for (title, prompt), text in zip(titles, texts, strict=True)
        ]

    @staticmethod
    def open_text(done: list[str], carried: list[str], dropped: list[str]) -> str:
        parts = []
        if done:
            parts.append("Done: " + "; ".join(done) + ".")
        if carried:
            parts.append("Carried: " + "; ".join(carried) + ".")
        if dropped:
            parts.append("Dropped: " + " ".join(dropped))
        return " ".join(parts) or "Nothing was due since last time."

    def numbers_text(self, numbers: list[NumberEntry], ctx: dict[str, Any]) -> str:
        if not numbers:
            return ""
        parts = [
            f"{n.label} {_money(n.actual)}/{_money(n.target)}"
            + (" QTD" if n.period is Period.QUARTER else "")
            for n in numbers
        ]
        weekly = [n for n in numbers if n.period in (Period.DAY, Period.WEEK)]
        behind = any(n.actual < 0.85 * n.target for n in weekly)
        comment = self.rng.choice(BEHIND if behind else AHEAD).format(**ctx)
        return ", ".join(parts) + ". " + comment

    @staticmethod
    def new_text(items: list[CommitmentRecord]) -> str:
        if not items:
            return "No new commitments."
        return "\n".join(
            f"- {'Me' if c.owner is Owner.MANAGER else 'Rep'}: {c.text} (by {c.due})" for c in items
        )

    # -- reviews and onboarding -----------------------------------------------------------

    def pending_reviews(self, plan: _Plan) -> None:
        if not plan.held or not plan.rep.is_current:
            return
        if plan.overdue_quarter is not None:
            due = _review_due(plan.overdue_quarter)
            moved_from = None
            if due + timedelta(days=7) < self.today:  # moved once, and missed again
                due, moved_from = due + timedelta(days=7), due
            self.reviews.append(
                Review(
                    scope=ReviewScope.REP,
                    due=due,
                    rep_id=plan.rep.id,
                    moved_from=moved_from,
                    id=self.uid(),
                )
            )
            return
        last = plan.agreements[-1].agreed_on
        assert last is not None
        q = _first_review_quarter(last)
        planned = next((d for d in plan.future if d >= q), None)
        due = _review_due(q) if planned is None else max(_review_due(q), planned)
        self.reviews.append(
            Review(scope=ReviewScope.REP, due=due, rep_id=plan.rep.id, id=self.uid())
        )

    def team_reviews(self) -> None:
        q = _next_quarter(_quarter_start(self.window_start))
        while True:
            held_on = _weekday_on_or_after(q + timedelta(days=1), 0)
            if held_on >= self.today:
                self.reviews.append(
                    Review(scope=ReviewScope.TEAM, due=_review_due(q), id=self.uid())
                )
                return
            self.reviews.append(
                Review(
                    scope=ReviewScope.TEAM,
                    due=_review_due(q),
                    state=ReviewState.DONE,
                    held_on=held_on,
                    id=self.uid(),
                )
            )
            q = _next_quarter(q)

    def onboarding_plan(self, plan: _Plan) -> None:
        """Two weeks, day by day, with the expectations conversation in week two."""
        rng = self.rng
        start = plan.rep.start_date
        days = [start + timedelta(days=i) for i in range(14)]
        days = [d for d in days if d.weekday() < 5]
        for d, slots in zip(days, ONBOARDING_PLAN, strict=False):
            for title, minute, length in slots:
                done = d < self.today
                self.onboarding.append(
                    OnboardingItem(
                        rep_id=plan.rep.id,
                        title=title.format(mgr=MANAGER_FIRST, peer=plan.peer),
                        starts_at=self.at(d, minute),
                        ends_at=self.at(d, minute + length),
                        is_expectations_conversation=title.startswith("Expectations"),
                        done=done,
                        done_at=self.at(d, minute + length + rng.randint(0, 20)) if done else None,
                        id=self.uid(),
                    )
                )

    # -- all of it ------------------------------------------------------------------------

    def run(self) -> list[Any]:
        self.make_team()
        slots = self.reset_slots()
        takeover = 0
        for plan in self.plans:
            self.schedule(plan, slots[takeover % len(slots)])
            takeover += plan.takeover
        active = [p for p in self.plans if p.rep.status is RepStatus.ACTIVE and p.held]
        if active:
            late = self.rng.choice(active)
            self.miss_a_review(late)
            late.behind_now = True
            for plan in active:
                plan.behind_now = plan.behind_now or self.rng.random() < 0.3
        self.pick_invocations()
        for plan in self.plans:
            self.run_rep(plan)
            self.pending_reviews(plan)
            if plan.rep.status is RepStatus.ONBOARDING:
                self.onboarding_plan(plan)
        self.team_reviews()
        agreements = [a for p in self.plans for a in p.agreements]
        # everything in one put_many: the store writes the file as few times as it can
        return [
            self.settings(),
            *(p.rep for p in self.plans),
            *agreements,
            *self.reviews,
            *self.invocations,
            *self.onboarding,
            *self.commitments,
            *self.sessions,
        ]


def _times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _ordinal(n: int) -> str:
    return {1: "1st", 2: "2nd", 3: "3rd"}.get(n, f"{n}th")


def generate(
    store: Store,
    *,
    reps: int = 8,
    years: float = 1.0,
    today: pendulum.Date,
    seed: int = 7,
    sessions_per_week: float = 1.0,
) -> DemoSummary:
    """Write a demo team into ``store`` (which should be empty) and say what was written."""
    gen = _Generator(reps=reps, years=years, today=today, seed=seed, per_week=sessions_per_week)
    records = gen.run()
    store.put_many(records)
    return DemoSummary(
        settings=1,
        reps=len(gen.plans),
        agreements=sum(len(p.agreements) for p in gen.plans),
        sessions=len(gen.sessions),
        commitments=len(gen.commitments),
        invocations=len(gen.invocations),
        reviews=len(gen.reviews),
        onboarding_items=len(gen.onboarding),
    )


def demo_file(
    folder: Path,
    *,
    reps: int,
    years: float,
    today: pendulum.Date,
    seed: int = 7,
    sessions_per_week: float = 1.0,
) -> Path:
    """Create (or replace) ``folder/demo.json`` holding a generated team; return its path."""
    path = Path(folder) / DEMO_FILE_NAME
    path.unlink(missing_ok=True)
    store = Store.open(path)
    try:
        generate(
            store,
            reps=reps,
            years=years,
            today=today,
            seed=seed,
            sessions_per_week=sessions_per_week,
        )
    finally:
        store.close()
    return path
