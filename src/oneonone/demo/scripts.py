"""The shape of the demo's meetings: the conversation scripts (DOMAIN.md, "The conversation
scripts this implies"), how long each kind lasts, and a new rep's first two weeks."""

from __future__ import annotations

from oneonone.core.model import (
    SessionKind,
)

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
