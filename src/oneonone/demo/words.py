"""What the demo's people write and say: the agreement in plain words, and the agendas,
notes, commitments and reasons of their one-on-ones."""

from __future__ import annotations

from oneonone.core.model import (
    Urgency,
)

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
